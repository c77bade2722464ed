#ifndef SGD_SYNTAX_CODEPOINTMAP_H
#define SGD_SYNTAX_CODEPOINTMAP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace sgd::syntax {

/// A byte range [begin, end) of a source file.
struct TextSlice {
  uint32_t begin;
  uint32_t end;
};

/// Maps ANTLR's code-point indexes back to byte offsets in the file. The ANTLR
/// C++ runtime decodes its input to UTF-32 and counts positions in code
/// points; our source ranges are bytes. The input may be several slices of
/// the file put end to end (a block's header and its closing `}`). Only
/// non-ASCII code points are recorded, so ASCII text costs nothing and a
/// lookup is a binary search.
class CodePointMap {
public:
  /// `fileText` must be valid UTF-8.
  CodePointMap(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices);

  uint32_t byteOffset(size_t codePointIndex) const;

private:
  struct Wide {
    uint32_t codePointIndex;    // within its slice
    uint32_t extraBytesThrough; // sum of (length - 1) up to and including it
  };
  struct Slice {
    size_t firstCodePoint; // index in the concatenated input
    uint32_t begin;        // byte offset in the file
    std::vector<Wide> wide;
  };
  std::vector<Slice> slices_;
};

} // namespace sgd::syntax

#endif
