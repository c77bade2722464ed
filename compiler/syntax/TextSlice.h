#ifndef SGD_SYNTAX_TEXTSLICE_H
#define SGD_SYNTAX_TEXTSLICE_H

#include <cstdint>

namespace sgd::syntax {

/// A byte range [begin, end) of a source file.
struct TextSlice {
  uint32_t begin;
  uint32_t end;
};

} // namespace sgd::syntax

#endif
