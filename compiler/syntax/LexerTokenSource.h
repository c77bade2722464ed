#ifndef SGD_SYNTAX_LEXERTOKENSOURCE_H
#define SGD_SYNTAX_LEXERTOKENSOURCE_H

// Private to compiler/syntax: the hand-written lexer behind the ANTLR parser.

#include "syntax/Lexer.h"

#include "antlr4-runtime.h"

namespace sgd::syntax {

/// The file's UTF-8 text as an ANTLR character stream, indexed by byte
/// offset. The parser reads no characters; tokens read their text from it
/// (`Token::getText`, used in messages), so only `getText` and `size` matter.
class FileCharStream final : public antlr4::CharStream {
public:
  explicit FileCharStream(llvm::StringRef fileText) : text_(fileText) {}

  std::string getText(const antlr4::misc::Interval &interval) override;
  std::string toString() const override { return text_.str(); }
  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return index_; }
  void seek(size_t index) override { index_ = std::min(index, text_.size()); }
  size_t size() override { return text_.size(); }
  std::string getSourceName() const override { return UNKNOWN_SOURCE_NAME; }

private:
  llvm::StringRef text_;
  size_t index_ = 0;
};

/// Feeds the parser the tokens of `Lexer`: `CommonToken`s whose start and
/// stop indexes are byte offsets in the file (stop is the last byte), so
/// that ParseState reads source ranges off them directly.
class LexerTokenSource final : public antlr4::TokenSource {
public:
  LexerTokenSource(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices)
      : chars_(fileText), lexer_(fileText, slices) {}

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return lexer_.line(); }
  size_t getCharPositionInLine() override { return lexer_.column(); }
  antlr4::CharStream *getInputStream() override { return &chars_; }
  std::string getSourceName() override { return chars_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

private:
  FileCharStream chars_;
  Lexer lexer_;
};

} // namespace sgd::syntax

#endif
