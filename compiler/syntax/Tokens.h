#ifndef SGD_SYNTAX_TOKENS_H
#define SGD_SYNTAX_TOKENS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace sgd::syntax {

/// What a token is, coarsely: the formatter and the language server read the
/// spelling for the rest. Comments are tokens here (the parser never sees
/// them), so tools that rewrite text can keep every one.
enum class TokenKind : uint8_t {
  Identifier,  // a word that is not a keyword (`gb200_nvl72`, `N`)
  Keyword,     // `site`, `import`, `and`, … (docs/language.md §2.3)
  Number,      // `1_360.5`
  Unit,        // a word or `%` right after a number on its line (§2.6)
  UnitSlash,   // the `/` inside a unit: `kg/m2`
  String,      // `"…"`, with its quotes (also an unterminated one)
  Date,        // `2024-06-01`
  Punctuation, // `{ } ( ) [ ] ; , .. . : => = == != < <= > >= + - * / %`
  LineComment, // `// …` up to, not including, the line break
  BlockComment,// `/* … */` (or an unterminated one, to the end of the file)
  Unknown,     // a character SGD does not use
};

/// One token of a source text: its kind and its bytes [begin, end).
struct Token {
  TokenKind kind;
  uint32_t begin;
  uint32_t end;

  llvm::StringRef spelling(llvm::StringRef text) const { return text.slice(begin, end); }
  bool isComment() const {
    return kind == TokenKind::LineComment || kind == TokenKind::BlockComment;
  }
};

/// Every token of `text`, comments included, in order; whitespace is what
/// lies between them. Units are typed as the parser sees them (`10 kW` is a
/// Number and a Unit). Lexical errors are not reported: parse the file for
/// diagnostics. A byte order mark is skipped; text that is not valid UTF-8
/// yields no tokens.
std::vector<Token> tokenize(llvm::StringRef text);

/// Whether `word` is a keyword of SGD.
bool isKeyword(llvm::StringRef word);

/// Whether `word` is a keyword that may also be used as a name (`zone`,
/// `rack`, `site`, …: docs/language.md §2.3).
bool isKeywordName(llvm::StringRef word);

} // namespace sgd::syntax

#endif
