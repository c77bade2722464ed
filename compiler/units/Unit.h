#ifndef SGD_UNITS_UNIT_H
#define SGD_UNITS_UNIT_H

#include "units/Dimension.h"
#include "units/Rational.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace sgd::units {

enum class UnitUse : uint8_t {
  Display, // format() may print values in it
  Input,   // accepted in literals, never printed
};

/// One row of Units.def.
struct Unit {
  llvm::StringRef symbol;
  Dimension dimension;
  Rational factor; // 1 symbol in the canonical unit of the dimension
  UnitUse use;
};

/// Every unit, in Units.def order.
llvm::ArrayRef<Unit> allUnits();

/// The unit written exactly `symbol` (case matters: `kw` is not `kW`).
const Unit *findUnit(llvm::StringRef symbol);

/// The known symbol an unknown one was probably meant to be: one that differs
/// only in case (`kw` → `kW`, `mva` → `MVA`), otherwise the one at the
/// smallest edit distance, if that distance is at most (length + 2) / 3 of the
/// unknown symbol (clang's rule for typo correction). Ties go to the earlier
/// entry of Units.def.
std::optional<llvm::StringRef> suggestUnit(llvm::StringRef unknown);

} // namespace sgd::units

#endif
