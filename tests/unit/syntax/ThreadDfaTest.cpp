// The parser's per-thread prediction (compiler/syntax/ThreadDfa.cpp) against
// the runtime's own: the generated parser with the simulator it makes
// itself, on the same tokens, must build the same parse tree, with SLL and
// with full LL prediction, on valid text and on text with syntax errors
// (where error recovery asks for predictions the DFA has never seen).
#include "syntax/ThreadDfa.h"
#include "syntax/LexicalPass.h"
#include "syntax/TokenBuffer.h"

#include "base/Utf8.h"

#include "Mutations.h"
#include "SgdParser.h"

#include <catch2/catch.hpp>

using namespace sgd;

namespace {

// The parse tree of `text` as ANTLR prints it, predicted by this thread's
// DFA or by the runtime's shared one.
std::string parseTree(const std::string &text, antlr4::atn::PredictionMode mode, bool threadDfa) {
  syntax::TextSlice whole{0, static_cast<uint32_t>(text.size())};
  syntax::TokenBuffer tokens(text, whole);
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  syntax::ParseState state(FileId{0}, text, context, diagnostics);
  syntax::runLexicalPass(tokens, state);
  antlr::SgdParser parser(&tokens);
  if (threadDfa)
    syntax::useThreadDfa(parser);
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(mode);
  return parser.file()->toStringTree(&parser);
}

} // namespace

TEST_CASE("the thread's DFA predicts what the runtime predicts", "[parser][fuzz]") {
  std::vector<std::string> inputs = test::seedsThenMutants(1500, 5);
  REQUIRE(inputs.size() > 1800);
  int compared = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string &text = inputs[i];
    // The parser reads text after its byte order mark, and valid UTF-8 only.
    if (findInvalidUtf8(text) || llvm::StringRef(text).contains(kByteOrderMark))
      continue;
    INFO("input " << i << ":\n" << text);
    for (auto mode : {antlr4::atn::PredictionMode::SLL, antlr4::atn::PredictionMode::LL})
      REQUIRE(parseTree(text, mode, true) == parseTree(text, mode, false));
    ++compared;
  }
  CHECK(compared > 1500);
}
