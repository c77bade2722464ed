// The parser's token stream (compiler/syntax/TokenBuffer.cpp) against
// ANTLR's CommonTokenStream over the same tokens: what the parser reads
// (LT, LA, index) the same at every position, after seek and after consume,
// on every .sgd file of the repository and on mutations of them, whose bad
// characters and unterminated comments are tokens off the default channel.
#include "syntax/TokenBuffer.h"

#include "base/Utf8.h"

#include "Mutations.h"
#include "SgdParser.h"

#include <catch2/catch.hpp>

using namespace sgd;
using syntax::TextSlice;
using syntax::TokenBuffer;

namespace {

// A token as the parser tells tokens apart: its index and type.
std::string describe(antlr4::Token *token) {
  if (!token)
    return "none";
  return std::to_string(token->getTokenIndex()) + ":" + std::to_string(token->getType());
}

// What a stream shows from where it stands: the token before (the parser and
// the error strategy look back one token, no further) and up to `ahead`
// tokens. Further back, the 4.9 runtime's CommonTokenStream returns EOF
// where no visible token is left (its index wraps below zero); the buffer
// returns none.
std::string view(antlr4::TokenStream &stream, ssize_t ahead) {
  std::string shown = "@" + std::to_string(stream.index());
  for (ssize_t k = -1; k <= ahead; ++k) {
    antlr4::Token *token = stream.LT(k);
    shown += " " + describe(token);
    if (token) // CommonTokenStream's LA reads a token that may be absent
      shown += "/" + std::to_string(stream.LA(k));
  }
  return shown;
}

// The first place where the buffer and ANTLR's stream over copies of its
// tokens differ, or "".
std::string firstDifference(const std::string &text, TextSlice whole) {
  TokenBuffer buffer(text, whole);
  std::vector<std::unique_ptr<antlr4::Token>> copies;
  for (syntax::BufferedToken &token : buffer.tokens())
    copies.push_back(std::make_unique<antlr4::CommonToken>(&token));
  antlr4::ListTokenSource source(std::move(copies));
  antlr4::CommonTokenStream reference(&source);
  reference.fill();
  if (reference.size() != buffer.size())
    return "sizes " + std::to_string(reference.size()) + " and " + std::to_string(buffer.size());
  // What ANTLR's messages would print of each token.
  for (size_t at = 0; at < buffer.size(); ++at)
    if (buffer.get(at)->toString() != reference.get(at)->toString())
      return "token " + std::to_string(at) + " prints as " + buffer.get(at)->toString() + ", not " +
             reference.get(at)->toString();

  for (size_t at = 0; at < buffer.size(); ++at) {
    buffer.seek(at);
    reference.seek(at);
    std::string mine = view(buffer, 4);
    std::string theirs = view(reference, 4);
    if (mine != theirs)
      return "after seek(" + std::to_string(at) + "): " + mine + " vs " + theirs;
  }
  buffer.seek(0);
  reference.seek(0);
  while (reference.LA(1) != antlr4::Token::EOF) {
    reference.consume();
    buffer.consume();
    std::string mine = view(buffer, 2);
    std::string theirs = view(reference, 2);
    if (mine != theirs)
      return "after consume: " + mine + " vs " + theirs;
  }
  return buffer.LA(1) == antlr4::Token::EOF ? "" : "the buffer is not at EOF";
}

} // namespace

TEST_CASE("the token buffer shows the parser what CommonTokenStream shows", "[tokens]") {
  std::vector<std::string> inputs = test::seedsThenMutants(3000, 7);
  REQUIRE(inputs.size() > 3300);
  int compared = 0;
  int withHidden = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string &text = inputs[i];
    if (findInvalidUtf8(text))
      continue; // parseFile lexes none of it (E0001)
    INFO("input " << i << ":\n" << text);
    // As parseFile reads a file: after its byte order mark.
    TextSlice whole{llvm::StringRef(text).startswith(kByteOrderMark) ? 3u : 0u,
                    static_cast<uint32_t>(text.size())};
    REQUIRE(firstDifference(text, whole) == "");
    ++compared;
    TokenBuffer buffer(text, whole);
    withHidden += llvm::any_of(buffer.tokens(), [](const syntax::BufferedToken &token) {
      return token.getChannel() != antlr4::Token::DEFAULT_CHANNEL;
    });
  }
  // Nothing but EOF, which stops before the text's first byte.
  CHECK(firstDifference("", TextSlice{0, 0}) == "");
  CHECK(compared > 3000);
  CHECK(withHidden > 100); // the mutations exercise skipping
}

TEST_CASE("the token buffer skips hidden tokens and stops at EOF", "[tokens]") {
  // Tokens: 0 `x`, 1 `@` (hidden), 2 `=`, 3 `#` (hidden), 4 `1`, 5 `;`, 6 EOF.
  std::string text = "x @ = # 1;";
  TokenBuffer buffer(text, TextSlice{0, static_cast<uint32_t>(text.size())});
  REQUIRE(buffer.size() == 7);
  CHECK(buffer.tokens()[1].getChannel() == antlr4::Token::HIDDEN_CHANNEL);
  CHECK(buffer.index() == 0);
  CHECK(buffer.LT(2)->getTokenIndex() == 2);
  CHECK(buffer.LA(3) == antlr::SgdParser::NUMBER);
  buffer.consume();
  CHECK(buffer.index() == 2); // past the hidden `@`
  CHECK(buffer.LT(-1)->getTokenIndex() == 0);
  CHECK(buffer.LT(-2) == nullptr);
  buffer.seek(3); // a hidden token: the stream stands on the next visible one
  CHECK(buffer.index() == 4);
  CHECK(buffer.LT(1)->getText() == "1");
  // As CommonToken prints itself: index, bytes, text, type, line:column.
  CHECK(buffer.LT(1)->toString() ==
        "[@4,8:8='1',<" + std::to_string(antlr::SgdParser::NUMBER) + ">,1:8]");
  CHECK(buffer.get(1)->toString() ==
        "[@1,2:2='@',<" + std::to_string(antlr::SgdParser::BAD_CHAR) + ">,channel=1,1:2]");
  CHECK(buffer.LT(1)->getStartIndex() == 8);
  CHECK(buffer.LT(1)->getStopIndex() == 8);
  buffer.consume();
  buffer.consume();
  CHECK(buffer.LA(1) == antlr4::Token::EOF);
  CHECK(buffer.LA(5) == antlr4::Token::EOF);
  CHECK(buffer.LT(1)->getText() == "<EOF>");
  CHECK(buffer.LT(1)->getStartIndex() == 10);
  CHECK_THROWS_AS(buffer.consume(), antlr4::IllegalStateException);
  CHECK_THROWS_AS(buffer.get(7), antlr4::IndexOutOfBoundsException);
  CHECK(buffer.getText() == "x@=#1;");
  CHECK(buffer.getText(buffer.get(2), buffer.get(4)) == "=#1");
}
