#include "format/TokenCheck.h"

#include "syntax/Tokens.h"

#include <vector>

namespace sgd::format {
namespace {

// The tokens that must survive formatting, as their spellings.
std::vector<std::string> significant(llvm::StringRef text) {
  std::vector<syntax::Token> tokens = syntax::tokenize(text);
  std::vector<std::string> result;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const syntax::Token &token = tokens[i];
    llvm::StringRef spelling = token.spelling(text);
    if (token.kind == syntax::TokenKind::LineComment)
      spelling = spelling.rtrim(" \t\r\f\v");
    if (spelling == "," && token.kind == syntax::TokenKind::Punctuation) {
      size_t next = i + 1;
      while (next < tokens.size() && tokens[next].isComment())
        ++next;
      if (next < tokens.size()) {
        llvm::StringRef after = tokens[next].spelling(text);
        if (after == ")" || after == "]")
          continue;
      }
    }
    result.push_back(spelling.str());
  }
  return result;
}

} // namespace

std::optional<std::string> compareTokens(llvm::StringRef original, llvm::StringRef formatted) {
  std::vector<std::string> before = significant(original);
  std::vector<std::string> after = significant(formatted);
  for (size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
    if (i < before.size() && i < after.size() && before[i] == after[i])
      continue;
    std::string was = i < before.size() ? "`" + before[i] + "`" : "the end";
    std::string now = i < after.size() ? "`" + after[i] + "`" : "the end";
    return "token " + std::to_string(i + 1) + " was " + was + ", would be " + now;
  }
  return std::nullopt;
}

} // namespace sgd::format
