#ifndef SGD_SYNTAX_CODEPOINTMAP_H
#define SGD_SYNTAX_CODEPOINTMAP_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace sgd::syntax {

/// Maps ANTLR's code-point indexes back to byte offsets. The ANTLR C++ runtime
/// decodes its input to UTF-32 and counts positions in code points; our source
/// ranges are bytes. Only non-ASCII code points are recorded, so ASCII text
/// costs nothing and lookups are a binary search.
class CodePointMap {
public:
  /// `text` must be valid UTF-8; `baseOffset` is added to every result (the
  /// text may be a slice of a larger file).
  CodePointMap(llvm::StringRef text, uint32_t baseOffset);

  uint32_t byteOffset(size_t codePointIndex) const;

private:
  struct Wide {
    uint32_t codePointIndex;
    uint32_t extraBytesThrough; // sum of (length - 1) up to and including it
  };
  std::vector<Wide> wide_;
  uint32_t baseOffset_;
};

} // namespace sgd::syntax

#endif
