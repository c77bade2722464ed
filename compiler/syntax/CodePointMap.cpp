#include "syntax/CodePointMap.h"

#include <algorithm>

namespace sgd::syntax {

CodePointMap::CodePointMap(llvm::StringRef text, uint32_t baseOffset)
    : baseOffset_(baseOffset) {
  uint32_t codePoint = 0;
  uint32_t extra = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = text[i];
    unsigned length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (length > 1) {
      extra += length - 1;
      wide_.push_back({codePoint, extra});
    }
    i += length;
    ++codePoint;
  }
}

uint32_t CodePointMap::byteOffset(size_t codePointIndex) const {
  // The wide code points strictly before codePointIndex add their extra bytes.
  auto firstNotBefore = std::lower_bound(
      wide_.begin(), wide_.end(), codePointIndex,
      [](const Wide &w, size_t index) { return w.codePointIndex < index; });
  uint32_t extra = firstNotBefore == wide_.begin() ? 0 : std::prev(firstNotBefore)->extraBytesThrough;
  return baseOffset_ + static_cast<uint32_t>(codePointIndex) + extra;
}

} // namespace sgd::syntax
