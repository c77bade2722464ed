#include "syntax/ItemScanner.h"

#include <algorithm>
#include <array>

namespace sgd::syntax {
namespace {

// What the scanner makes of a byte. Every byte of the text passes through
// here once per two levels of blocks that are split (a file's scan finds its
// items and those of its site's block; a split building's scan, its halls
// and their rows), so the class is a table lookup rather than a chain of
// comparisons.
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

// The items of one level being split: those found so far, the one open, and
// the brackets opened since the level's text began.
struct Level {
  std::vector<ItemSpan> &spans;
  ItemSpan current;
  unsigned brackets = 0;

  void finish(uint32_t at) {
    current.end = at;
    spans.push_back(current);
    current = ItemSpan{at, at};
  }
  void tokenAt(uint32_t at) {
    if (current.firstToken == ItemSpan::noBrace)
      current.firstToken = at;
  }
  void nests(unsigned levels) { current.maxDepth = std::max(current.maxDepth, levels); }
};

// Scans text[begin, end) for its items (into `items`) and, given `scanned`,
// for the items of each item's block as a scan of the block's text alone
// would find them (into scanned->bodyItems): from its `{` the block is a
// level of its own, with its own items, brackets and open item, one brace
// less deep. A block's text lies between braces this scan matched, so no
// string or comment crosses its ends and both scans read its bytes alike;
// what differs is only where each level starts (tests/unit/syntax/
// ItemScannerTest.cpp compares the two).
void scan(llvm::StringRef text, uint32_t begin, uint32_t end, std::vector<ItemSpan> &items,
          ScannedItems *scanned) {
  Level outer{items, ItemSpan{begin, begin}};
  std::vector<ItemSpan> unused; // the body level's spans when not asked for
  Level body{scanned ? scanned->bodyItems : unused, ItemSpan{}};
  uint32_t bodyStart = 0; // where the open block's items start in scanned->bodyItems
  unsigned depth = 0;     // braces
  // Prefix operators of the current statement: `-x`, `not`, `if`, `=>` nest
  // to their right, so each may add a level. Counted per statement (reset at
  // `;`, `{`, `}`), an upper bound of that nesting.
  unsigned prefixes = 0;
  bool afterOperand = false; // last significant byte ends a value: `-` is binary
  auto nestsPrefix = [&] {
    ++prefixes;
    outer.nests(depth + outer.brackets + prefixes);
    if (scanned && depth > 0)
      body.nests(depth - 1 + body.brackets + prefixes);
  };
  auto tokenAt = [&](uint32_t at) {
    outer.tokenAt(at);
    if (scanned && depth > 0)
      body.tokenAt(at);
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
      tokenAt(i);
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
      tokenAt(i);
      uint32_t wordEnd = i;
      while (++wordEnd < end && classOf(text[wordEnd]) == ByteClass::Word)
        ;
      llvm::StringRef word = text.slice(i, wordEnd);
      if (word == "not" || word == "if") {
        nestsPrefix();
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
    // The `}` that closes an item's block is the item's, not its block's.
    bool inBody = scanned && depth > 0 && !(c == '}' && depth == 1);
    outer.tokenAt(i);
    if (inBody)
      body.tokenAt(i);
    bool unaryMinus = c == '-' && !afterOperand;
    bool arrow = c == '=' && i + 1 < end && text[i + 1] == '>';
    if (unaryMinus || arrow)
      nestsPrefix();
    afterOperand = c == ')' || c == ']';
    ++i;
    if (c == '(' || c == '[') {
      outer.nests(depth + ++outer.brackets);
      if (inBody)
        body.nests(depth - 1 + ++body.brackets);
    } else if (c == ')' || c == ']') {
      if (outer.brackets > 0)
        --outer.brackets;
      if (inBody && body.brackets > 0)
        --body.brackets;
    } else if (c == '{') {
      prefixes = 0;
      if (depth == 0) {
        if (outer.current.openBrace == ItemSpan::noBrace)
          outer.current.openBrace = i - 1;
        if (scanned) { // the block's own level starts after its `{`
          body.current = ItemSpan{i, i};
          body.brackets = 0;
          bodyStart = static_cast<uint32_t>(body.spans.size());
        }
      } else if (inBody && depth == 1 && body.current.openBrace == ItemSpan::noBrace) {
        body.current.openBrace = i - 1;
      }
      ++depth;
      outer.nests(depth + outer.brackets);
      if (inBody)
        body.nests(depth - 1 + body.brackets);
    } else if (c == '}') {
      prefixes = 0;
      if (depth == 0) { // stray: an item of its own, after what came before
        if (i - 1 > outer.current.begin)
          outer.finish(i - 1);
        outer.finish(i);
        continue;
      }
      if (depth == 1 && scanned) {
        // The block's end: its trailing text (blanks, comments, an item left
        // open by an error) is an item, as at the end of any text.
        if (i - 1 > body.current.begin)
          body.finish(i - 1);
        scanned->bodies.push_back({static_cast<uint32_t>(outer.spans.size()), bodyStart,
                                   static_cast<uint32_t>(body.spans.size())});
      } else if (inBody && depth == 2) {
        body.current.closeBrace = i - 1;
        body.finish(i);
      }
      if (--depth == 0) {
        outer.current.closeBrace = i - 1;
        outer.finish(i);
      }
    } else if (c == ';') {
      prefixes = 0;
      if (depth == 0)
        outer.finish(i);
      else if (inBody && depth == 1)
        body.finish(i);
    }
  }
  // Trailing text: blanks and comments, or an item left open by an error
  // (whose block has no end, so no items found for it).
  if (i > outer.current.begin)
    outer.finish(end);
  if (scanned && depth > 0) // an unclosed block's items: none kept
    body.spans.resize(bodyStart);
}

} // namespace

std::vector<ItemSpan> scanItems(llvm::StringRef text, uint32_t begin, uint32_t end) {
  std::vector<ItemSpan> spans;
  scan(text, begin, end, spans, nullptr);
  return spans;
}

ScannedItems scanItemsAndBodies(llvm::StringRef text, uint32_t begin, uint32_t end) {
  ScannedItems scanned;
  scan(text, begin, end, scanned.items, &scanned);
  return scanned;
}

llvm::ArrayRef<ItemSpan> ScannedItems::bodyOf(size_t item) const {
  auto found = std::lower_bound(bodies.begin(), bodies.end(), item,
                                [](const Body &body, size_t k) { return body.item < k; });
  if (found == bodies.end() || found->item != item)
    return {};
  return llvm::ArrayRef<ItemSpan>(bodyItems).slice(found->first, found->end - found->first);
}

} // namespace sgd::syntax
