#include "backends/Bom.h"

#include <catch2/catch.hpp>

using namespace sgd;
using units::Rational;

namespace {

Rational usd(Rational::Int numerator, Rational::Int denominator = 1) {
  return *Rational::fromParts(numerator, denominator);
}

// 10^k as a 128-bit integer.
Rational::Int power10(unsigned k) {
  Rational::Int result = 1;
  while (k-- > 0)
    result *= 10;
  return result;
}

} // namespace

TEST_CASE("money prints in whole cents", "[backends][money]") {
  CHECK(backends::formatMoney(usd(0)) == "0.00");
  CHECK(backends::formatMoney(usd(1250)) == "1250.00");
  CHECK(backends::formatMoney(usd(7, 20)) == "0.35");
  CHECK(backends::formatMoney(usd(-1, 4)) == "-0.25");
  CHECK(backends::formatMoney(usd(123456789, 100)) == "1234567.89");
}

TEST_CASE("money near the top of the exact range prints without overflow",
          "[backends][money]") {
  // 2 × 10^36 USD fits a 128-bit numerator (2^127 ≈ 1.7 × 10^38), but in
  // cents, 2 × 10^38, it would not: the amount is printed from whole
  // dollars and cents, not from a cent count that wraps negative.
  Rational::Int dollars = 2 * power10(36);
  CHECK(backends::formatMoney(usd(dollars)) == "2" + std::string(36, '0') + ".00");
  CHECK(backends::formatMoney(usd(-dollars)) == "-2" + std::string(36, '0') + ".00");
  // The largest amount there is, with cents: (2^127 − 1) / 100 USD.
  CHECK(backends::formatMoney(usd(Rational::kMax, 100)) ==
        "1701411834604692317316873037158841057.27");
}

TEST_CASE("money on either side of 2^64 in its numerator prints alike", "[backends][money]") {
  // A numerator below 2^64 is divided in 64 bits, one from 2^64 on in 128.
  // In lowest terms: (2^64 − 1) / 100 = 3689348814741910323 / 20 =
  // 184467440737095516.15 USD; (2^64 + 1) / 100 keeps its numerator
  // (odd, and 2^64 + 1 ≡ 2 mod 5): 184467440737095516.17 USD.
  Rational::Int twoTo64 = Rational::Int(1) << 64;
  CHECK(backends::formatMoney(usd(twoTo64 - 1, 100)) == "184467440737095516.15");
  CHECK(backends::formatMoney(usd(twoTo64 + 1, 100)) == "184467440737095516.17");
  CHECK(backends::formatMoney(usd(-(twoTo64 - 1), 100)) == "-184467440737095516.15");
  CHECK(backends::formatMoney(usd(-(twoTo64 + 1), 100)) == "-184467440737095516.17");
}
