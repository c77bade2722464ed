#include "driver/TomlNesting.h"

#include "llvm/ADT/StringExtras.h"

#include <vector>

namespace sgd::driver {
namespace {

class NestingScanner {
public:
  explicit NestingScanner(llvm::StringRef text) : text_(text) {}

  std::optional<TooDeep> scan() {
    while (at_ < text_.size()) {
      skipBlanks();
      if (at_ >= text_.size())
        break;
      char c = text_[at_];
      if (c == '\n' || c == '\r') {
        ++at_;
        if (containers_.empty())
          expectKey_ = true;
      } else if (c == '#') {
        skipComment();
      } else if (c == '[' && containers_.empty() && expectKey_) {
        readHeader();
      } else if (expectKey_) {
        readKey();
      } else {
        readValueCharacter();
      }
      if (tooDeep_)
        return tooDeep_;
    }
    return std::nullopt;
  }

private:
  struct Container {
    char close;     // '}' or ']'
    unsigned depth; // of the tables inside it
  };

  unsigned depth() const { return containers_.empty() ? headerDepth_ : containers_.back().depth; }

  void check(uint32_t offset, unsigned depth) {
    if (depth > kMaxTomlNesting && !tooDeep_)
      tooDeep_ = TooDeep{offset, depth};
  }

  void skipBlanks() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t'))
      ++at_;
  }

  void skipComment() {
    while (at_ < text_.size() && text_[at_] != '\n' && text_[at_] != '\r')
      ++at_;
  }

  // A string of any of TOML's four kinds, from its opening quote.
  void skipString() {
    char quote = text_[at_];
    bool multiline = text_.substr(at_, 3) == std::string(3, quote);
    at_ += multiline ? 3 : 1;
    while (at_ < text_.size()) {
      char c = text_[at_];
      if (c == '\\' && quote == '"') {
        at_ += 2;
        continue;
      }
      if (multiline ? text_.substr(at_, 3) == std::string(3, quote) : c == quote) {
        at_ += multiline ? 3 : 1;
        // A multi-line string may end in up to two more quotes.
        while (multiline && at_ < text_.size() && text_[at_] == quote)
          ++at_;
        return;
      }
      if (!multiline && (c == '\n' || c == '\r'))
        return; // unterminated: the parser reports it
      ++at_;
    }
  }

  // The parts of a dotted key (`a."b".c`), up to what follows it.
  unsigned readKeyParts() {
    unsigned parts = 0;
    while (at_ < text_.size()) {
      skipBlanks();
      if (at_ >= text_.size())
        break;
      char c = text_[at_];
      if (c == '"' || c == '\'') {
        skipString();
      } else if (llvm::isAlnum(c) || c == '_' || c == '-') {
        while (at_ < text_.size() &&
               (llvm::isAlnum(text_[at_]) || text_[at_] == '_' || text_[at_] == '-'))
          ++at_;
      } else {
        break;
      }
      ++parts;
      skipBlanks();
      if (at_ >= text_.size() || text_[at_] != '.')
        break;
      ++at_;
    }
    return parts;
  }

  // `[a.b]` or `[[a.b]]`: the tables of the lines below are this deep.
  void readHeader() {
    auto start = static_cast<uint32_t>(at_);
    while (at_ < text_.size() && text_[at_] == '[')
      ++at_;
    unsigned parts = readKeyParts();
    headerDepth_ = parts;
    check(start, parts);
    while (at_ < text_.size() && text_[at_] == ']')
      ++at_;
    expectKey_ = false;
  }

  // `a.b.c = value`: the value is that many tables below the current one.
  void readKey() {
    auto start = static_cast<uint32_t>(at_);
    unsigned parts = readKeyParts();
    if (parts == 0) { // not a key: the parser reports it
      ++at_;
      return;
    }
    keyDepth_ = depth() + parts;
    check(start, keyDepth_);
    expectKey_ = false;
  }

  void readValueCharacter() {
    char c = text_[at_];
    if (c == '"' || c == '\'') {
      skipString();
      return;
    }
    ++at_;
    if (c == '{') {
      containers_.push_back({'}', keyDepth_});
      expectKey_ = true;
    } else if (c == '[') {
      // Tables in an array are one level below the array's key.
      unsigned inner = (containers_.empty() ? keyDepth_ : containers_.back().depth) + 1;
      containers_.push_back({']', inner});
      keyDepth_ = inner;
      check(static_cast<uint32_t>(at_ - 1), inner);
    } else if ((c == '}' || c == ']') && !containers_.empty() && containers_.back().close == c) {
      containers_.pop_back();
    } else if (c == ',' && !containers_.empty() && containers_.back().close == '}') {
      expectKey_ = true; // the next key of an inline table
    }
  }

  llvm::StringRef text_;
  size_t at_ = 0;
  bool expectKey_ = true;
  unsigned headerDepth_ = 0;
  unsigned keyDepth_ = 0;
  std::vector<Container> containers_;
  std::optional<TooDeep> tooDeep_;
};

} // namespace

std::optional<TooDeep> findTooDeepTomlKey(llvm::StringRef text) {
  return NestingScanner(text).scan();
}

} // namespace sgd::driver
