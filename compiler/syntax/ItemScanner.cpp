#include "syntax/ItemScanner.h"

#include <array>

namespace sgd::syntax {
namespace {

// What the scanner makes of a byte. Every byte of the text passes through
// here once per level of blocks that is split (a site's body is scanned for
// the site's items, then for each building's), so the class is a table
// lookup rather than a chain of comparisons.
enum class ByteClass : uint8_t {
  Other, // punctuation, operators and anything else that starts a token
  Blank, // ` `, `\t`, `\n`, `\r`
  Word,  // letters, digits, `_` and every byte of a multi-byte character
  Quote, // `"`
  Slash, // `/`, which may open a comment
};

constexpr std::array<ByteClass, 256> byteClasses = [] {
  std::array<ByteClass, 256> classes{};
  for (unsigned byte = 0; byte < 256; ++byte) {
    bool word = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                (byte >= 'A' && byte <= 'Z') || byte == '_' || byte >= 0x80;
    bool blank = byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r';
    classes[byte] = word          ? ByteClass::Word
                    : blank       ? ByteClass::Blank
                    : byte == '"' ? ByteClass::Quote
                    : byte == '/' ? ByteClass::Slash
                                  : ByteClass::Other;
  }
  return classes;
}();

ByteClass classOf(char c) { return byteClasses[static_cast<unsigned char>(c)]; }

} // namespace

std::vector<ItemSpan> scanItems(llvm::StringRef text, uint32_t begin, uint32_t end) {
  std::vector<ItemSpan> spans;
  ItemSpan current{begin, begin};
  unsigned depth = 0;    // braces
  unsigned brackets = 0; // parentheses and square brackets, for maxDepth only
  // Prefix operators of the current statement: `-x`, `not`, `if`, `=>` nest
  // to their right, so each may add a level. Counted per statement (reset at
  // `;`, `{`, `}`), an upper bound of that nesting.
  unsigned prefixes = 0;
  bool afterOperand = false; // last significant byte ends a value: `-` is binary
  auto finish = [&](uint32_t at) {
    current.end = at;
    spans.push_back(current);
    current = ItemSpan{at, at};
  };
  uint32_t i = begin;
  while (i < end) {
    char c = text[i];
    switch (classOf(c)) {
    case ByteClass::Blank:
      while (++i < end && classOf(text[i]) == ByteClass::Blank)
        ;
      continue;
    case ByteClass::Quote:
      if (current.firstToken == ItemSpan::noBrace)
        current.firstToken = i;
      // A string ends at its closing quote or, unterminated, at the line end.
      for (++i; i < end && text[i] != '"' && text[i] != '\n' && text[i] != '\r'; ++i)
        if (text[i] == '\\' && i + 1 < end && text[i + 1] != '\n' && text[i + 1] != '\r')
          ++i;
      if (i < end && text[i] == '"')
        ++i;
      afterOperand = true;
      continue;
    case ByteClass::Slash:
      if (i + 1 < end && text[i + 1] == '/') {
        // To the line's end, as the lexer: LF, or CR in a file of CR lines.
        while (i < end && text[i] != '\n' && text[i] != '\r')
          ++i;
        continue;
      }
      if (i + 1 < end && text[i + 1] == '*') {
        size_t close = text.slice(0, end).find("*/", i + 2);
        i = close == llvm::StringRef::npos ? end : static_cast<uint32_t>(close + 2);
        continue;
      }
      break; // a division
    case ByteClass::Word: {
      if (current.firstToken == ItemSpan::noBrace)
        current.firstToken = i;
      uint32_t wordEnd = i;
      while (++wordEnd < end && classOf(text[wordEnd]) == ByteClass::Word)
        ;
      llvm::StringRef word = text.slice(i, wordEnd);
      if (word == "not" || word == "if") {
        current.maxDepth = std::max(current.maxDepth, depth + brackets + ++prefixes);
        afterOperand = false;
      } else {
        afterOperand = true;
      }
      i = wordEnd;
      continue;
    }
    case ByteClass::Other:
      break;
    }
    if (current.firstToken == ItemSpan::noBrace)
      current.firstToken = i;
    bool unaryMinus = c == '-' && !afterOperand;
    bool arrow = c == '=' && i + 1 < end && text[i + 1] == '>';
    if (unaryMinus || arrow)
      current.maxDepth = std::max(current.maxDepth, depth + brackets + ++prefixes);
    afterOperand = c == ')' || c == ']';
    ++i;
    if (c == '(' || c == '[') {
      ++brackets;
      current.maxDepth = std::max(current.maxDepth, depth + brackets);
    } else if ((c == ')' || c == ']') && brackets > 0) {
      --brackets;
    } else if (c == '{') {
      prefixes = 0;
      if (depth == 0 && current.openBrace == ItemSpan::noBrace)
        current.openBrace = i - 1;
      ++depth;
      current.maxDepth = std::max(current.maxDepth, depth + brackets);
    } else if (c == '}') {
      prefixes = 0;
      if (depth == 0) { // stray: an item of its own, after what came before
        if (i - 1 > current.begin)
          finish(i - 1);
        finish(i);
        continue;
      }
      if (--depth == 0) {
        current.closeBrace = i - 1;
        finish(i);
      }
    } else if (c == ';') {
      prefixes = 0;
      if (depth == 0)
        finish(i);
    }
  }
  // Trailing text: blanks and comments, or an item left open by an error.
  if (i > current.begin)
    finish(end);
  return spans;
}

} // namespace sgd::syntax
