#include "syntax/ItemScanner.h"

namespace sgd::syntax {

std::vector<ItemSpan> scanItems(llvm::StringRef text, uint32_t begin, uint32_t end) {
  std::vector<ItemSpan> spans;
  ItemSpan current{begin, begin};
  unsigned depth = 0;
  auto finish = [&](uint32_t at) {
    current.end = at;
    spans.push_back(current);
    current = ItemSpan{at, at};
  };
  uint32_t i = begin;
  while (i < end) {
    char c = text[i];
    if (c == '"') {
      // A string ends at its closing quote or, unterminated, at the line end.
      for (++i; i < end && text[i] != '"' && text[i] != '\n' && text[i] != '\r'; ++i)
        if (text[i] == '\\' && i + 1 < end && text[i + 1] != '\n' && text[i + 1] != '\r')
          ++i;
      if (i < end && text[i] == '"')
        ++i;
      continue;
    }
    if (c == '/' && i + 1 < end && text[i + 1] == '/') {
      while (i < end && text[i] != '\n')
        ++i;
      continue;
    }
    if (c == '/' && i + 1 < end && text[i + 1] == '*') {
      size_t close = text.slice(0, end).find("*/", i + 2);
      i = close == llvm::StringRef::npos ? end : static_cast<uint32_t>(close + 2);
      continue;
    }
    ++i;
    if (c == '{') {
      if (depth == 0 && current.openBrace == ItemSpan::noBrace)
        current.openBrace = i - 1;
      ++depth;
      current.maxDepth = std::max(current.maxDepth, depth);
    } else if (c == '}') {
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
    } else if (c == ';' && depth == 0) {
      finish(i);
    }
  }
  // Trailing text: blanks and comments, or an item left open by an error.
  if (i > current.begin)
    finish(end);
  return spans;
}

} // namespace sgd::syntax
