#include "thermal/Exact.h"

namespace sgd::thermal {
namespace {

using units::Rational;

Exact from(std::optional<Rational> value) {
  return value ? Exact(*value) : Exact::invalid();
}

} // namespace

Exact operator+(const Exact &a, const Exact &b) {
  if (!a.valid() || !b.valid())
    return Exact::invalid();
  return from(units::checkedAdd(*a.value_, *b.value_));
}

Exact operator-(const Exact &a, const Exact &b) {
  if (!a.valid() || !b.valid())
    return Exact::invalid();
  return from(units::checkedSubtract(*a.value_, *b.value_));
}

Exact operator*(const Exact &a, const Exact &b) {
  if (!a.valid() || !b.valid())
    return Exact::invalid();
  return from(units::checkedMultiply(*a.value_, *b.value_));
}

Exact operator/(const Exact &a, const Exact &b) {
  if (!a.valid() || !b.valid() || b.value_->isZero())
    return Exact::invalid();
  return from(units::checkedDivide(*a.value_, *b.value_));
}

std::partial_ordering operator<=>(const Exact &a, const Exact &b) {
  if (!a.valid() || !b.valid())
    return std::partial_ordering::unordered;
  return *a.value_ <=> *b.value_;
}

Exact Exact::rounded() const {
  if (!valid())
    return *this;
  Rational::Int numerator = value_->numerator(), denominator = value_->denominator();
  Rational::Int whole = numerator / denominator; // toward zero
  Rational::Int rest = numerator % denominator;  // the sign of the numerator
  Rational::Int restMagnitude = rest < 0 ? -rest : rest;
  // 2 × |rest| ≥ denominator, without the doubling overflowing.
  if (restMagnitude >= denominator - restMagnitude)
    whole += numerator < 0 ? -1 : 1;
  return from(Rational::fromParts(whole, 1));
}

Exact Exact::clamped(const Exact &low, const Exact &high) const {
  if (!valid())
    return *this;
  if (*this < low)
    return low;
  if (high < *this)
    return high;
  return *this;
}

} // namespace sgd::thermal
