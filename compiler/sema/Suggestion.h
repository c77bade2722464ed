#ifndef SGD_SEMA_SUGGESTION_H
#define SGD_SEMA_SUGGESTION_H

#include "units/Dimension.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::sema {

/// The candidate closest to `wanted` by edit distance, if close enough to be
/// a likely typo (for "did you mean `x`?"). Ties go to the first candidate in
/// sorted order, so the answer is the same on every machine.
std::optional<std::string> closestName(llvm::StringRef wanted,
                                       std::vector<llvm::StringRef> candidates);

/// A unit of `dimension` that `written`, a unit of another dimension, was
/// probably meant to be: one that differs in one letter or only in case
/// (`kW` where a voltage is expected: `kV`). Ties go to the earlier entry of
/// units/Units.def.
std::optional<llvm::StringRef> closestUnitOf(llvm::StringRef written,
                                             units::Dimension dimension);

} // namespace sgd::sema

#endif
