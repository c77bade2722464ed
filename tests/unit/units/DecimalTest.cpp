#include "UnitsTestSupport.h"

#include "units/Decimal.h"

using namespace sgd::units;
using namespace sgd::units::test;

TEST_CASE("parseDecimal reads spellings exactly", "[decimal]") {
  struct Case {
    const char *spelling;
    Rational expected;
  };
  const Case cases[] = {
      {"0", Rational(0)},
      {"96", Rational(96)},
      {"1.25", Rational(5, 4)},
      {"0.90", Rational(9, 10)},
      {"1_500", Rational(1500)},
      {"1_500.25", Rational(6001, 4)},
      {"1_360.5", Rational(2721, 2)},
      {"0.1", Rational(1, 10)},
      {"007", Rational(7)},
      {"12.47", Rational(1247, 100)},
      {"3.0", Rational(3)},
      {"0.000_001", Rational(1, 1'000'000)},
  };
  for (const Case &c : cases) {
    INFO(c.spelling);
    llvm::Expected<Rational> value = parseDecimal(c.spelling);
    REQUIRE(static_cast<bool>(value));
    CHECK(*value == c.expected);
  }
}

TEST_CASE("parseDecimal rejects malformed spellings", "[decimal]") {
  for (const char *spelling :
       {"", "1__0", "10_", "_10", "1_.5", "1._5", ".5", "5.", "1.2.3", "1e3", "-5",
        "+5", "1,5", " 1", "½"}) {
    INFO(spelling);
    Failure failure = failureOf(parseDecimal(spelling));
    CHECK(failure.kind == UnitErrorKind::MalformedNumber);
    CHECK(failure.message == "malformed number `" + std::string(spelling) + "`");
  }
}

TEST_CASE("parseDecimal reports numbers too large to hold exactly", "[decimal]") {
  // 2^127 − 1 is the largest numerator.
  llvm::Expected<Rational> largest =
      parseDecimal("170141183460469231731687303715884105727");
  REQUIRE(static_cast<bool>(largest));
  CHECK(largest->numerator() == Rational::kMax);

  Failure tooLarge = failureOf(parseDecimal("170141183460469231731687303715884105728"));
  CHECK(tooLarge.kind == UnitErrorKind::OutOfRange);
  CHECK(tooLarge.message == "number `170141183460469231731687303715884105728` has "
                            "too many digits to be held exactly");
  CHECK(failureOf(parseDecimal("0." + std::string(39, '0') + "1")).kind ==
        UnitErrorKind::OutOfRange);
  // Trailing zeros of a fraction do not count against the range.
  llvm::Expected<Rational> padded = parseDecimal("1.5" + std::string(60, '0'));
  REQUIRE(static_cast<bool>(padded));
  CHECK(*padded == Rational(3, 2));
}

TEST_CASE("isTerminatingDecimal looks for factors other than 2 and 5", "[decimal]") {
  CHECK(isTerminatingDecimal(Rational(7)));
  CHECK(isTerminatingDecimal(Rational(1, 8)));
  CHECK(isTerminatingDecimal(Rational(-3, 40)));
  CHECK_FALSE(isTerminatingDecimal(Rational(1, 3)));
  CHECK_FALSE(isTerminatingDecimal(Rational(1, 60)));
}

TEST_CASE("formatDecimal prints every digit of a terminating decimal", "[decimal]") {
  CHECK(formatDecimal(Rational()) == "0");
  CHECK(formatDecimal(Rational(-1360)) == "-1360");
  CHECK(formatDecimal(Rational(1, 8)) == "0.125");
  CHECK(formatDecimal(Rational(-9, 10)) == "-0.9");
  CHECK(formatDecimal(Rational(1, 1024)) == "0.0009765625");
  CHECK(formatDecimal(Rational(1999999, 2)) == "999999.5");
  CHECK(formatDecimal(*Rational::fromParts(Rational::kMax, 1)) ==
        "170141183460469231731687303715884105727");
  // 1/2^126 needs 126 fraction digits; 10 × remainder does not fit 128 bits.
  CHECK(formatDecimal(*Rational::fromParts(1, Rational::Int(1) << 126)) ==
        "0.0000000000000000000000000000000000000117549435082228750796873653722224"
        "56778186655567720875215087517062784172594547271728515625");
}

TEST_CASE("wholeDigits prints whole numbers on both sides of 2^64", "[decimal]") {
  using detail::UInt;
  CHECK(wholeDigits(0) == "0");
  CHECK(wholeDigits(1360) == "1360");
  CHECK(wholeDigits(UINT64_MAX) == "18446744073709551615"); // 2^64 - 1: the 64-bit path
  CHECK(wholeDigits(UInt(UINT64_MAX) + 1) == "18446744073709551616"); // 2^64: the other
  // 10^20 = 10 x 10^19: the low 19 digits are all zeros, padded.
  CHECK(wholeDigits(UInt(10'000'000'000'000'000'000ULL) * 10) == "100000000000000000000");
  // 10^19 x 10^19 + 7 = 10^38 + 7: zeros inside the low part, two levels deep.
  UInt tenTo19 = 10'000'000'000'000'000'000ULL;
  CHECK(wholeDigits(tenTo19 * tenTo19 + 7) == "1" + std::string(37, '0') + "7");
  CHECK(wholeDigits(static_cast<UInt>(Rational::kMax)) ==
        "170141183460469231731687303715884105727"); // 2^127 - 1
}

TEST_CASE("formatDecimal rounds other values to six significant digits", "[decimal]") {
  CHECK(kRoundedSignificantDigits == 6);
  struct Case {
    Rational value;
    const char *expected;
  };
  const Case cases[] = {
      {Rational(1, 3), "0.333333"},
      {Rational(2, 3), "0.666667"},
      {Rational(-2, 3), "-0.666667"},
      {Rational(10, 3), "3.33333"},
      {Rational(1'000'000, 3), "333333"},
      {Rational(10'000'000, 3), "3333333"}, // integer digits are never dropped
      {Rational(1, 7000), "0.000142857"},
      {Rational(1, 3600), "0.000277778"},
      {Rational(2'999'999, 3'000'000), "1"},   // 0.99999966… carries into the units
      {Rational(5'999'999, 30), "200000"},     // 199999.966… carries to a new digit
      {Rational(3, 7), "0.428571"},            // 0.4285714…: rounds down
      {Rational(2'640'000, 19), "138947"},     // 132 kW / 0.95
  };
  for (const Case &c : cases) {
    INFO(c.expected);
    CHECK(formatDecimal(c.value) == c.expected);
  }
  // A denominator near 2^127: 1/(2^127 − 1) = 5.87747175…e−39.
  CHECK(formatDecimal(*Rational::fromParts(1, Rational::kMax)) ==
        "0." + std::string(38, '0') + "587747");
}
