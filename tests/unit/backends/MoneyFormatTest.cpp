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
