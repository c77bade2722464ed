#include "syntax/Lexer.h"

#include "SgdLexer.h"

#include "base/Utf8.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace sgd::syntax {
namespace {

using antlr::SgdLexer;

struct CodePointRange {
  uint32_t first;
  uint32_t last;
};
struct KeywordToken {
  const char *spelling;
  size_t type;
};

// kIdentifierFirst, kIdentifierRest and kKeywords, read from the generated
// lexer at build time (tablegen/LexerTablesGen.cpp), so that they are the
// Unicode data of the ANTLR tool that generated it, not of some other library.
#include "LexerTables.inc"

// A set of code points: a table for ASCII, sorted disjoint ranges for all.
class CodePointSet {
public:
  explicit CodePointSet(llvm::ArrayRef<CodePointRange> ranges) : ranges_(ranges) {
    for (const CodePointRange &range : ranges)
      for (uint32_t c = range.first; c <= range.last && c < 0x80; ++c)
        ascii_[c] = true;
  }
  bool containsAscii(unsigned char c) const { return ascii_[c]; }
  bool contains(uint32_t c) const {
    if (c < 0x80)
      return ascii_[c];
    auto after = std::upper_bound(ranges_.begin(), ranges_.end(), c,
                                  [](uint32_t v, const CodePointRange &range) { return v < range.first; });
    return after != ranges_.begin() && c <= std::prev(after)->last;
  }

private:
  std::array<bool, 0x80> ascii_{};
  llvm::ArrayRef<CodePointRange> ranges_;
};

// The grammar's identifier: `ID : [\p{L}_] [\p{L}\p{N}_]* ;`.
struct IdentifierSets {
  CodePointSet first;
  CodePointSet rest;
};

const IdentifierSets &identifierSets() {
  static const IdentifierSets sets{CodePointSet(kIdentifierFirst), CodePointSet(kIdentifierRest)};
  return sets;
}

// Keywords by spelling: every literal token that is a word ('import', 'site',
// …). Most words a lexer meets are no keyword (`k17`, `nvidia`); a bit per
// keyword length, by first byte, tells most of them so. The rest are looked
// up in a small open-addressing table by first byte, last byte and length,
// where the few dozen keywords rarely share a slot (a hash map hashed every
// byte of the word: a tenth of the lexer's time on a dense design).
class KeywordTable {
public:
  constexpr KeywordTable() {
    slots_.fill(kEmpty);
    for (size_t index = 0; index < kKeywordCount; ++index) {
      std::string_view spelling = kKeywords[index].spelling;
      assert(!spelling.empty() && spelling.size() < 32);
      spellings_[index] = spelling;
      lengthsByFirstByte_[static_cast<unsigned char>(spelling.front())] |= 1u << spelling.size();
      unsigned slot = slotOf(spelling);
      while (slots_[slot] != kEmpty)
        slot = (slot + 1) % kSlots;
      slots_[slot] = static_cast<uint8_t>(index);
    }
  }

  std::optional<size_t> find(llvm::StringRef text) const {
    std::string_view word(text.data(), text.size());
    if (word.empty() || word.size() >= 32 ||
        !(lengthsByFirstByte_[static_cast<unsigned char>(word.front())] >> word.size() & 1u))
      return std::nullopt;
    for (unsigned slot = slotOf(word); slots_[slot] != kEmpty; slot = (slot + 1) % kSlots)
      if (spellings_[slots_[slot]] == word)
        return kKeywords[slots_[slot]].type;
    return std::nullopt;
  }

private:
  static constexpr size_t kKeywordCount = std::size(kKeywords);
  // Four slots a keyword or more: probes stay short.
  static constexpr unsigned kSlots = 256;
  static constexpr uint8_t kEmpty = UINT8_MAX;
  static_assert(kKeywordCount * 4 <= kSlots && kKeywordCount < kEmpty);

  // (std::string_view: llvm::StringRef's accessors are not constexpr.)
  static constexpr unsigned slotOf(std::string_view word) {
    return (static_cast<unsigned char>(word.front()) * 31u +
            static_cast<unsigned char>(word.back()) * 7u + static_cast<unsigned>(word.size())) %
           kSlots;
  }

  std::array<std::string_view, kKeywordCount> spellings_{};
  std::array<uint8_t, kSlots> slots_{};
  std::array<uint32_t, 256> lengthsByFirstByte_{}; // bit n: a keyword of n bytes
};

// Built by the compiler: no guard to test on every word.
constexpr KeywordTable keywordTable;

unsigned utf8Length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

uint32_t decode(llvm::StringRef text, uint32_t at) {
  auto byte = [&](uint32_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  switch (utf8Length(lead)) {
  case 1: return lead;
  case 2: return (lead & 0x1Fu) << 6 | (byte(at + 1) & 0x3Fu);
  case 3: return (lead & 0x0Fu) << 12 | (byte(at + 1) & 0x3Fu) << 6 | (byte(at + 2) & 0x3Fu);
  default:
    return (lead & 0x07u) << 18 | (byte(at + 1) & 0x3Fu) << 12 | (byte(at + 2) & 0x3Fu) << 6 |
           (byte(at + 3) & 0x3Fu);
  }
}

bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }

} // namespace

std::optional<size_t> keywordType(llvm::StringRef word) { return keywordTable.find(word); }

Lexer::Lexer(llvm::StringRef fileText, llvm::ArrayRef<TextSlice> slices)
    : text_(fileText), slices_(slices), at_(slices.empty() ? 0 : slices.front().begin),
      end_(slices.empty() ? 0 : slices.front().end), columnFrom_(at_),
      ascii_(llvm::all_of(slices, [&](const TextSlice &slice) {
        return isAscii(fileText.slice(slice.begin, slice.end));
      })) {}

uint32_t Lexer::columnAt(uint32_t offset) {
  columnBase_ += ascii_ ? offset - columnFrom_
                        : static_cast<uint32_t>(countCodePoints(text_.slice(columnFrom_, offset)));
  columnFrom_ = offset;
  return columnBase_;
}

uint32_t Lexer::column() { return columnAt(at_); }

// Counts the lines of text[from, to), which the lexer skips or puts in one
// token: only `\n` starts a line, as in ANTLR.
void Lexer::passNewlines(uint32_t from, uint32_t to) {
  const char *base = text_.data();
  const void *found = std::memchr(base + from, '\n', to - from);
  while (found) {
    auto offset = static_cast<uint32_t>(static_cast<const char *>(found) - base);
    ++line_;
    columnBase_ = 0;
    columnFrom_ = offset + 1;
    found = std::memchr(base + offset + 1, '\n', to - offset - 1);
  }
}

LexedToken Lexer::make(size_t type, uint32_t begin, uint32_t end, uint32_t line,
                       uint32_t column, size_t channel) {
  at_ = end;
  return {type, channel, begin, end, line, column};
}

// STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ; and, where no closing quote
// comes before the end of the line, UNTERMINATED_STRING (the same without it).
uint32_t Lexer::scanString(uint32_t begin, bool &terminated) const {
  uint32_t i = begin + 1;
  terminated = false;
  while (i < end_) {
    char c = text_[i];
    if (c == '"') {
      terminated = true;
      return i + 1;
    }
    if (c == '\r' || c == '\n')
      return i;
    if (c == '\\') {
      if (i + 1 >= end_ || text_[i + 1] == '\r' || text_[i + 1] == '\n')
        return i;
      ++i;
    }
    i += utf8Length(static_cast<unsigned char>(text_[i]));
  }
  return i;
}

LexedToken Lexer::next() {
  const IdentifierSets &identifiers = identifierSets();
  for (;;) {
    if (at_ >= end_) {
      if (slice_ + 1 >= slices_.size()) {
        uint32_t column = columnAt(at_);
        return {antlr4::Token::EOF, 0, at_, at_, line_, column};
      }
      columnAt(end_);
      ++slice_;
      at_ = columnFrom_ = slices_[slice_].begin;
      end_ = slices_[slice_].end;
      continue;
    }
    uint32_t begin = at_;
    auto c = static_cast<unsigned char>(text_[begin]);
    auto peek = [&](uint32_t offset) -> char {
      return begin + offset < end_ ? text_[begin + offset] : '\0';
    };
    auto token = [&](size_t type, uint32_t length) {
      uint32_t column = columnAt(begin);
      return make(type, begin, begin + length, line_, column);
    };
    switch (c) {
    case ' ': case '\t': case '\r': case '\n': case '\f': {
      uint32_t stop = begin + 1;
      while (stop < end_ && (text_[stop] == ' ' || text_[stop] == '\t' || text_[stop] == '\r' ||
                             text_[stop] == '\n' || text_[stop] == '\f'))
        ++stop;
      passNewlines(begin, stop);
      at_ = stop;
      continue;
    }
    case '/': {
      if (peek(1) == '/') {
        uint32_t stop = begin + 2;
        while (stop < end_ && text_[stop] != '\n' && text_[stop] != '\r')
          ++stop;
        at_ = stop;
        continue;
      }
      if (peek(1) == '*') {
        size_t close = text_.slice(0, end_).find("*/", begin + 2);
        if (close != llvm::StringRef::npos) {
          passNewlines(begin, static_cast<uint32_t>(close));
          at_ = static_cast<uint32_t>(close + 2);
          continue;
        }
        // UNTERMINATED_COMMENT: to the end of the input, on the hidden channel.
        uint32_t line = line_;
        uint32_t column = columnAt(begin);
        passNewlines(begin, end_);
        return make(SgdLexer::UNTERMINATED_COMMENT, begin, end_, line, column,
                     antlr4::Token::HIDDEN_CHANNEL);
      }
      return token(SgdLexer::SLASH, 1);
    }
    case '"': {
      bool terminated = false;
      uint32_t stop = scanString(begin, terminated);
      return token(terminated ? size_t{SgdLexer::STRING} : size_t{SgdLexer::UNTERMINATED_STRING}, stop - begin);
    }
    case '{': return token(SgdLexer::LBRACE, 1);
    case '}': return token(SgdLexer::RBRACE, 1);
    case '(': return token(SgdLexer::LPAREN, 1);
    case ')': return token(SgdLexer::RPAREN, 1);
    case '[': return token(SgdLexer::LBRACKET, 1);
    case ']': return token(SgdLexer::RBRACKET, 1);
    case ';': return token(SgdLexer::SEMI, 1);
    case ',': return token(SgdLexer::COMMA, 1);
    case ':': return token(SgdLexer::COLON, 1);
    case '+': return token(SgdLexer::PLUS, 1);
    case '-': return token(SgdLexer::MINUS, 1);
    case '*': return token(SgdLexer::STAR, 1);
    case '%': return token(SgdLexer::PERCENT, 1);
    case '.': return peek(1) == '.' ? token(SgdLexer::DOTDOT, 2) : token(SgdLexer::DOT, 1);
    case '=':
      if (peek(1) == '>')
        return token(SgdLexer::ARROW, 2);
      return peek(1) == '=' ? token(SgdLexer::EQEQ, 2) : token(SgdLexer::ASSIGN, 1);
    case '!':
      if (peek(1) == '=')
        return token(SgdLexer::NEQ, 2);
      break; // a bad character
    case '<': return peek(1) == '=' ? token(SgdLexer::LE, 2) : token(SgdLexer::LT, 1);
    case '>': return peek(1) == '=' ? token(SgdLexer::GE, 2) : token(SgdLexer::GT, 1);
    default:
      break;
    }
    if (isDigit(c)) {
      // DATE : DIGIT{4} '-' DIGIT{2} '-' DIGIT{2}, longer than any NUMBER there.
      auto digitAt = [&](uint32_t offset) { return isDigit(static_cast<unsigned char>(peek(offset))); };
      if (digitAt(1) && digitAt(2) && digitAt(3) && peek(4) == '-' && digitAt(5) && digitAt(6) &&
          peek(7) == '-' && digitAt(8) && digitAt(9))
        return token(SgdLexer::DATE, 10);
      // NUMBER : DIGIT (DIGIT | '_')* ('.' DIGIT (DIGIT | '_')*)?
      auto digitsFrom = [&](uint32_t stop) {
        while (stop < end_ && (isDigit(static_cast<unsigned char>(text_[stop])) || text_[stop] == '_'))
          ++stop;
        return stop;
      };
      uint32_t stop = digitsFrom(begin + 1);
      if (stop + 1 < end_ && text_[stop] == '.' && isDigit(static_cast<unsigned char>(text_[stop + 1])))
        stop = digitsFrom(stop + 2);
      return token(SgdLexer::NUMBER, stop - begin);
    }
    uint32_t length = utf8Length(c);
    if (c < 0x80 ? identifiers.first.containsAscii(c)
                 : identifiers.first.contains(decode(text_, begin))) {
      uint32_t stop = begin + length;
      while (stop < end_) {
        auto next = static_cast<unsigned char>(text_[stop]);
        if (next < 0x80) {
          if (!identifiers.rest.containsAscii(next))
            break;
          ++stop;
        } else {
          if (!identifiers.rest.contains(decode(text_, stop)))
            break;
          stop += utf8Length(next);
        }
      }
      std::optional<size_t> keyword = keywordType(text_.slice(begin, stop));
      return token(keyword ? *keyword : size_t{SgdLexer::ID}, stop - begin);
    }
    // BAD_CHAR : . -> channel(HIDDEN) ;  one code point that no rule takes.
    uint32_t column = columnAt(begin);
    return make(SgdLexer::BAD_CHAR, begin, begin + length, line_, column,
                antlr4::Token::HIDDEN_CHANNEL);
  }
}

} // namespace sgd::syntax
