#ifndef SGD_SYNTAX_TOKENBUFFER_H
#define SGD_SYNTAX_TOKENBUFFER_H

// Private to compiler/syntax: the hand-written lexer's tokens as the ANTLR
// parser's token stream.

#include "syntax/Lexer.h"

#include "antlr4-runtime.h"

#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace sgd::syntax {

class TokenBuffer;

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

/// What ANTLR asks of a token's source: its character stream and its token
/// factory, with which error recovery conjures a missing token. The tokens
/// themselves were all lexed into the TokenBuffer when it was made.
class LexedTokenSource final : public antlr4::TokenSource {
public:
  LexedTokenSource(llvm::StringRef fileText, size_t endLine, size_t endColumn)
      : chars_(fileText), endLine_(endLine), endColumn_(endColumn) {}

  /// The buffer took every token when it was made: the source is exhausted,
  /// and stands where its EOF token is.
  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return endLine_; }
  size_t getCharPositionInLine() override { return endColumn_; }
  antlr4::CharStream *getInputStream() override { return &chars_; }
  std::string getSourceName() override { return chars_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

private:
  FileCharStream chars_;
  size_t endLine_;
  size_t endColumn_;
};

/// One token of the hand-written lexer as the parser sees it, held by value
/// in its TokenBuffer (ANTLR's CommonTokenStream holds each CommonToken in a
/// heap allocation of its own: a malloc and a free per token). Start and stop
/// indexes are byte offsets in the file (stop is the last byte), so that
/// ParseState reads source ranges off them directly.
class BufferedToken final : public antlr4::Token {
public:
  BufferedToken(TokenBuffer &buffer, const LexedToken &lexed, uint32_t index);

  std::string getText() const override;
  size_t getType() const override { return type_; }
  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() const override { return column_; }
  size_t getChannel() const override { return channel_; }
  size_t getTokenIndex() const override { return index_; }
  size_t getStartIndex() const override { return begin_; }
  /// ANTLR's EOF token stops one before it starts.
  size_t getStopIndex() const override { return size_t(end_) - 1; }
  antlr4::TokenSource *getTokenSource() const override;
  antlr4::CharStream *getInputStream() const override;
  std::string toString() const override;

  /// The lexical pass retypes unit words and repaired strings.
  void setType(size_t type) { type_ = type; }

private:
  TokenBuffer *buffer_;
  size_t type_; // Token::EOF is the largest size_t
  uint32_t channel_;
  uint32_t begin_;
  uint32_t end_; // one past the last byte; begin_ for EOF
  uint32_t line_;
  uint32_t column_;
  uint32_t index_;
};

/// The tokens of some slices of a file (see Lexer), all lexed when it is
/// made, as ANTLR's token stream: the parser sees the default channel only,
/// as with a CommonTokenStream; `tokens()` has every token, for the lexical
/// pass and the formatter's tokenizer. The tokens do not move once made.
class TokenBuffer final : public antlr4::TokenStream {
public:
  TokenBuffer(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices);
  TokenBuffer(const TokenBuffer &) = delete;
  TokenBuffer &operator=(const TokenBuffer &) = delete;

  /// Every token, hidden ones too, in order; the last is EOF.
  llvm::MutableArrayRef<BufferedToken> tokens() { return tokens_; }

  antlr4::Token *LT(ssize_t k) override;
  antlr4::Token *get(size_t index) const override;
  antlr4::TokenSource *getTokenSource() const override { return &source_; }
  std::string getText(const antlr4::misc::Interval &interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext *ctx) override;
  std::string getText(antlr4::Token *start, antlr4::Token *stop) override;

  void consume() override;
  size_t LA(ssize_t i) override;
  // Every token stays in the buffer: marks need not hold any.
  ssize_t mark() override { return 0; }
  void release(ssize_t) override {}
  size_t index() override { return current_; }
  void seek(size_t index) override;
  size_t size() override { return tokens_.size(); }
  std::string getSourceName() const override { return source_.getSourceName(); }

private:
  std::vector<BufferedToken> tokens_;
  // ANTLR's const getters hand out the source as non-const.
  mutable LexedTokenSource source_;
  size_t current_; // a default-channel token, or EOF
  // The default-channel token before current_, or kNone: LT(-1), which
  // every rule asks for its stop token.
  static constexpr size_t kNone = SIZE_MAX;
  size_t previous_ = kNone;

  bool onChannel(size_t index) const {
    return tokens_[index].getChannel() == antlr4::Token::DEFAULT_CHANNEL ||
           tokens_[index].getType() == antlr4::Token::EOF;
  }
  // The first default-channel token at or after `index` (EOF at the latest).
  size_t onChannelFrom(size_t index) const;
  // The last default-channel token before `index`, or kNone.
  size_t onChannelBefore(size_t index) const;
};

} // namespace sgd::syntax

#endif
