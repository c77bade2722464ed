#include "units/Quantity.h"

#include "units/Decimal.h"
#include "units/QuantityFormat.h"
#include "units/Unit.h"
#include "units/UnitError.h"

#include "llvm/Support/ErrorHandling.h"

namespace sgd::units {

namespace {

enum class Operation : uint8_t { Add, Subtract, Multiply, Divide, Compare };

llvm::Error unknownUnit(llvm::StringRef unit) {
  std::string message = ("unknown unit `" + unit + "`").str();
  if (std::optional<llvm::StringRef> suggestion = suggestUnit(unit))
    message += ("; did you mean `" + *suggestion + "`?").str();
  return makeUnitError(UnitErrorKind::UnknownUnit, std::move(message));
}

/// What to add to a mismatch message when two dimensions differ in a way
/// that has a known remedy.
llvm::StringRef mismatchHint(const Dimension &a, const Dimension &b) {
  auto powerAndApparent = [](const Dimension &x, const Dimension &y) {
    return x == dimensions::Power && y == dimensions::ApparentPower;
  };
  if (powerAndApparent(a, b) || powerAndApparent(b, a))
    return ": W and VA convert only through a power factor";
  return "";
}

constexpr llvm::StringLiteral kReadingsDoNotAdd =
    ": temperature readings do not add; add a difference in K to a reading";
constexpr llvm::StringLiteral kReadingsDoNotScale =
    ": a temperature in C is a reading on a scale, not an amount; use a "
    "difference in K";
constexpr llvm::StringLiteral kOutOfRange = ": the result is out of range";

/// "cannot add power (kW) and temperature (C)"
std::string cannot(Operation operation, const Quantity &lhs, const Quantity &rhs) {
  std::string left = describe(lhs), right = describe(rhs);
  switch (operation) {
  case Operation::Add:
    return "cannot add " + left + " and " + right;
  case Operation::Subtract:
    return "cannot subtract " + right + " from " + left;
  case Operation::Multiply:
    return "cannot multiply " + left + " by " + right;
  case Operation::Divide:
    return "cannot divide " + left + " by " + right;
  case Operation::Compare:
    return "cannot compare " + left + " with " + right;
  }
  llvm_unreachable("unknown operation");
}

llvm::Error failure(UnitErrorKind kind, Operation operation, const Quantity &lhs,
                    const Quantity &rhs, llvm::StringRef reason) {
  return makeUnitError(kind, cannot(operation, lhs, rhs) + reason.str());
}

/// The dimension of lhs ± rhs.
llvm::Expected<Dimension> sumDimension(Operation operation, const Quantity &lhs,
                                       const Quantity &rhs) {
  const Dimension &left = lhs.dimension, &right = rhs.dimension;
  if (left == right) {
    if (!left.isAbsolute())
      return left;
    if (operation == Operation::Subtract) // reading − reading
      return left.difference();
    return failure(UnitErrorKind::DimensionMismatch, operation, lhs, rhs,
                   kReadingsDoNotAdd);
  }
  if (left.isAbsolute() && right == left.difference()) // reading ± difference
    return left;
  if (operation == Operation::Add && right.isAbsolute() &&
      left == right.difference()) // difference + reading
    return right;
  return failure(UnitErrorKind::DimensionMismatch, operation, lhs, rhs,
                 mismatchHint(left, right));
}

llvm::Expected<Quantity> sum(Operation operation, const Quantity &lhs,
                             const Quantity &rhs) {
  llvm::Expected<Dimension> dimension = sumDimension(operation, lhs, rhs);
  if (!dimension)
    return dimension.takeError();
  std::optional<Rational> value = operation == Operation::Add
                                      ? checkedAdd(lhs.value, rhs.value)
                                      : checkedSubtract(lhs.value, rhs.value);
  if (!value)
    return failure(UnitErrorKind::OutOfRange, operation, lhs, rhs, kOutOfRange);
  return Quantity{*value, *dimension};
}

llvm::Expected<Quantity> product(Operation operation, const Quantity &lhs,
                                 const Quantity &rhs) {
  if (lhs.dimension.isAbsolute() || rhs.dimension.isAbsolute())
    return failure(UnitErrorKind::DimensionMismatch, operation, lhs, rhs,
                   kReadingsDoNotScale);
  bool multiplying = operation == Operation::Multiply;
  if (!multiplying && rhs.value.isZero())
    return makeUnitError(UnitErrorKind::DivisionByZero,
                         "cannot divide " + describe(lhs) + " by zero");
  std::optional<Dimension> dimension = multiplying
                                           ? lhs.dimension.times(rhs.dimension)
                                           : lhs.dimension.dividedBy(rhs.dimension);
  std::optional<Rational> value = multiplying ? checkedMultiply(lhs.value, rhs.value)
                                              : checkedDivide(lhs.value, rhs.value);
  if (!dimension || !value)
    return failure(UnitErrorKind::OutOfRange, operation, lhs, rhs, kOutOfRange);
  return Quantity{*value, *dimension};
}

using RationalOperation = std::optional<Rational> (*)(const Rational &,
                                                      const Rational &);

/// `power` (of dimension `from`) combined with a power factor by `apply`,
/// giving a quantity of dimension `to`.
llvm::Expected<Quantity> applyPowerFactor(const Quantity &power,
                                          const Quantity &powerFactor,
                                          const Dimension &from, const Dimension &to,
                                          RationalOperation apply) {
  if (power.dimension != from)
    return makeUnitError(UnitErrorKind::DimensionMismatch,
                         "a power factor converts " + describeDimension(from) +
                             " to " + describeDimension(to) + ", not " +
                             describe(power));
  if (powerFactor.dimension != dimensions::Ratio)
    return makeUnitError(UnitErrorKind::InvalidPowerFactor,
                         "a power factor must be a ratio, not " + describe(powerFactor));
  if (powerFactor.value <= 0 || powerFactor.value > 1)
    return makeUnitError(UnitErrorKind::InvalidPowerFactor,
                         "a power factor must be more than 0 and at most 1, not " +
                             format(powerFactor));
  std::optional<Rational> value = apply(power.value, powerFactor.value);
  if (!value)
    return makeUnitError(UnitErrorKind::OutOfRange,
                         "cannot apply the power factor " + format(powerFactor) +
                             " to " + describe(power) + kOutOfRange.str());
  return Quantity{*value, to};
}

} // namespace

llvm::Expected<Quantity> parseQuantity(llvm::StringRef spelling, llvm::StringRef unit) {
  llvm::Expected<Rational> number = parseDecimal(spelling);
  if (!number)
    return number.takeError();
  if (unit.empty())
    return Quantity{*number, dimensions::Ratio};
  const Unit *known = findUnit(unit);
  if (!known)
    return unknownUnit(unit);
  std::optional<Rational> value = checkedMultiply(*number, known->factor);
  if (!value)
    return makeUnitError(UnitErrorKind::OutOfRange,
                         ("`" + spelling + " " + unit + "`" + kOutOfRange).str());
  return Quantity{*value, known->dimension};
}

llvm::Expected<Rational> valueIn(const Quantity &quantity, llvm::StringRef unit) {
  const Unit *target = findUnit(unit);
  if (!target)
    return unknownUnit(unit);
  // The message is made only for an error: describing the quantity formats
  // its number, many times the work of the conversion.
  auto cannotExpress = [&] {
    return "cannot express " + describe(quantity) + " in " + unit.str();
  };
  if (target->dimension != quantity.dimension)
    return makeUnitError(UnitErrorKind::DimensionMismatch,
                         cannotExpress() + ", a unit of " +
                             describeDimension(target->dimension) +
                             mismatchHint(quantity.dimension, target->dimension).str());
  std::optional<Rational> value = checkedDivide(quantity.value, target->factor);
  if (!value)
    return makeUnitError(UnitErrorKind::OutOfRange, cannotExpress() + kOutOfRange.str());
  return *value;
}

llvm::Expected<Quantity> add(const Quantity &lhs, const Quantity &rhs) {
  return sum(Operation::Add, lhs, rhs);
}

llvm::Expected<Quantity> subtract(const Quantity &lhs, const Quantity &rhs) {
  return sum(Operation::Subtract, lhs, rhs);
}

llvm::Expected<Quantity> multiply(const Quantity &lhs, const Quantity &rhs) {
  return product(Operation::Multiply, lhs, rhs);
}

llvm::Expected<Quantity> divide(const Quantity &lhs, const Quantity &rhs) {
  return product(Operation::Divide, lhs, rhs);
}

llvm::Expected<std::strong_ordering> compare(const Quantity &lhs, const Quantity &rhs) {
  if (lhs.dimension != rhs.dimension)
    return failure(UnitErrorKind::DimensionMismatch, Operation::Compare, lhs, rhs,
                   mismatchHint(lhs.dimension, rhs.dimension));
  return lhs.value <=> rhs.value;
}

Quantity negate(const Quantity &quantity) {
  return {-quantity.value, quantity.dimension};
}

llvm::Expected<Quantity> realPower(const Quantity &apparent, const Quantity &powerFactor) {
  return applyPowerFactor(apparent, powerFactor, dimensions::ApparentPower,
                          dimensions::Power, checkedMultiply);
}

llvm::Expected<Quantity> apparentPower(const Quantity &real, const Quantity &powerFactor) {
  return applyPowerFactor(real, powerFactor, dimensions::Power,
                          dimensions::ApparentPower, checkedDivide);
}

} // namespace sgd::units
