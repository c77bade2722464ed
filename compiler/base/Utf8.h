#ifndef SGD_BASE_UTF8_H
#define SGD_BASE_UTF8_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace sgd {

/// Returns the byte offset of the first byte that does not start or continue a
/// well-formed UTF-8 sequence (overlong forms, surrogates and code points above
/// U+10FFFF are ill-formed), or nothing when the whole text is valid.
std::optional<size_t> findInvalidUtf8(llvm::StringRef text);

/// The UTF-8 byte order mark, U+FEFF. A file may start with one, which is
/// not part of its text; anywhere else it is a character like any other.
constexpr llvm::StringLiteral kByteOrderMark = "\xEF\xBB\xBF";

/// Number of code points in valid UTF-8 text.
size_t countCodePoints(llvm::StringRef text);

} // namespace sgd

#endif
