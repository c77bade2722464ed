#ifndef SGD_UNITS_DECIMAL_H
#define SGD_UNITS_DECIMAL_H

#include "units/Rational.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace sgd::units {

/// Reads a number as ast::NumberExpr keeps it: digits with an optional
/// fraction, `_` only between two digits ("1_500.25"). Exact: "0.1" is 1/10.
/// Errors (UnitError): MalformedNumber, OutOfRange.
llvm::Expected<Rational> parseDecimal(llvm::StringRef spelling);

/// True when the value has a finite decimal expansion (its denominator has no
/// prime factor other than 2 and 5).
bool isTerminatingDecimal(const Rational &value);

/// Significant digits kept when a value has no finite decimal expansion.
inline constexpr unsigned kRoundedSignificantDigits = 6;

/// Writes the value in decimal, the same on every machine: every digit of a
/// terminating decimal ("0.125", "-1360"); otherwise rounded to
/// kRoundedSignificantDigits significant digits, never dropping integer
/// digits ("0.666667", "333333"), with trailing zeros removed. The rounding
/// digit decides alone (5–9 round away from zero): a non-terminating value is
/// never exactly halfway, so there are no ties to break.
std::string formatDecimal(const Rational &value);

/// The decimal digits of a whole number: "0", "1360".
std::string wholeDigits(detail::UInt value);

/// A count with thousands separators, as messages print it: "391,680".
std::string withSeparators(uint64_t count);

} // namespace sgd::units

#endif
