#include "base/Utf8.h"

#include <cassert>
#include <cstdint>
#include <cstring>

namespace sgd {

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080u;

uint64_t load8(const char *bytes) {
  uint64_t eight;
  std::memcpy(&eight, bytes, sizeof eight);
  return eight;
}

} // namespace

std::optional<size_t> findInvalidUtf8(llvm::StringRef text) {
  const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    // Source is mostly ASCII: pass eight bytes at a time while none has its
    // high bit set.
    while (i + 8 <= size && (load8(text.data() + i) & kHighBits) == 0)
      i += 8;
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
  // Every byte but a continuation byte (0b10xxxxxx) starts a code point.
  // Eight at a time: a byte's bit 7 and its bit 6 shifted up to bit 7 mark
  // the continuation bytes, whose marks a multiplication sums in the top byte.
  const char *bytes = text.data();
  size_t size = text.size(), i = 0, continuations = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t eight = load8(bytes + i);
    uint64_t marks = (eight & ~(eight << 1) & kHighBits) >> 7;
    continuations += (marks * 0x0101010101010101u) >> 56;
  }
  for (; i < size; ++i)
    continuations += (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80;
  return size - continuations;
}

size_t wordsAbove(llvm::StringRef text, unsigned char bound) {
  assert(bound < 0x80);
  // A byte below bound + 1 borrows in `eight - (bound + 1) × 0x01…01` and
  // sets its bit 7 there, which `~eight` keeps only for bytes below 0x80.
  const uint64_t ones = 0x0101010101010101u;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t eight = load8(text.data() + i);
    if ((eight - ones * (bound + 1u)) & ~eight & kHighBits)
      break;
  }
  return i;
}

bool isAscii(llvm::StringRef text) {
  const char *bytes = text.data();
  size_t size = text.size(), i = 0;
  uint64_t high = 0;
  for (; i + 8 <= size; i += 8)
    high |= load8(bytes + i);
  for (; i < size; ++i)
    high |= static_cast<unsigned char>(bytes[i]);
  return (high & kHighBits) == 0;
}

} // namespace sgd
