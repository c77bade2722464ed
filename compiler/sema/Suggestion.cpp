#include "sema/Suggestion.h"

#include "units/Unit.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace sgd::sema {

std::optional<std::string> closestName(llvm::StringRef wanted,
                                       std::vector<llvm::StringRef> candidates) {
  llvm::sort(candidates);
  std::optional<std::string> best;
  // About a third of the name may differ, and at least two characters.
  unsigned bestDistance = std::max<unsigned>(2, wanted.size() / 3) + 1;
  for (llvm::StringRef candidate : candidates)
    if (unsigned distance = candidate.edit_distance(wanted); distance < bestDistance) {
      bestDistance = distance;
      best = candidate.str();
    }
  return best;
}

std::optional<llvm::StringRef> closestUnitOf(llvm::StringRef written,
                                             units::Dimension dimension) {
  for (const units::Unit &unit : units::allUnits())
    if (unit.dimension == dimension &&
        (unit.symbol.equals_insensitive(written) || unit.symbol.edit_distance(written) == 1))
      return unit.symbol;
  return std::nullopt;
}

} // namespace sgd::sema
