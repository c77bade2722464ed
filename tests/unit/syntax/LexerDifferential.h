#ifndef SGD_TESTS_UNIT_SYNTAX_LEXERDIFFERENTIAL_H
#define SGD_TESTS_UNIT_SYNTAX_LEXERDIFFERENTIAL_H

// The hand-written lexer (compiler/syntax/Lexer.cpp) against the lexer ANTLR
// generates from grammar/Sgd.g4, token by token (LexerTest.cpp). Kept apart
// so that a fuzzing harness can call it; clang-14, which has libFuzzer,
// does not compile Debian's ANTLR 4.9 runtime headers (InterpreterDataReader.h).

#include "base/Utf8.h"
#include "syntax/Lexer.h"

#include "SgdLexer.h"

#include <sstream>
#include <string>
#include <vector>

namespace sgd::test {

/// Whether the generated lexer is a reference for `text` read in `slices`:
/// the text is valid UTF-8 (else parseFile reports E0001 and lexes nothing),
/// and its input does not begin with U+FEFF, which ANTLRInputStream drops,
/// counting the positions of the rest from there (the hand-written lexer
/// calls it a bad character, E0105, as it does anywhere else).
inline bool comparable(const std::string &text, llvm::ArrayRef<syntax::TextSlice> slices) {
  return !findInvalidUtf8(text) &&
         !llvm::StringRef(text).substr(slices.front().begin).startswith("\xEF\xBB\xBF");
}

/// The tokens of the generated lexer on the slices written end to end, with
/// its code-point positions turned into byte offsets of `text`.
inline std::vector<syntax::LexedToken>
generatedTokens(const std::string &text, llvm::ArrayRef<syntax::TextSlice> slices) {
  std::string joined;
  std::vector<uint32_t> byteOf; // code point index in `joined` -> byte offset in `text`
  for (syntax::TextSlice slice : slices) {
    joined += text.substr(slice.begin, slice.end - slice.begin);
    for (uint32_t i = slice.begin; i < slice.end; ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
        byteOf.push_back(i);
  }
  byteOf.push_back(slices.back().end);
  antlr4::ANTLRInputStream input(joined.data(), joined.size());
  antlr::SgdLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<syntax::LexedToken> tokens;
  for (;;) {
    std::unique_ptr<antlr4::Token> token = lexer.nextToken();
    size_t start = token->getStartIndex();
    bool eof = token->getType() == antlr4::Token::EOF;
    uint32_t end = byteOf[start];
    if (!eof) { // just after the token's last code point
      uint32_t lastByte = byteOf[token->getStopIndex()];
      auto lead = static_cast<unsigned char>(text[lastByte]);
      end = lastByte + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4);
    }
    tokens.push_back({token->getType(), token->getChannel(), byteOf[start], end,
                      static_cast<uint32_t>(token->getLine()),
                      static_cast<uint32_t>(token->getCharPositionInLine())});
    if (eof)
      return tokens;
  }
}

inline std::vector<syntax::LexedToken>
handWrittenTokens(const std::string &text, llvm::ArrayRef<syntax::TextSlice> slices) {
  syntax::Lexer lexer(text, slices);
  std::vector<syntax::LexedToken> tokens;
  do
    tokens.push_back(lexer.next());
  while (tokens.back().type != antlr4::Token::EOF);
  return tokens;
}

inline std::string describe(const std::vector<syntax::LexedToken> &tokens, size_t i) {
  if (i >= tokens.size())
    return "no token";
  const syntax::LexedToken &t = tokens[i];
  std::ostringstream out;
  out << "type " << static_cast<long>(t.type) << ", channel " << t.channel << ", bytes ["
      << t.begin << ", " << t.end << "), line " << t.line << ", column " << t.column;
  return out.str();
}

/// The first token on which the two lexers differ, described; empty when
/// they agree. `count` is set to the number of tokens (EOF included).
inline std::string firstDifference(const std::string &text,
                                   llvm::ArrayRef<syntax::TextSlice> slices, size_t &count) {
  std::vector<syntax::LexedToken> expected = generatedTokens(text, slices);
  std::vector<syntax::LexedToken> actual = handWrittenTokens(text, slices);
  count = expected.size();
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    bool same = i < expected.size() && i < actual.size() &&
                actual[i].type == expected[i].type && actual[i].channel == expected[i].channel &&
                actual[i].begin == expected[i].begin && actual[i].end == expected[i].end &&
                actual[i].line == expected[i].line && actual[i].column == expected[i].column;
    if (!same)
      return "token " + std::to_string(i) + ": generated " + describe(expected, i) +
             "; hand-written " + describe(actual, i);
  }
  return "";
}

} // namespace sgd::test

#endif
