#include "syntax/LexerTokenSource.h"

namespace sgd::syntax {

std::string FileCharStream::getText(const antlr4::misc::Interval &interval) {
  if (interval.a < 0 || interval.b < interval.a)
    return "";
  return text_.slice(static_cast<size_t>(interval.a), static_cast<size_t>(interval.b) + 1).str();
}

void FileCharStream::consume() {
  if (index_ >= text_.size())
    throw antlr4::IllegalStateException("cannot consume EOF");
  ++index_;
}

size_t FileCharStream::LA(ssize_t i) {
  if (i == 0)
    return 0;
  ssize_t at = static_cast<ssize_t>(index_) + (i > 0 ? i - 1 : i);
  if (at < 0 || at >= static_cast<ssize_t>(text_.size()))
    return antlr4::IntStream::EOF;
  return static_cast<unsigned char>(text_[static_cast<size_t>(at)]);
}

std::unique_ptr<antlr4::Token> LexerTokenSource::nextToken() {
  LexedToken lexed = lexer_.next();
  // ANTLR's EOF token stops one before it starts.
  size_t stop = lexed.type == antlr4::Token::EOF ? size_t(lexed.begin) - 1 : lexed.end - 1;
  auto token = std::make_unique<antlr4::CommonToken>(std::make_pair(this, &chars_), lexed.type,
                                                     lexed.channel, lexed.begin, stop);
  token->setLine(lexed.line);
  token->setCharPositionInLine(lexed.column);
  return token;
}

} // namespace sgd::syntax
