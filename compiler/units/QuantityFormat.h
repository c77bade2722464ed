#ifndef SGD_UNITS_QUANTITYFORMAT_H
#define SGD_UNITS_QUANTITYFORMAT_H

#include "units/Quantity.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace sgd::units {

/// Prints a quantity as designers write one, the same on every machine:
/// "1.25 MW", "132 kW", "1.36 t", "30 C"; a ratio prints as a plain number
/// ("0.9"). The unit is a Display unit of the dimension (Units.def): of those
/// in which the value is at least 1 in magnitude, the one with the largest
/// factor that gives a terminating decimal (36 h is "1.5 d", but 10 d is not
/// "1.42857 weeks"), or if none does, the one with the largest factor; if the
/// value is below 1 in every unit, the smallest unit ("0 W", "0.5 kg"). The
/// number is formatDecimal's: exact when it terminates, else rounded. A
/// dimension without Display units prints in SI base units ("2 kg·m/s²").
std::string format(const Quantity &quantity);

/// The quantity in a unit of its dimension: formatIn(0.9, "%") is "90 %".
/// Errors as valueIn().
llvm::Expected<std::string> formatIn(const Quantity &quantity, llvm::StringRef unit);

/// The quantity's dimension for messages, with the unit format() prints it
/// in: "power (kW)", "temperature (C)"; "ratio"; the composed spelling for a
/// dimension without a name ("kg·m/s²").
std::string describe(const Quantity &quantity);

} // namespace sgd::units

#endif
