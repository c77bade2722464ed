#ifndef SGD_FORMAT_UNIFIEDDIFF_H
#define SGD_FORMAT_UNIFIEDDIFF_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace sgd::format {

/// The changes from `before` to `after` as a unified diff with three lines of
/// context, headed `--- a/NAME` and `+++ b/NAME` (so `git apply` and
/// `patch -p1` take it); empty when the texts are equal.
std::string unifiedDiff(llvm::StringRef before, llvm::StringRef after, llvm::StringRef name);

} // namespace sgd::format

#endif
