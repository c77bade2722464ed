#include "base/Utf8.h"

#include <cstring>

namespace sgd {

std::optional<size_t> findInvalidUtf8(llvm::StringRef text) {
  const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // Source is mostly ASCII: pass eight bytes at a time while none has its
    // high bit set.
    uint64_t eight;
    while (i + sizeof eight <= size &&
           (std::memcpy(&eight, bytes + i, sizeof eight), (eight & 0x8080808080808080u) == 0))
      i += sizeof eight;
    if (i == size)
      break;
    unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    unsigned char secondMin = 0x80, secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) secondMin = 0xA0; // overlong
      if (lead == 0xED) secondMax = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) secondMin = 0x90; // overlong
      if (lead == 0xF4) secondMax = 0x8F; // above U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= size || bytes[i + 1] < secondMin || bytes[i + 1] > secondMax)
      return i;
    for (size_t k = 2; k < length; ++k)
      if (i + k >= size || (bytes[i + k] & 0xC0) != 0x80)
        return i;
    i += length;
  }
  return std::nullopt;
}

size_t countCodePoints(llvm::StringRef text) {
  size_t count = 0;
  for (unsigned char c : text)
    count += (c & 0xC0) != 0x80;
  return count;
}

} // namespace sgd
