#include "base/Sha1.h"

#include "llvm/Support/SHA1.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace {

std::string hex(const std::array<uint8_t, 20> &digest) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (uint8_t byte : digest) {
    text += digits[byte >> 4];
    text += digits[byte & 0x0f];
  }
  return text;
}

std::string sha1Of(llvm::StringRef text) {
  sgd::Sha1 sha1;
  sha1.update(text);
  return hex(sha1.final());
}

std::string llvmSha1Of(llvm::StringRef text) {
  llvm::SHA1 sha1;
  sha1.update(text);
  llvm::StringRef digest = sha1.final();
  std::array<uint8_t, 20> bytes;
  std::copy(digest.begin(), digest.end(), bytes.begin());
  return hex(bytes);
}

} // namespace

TEST_CASE("Sha1 gives the digests of FIPS 180-4's examples", "[base][sha1]") {
  // FIPS 180-2 Appendix A (and RFC 3174 §7.3): "abc", the 448-bit message,
  // and the empty string.
  CHECK(sha1Of("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(sha1Of("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  // A million `a`s, given in uneven pieces.
  sgd::Sha1 sha1;
  std::string piece(997, 'a');
  size_t left = 1'000'000;
  while (left > 0) {
    size_t size = std::min(left, piece.size());
    sha1.update(llvm::StringRef(piece.data(), size));
    left -= size;
  }
  CHECK(hex(sha1.final()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("Sha1 agrees with llvm::SHA1 at every length and split", "[base][sha1]") {
  INFO("SHA extensions used: " << sgd::Sha1::usesShaExtensions());
  std::mt19937 random(20261207);
  for (size_t length = 0; length < 300; ++length) {
    std::string text(length, '\0');
    for (char &c : text)
      c = static_cast<char>(random());
    // Whole, and split at a random point (a block boundary or not).
    size_t split = length == 0 ? 0 : random() % (length + 1);
    sgd::Sha1 pieces;
    pieces.update(llvm::StringRef(text).take_front(split));
    pieces.update(llvm::StringRef(text).drop_front(split));
    INFO("length " << length << ", split at " << split);
    CHECK(sha1Of(text) == llvmSha1Of(text));
    CHECK(hex(pieces.final()) == llvmSha1Of(text));
  }
}
