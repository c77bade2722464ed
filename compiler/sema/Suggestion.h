#ifndef SGD_SEMA_SUGGESTION_H
#define SGD_SEMA_SUGGESTION_H

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

} // namespace sgd::sema

#endif
