#ifndef SGD_UNITS_RATIONAL_H
#define SGD_UNITS_RATIONAL_H

#include "base/HashWords.h"

#include "llvm/ADT/Hashing.h"

#include <cassert>
#include <compare>
#include <cstdint>
#include <optional>

namespace sgd::units {

namespace detail {
using UInt = unsigned __int128;

constexpr UInt magnitude(__int128 value) {
  // Negating in unsigned arithmetic is defined for every value.
  return value < 0 ? -static_cast<UInt>(value) : static_cast<UInt>(value);
}

constexpr UInt greatestCommonDivisor(UInt a, UInt b) {
  while (b != 0) {
    // The parts of most figures fit 64 bits, whose remainder is one
    // instruction where a 128-bit one is a library call.
    if ((a | b) >> 64 == 0) {
      uint64_t x = static_cast<uint64_t>(a), y = static_cast<uint64_t>(b);
      while (y != 0) {
        uint64_t rest = x % y;
        x = y;
        y = rest;
      }
      return x;
    }
    UInt rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}
} // namespace detail

/// An exact fraction of 128-bit integers, always in lowest terms with a
/// positive denominator, so that `==` compares values. Both parts stay within
/// ±(2^127 − 1): the most negative 128-bit integer is never stored, so
/// negation cannot overflow. Arithmetic whose exact result would leave that
/// range returns nothing instead of wrapping.
class Rational {
public:
  using Int = __int128;
  static constexpr Int kMax = static_cast<Int>(~detail::UInt(0) >> 1);

  constexpr Rational() = default;

  /// For constants that fit 64 bits (the unit table, tests).
  constexpr Rational(int64_t numerator, int64_t denominator = 1) {
    assert(denominator != 0 && "a fraction needs a non-zero denominator");
    Int top = denominator < 0 ? -Int(numerator) : Int(numerator);
    Int bottom = denominator < 0 ? -Int(denominator) : Int(denominator);
    auto divisor = static_cast<Int>(
        detail::greatestCommonDivisor(detail::magnitude(top), detail::UInt(bottom)));
    if (divisor == 1) { // whole numbers (counts) and most constants
      numerator_ = top;
      denominator_ = bottom;
    } else {
      numerator_ = top / divisor;
      denominator_ = bottom / divisor;
    }
  }

  /// The fraction numerator/denominator in lowest terms; nothing when the
  /// denominator is zero or a part is the most negative Int.
  static std::optional<Rational> fromParts(Int numerator, Int denominator);

  Int numerator() const { return numerator_; }
  Int denominator() const { return denominator_; }
  bool isZero() const { return numerator_ == 0; }
  bool isNegative() const { return numerator_ < 0; }

  Rational operator-() const { return withParts(-numerator_, denominator_); }
  Rational abs() const { return isNegative() ? -*this : *this; }

  friend bool operator==(const Rational &, const Rational &) = default;
  /// Equal values hash equally: both are kept in lowest terms.
  friend llvm::hash_code hash_value(const Rational &r) {
    auto numerator = static_cast<detail::UInt>(r.numerator_);
    auto denominator = static_cast<detail::UInt>(r.denominator_);
    return hashWords({static_cast<uint64_t>(numerator), static_cast<uint64_t>(numerator >> 64),
                      static_cast<uint64_t>(denominator), static_cast<uint64_t>(denominator >> 64)});
  }
  /// Exact for every pair of values: no cross product that could overflow.
  friend std::strong_ordering operator<=>(const Rational &a, const Rational &b);

private:
  // Products and quotients of fractions in lowest terms, cancelled across,
  // are in lowest terms already: they skip fromParts' gcd.
  friend std::optional<Rational> checkedMultiply(const Rational &a, const Rational &b);
  friend std::optional<Rational> checkedDivide(const Rational &dividend, const Rational &divisor);

  static Rational withParts(Int numerator, Int denominator) {
    Rational result;
    result.numerator_ = numerator;
    result.denominator_ = denominator;
    return result;
  }

  Int numerator_ = 0;
  Int denominator_ = 1;
};

/// Exact arithmetic; nothing when the result does not fit a Rational.
std::optional<Rational> checkedAdd(const Rational &a, const Rational &b);
std::optional<Rational> checkedSubtract(const Rational &a, const Rational &b);
std::optional<Rational> checkedMultiply(const Rational &a, const Rational &b);
/// `divisor` must not be zero.
std::optional<Rational> checkedDivide(const Rational &dividend, const Rational &divisor);

} // namespace sgd::units

#endif
