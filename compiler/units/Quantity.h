#ifndef SGD_UNITS_QUANTITY_H
#define SGD_UNITS_QUANTITY_H

#include "units/Dimension.h"
#include "units/Rational.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <compare>

namespace sgd::units {

/// An exact amount of a dimension, held in the canonical unit of that
/// dimension (Units.def): 1.25 MW is {1250000, power}, 50 % is {1/2, ratio},
/// 30 C is {30, temperature}.
struct Quantity {
  Rational value;
  Dimension dimension;

  friend bool operator==(const Quantity &, const Quantity &) = default;
  friend llvm::hash_code hash_value(const Quantity &q) {
    return hashWords({hash_value(q.value), hash_value(q.dimension)});
  }
};

/// The literal `spelling unit` as ast::NumberExpr keeps it: spelling "1_500.25",
/// unit "kg/m2" (empty for a plain number, which is a ratio). Exact: "1.25"
/// "MW" is 1250000 W. Errors: MalformedNumber, UnknownUnit (with a
/// suggestion in the message), OutOfRange.
llvm::Expected<Quantity> parseQuantity(llvm::StringRef spelling, llvm::StringRef unit);

/// The value of `quantity` in `unit` ("kW"), exactly. Errors: UnknownUnit,
/// DimensionMismatch, OutOfRange.
llvm::Expected<Rational> valueIn(const Quantity &quantity, llvm::StringRef unit);

// Arithmetic checks dimensions and range; its errors name both operands'
// dimensions ("cannot add power (kW) and temperature (C)").
//
// Sums and differences need equal vector dimensions, except for temperature
// readings (absolute dimensions), where reading − reading is a difference,
// reading ± difference and difference + reading are readings, and
// reading + reading is an error. Products and quotients combine dimensions
// (W / kW is a ratio) and refuse readings. Comparison needs equal dimensions.
// Power (W) and apparent power (VA) never mix: only realPower() and
// apparentPower() convert, with a power factor.

llvm::Expected<Quantity> add(const Quantity &lhs, const Quantity &rhs);
llvm::Expected<Quantity> subtract(const Quantity &lhs, const Quantity &rhs);
llvm::Expected<Quantity> multiply(const Quantity &lhs, const Quantity &rhs);
/// Also DivisionByZero.
llvm::Expected<Quantity> divide(const Quantity &lhs, const Quantity &rhs);
llvm::Expected<std::strong_ordering> compare(const Quantity &lhs, const Quantity &rhs);

/// Never fails. Allowed on readings too, because the language writes −5 °C
/// as `-5 C`: the negation of the reading 5 °C.
Quantity negate(const Quantity &quantity);

/// apparent × powerFactor, in W. `powerFactor` is a ratio in (0, 1].
/// Errors: DimensionMismatch, InvalidPowerFactor, OutOfRange.
llvm::Expected<Quantity> realPower(const Quantity &apparent, const Quantity &powerFactor);
/// real / powerFactor, in VA. `powerFactor` is a ratio in (0, 1].
/// Errors: DimensionMismatch, InvalidPowerFactor, OutOfRange.
llvm::Expected<Quantity> apparentPower(const Quantity &real, const Quantity &powerFactor);

} // namespace sgd::units

#endif
