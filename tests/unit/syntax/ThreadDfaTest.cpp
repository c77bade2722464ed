// The parser's per-thread prediction (compiler/syntax/ThreadDfa.cpp) against
// the runtime's own: the generated parser with the simulator it makes
// itself, on the same tokens, must build the same parse tree, with SLL and
// with full LL prediction, on valid text and on text with syntax errors
// (where error recovery asks for predictions the DFA has never seen).
#include "syntax/ThreadDfa.h"
#include "syntax/LexicalPass.h"
#include "syntax/Parser.h"
#include "syntax/TokenBuffer.h"

#include "base/Utf8.h"

#include "Mutations.h"
#include "SgdParser.h"

#include "llvm/Support/MemoryBuffer.h"

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
  // The runtime's default error strategy, which both parsers here keep,
  // reads the ATN at every sync (sgdc parses with the bailing strategy
  // first, which does not, and the recovering one after initializeAtn).
  antlr::SgdParser::initializeAtn();
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
    for (auto mode : {antlr4::atn::PredictionMode::SLL, antlr4::atn::PredictionMode::LL}) {
      std::string threadDfa = parseTree(text, mode, true); // first, whatever the compiler's order
      REQUIRE(threadDfa == parseTree(text, mode, false));
    }
    ++compared;
  }
  CHECK(compared > 1500);
}

// Hidden from a run of the whole binary, whose earlier cases deserialize
// the parser's ATN: tests/CMakeLists.txt runs it alone, in a process of its
// own.
TEST_CASE("a valid design is parsed without deserializing the parser's ATN", "[.lazy-atn]") {
  auto atnIsEmpty = [] {
    std::vector<std::unique_ptr<antlr4::Token>> endOnly;
    endOnly.push_back(std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF));
    antlr4::ListTokenSource source(std::move(endOnly));
    antlr4::CommonTokenStream stream(&source);
    antlr::SgdParser parser(&stream);
    return parser.getATN().states.empty();
  };
  auto errorsIn = [](llvm::StringRef text) {
    SourceFiles files;
    ast::AstContext context;
    DiagnosticEngine diagnostics;
    syntax::parseFile(files, files.addBuffer("t.sgd", text), context, diagnostics);
    return diagnostics.sorted().size();
  };
  REQUIRE(atnIsEmpty()); // nothing in this process parsed before
  // The examples: every construct they write, expressions with operators
  // (precedence predicates) included, predicted from the prebuilt tables.
  for (const char *name : {"abilene/campus.sgd", "abilene/halls.sgd", "frankfurt/frankfurt.sgd",
                           "uae/cluster.sgd", "uae/halls.sgd", "colo_2n/atlas_dc1.sgd"}) {
    auto buffer = llvm::MemoryBuffer::getFile(std::string(SGD_SOURCE_DIR "/examples/") + name);
    REQUIRE(buffer);
    INFO(name);
    CHECK(errorsIn((*buffer)->getBuffer()) == 0);
  }
  CHECK(atnIsEmpty());
  // A syntax error: the recovering stage reads the ATN.
  CHECK(errorsIn("site s { building b { hall h { it_power = ; } } }") > 0);
  CHECK_FALSE(atnIsEmpty());
}
