#include "units/Rational.h"

#include <cstdint>
#include <utility>

namespace sgd::units {

namespace {

using Int = Rational::Int;

Int gcd(Int a, Int b) {
  // Callers pass parts of a Rational, never the most negative Int, so the
  // result fits Int.
  return static_cast<Int>(
      detail::greatestCommonDivisor(detail::magnitude(a), detail::magnitude(b)));
}

bool fits64(Int v) { return v >= INT64_MIN && v <= INT64_MAX; }

// Divides by a divisor of `dividend`. The divisors that cancel a fraction are
// most often 1, where a 128-bit division is a library call for nothing, and
// the parts of most figures fit 64 bits, whose division is one instruction.
// (INT64_MIN / -1 overflows 64 bits: that one goes the long way.)
Int divideExactly(Int dividend, Int divisor) {
  if (divisor == 1)
    return dividend;
  if (fits64(dividend) && fits64(divisor) && divisor != -1)
    return static_cast<int64_t>(dividend) / static_cast<int64_t>(divisor);
  return dividend / divisor;
}

// Sets `product` = a × b; true when that overflows 128 bits. Factors that
// fit 64 bits, as nearly all do, cannot overflow, and their product is one
// instruction where a checked 128-bit multiplication is a library call.
bool multiplyOverflows(Int a, Int b, Int &product) {
  if (fits64(a) && fits64(b)) {
    product = static_cast<Int>(static_cast<int64_t>(a)) * static_cast<int64_t>(b);
    return false;
  }
  return __builtin_mul_overflow(a, b, &product);
}

/// `numerator` = quotient × `denominator` + remainder with 0 ≤ remainder <
/// `denominator` (> 0): the quotient rounds toward −∞.
std::pair<Int, Int> floorDivide(Int numerator, Int denominator) {
  Int quotient, remainder;
  if (fits64(numerator) && fits64(denominator)) { // one instruction, as above
    quotient = static_cast<int64_t>(numerator) / static_cast<int64_t>(denominator);
    remainder = static_cast<int64_t>(numerator) % static_cast<int64_t>(denominator);
  } else {
    quotient = numerator / denominator;
    remainder = numerator % denominator;
  }
  if (remainder < 0) {
    remainder += denominator;
    --quotient;
  }
  return {quotient, remainder};
}

} // namespace

std::optional<Rational> Rational::fromParts(Int numerator, Int denominator) {
  if (denominator == 0 || numerator < -kMax || denominator < -kMax)
    return std::nullopt;
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  if (denominator == 1) // a whole number, in lowest terms already
    return withParts(numerator, 1);
  Int divisor = gcd(numerator, denominator);
  return withParts(divideExactly(numerator, divisor), divideExactly(denominator, divisor));
}

std::strong_ordering operator<=>(const Rational &a, const Rational &b) {
  // Compares the continued-fraction expansions of a and b term by term
  // (Euclid's algorithm on both at once). Equal integer parts leave the
  // fractional parts x/y and u/v in [0, 1), which compare as the reciprocals
  // y/x and v/u in reverse.
  // Over one (positive) denominator, most often 1, the numerators compare.
  if (a.denominator_ == b.denominator_)
    return a.numerator_ <=> b.numerator_;
  Int aTop = a.numerator_, aBottom = a.denominator_;
  Int bTop = b.numerator_, bBottom = b.denominator_;
  bool reversed = false;
  auto ordered = [&reversed](std::strong_ordering order) {
    return reversed ? 0 <=> order : order;
  };
  while (true) {
    auto [aWhole, aRest] = floorDivide(aTop, aBottom);
    auto [bWhole, bRest] = floorDivide(bTop, bBottom);
    if (aWhole != bWhole)
      return ordered(aWhole < bWhole ? std::strong_ordering::less
                                     : std::strong_ordering::greater);
    if (aRest == 0 || bRest == 0)
      return ordered((aRest != 0) <=> (bRest != 0));
    aTop = std::exchange(aBottom, aRest);
    bTop = std::exchange(bBottom, bRest);
    reversed = !reversed;
  }
}

std::optional<Rational> checkedAdd(const Rational &a, const Rational &b) {
  // Sums start at zero (a whole number): a fraction added to it is itself.
  if (a.isZero())
    return b;
  if (b.isZero())
    return a;
  // Over one denominator (most often 1), the numerators add.
  if (a.denominator() == b.denominator()) {
    Int sum;
    if (__builtin_add_overflow(a.numerator(), b.numerator(), &sum))
      return std::nullopt;
    return Rational::fromParts(sum, a.denominator());
  }
  // Over the least common denominator, to keep the products small.
  Int divisor = gcd(a.denominator(), b.denominator());
  Int aScale = divideExactly(b.denominator(), divisor);
  Int bScale = divideExactly(a.denominator(), divisor);
  Int aScaled, bScaled, sum, denominator;
  if (multiplyOverflows(a.numerator(), aScale, aScaled) ||
      multiplyOverflows(b.numerator(), bScale, bScaled) ||
      __builtin_add_overflow(aScaled, bScaled, &sum) ||
      multiplyOverflows(a.denominator(), aScale, denominator))
    return std::nullopt;
  return Rational::fromParts(sum, denominator);
}

std::optional<Rational> checkedSubtract(const Rational &a, const Rational &b) {
  return checkedAdd(a, -b);
}

std::optional<Rational> checkedMultiply(const Rational &a, const Rational &b) {
  // A figure times the replicas of a node that has one (any node of an
  // explicit design) is itself.
  auto isOne = [](const Rational &r) { return r.numerator() == 1 && r.denominator() == 1; };
  if (isOne(b))
    return a;
  if (isOne(a))
    return b;
  Int numerator, denominator;
  // Whole numbers (counts, and many figures) have nothing to cancel.
  if (a.denominator() == 1 && b.denominator() == 1) {
    if (multiplyOverflows(a.numerator(), b.numerator(), numerator))
      return std::nullopt;
    return Rational::fromParts(numerator, 1);
  }
  // Cancelling across first keeps the products in lowest terms and as small
  // as they can be, so only results that truly do not fit overflow.
  Int aCancel = gcd(a.numerator(), b.denominator());
  Int bCancel = gcd(b.numerator(), a.denominator());
  if (multiplyOverflows(divideExactly(a.numerator(), aCancel),
                        divideExactly(b.numerator(), bCancel), numerator) ||
      multiplyOverflows(divideExactly(a.denominator(), bCancel),
                        divideExactly(b.denominator(), aCancel), denominator))
    return std::nullopt;
  // What is left of a's numerator shares no factor with b's denominator (that
  // was cancelled) nor with a's (lowest terms): the product is in lowest
  // terms, and its denominator positive. Only -2^127 is out of range.
  if (numerator < -Rational::kMax)
    return std::nullopt;
  return Rational::withParts(numerator, denominator);
}

std::optional<Rational> checkedDivide(const Rational &dividend,
                                      const Rational &divisor) {
  assert(!divisor.isZero() && "callers report division by zero themselves");
  // The reciprocal of a Rational is a Rational: its parts swap, in lowest
  // terms still, the sign moving to the numerator.
  Rational reciprocal = divisor.isNegative()
                            ? Rational::withParts(-divisor.denominator(), -divisor.numerator())
                            : Rational::withParts(divisor.denominator(), divisor.numerator());
  return checkedMultiply(dividend, reciprocal);
}

} // namespace sgd::units
