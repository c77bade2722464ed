#ifndef SGD_BASE_SHA1_H
#define SGD_BASE_SHA1_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SHA1.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace sgd {

/// SHA-1 (FIPS 180-4) of a stream of bytes, with the x86 SHA extensions
/// where the processor has them (about 1.5 instructions a byte against
/// LLVM's 22: the digest of a 1 M-rack bill of materials was 7% of the
/// job). Elsewhere it is llvm::SHA1. Same digest either way.
class Sha1 {
public:
  Sha1();
  void update(llvm::ArrayRef<uint8_t> bytes);
  void update(llvm::StringRef text) {
    update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(text.data()), text.size()));
  }
  /// The 20-byte digest of everything given; call once, at the end.
  std::array<uint8_t, 20> final();

  /// Whether this processor has the SHA extensions (and this class uses them).
  static bool usesShaExtensions();

private:
  bool hardware_;
  llvm::SHA1 software_;
  std::array<uint32_t, 5> state_ = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  std::array<uint8_t, 64> block_{}; // bytes waiting for a whole block
  size_t blockBytes_ = 0;
  uint64_t totalBytes_ = 0;
};

} // namespace sgd

#endif
