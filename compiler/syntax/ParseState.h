#ifndef SGD_SYNTAX_PARSESTATE_H
#define SGD_SYNTAX_PARSESTATE_H

// Private to compiler/syntax: what the lexer pass, the error strategy and the
// parse-tree converter share while one piece of text is parsed.

#include "ast/AstContext.h"
#include "ast/Item.h"
#include "base/LineTable.h"
#include "base/SourceRange.h"
#include "diagnostics/DiagnosticEngine.h"

#include "antlr4-runtime.h"

#include <optional>
#include <vector>

namespace sgd::syntax {

/// The note of E0112: why the nesting limit cannot be raised, and what to do.
constexpr llvm::StringLiteral kFixedNestingLimit =
    "this limit is fixed, as the parser needs stack for every level: write the value in "
    "steps, naming parts of it with `const`";

/// Body items parsed on their own, to be put into the block whose `{` is at
/// `openBrace` when the block's (empty) header parse is converted.
struct BlockSplice {
  uint32_t openBrace;
  llvm::ArrayRef<const ast::Item *> items;
};

class ParseState {
public:
  ParseState(FileId file, llvm::StringRef fileText, ast::AstContext &context,
             DiagnosticEngine &diagnostics)
      : file(file), fileText(fileText), context(context), diagnostics(diagnostics) {}

  const FileId file;
  /// The whole file; the parser reads slices of it.
  const llvm::StringRef fileText;
  ast::AstContext &context;
  DiagnosticEngine &diagnostics;
  std::optional<BlockSplice> splice;
  /// The structure items converted so far.
  ast::WrittenStructures written;
  /// Whether the tree being converted comes from the parse that recovers
  /// from syntax errors. The first parse stops at the first error, and every
  /// rule but `file` matches at least one token, so after it every context
  /// the converter reads is complete and every token it reads real: only a
  /// recovered tree's need checking.
  bool recovered = false;

  /// Syntax errors at or after this byte offset are follow-on errors of an
  /// unterminated comment and are not reported.
  std::optional<uint32_t> silenceFrom;
  /// Token indexes, ascending, of tokens with a lexical error (an unterminated
  /// string, `1e3`). A syntax error right after one is part of the same
  /// mistake (the `;` went into the string) and is not reported again.
  std::vector<size_t> explainedTokens;
  /// Byte offsets of characters the lexer dropped, ascending. A syntax error
  /// right after one is usually that character's doing.
  std::vector<uint32_t> droppedCharacters;

  // Tokens come from a TokenBuffer: their indexes are byte offsets.
  uint32_t begin(const antlr4::Token *token) const {
    return static_cast<uint32_t>(token->getStartIndex());
  }
  uint32_t end(const antlr4::Token *token) const {
    return static_cast<uint32_t>(token->getStopIndex() + 1);
  }
  SourceRange range(const antlr4::Token *token) const {
    return {file, begin(token), end(token)};
  }
  SourceRange range(const antlr4::Token *first, const antlr4::Token *last) const {
    return {file, begin(first), end(last)};
  }
  SourceRange range(antlr4::ParserRuleContext *ctx) const {
    return range(ctx->getStart(), ctx->getStop());
  }
  /// The empty range just after `token`: where a missing `;` belongs.
  SourceRange pointAfter(const antlr4::Token *token) const {
    uint32_t offset = end(token);
    return {file, offset, offset};
  }
  /// Whether no line break (LF, CR) separates `first` from the later token
  /// `second`. Not ANTLR's line numbers: they count LF only.
  bool onOneLine(const antlr4::Token *first, const antlr4::Token *second) const {
    return !containsLineBreak(fileText.slice(end(first), begin(second)));
  }
  /// The source text of a token, as bytes of the file.
  llvm::StringRef spelling(const antlr4::Token *token) const {
    return fileText.slice(begin(token), end(token));
  }
};

} // namespace sgd::syntax

#endif
