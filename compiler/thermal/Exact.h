#ifndef SGD_THERMAL_EXACT_H
#define SGD_THERMAL_EXACT_H

#include "units/Quantity.h"

#include <compare>
#include <optional>

namespace sgd::thermal {

/// An exact number of the energy model, in SI units (W, J, K, s, kg, m3,
/// m3/s) or, for a temperature reading, degrees Celsius (units/Units.def
/// holds readings so, and differences of readings are then kelvins).
///
/// Arithmetic beyond the 127-bit range of units::Rational, or a division by
/// zero, leaves the number invalid; every later operation keeps it so and
/// every comparison with it is false. The model rounds powers to whole watts
/// and water to whole millilitres where it computes them (docs/checks.md), so
/// the figures of real designs stay far inside that range.
class Exact {
public:
  Exact() = default;
  Exact(int64_t numerator, int64_t denominator = 1)
      : value_(units::Rational(numerator, denominator)) {}
  explicit Exact(const units::Rational &value) : value_(value) {}
  /// The canonical value of a quantity (W for a power, C for a reading).
  explicit Exact(const units::Quantity &quantity) : value_(quantity.value) {}

  static Exact invalid() {
    Exact result;
    result.value_.reset();
    return result;
  }

  bool valid() const { return value_.has_value(); }
  /// The value; 0 for an invalid number (callers check valid() first).
  units::Rational rational() const { return value_.value_or(units::Rational(0)); }
  bool isZero() const { return valid() && value_->isZero(); }
  bool isPositive() const { return valid() && !value_->isZero() && !value_->isNegative(); }

  friend Exact operator+(const Exact &a, const Exact &b);
  friend Exact operator-(const Exact &a, const Exact &b);
  friend Exact operator*(const Exact &a, const Exact &b);
  friend Exact operator/(const Exact &a, const Exact &b);
  Exact &operator+=(const Exact &other) { return *this = *this + other; }
  Exact &operator-=(const Exact &other) { return *this = *this - other; }
  friend std::partial_ordering operator<=>(const Exact &a, const Exact &b);
  friend bool operator==(const Exact &a, const Exact &b) { return (a <=> b) == 0; }

  /// The nearest whole number; halves round away from zero.
  Exact rounded() const;
  /// The value held to [low, high].
  Exact clamped(const Exact &low, const Exact &high) const;
  /// The quantity of `dimension` with this canonical value.
  units::Quantity in(units::Dimension dimension) const {
    return units::Quantity{rational(), dimension};
  }

private:
  std::optional<units::Rational> value_ = units::Rational(0);
};

inline Exact minOf(const Exact &a, const Exact &b) { return b < a ? b : a; }
inline Exact maxOf(const Exact &a, const Exact &b) { return a < b ? b : a; }

} // namespace sgd::thermal

#endif
