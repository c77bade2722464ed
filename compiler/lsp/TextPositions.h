#ifndef SGD_LSP_TEXTPOSITIONS_H
#define SGD_LSP_TEXTPOSITIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>

namespace sgd::lsp {

/// How LSP positions count characters within a line: UTF-16 code units (the
/// protocol's default) or bytes, when the client offers `utf-8`.
enum class PositionEncoding { Utf16, Utf8 };

/// `{line, character}` of a byte offset of `text`.
llvm::json::Value positionAt(llvm::StringRef text, uint32_t offset, PositionEncoding encoding);

/// `{start, end}` of bytes [begin, end) of `text`.
llvm::json::Value rangeOf(llvm::StringRef text, uint32_t begin, uint32_t end,
                          PositionEncoding encoding);

/// The byte offset of an LSP position (clamped to its line and the text).
uint32_t offsetAt(llvm::StringRef text, const llvm::json::Value *position,
                  PositionEncoding encoding);

/// `file:///a/b.sgd` for an absolute path, and back (nothing for another
/// scheme).
std::string uriOf(llvm::StringRef path);
std::optional<std::string> pathOf(llvm::StringRef uri);

} // namespace sgd::lsp

#endif
