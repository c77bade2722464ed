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

/// The length of the longest prefix of `text` made of whole eight-byte words
/// whose every byte is above `bound` (below 0x80), found a word at a time:
/// a scanner looking for a few low bytes (line ends) passes the rest of the
/// text at that speed and looks at the bytes from there one by one.
size_t wordsAbove(llvm::StringRef text, unsigned char bound);

/// Whether every byte of `text` is ASCII (below 0x80): then its code points
/// are its bytes.
bool isAscii(llvm::StringRef text);

} // namespace sgd

#endif
