#include "units/Unit.h"

#include "llvm/ADT/STLExtras.h"

namespace sgd::units {

namespace {

constexpr Unit kUnits[] = {
#define UNIT(SYMBOL, DIMENSION, NUMERATOR, DENOMINATOR, USE)                   \
  {SYMBOL, dimensions::DIMENSION, Rational(NUMERATOR, DENOMINATOR), UnitUse::USE},
#include "units/Units.def"
};

} // namespace

llvm::ArrayRef<Unit> allUnits() { return kUnits; }

const Unit *findUnit(llvm::StringRef symbol) {
  const auto *found =
      llvm::find_if(kUnits, [&](const Unit &unit) { return unit.symbol == symbol; });
  return found == std::end(kUnits) ? nullptr : found;
}

std::optional<llvm::StringRef> suggestUnit(llvm::StringRef unknown) {
  const auto *sameLetters = llvm::find_if(
      kUnits, [&](const Unit &unit) { return unit.symbol.equals_insensitive(unknown); });
  if (sameLetters != std::end(kUnits))
    return sameLetters->symbol;

  auto maxDistance = static_cast<unsigned>((unknown.size() + 2) / 3);
  std::optional<llvm::StringRef> best;
  unsigned bestDistance = maxDistance + 1;
  for (const Unit &unit : kUnits) {
    unsigned distance =
        unknown.edit_distance(unit.symbol, /*AllowReplacements=*/true, maxDistance);
    if (distance < bestDistance) {
      best = unit.symbol;
      bestDistance = distance;
    }
  }
  return best;
}

} // namespace sgd::units
