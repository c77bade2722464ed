// The hand-written lexer (compiler/syntax/Lexer.cpp) against the lexer that
// ANTLR generates from grammar/Sgd.g4: the same tokens (type, channel, byte
// range, line, column) on every .sgd file of the repository, on thousands of
// mutations of them and on random soups of lexical fragments.
#include "syntax/ItemScanner.h"

#include "LexerDifferential.h"
#include "Mutations.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace sgd;
using syntax::TextSlice;

namespace {

// Compares the two lexers on `text`; returns how many tokens they agreed on
// (0 where the generated lexer is no reference: test::comparable).
size_t compareLexers(const std::string &text, llvm::ArrayRef<TextSlice> slices,
                     const std::string &what) {
  if (!test::comparable(text, slices))
    return 0;
  size_t count = 0;
  INFO(what);
  REQUIRE(test::firstDifference(text, slices, count) == "");
  return count;
}

// The whole text, after a byte order mark as syntax::parseFile reads it.
size_t compareWhole(const std::string &text, const std::string &what) {
  uint32_t start = llvm::StringRef(text).startswith("\xEF\xBB\xBF") ? 3 : 0;
  TextSlice whole{start, static_cast<uint32_t>(text.size())};
  return compareLexers(text, whole, what);
}

std::vector<std::string> repositoryInputs() {
  return test::seedInputs({"/tests", "/examples", "/stdlib", "/editors"});
}

// Soups of lexical fragments: where two rules compete (dates and numbers,
// keywords and names, comments and `/`, strings and escapes).
const std::string soup[] = {
    "2024-06-01", "2024-06-0", "2024-6-01", "12", "1_000", "1.5", "1.", "1..4", ".5", "1._5",
    "0123456789", "_", "_x1", "site", "sites", "at", "a", "é", "東京", "x²", "²", "٣", "ǅ",
    "\xF0\x9F\x98\x80", "\"", "\"a\"", "\"\\\"", "\"\\", "\\", "\"é\\é\"", "/", "//", "/*",
    "*/", "/*/", "**/", "*", "=", "==", "=>", "!", "!=", "<", "<=", ">", ">=", ".", "..",
    "...", "{", "}", "(", ")", "[", "]", ";", ",", ":", "+", "-", "%", "@", "#", "`", "~",
    "'", "?", "^", "&", "|", "$", " ", "\t", "\n", "\r", "\r\n", "\f", "\v", std::string("\0", 1),
    "\x7F", "\xC2\xA0", "\xE2\x80\x83", "\xE2\x80\xA8", "\xEF\xBB\xBF", "kW", "kg/m2", "1e3",
};

} // namespace

TEST_CASE("the hand-written lexer gives the generated lexer's tokens on every .sgd file",
          "[lexer]") {
  std::vector<std::string> inputs = repositoryInputs();
  REQUIRE(inputs.size() >= 100);
  size_t tokens = 0;
  for (size_t i = 0; i < inputs.size(); ++i)
    tokens += compareWhole(inputs[i], "file " + std::to_string(i));
  CHECK(tokens > 10000);
}

TEST_CASE("the hand-written lexer reads a split block's header and `}` as the parser joins them",
          "[lexer]") {
  size_t blocks = 0;
  for (const std::string &text : repositoryInputs()) {
    if (findInvalidUtf8(text))
      continue;
    for (const syntax::ItemSpan &span :
         syntax::scanItems(text, 0, static_cast<uint32_t>(text.size()))) {
      if (span.closeBrace == syntax::ItemSpan::noBrace)
        continue;
      TextSlice slices[] = {{span.begin, span.openBrace + 1},
                            {span.closeBrace, span.closeBrace + 1}};
      blocks += compareLexers(text, slices, "block at byte " + std::to_string(span.begin)) > 0;
    }
  }
  CHECK(blocks > 300);
}

TEST_CASE("the hand-written lexer gives the generated lexer's tokens on mutated and random input",
          "[lexer][fuzz]") {
  std::vector<std::string> inputs = repositoryInputs();
  // SGD_FUZZ_SEED explores other inputs by hand; CI always runs seed 11.
  const char *seed = std::getenv("SGD_FUZZ_SEED");
  std::mt19937 random(seed ? static_cast<unsigned>(std::strtoul(seed, nullptr, 10)) : 11);
  int compared = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text = test::mutate(inputs[random() % inputs.size()], random);
    compared += compareWhole(text, "mutant " + std::to_string(i)) > 0;
  }
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    size_t pieces = 1 + random() % 12;
    for (size_t p = 0; p < pieces; ++p) {
      text += soup[random() % std::size(soup)];
    }
    compared += compareWhole(text, "soup " + std::to_string(i) + ": `" + text + "`") > 0;
  }
  CHECK(compared > 20000);
}
