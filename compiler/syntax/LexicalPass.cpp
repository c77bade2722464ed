#include "syntax/LexicalPass.h"

#include "SgdParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

namespace sgd::syntax {
namespace {

using antlr4::Token;
using antlr::SgdParser;

bool adjacent(const Token *left, const Token *right) {
  return left->getStopIndex() + 1 == right->getStartIndex();
}

// A hint for characters designers type from other tools.
llvm::StringRef hintFor(llvm::StringRef character) {
  if (character == "\xC2\xB0") // °
    return "; write `30 C` for a temperature, without the degree sign";
  if (character == "\xE2\x80\x9C" || character == "\xE2\x80\x9D") // “ ”
    return "; strings use straight double quotes `\"`";
  if (character == "\xC3\x97") // ×
    return "; write `*` for multiplication";
  if (character == "\xEF\xBB\xBF") // U+FEFF, the byte order mark
    return "; a byte order mark may only start a file, once";
  return "";
}

void reportBadCharacters(const std::vector<const Token *> &run, ParseState &state) {
  SourceRange range = state.range(run.front(), run.back());
  state.droppedCharacters.push_back(range.begin);
  llvm::StringRef first = state.spelling(run.front());
  llvm::UTF32 codePoint = 0;
  llvm::UTF32 *target = &codePoint;
  const auto *cursor = reinterpret_cast<const llvm::UTF8 *>(first.data());
  llvm::ConvertUTF8toUTF32(&cursor, cursor + first.size(), &target, target + 1,
                           llvm::strictConversion);
  // Invisible characters are shown by their code point only.
  std::string shown = codePoint < 0x20 || codePoint == 0x7F || codePoint == 0xFEFF
                          ? std::string()
                          : ("`" + first + "` ").str();
  state.diagnostics.report(
      DiagCode::E0105, range,
      llvm::formatv("character {0}(U+{1}) is not allowed in SGD source{2}", shown,
                    llvm::format("%04X", static_cast<unsigned>(codePoint)), hintFor(first))
          .str());
}

} // namespace

void runLexicalPass(TokenBuffer &tokens, ParseState &state) {
  llvm::MutableArrayRef<BufferedToken> all = tokens.tokens();
  std::vector<const Token *> badRun;
  BufferedToken *previous = nullptr; // previous default-channel token

  for (BufferedToken *token = all.begin(); token != all.end(); ++token) {
    size_t type = token->getType();
    if (type == SgdParser::BAD_CHAR) {
      if (!badRun.empty() && !adjacent(badRun.back(), token)) {
        reportBadCharacters(badRun, state);
        badRun.clear();
      }
      badRun.push_back(token);
      continue;
    }
    if (!badRun.empty()) {
      reportBadCharacters(badRun, state);
      badRun.clear();
    }
    switch (type) {
    case SgdParser::UNTERMINATED_COMMENT: {
      uint32_t begin = state.begin(token);
      state.diagnostics
          .report(DiagCode::E0104, {state.file, begin, begin + 2},
                  "unterminated block comment: `/*` has no matching `*/`")
          .note("everything from here to the end of the file is part of the comment");
      state.silenceFrom = begin;
      continue;
    }
    case SgdParser::UNTERMINATED_STRING: {
      state.diagnostics.report(DiagCode::E0103, state.range(token),
                               "unterminated string: missing closing `\"` before the end "
                               "of the line");
      // Parse on as if the string were closed: the mistake is reported once.
      state.explainedTokens.push_back(token->getTokenIndex());
      token->setType(SgdParser::STRING);
      type = SgdParser::STRING;
      break;
    }
    default:
      break;
    }
    if (token->getChannel() != Token::DEFAULT_CHANNEL)
      continue;

    // Units: a word or `%` right after a number on the same line, and further
    // unit words joined to it by a `/` with no spaces around.
    if (previous && (type == SgdParser::ID || type == SgdParser::PERCENT)) {
      size_t previousType = previous->getType();
      bool afterNumber = previousType == SgdParser::NUMBER && state.onOneLine(previous, token);
      if (afterNumber) {
        token->setType(SgdParser::UNIT);
        type = SgdParser::UNIT;
        llvm::StringRef unit = state.spelling(token);
        // `1e3` lexes as 1 with unit `e3`: say what was meant.
        if (adjacent(previous, token) && unit.size() > 1 && (unit[0] == 'e' || unit[0] == 'E') &&
            llvm::all_of(unit.drop_front(), llvm::isDigit)) {
          state.explainedTokens.push_back(token->getTokenIndex());
          state.diagnostics.report(
              DiagCode::E0108, state.range(previous, token),
              "scientific notation is not supported; write the number in full, or use a "
              "unit prefix such as `k` or `M` (`1.2 MW`)");
        }
      }
    }
    // After a glued `/`, any word continues the unit, keywords too (`kW/rack`).
    if (previous && previous->getType() == SgdParser::SLASH && adjacent(previous, token) &&
        !state.spelling(token).empty() && llvm::isAlpha(state.spelling(token).front())) {
      // previous is `/`; retype it when it is glued to a unit on its left.
      size_t slashIndex = previous->getTokenIndex();
      const Token *beforeSlash = slashIndex > 0 ? &all[slashIndex - 1] : nullptr;
      if (beforeSlash && beforeSlash->getType() == SgdParser::UNIT &&
          adjacent(beforeSlash, previous)) {
        previous->setType(SgdParser::UNIT_SLASH);
        token->setType(SgdParser::UNIT);
        type = SgdParser::UNIT;
      }
    }
    previous = token;
  }
  if (!badRun.empty())
    reportBadCharacters(badRun, state);
}

} // namespace sgd::syntax
