#include "UnitsTestSupport.h"

#include "units/Rational.h"

using namespace sgd::units;

namespace {

using Int = Rational::Int;
constexpr Int kMax = Rational::kMax;

Rational parts(Int numerator, Int denominator) {
  std::optional<Rational> value = Rational::fromParts(numerator, denominator);
  REQUIRE(value.has_value());
  return *value;
}

} // namespace

TEST_CASE("Rational keeps lowest terms with a positive denominator", "[rational]") {
  Rational value(6, -4);
  CHECK(value.numerator() == -3);
  CHECK(value.denominator() == 2);
  CHECK(Rational(0, -7) == Rational());
  CHECK(Rational(0, -7).denominator() == 1);
  CHECK(parts(-kMax, -kMax) == Rational(1));
  CHECK(Rational(INT64_MIN, 1).numerator() == Int(INT64_MIN));
}

TEST_CASE("Rational::fromParts refuses what it cannot hold", "[rational]") {
  Int most = -kMax - 1; // the most negative 128-bit integer
  CHECK_FALSE(Rational::fromParts(1, 0).has_value());
  CHECK_FALSE(Rational::fromParts(most, 1).has_value());
  CHECK_FALSE(Rational::fromParts(1, most).has_value());
  CHECK(Rational::fromParts(kMax, 1).has_value());
  CHECK(Rational::fromParts(-kMax, 1).has_value());
}

TEST_CASE("Rational arithmetic is exact", "[rational]") {
  CHECK(checkedAdd(Rational(1, 3), Rational(1, 6)) == Rational(1, 2));
  CHECK(checkedSubtract(Rational(1, 10), Rational(3, 10)) == Rational(-1, 5));
  CHECK(checkedMultiply(Rational(3, 4), Rational(-8, 9)) == Rational(-2, 3));
  CHECK(checkedDivide(Rational(1, 2), Rational(-1, 4)) == Rational(-2));
  CHECK(checkedMultiply(Rational(), Rational(5, 7)) == Rational());
  CHECK(-Rational(2, 3) == Rational(-2, 3));
  CHECK(Rational(-2, 3).abs() == Rational(2, 3));
  // 0.1 + 0.2 is 0.3, not a binary approximation of it.
  CHECK(checkedAdd(Rational(1, 10), Rational(2, 10)) == Rational(3, 10));
}

TEST_CASE("Rational arithmetic reports overflow instead of wrapping", "[rational]") {
  Rational largest = parts(kMax, 1);
  CHECK_FALSE(checkedAdd(largest, Rational(1)).has_value());
  CHECK_FALSE(checkedSubtract(-largest, Rational(1)).has_value());
  CHECK_FALSE(checkedMultiply(largest, Rational(2)).has_value());
  CHECK_FALSE(checkedDivide(largest, Rational(1, 2)).has_value());
  CHECK_FALSE(checkedAdd(parts(1, kMax), parts(1, kMax - 1)).has_value());
  // Negating never overflows: the most negative Int is never stored.
  CHECK((-largest).numerator() == -kMax);
  // Cancelling before multiplying keeps results that fit.
  CHECK(checkedMultiply(largest, parts(1, kMax)) == Rational(1));
  CHECK(checkedDivide(largest, largest) == Rational(1));
  CHECK(checkedSubtract(largest, largest) == Rational());
  // Over one denominator the numerators add: an overflow there too, and a
  // sum of whole numbers or a product of them that would be the most
  // negative Int, which is never stored (-2^126 × 2 = -2^127).
  CHECK_FALSE(checkedAdd(parts(kMax, 2), parts(kMax, 2)).has_value());
  CHECK(checkedAdd(Rational(1, 6), Rational(1, 6)) == Rational(1, 3));
  Rational minusHalfRange = parts(-((kMax >> 1) + 1), 1);
  CHECK_FALSE(checkedMultiply(minusHalfRange, Rational(2)).has_value());
  CHECK_FALSE(checkedAdd(minusHalfRange, minusHalfRange).has_value());
  CHECK(checkedMultiply(minusHalfRange, Rational(-1, 2)) == parts((kMax >> 2) + 1, 1));
  // Factors that fit 64 bits multiply without an overflow check; larger ones
  // are checked. (2^63 - 1)^2 = 2^126 - 2^64 + 1 fits; 2^63 does not fit 64
  // bits, 2^63 × 2^63 = 2^126 fits 128; 2^64 × 2^63 = 2^127 does not.
  Int max64 = INT64_MAX;
  CHECK(checkedMultiply(parts(max64, 1), parts(max64, 1)) ==
        parts((Int(1) << 126) - (Int(1) << 64) + 1, 1));
  CHECK(checkedMultiply(parts(-max64, 1), parts(max64, 3)) ==
        parts(-((Int(1) << 126) - (Int(1) << 64) + 1), 3));
  CHECK(checkedMultiply(parts(Int(1) << 63, 1), parts(Int(1) << 63, 1)) ==
        parts(Int(1) << 126, 1));
  CHECK_FALSE(checkedMultiply(parts(Int(1) << 64, 1), parts(Int(1) << 63, 1)).has_value());
}

TEST_CASE("Rational comparison is exact where cross products overflow", "[rational]") {
  CHECK(Rational(1, 3) < Rational(1, 2));
  CHECK(Rational(-1, 2) < Rational(-1, 3));
  CHECK(Rational(-1, 2) < Rational());
  CHECK(Rational(7, 2) > Rational(3));
  CHECK((Rational(2, 4) <=> Rational(1, 2)) == std::strong_ordering::equal);
  // (n+1)/n < n/(n−1) for n near 2^127: both cross products overflow 128 bits.
  Rational above = parts(kMax, kMax - 1);
  Rational further = parts(kMax - 1, kMax - 2);
  CHECK(above < further);
  CHECK(further > above);
  CHECK(-above > -further);
  CHECK(parts(kMax, 1) > parts(kMax - 1, 1));
  CHECK(parts(1, kMax) < parts(1, kMax - 1));
  CHECK(parts(-kMax, 3) < parts(-kMax + 1, 3));
}

TEST_CASE("Rational lowest terms across the 64-bit boundary of the divisor", "[rational]") {
  // gcd(2^70, 2^64 × 3) = 2^64: the first step is 128-bit, the rest 64-bit.
  Int twoTo64 = Int(1) << 64;
  Rational value = parts(Int(1) << 70, twoTo64 * 3);
  CHECK(value.numerator() == 64);
  CHECK(value.denominator() == 3);
  // gcd(6 × 2^64 + 6, 4): (2^64 + 1) × 6 and 4 share 2.
  Rational mixed = parts(6 * (twoTo64 + 1), 4);
  CHECK(mixed.numerator() == 3 * (twoTo64 + 1));
  CHECK(mixed.denominator() == 2);
  // Both parts within 64 bits: 2^63 + 2^62 over 3 × 2^62 is 1.
  CHECK(parts((Int(1) << 63) + (Int(1) << 62), 3 * (Int(1) << 62)) == Rational(1));
  CHECK(checkedMultiply(parts(twoTo64, 3), Rational(3, 2)) == parts(Int(1) << 63, 1));
}

TEST_CASE("Rational comparison over one denominator compares the numerators", "[rational]") {
  CHECK(Rational(-5) < Rational(-4));
  CHECK(Rational(-1, 7) < Rational(1, 7));
  CHECK((Rational(3, 7) <=> Rational(3, 7)) == std::strong_ordering::equal);
  CHECK(parts(-kMax, 5) < parts(kMax, 5));
  CHECK(Rational(2, 5) > Rational(1, 5));
}

TEST_CASE("Rational divisions and comparisons at the 64-bit edge", "[rational]") {
  // Parts that fit 64 bits divide in 64 bits; INT64_MIN and anything larger
  // divide in 128. INT64_MIN / 2^62 = -2: lowest terms of -2^63 / 2^62.
  Int min64 = INT64_MIN, max64 = INT64_MAX;
  CHECK(parts(min64, Int(1) << 62) == Rational(-2));
  CHECK(parts(min64, -(Int(1) << 62)) == Rational(2));
  // -2^63 / -1 = 2^63, one past INT64_MAX: the denominator's sign moves to
  // the numerator in 128 bits.
  CHECK(parts(min64, -1).numerator() == Int(1) << 63);
  // Cancelling a 64-bit part by a 64-bit gcd: (2^63 - 1) = 7 × 73 × 127 ×
  // 337 × 92737 × 649657, so (2^63 - 1) / 7 × 7 / 7 is (2^63 - 1) / 7.
  CHECK(checkedMultiply(parts(max64, 7), Rational(7, 7)) == parts(max64 / 7, 1));
  CHECK(checkedMultiply(parts(max64, 1), Rational(1, 7)) == parts(max64 / 7, 1));
  CHECK(checkedMultiply(parts(min64, 3), Rational(3, 2)) == parts(min64 / 2, 1));
  // Integer parts of comparisons: floor(-2^63 / 3) = -3074457345618258603
  // (−2^63 = 3 × −3074457345618258603 + 1), floor(2^63 / 3) in 128 bits.
  CHECK(parts(min64, 3) < parts(min64 + 1, 3));
  CHECK(parts(min64, 3) > parts(-3074457345618258603 - 1, 1));
  CHECK(parts(min64, 3) < parts(-3074457345618258603 + 1, 2));
  CHECK(parts(Int(1) << 63, 3) > parts(max64, 3));
  CHECK(parts(Int(1) << 63, 5) < parts((Int(1) << 63) + 1, 5));
}

TEST_CASE("Rational products and quotients come out in lowest terms", "[rational]") {
  // Cancelled across and not again: 2/3 × 9/4 = (1 × 3)/(1 × 2), and the
  // parts compare as they are (== compares numerator and denominator).
  Rational product = *checkedMultiply(Rational(2, 3), Rational(9, 4));
  CHECK(product.numerator() == 3);
  CHECK(product.denominator() == 2);
  // Dividing by a negative moves its sign to the numerator:
  // 1/2 ÷ −1/3 = −3/2, −2/3 ÷ −4/9 = 3/2, 5 ÷ −10 = −1/2.
  Rational negative = *checkedDivide(Rational(1, 2), Rational(-1, 3));
  CHECK(negative.numerator() == -3);
  CHECK(negative.denominator() == 2);
  CHECK(checkedDivide(Rational(-2, 3), Rational(-4, 9)) == Rational(3, 2));
  Rational half = *checkedDivide(Rational(5), Rational(-10));
  CHECK(half.numerator() == -1);
  CHECK(half.denominator() == 2);
  // A product of exactly -2^127 fits 128 bits but is never stored: -2^126/3
  // is a fraction, so the cancelling path sees it (3 cancels 6 to 2).
  CHECK_FALSE(checkedMultiply(parts(-(Int(1) << 126), 3), Rational(6)).has_value());
  CHECK(checkedMultiply(parts(-(Int(1) << 126), 3), Rational(3)) == parts(-(Int(1) << 126), 1));
}
