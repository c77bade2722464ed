#include "syntax/CodePointMap.h"

#include <algorithm>

namespace sgd::syntax {

CodePointMap::CodePointMap(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices) {
  size_t codePoints = 0;
  for (TextSlice slice : slices) {
    Slice &mapped = slices_.emplace_back(Slice{codePoints, slice.begin, {}});
    uint32_t index = 0;
    uint32_t extra = 0;
    for (uint32_t i = slice.begin; i < slice.end; ++index) {
      unsigned char lead = fileText[i];
      unsigned length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      if (length > 1) {
        extra += length - 1;
        mapped.wide.push_back({index, extra});
      }
      i += length;
    }
    codePoints += index;
  }
}

uint32_t CodePointMap::byteOffset(size_t codePointIndex) const {
  auto next = std::upper_bound(
      slices_.begin(), slices_.end(), codePointIndex,
      [](size_t index, const Slice &slice) { return index < slice.firstCodePoint; });
  const Slice &slice = *std::prev(next);
  size_t local = codePointIndex - slice.firstCodePoint;
  // The wide code points strictly before `local` add their extra bytes.
  auto firstNotBefore = std::lower_bound(
      slice.wide.begin(), slice.wide.end(), local,
      [](const Wide &w, size_t index) { return w.codePointIndex < index; });
  uint32_t extra =
      firstNotBefore == slice.wide.begin() ? 0 : std::prev(firstNotBefore)->extraBytesThrough;
  return slice.begin + static_cast<uint32_t>(local) + extra;
}

} // namespace sgd::syntax
