#include "syntax/Tokens.h"

#include <catch2/catch.hpp>

using namespace sgd;
using syntax::TokenKind;

namespace {

// "kind:spelling" of every token, for comparing in one assertion.
std::vector<std::string> described(llvm::StringRef text) {
  std::vector<std::string> result;
  for (const syntax::Token &token : syntax::tokenize(text)) {
    const char *kind = "";
    switch (token.kind) {
    case TokenKind::Identifier: kind = "id"; break;
    case TokenKind::Keyword: kind = "kw"; break;
    case TokenKind::Number: kind = "num"; break;
    case TokenKind::Unit: kind = "unit"; break;
    case TokenKind::UnitSlash: kind = "uslash"; break;
    case TokenKind::String: kind = "str"; break;
    case TokenKind::Date: kind = "date"; break;
    case TokenKind::Punctuation: kind = "p"; break;
    case TokenKind::LineComment: kind = "line"; break;
    case TokenKind::BlockComment: kind = "block"; break;
    case TokenKind::Unknown: kind = "?"; break;
    }
    result.push_back(std::string(kind) + ":" + token.spelling(text).str());
  }
  return result;
}

} // namespace

TEST_CASE("tokens keep comments and type units as the parser does", "[tokens]") {
  CHECK(described("const a = 10 kW / n; // per hall\n/* x\n y */ b = 1500 kg/m2;") ==
        std::vector<std::string>{"kw:const", "id:a", "p:=", "num:10", "unit:kW", "p:/", "id:n",
                                 "p:;", "line:// per hall", "block:/* x\n y */", "id:b",
                                 "p:=", "num:1500", "unit:kg", "uslash:/", "unit:m2", "p:;"});
}

TEST_CASE("a number at the end of a line takes no unit from the next", "[tokens]") {
  CHECK(described("d = 12\nweeks;") ==
        std::vector<std::string>{"id:d", "p:=", "num:12", "id:weeks", "p:;"});
}

TEST_CASE("keywords used as names are still keyword tokens", "[tokens]") {
  CHECK(described("zone = campus; 2024-06-01 \"s\\\"t\" kW/rack") ==
        std::vector<std::string>{"kw:zone", "p:=", "id:campus", "p:;", "date:2024-06-01",
                                 "str:\"s\\\"t\"", "id:kW", "p:/", "kw:rack"});
  CHECK(syntax::isKeyword("redundancy"));
  CHECK(syntax::isKeywordName("redundancy"));
  CHECK(syntax::isKeyword("where"));
  CHECK_FALSE(syntax::isKeywordName("where"));
  CHECK_FALSE(syntax::isKeyword("ups"));
}

TEST_CASE("token offsets are bytes, after a byte order mark and non-ASCII text", "[tokens]") {
  std::string text = "\xEF\xBB\xBF/* \xC3\xBC */ x";
  std::vector<syntax::Token> tokens = syntax::tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].begin == 3);
  CHECK(tokens[0].end == 11); // 3 (BOM) + 3 + 2 (ü) + 3
  CHECK(tokens[1].begin == 12);
}

TEST_CASE("unterminated comments and stray characters are tokens too", "[tokens]") {
  CHECK(described("a @ /* open") ==
        std::vector<std::string>{"id:a", "?:@", "block:/* open"});
  CHECK(syntax::tokenize("\xFF").empty());
}
