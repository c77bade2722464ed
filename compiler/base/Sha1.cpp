#include "base/Sha1.h"

#include "llvm/Support/ErrorHandling.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
// glibc's header declares its two helpers with C's `_Bool`, which C++ spells
// `bool`: GCC takes `_Bool` in C++ as an extension, clang only in GNU mode
// (its <stdbool.h> then makes this same definition).
#define _Bool bool
#include <sys/platform/x86.h>
#undef _Bool
#endif

namespace sgd {
namespace {

#if defined(__x86_64__)

// What glibc found when the process started (<sys/platform/x86.h>), not
// `cpuid` again: in a virtual machine each `cpuid` traps to the hypervisor.
bool detectShaExtensions() {
  return CPU_FEATURE_ACTIVE(SHA) && CPU_FEATURE_ACTIVE(SSE4_1) && CPU_FEATURE_ACTIVE(SSSE3);
}

// Four rounds with round function F (0: rounds 0-19, ... 3: rounds 60-79):
// `e` is E plus the group's four message words, as sha1rnds4 wants it.
template <int F>
__attribute__((target("sha,sse4.1,ssse3"))) inline void fourRounds(__m128i &abcd, __m128i &before,
                                                                    __m128i words) {
  __m128i e = _mm_sha1nexte_epu32(before, words);
  before = abcd;
  abcd = _mm_sha1rnds4_epu32(abcd, e, F);
}

// Message words 4g..4g+3 of a block (g >= 4) from the four groups before,
// kept in w[g % 4]: sha1msg2(sha1msg1(W[g-4], W[g-3]) ^ W[g-2], W[g-1]).
__attribute__((target("sha,sse4.1,ssse3"))) inline __m128i nextWords(__m128i w[4], int g) {
  __m128i words = _mm_sha1msg1_epu32(w[(g - 4) & 3], w[(g - 3) & 3]);
  words = _mm_xor_si128(words, w[(g - 2) & 3]);
  w[g & 3] = _mm_sha1msg2_epu32(words, w[(g - 1) & 3]);
  return w[g & 3];
}

// The compression function over whole 64-byte blocks, as Intel's "New
// Instructions Supporting the Secure Hash Algorithm" (2013) lays it out:
// A..D in one register (A in the top lane), E in the top lane of another,
// the message schedule four words at a time (sha1msg1, xor, sha1msg2).
__attribute__((target("sha,sse4.1,ssse3"))) void compressBlocks(uint32_t state[5],
                                                                const uint8_t *data,
                                                                size_t blocks) {
  // Big-endian words, the first in the top lane.
  const __m128i byteOrder = _mm_set_epi64x(0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL);
  __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(state)), 0x1b);
  __m128i e0 = _mm_set_epi32(static_cast<int>(state[4]), 0, 0, 0);
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abcdBefore = abcd, eBefore = e0;
    __m128i w[4]; // the last four groups of four message words, w[g % 4]
    for (int g = 0; g < 4; ++g)
      w[g] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(data + 16 * g)),
                              byteOrder);
    __m128i before = abcd;
    abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e0, w[0]), 0);
    for (int g = 1; g < 4; ++g)
      fourRounds<0>(abcd, before, w[g]);
    fourRounds<0>(abcd, before, nextWords(w, 4));
    for (int g = 5; g < 10; ++g)
      fourRounds<1>(abcd, before, nextWords(w, g));
    for (int g = 10; g < 15; ++g)
      fourRounds<2>(abcd, before, nextWords(w, g));
    for (int g = 15; g < 20; ++g)
      fourRounds<3>(abcd, before, nextWords(w, g));
    e0 = _mm_sha1nexte_epu32(before, eBefore);
    abcd = _mm_add_epi32(abcd, abcdBefore);
  }
  _mm_storeu_si128(reinterpret_cast<__m128i *>(state), _mm_shuffle_epi32(abcd, 0x1b));
  state[4] = static_cast<uint32_t>(_mm_extract_epi32(e0, 3));
}

#else

bool detectShaExtensions() { return false; }
void compressBlocks(uint32_t *, const uint8_t *, size_t) {
  llvm_unreachable("no SHA extensions off x86-64: Sha1 forwards to llvm::SHA1");
}

#endif

} // namespace

bool Sha1::usesShaExtensions() {
  static const bool has = detectShaExtensions();
  return has;
}

Sha1::Sha1() : hardware_(usesShaExtensions()) {}

void Sha1::update(llvm::ArrayRef<uint8_t> bytes) {
  if (!hardware_) {
    software_.update(bytes);
    return;
  }
  totalBytes_ += bytes.size();
  const uint8_t *data = bytes.data();
  size_t size = bytes.size();
  if (blockBytes_ != 0) {
    size_t taken = std::min(size, block_.size() - blockBytes_);
    std::memcpy(block_.data() + blockBytes_, data, taken);
    blockBytes_ += taken;
    data += taken;
    size -= taken;
    if (blockBytes_ < block_.size())
      return;
    compressBlocks(state_.data(), block_.data(), 1);
    blockBytes_ = 0;
  }
  compressBlocks(state_.data(), data, size / 64);
  data += size / 64 * 64;
  size %= 64;
  std::memcpy(block_.data(), data, size);
  blockBytes_ = size;
}

std::array<uint8_t, 20> Sha1::final() {
  std::array<uint8_t, 20> digest;
  if (!hardware_) {
    llvm::StringRef result = software_.final();
    std::memcpy(digest.data(), result.data(), digest.size());
    return digest;
  }
  // The padding: 0x80, zeros to 56 bytes of a block, the length in bits.
  uint64_t bits = totalBytes_ * 8;
  std::array<uint8_t, 72> padding{};
  padding[0] = 0x80;
  size_t lengthAt = (blockBytes_ < 56 ? 56 : 120) - blockBytes_;
  for (int i = 0; i < 8; ++i)
    padding[lengthAt + static_cast<size_t>(i)] = static_cast<uint8_t>(bits >> (56 - 8 * i));
  update(llvm::ArrayRef<uint8_t>(padding.data(), lengthAt + 8));
  for (size_t i = 0; i < 5; ++i)
    for (size_t b = 0; b < 4; ++b)
      digest[4 * i + b] = static_cast<uint8_t>(state_[i] >> (24 - 8 * b));
  return digest;
}

} // namespace sgd
