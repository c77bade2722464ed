#include "syntax/TokenBuffer.h"

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

std::unique_ptr<antlr4::Token> LexedTokenSource::nextToken() {
  return std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
}

BufferedToken::BufferedToken(TokenBuffer &buffer, const LexedToken &lexed, uint32_t index)
    : buffer_(&buffer), type_(lexed.type), channel_(static_cast<uint32_t>(lexed.channel)),
      begin_(lexed.begin), end_(lexed.type == antlr4::Token::EOF ? lexed.begin : lexed.end),
      line_(lexed.line), column_(lexed.column), index_(index) {}

// As CommonToken's: the token's bytes, and `<EOF>` for the end.
std::string BufferedToken::getText() const {
  if (type_ == antlr4::Token::EOF)
    return "<EOF>";
  return getInputStream()->getText(antlr4::misc::Interval(size_t(begin_), getStopIndex()));
}

antlr4::TokenSource *BufferedToken::getTokenSource() const { return buffer_->getTokenSource(); }

antlr4::CharStream *BufferedToken::getInputStream() const {
  return buffer_->getTokenSource()->getInputStream();
}

// As CommonToken's, for ANTLR's messages:
// [@index,start:stop='text',<type>,channel=n,line:column], EOF's type as -1.
std::string BufferedToken::toString() const {
  std::string text = getText();
  for (auto [from, to] : {std::pair{'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"}})
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 2))
      text.replace(at, 1, to);
  if (text.empty())
    text = "<no text>";
  std::string channel = channel_ > 0 ? ",channel=" + std::to_string(channel_) : "";
  return "[@" + std::to_string(index_) + "," + std::to_string(begin_) + ":" +
         std::to_string(static_cast<ssize_t>(getStopIndex())) + "='" + text + "',<" +
         std::to_string(static_cast<ssize_t>(type_)) + ">" + channel + "," + std::to_string(line_) +
         ":" + std::to_string(column_) + "]";
}

namespace {

// Every token of the slices, EOF last.
std::vector<BufferedToken> lexAll(TokenBuffer &buffer, llvm::StringRef fileText,
                                  llvm::ArrayRef<TextSlice> slices) {
  Lexer lexer(fileText, slices);
  std::vector<BufferedToken> tokens;
  // Dense designs have a token per 5 to 6 bytes: room for one per 4 bytes
  // spares them the regrowth copies, and sparser text grows into it.
  size_t bytes = 0;
  for (TextSlice slice : slices)
    bytes += slice.end - slice.begin;
  tokens.reserve(bytes / 4 + 1);
  do
    tokens.emplace_back(buffer, lexer.next(), static_cast<uint32_t>(tokens.size()));
  while (tokens.back().getType() != antlr4::Token::EOF);
  return tokens;
}

} // namespace

TokenBuffer::TokenBuffer(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices)
    : tokens_(lexAll(*this, fileText, slices)),
      source_(fileText, tokens_.back().getLine(), tokens_.back().getCharPositionInLine()),
      current_(onChannelFrom(0)) {}

size_t TokenBuffer::onChannelFrom(size_t index) const {
  index = std::min(index, tokens_.size() - 1);
  while (!onChannel(index))
    ++index;
  return index;
}

size_t TokenBuffer::onChannelBefore(size_t index) const {
  do {
    if (index == 0)
      return kNone;
    --index;
  } while (!onChannel(index));
  return index;
}

antlr4::Token *TokenBuffer::LT(ssize_t k) {
  if (k == 1) // what the parser asks most
    return &tokens_[current_];
  if (k == 0)
    return nullptr;
  if (k == -1)
    return previous_ == kNone ? nullptr : &tokens_[previous_];
  size_t at = current_;
  if (k > 0) {
    // EOF ends the stream: looking past it sees it again.
    for (ssize_t seen = 1; seen < k && tokens_[at].getType() != antlr4::Token::EOF; ++seen)
      at = onChannelFrom(at + 1);
    return &tokens_[at];
  }
  for (ssize_t seen = 0; seen < -k; ++seen)
    if ((at = onChannelBefore(at)) == kNone)
      return nullptr;
  return &tokens_[at];
}

size_t TokenBuffer::LA(ssize_t i) {
  if (i == 1)
    return tokens_[current_].getType();
  antlr4::Token *token = LT(i);
  return token ? token->getType() : antlr4::Token::INVALID_TYPE;
}

antlr4::Token *TokenBuffer::get(size_t index) const {
  if (index >= tokens_.size())
    throw antlr4::IndexOutOfBoundsException("token index " + std::to_string(index) +
                                            " out of range 0.." +
                                            std::to_string(tokens_.size() - 1));
  return const_cast<BufferedToken *>(&tokens_[index]);
}

void TokenBuffer::consume() {
  if (tokens_[current_].getType() == antlr4::Token::EOF)
    throw antlr4::IllegalStateException("cannot consume EOF");
  previous_ = current_;
  current_ = onChannelFrom(current_ + 1);
}

void TokenBuffer::seek(size_t index) {
  current_ = onChannelFrom(index);
  previous_ = onChannelBefore(current_);
}

// As BufferedTokenStream's: the texts of the tokens in the interval, hidden
// ones too, up to EOF.
std::string TokenBuffer::getText(const antlr4::misc::Interval &interval) {
  if (interval.a < 0 || interval.b < 0)
    return "";
  std::string text;
  size_t stop = std::min(static_cast<size_t>(interval.b), tokens_.size() - 1);
  for (size_t at = static_cast<size_t>(interval.a);
       at <= stop && tokens_[at].getType() != antlr4::Token::EOF; ++at)
    text += tokens_[at].getText();
  return text;
}

std::string TokenBuffer::getText() {
  return getText(antlr4::misc::Interval(size_t(0), tokens_.size() - 1));
}

std::string TokenBuffer::getText(antlr4::RuleContext *ctx) {
  return getText(ctx->getSourceInterval());
}

std::string TokenBuffer::getText(antlr4::Token *start, antlr4::Token *stop) {
  if (!start || !stop)
    return "";
  return getText(antlr4::misc::Interval(start->getTokenIndex(), stop->getTokenIndex()));
}

} // namespace sgd::syntax
