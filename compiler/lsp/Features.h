#ifndef SGD_LSP_FEATURES_H
#define SGD_LSP_FEATURES_H

#include "lsp/TextPositions.h"
#include "lsp/Workspace.h"

#include "llvm/Support/JSON.h"

namespace sgd::lsp {

/// What the editor features read: the last check of the file, the file's
/// module in it, its text as checked, and the position encoding.
struct FileView {
  const CheckResult &result;
  unsigned module;
  FileId file;
  llvm::StringRef text;
  std::string path;
  PositionEncoding encoding;
  const sema::ModuleSearch &search;
};

/// Markdown for the thing at `offset`: a catalog entry's attributes, a
/// structure's derived figures (racks, IT load, heat, equipment counts), an
/// attribute's schema, a constant's or template's declaration. Null when
/// there is nothing to say.
llvm::json::Value hover(const FileView &view, uint32_t offset);

/// Where the name at `offset` is declared, or null.
llvm::json::Value definition(const FileView &view, const Workspace &workspace, uint32_t offset);

/// Every use of the name at `offset`.
llvm::json::Value references(const FileView &view, const Workspace &workspace, uint32_t offset,
                             bool withDeclaration);

/// Completions at `offset` of `text` (the editor's current text).
llvm::json::Value completion(const FileView &view, llvm::StringRef text, uint32_t offset);

/// The file's outline: its declarations, nested as written.
llvm::json::Value documentSymbols(const FileView &view);

/// Quick fixes for the diagnostics of the file in [begin, end): their fix-its
/// and their "did you mean" suggestions.
llvm::json::Value codeActions(const FileView &view, uint32_t begin, uint32_t end);

/// An LSP location of a range of a checked file.
llvm::json::Value location(const CheckResult &result, const Workspace &workspace,
                           SourceRange range, PositionEncoding encoding);

} // namespace sgd::lsp

#endif
