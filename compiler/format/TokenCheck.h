#ifndef SGD_FORMAT_TOKENCHECK_H
#define SGD_FORMAT_TOKENCHECK_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace sgd::format {

/// Whether `formatted` has the tokens of `original`, comments included and
/// in the same places, allowing only what the formatter may change: the
/// trailing comma before a `)` or `]`, and blanks at the end of a line
/// comment. Nothing when they agree; else the first difference, for a
/// message.
std::optional<std::string> compareTokens(llvm::StringRef original, llvm::StringRef formatted);

} // namespace sgd::format

#endif
