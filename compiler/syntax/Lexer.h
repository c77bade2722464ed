#ifndef SGD_SYNTAX_LEXER_H
#define SGD_SYNTAX_LEXER_H

#include "syntax/TextSlice.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace sgd::syntax {

/// One token, as the lexer generated from grammar/Sgd.g4 would produce it:
/// the same type (SgdLexer's numbers; `antlr4::Token::EOF` at the end), the
/// same channel, the same line, and the same column (in code points since the
/// last `\n`, as ANTLR counts). Positions are byte offsets in the file.
struct LexedToken {
  size_t type;
  size_t channel;
  uint32_t begin;
  uint32_t end;
  uint32_t line;
  uint32_t column;
};

/// A hand-written lexer for SGD: the lexer rules of grammar/Sgd.g4 (the
/// specification) implemented over the UTF-8 bytes of the file in place,
/// with no UTF-32 copy and none of the ANTLR runtime's per-character locks.
/// Like ANTLR's, it matches the longest token and, between equally long
/// ones, the first rule (keywords before `ID`, `DATE` before `NUMBER`);
/// skipped tokens (whitespace, comments) are not returned. Letters and digits
/// of identifiers are the grammar's own `\p{L}` and `\p{N}` sets, read from
/// the generated lexer's ATN at build time (tablegen/LexerTablesGen.cpp).
/// tests/unit/syntax/LexerTest.cpp compares it
/// with the generated lexer token by token.
///
/// The slices of the file are lexed as if written end to end (a split
/// block's header and its `}`: compiler/syntax/Parser.cpp); no token crosses
/// from one to the next. The text must be valid UTF-8.
class Lexer {
public:
  Lexer(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices);

  /// The next token; after the last, an EOF token at the end of the last
  /// slice, again on every call.
  LexedToken next();

  /// The line and column where the next token would start.
  uint32_t line() const { return line_; }
  uint32_t column();

private:
  llvm::StringRef text_;
  llvm::ArrayRef<TextSlice> slices_;
  size_t slice_ = 0;
  uint32_t at_;
  uint32_t end_;
  uint32_t line_ = 1;
  // The column of `columnFrom_` (code points since the last `\n`): columns
  // are counted forward from there, once per byte.
  uint32_t columnBase_ = 0;
  uint32_t columnFrom_;
  // Whether every slice is ASCII, as source most often is: then code points
  // are bytes, and a column is a subtraction.
  bool ascii_;

  uint32_t columnAt(uint32_t offset);
  void passNewlines(uint32_t from, uint32_t to);
  LexedToken make(size_t type, uint32_t begin, uint32_t end, uint32_t line, uint32_t column,
                  size_t channel = 0);
  uint32_t scanString(uint32_t begin, bool &terminated) const;
};

/// The keyword token type of `word` (`site` is SgdLexer::SITE), if it is one.
std::optional<size_t> keywordType(llvm::StringRef word);

} // namespace sgd::syntax

#endif
