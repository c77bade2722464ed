#ifndef SGD_BASE_UTF8_H
#define SGD_BASE_UTF8_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace sgd {

/// Returns the byte offset of the first byte that does not start or continue a
/// well-formed UTF-8 sequence (overlong forms, surrogates and code points above
/// U+10FFFF are ill-formed), or nothing when the whole text is valid.
std::optional<size_t> findInvalidUtf8(llvm::StringRef text);

/// Number of code points in valid UTF-8 text.
size_t countCodePoints(llvm::StringRef text);

} // namespace sgd

#endif
