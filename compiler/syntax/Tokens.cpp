#include "syntax/Tokens.h"

#include "base/Utf8.h"
#include "syntax/LexicalPass.h"
#include "syntax/ParseState.h"
#include "syntax/TokenBuffer.h"

#include "SgdLexer.h"
#include "SgdParser.h"

#include "llvm/ADT/StringSet.h"

namespace sgd::syntax {
namespace {

using antlr::SgdLexer;
using antlr::SgdParser;

TokenKind kindOf(size_t type, bool keyword) {
  switch (type) {
  case SgdLexer::ID: return TokenKind::Identifier;
  case SgdLexer::NUMBER: return TokenKind::Number;
  case SgdParser::UNIT: return TokenKind::Unit;
  case SgdParser::UNIT_SLASH: return TokenKind::UnitSlash;
  case SgdLexer::STRING:
  case SgdLexer::UNTERMINATED_STRING: return TokenKind::String;
  case SgdLexer::DATE: return TokenKind::Date;
  case SgdLexer::UNTERMINATED_COMMENT: return TokenKind::BlockComment;
  case SgdLexer::BAD_CHAR: return TokenKind::Unknown;
  default: return keyword ? TokenKind::Keyword : TokenKind::Punctuation;
  }
}

// Comments are skipped by the lexer, so they are all that the text between
// two tokens holds besides whitespace.
void commentsBetween(llvm::StringRef text, uint32_t begin, uint32_t end,
                     std::vector<Token> &tokens) {
  uint32_t at = begin;
  while (at < end) {
    if (text.substr(at).startswith("//")) {
      uint32_t stop = at;
      while (stop < end && text[stop] != '\n' && text[stop] != '\r')
        ++stop;
      tokens.push_back({TokenKind::LineComment, at, stop});
      at = stop;
    } else if (text.substr(at).startswith("/*")) {
      size_t close = text.find("*/", at + 2);
      uint32_t stop = close == llvm::StringRef::npos ? end : static_cast<uint32_t>(close + 2);
      tokens.push_back({TokenKind::BlockComment, at, stop});
      at = stop;
    } else {
      ++at;
    }
  }
}

} // namespace

std::vector<Token> tokenize(llvm::StringRef text) {
  std::vector<Token> tokens;
  if (findInvalidUtf8(text))
    return tokens;
  uint32_t start = text.startswith("\xEF\xBB\xBF") ? 3 : 0;
  auto size = static_cast<uint32_t>(text.size());
  TextSlice slice{start, size};
  TokenBuffer stream(text, slice);
  // The lexical pass types units as the parser sees them; its diagnostics
  // are the parser's business.
  ast::AstContext context;
  DiagnosticEngine ignored;
  ParseState state(FileId{0}, text, context, ignored);
  runLexicalPass(stream, state);

  uint32_t previousEnd = start;
  for (const BufferedToken &token : stream.tokens()) {
    if (token.getType() == antlr4::Token::EOF)
      break;
    uint32_t begin = state.begin(&token);
    uint32_t end = state.end(&token);
    commentsBetween(text, previousEnd, begin, tokens);
    bool keyword = isKeyword(state.spelling(&token)) && token.getType() != SgdLexer::ID &&
                   token.getType() != SgdParser::UNIT;
    tokens.push_back({kindOf(token.getType(), keyword), begin, end});
    previousEnd = end;
  }
  commentsBetween(text, previousEnd, size, tokens);
  return tokens;
}

bool isKeyword(llvm::StringRef word) { return keywordType(word).has_value(); }

bool isKeywordName(llvm::StringRef word) {
  // The alternatives of the grammar's `name` rule besides ID.
  static const llvm::StringSet<> names = {
      "site",    "building", "hall",     "row",      "rack",    "zone",   "schedule",
      "task",    "milestone", "after",   "before",   "at",      "scope",  "message",
      "severity", "cite",    "component", "template", "ruleset", "rule",  "preorder",
      "comply",  "redundancy"};
  return names.count(word) != 0;
}

} // namespace sgd::syntax
