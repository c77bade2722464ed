// Robustness: the front end never crashes and keeps its invariants on broken
// input. Thousands of deterministic mutations of the golden inputs and the
// examples are parsed, dumped and rendered.
#include "ast/AstDump.h"
#include "diagnostics/TextRenderer.h"
#include "syntax/Parser.h"

#include "Mutations.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace sgd;

TEST_CASE("mutated inputs never crash and keep ranges inside the file", "[parser][fuzz]") {
  std::vector<std::string> inputs = test::seedInputs({"/tests/golden", "/examples"});
  REQUIRE(inputs.size() >= 50);
  // SGD_FUZZ_SEED explores other mutations by hand; CI always runs seed 7.
  const char *seed = std::getenv("SGD_FUZZ_SEED");
  std::mt19937 random(seed ? static_cast<unsigned>(std::strtoul(seed, nullptr, 10)) : 7);
  constexpr int mutants = 20000;
  int withErrors = 0;
  for (int i = 0; i < mutants; ++i) {
    std::string text = test::mutate(inputs[random() % inputs.size()], random);
    SourceFiles files;
    FileId id = files.addBuffer("m.sgd", text);
    ast::AstContext context;
    DiagnosticEngine diagnostics;
    const ast::File *file = syntax::parseFile(files, id, context, diagnostics);
    REQUIRE(file != nullptr);
    std::vector<const Diagnostic *> sorted = diagnostics.sorted();
    for (const Diagnostic *d : sorted) {
      INFO("mutant " << i << ": " << d->id().str() << " " << d->message);
      REQUIRE(d->range.begin <= d->range.end);
      REQUIRE(d->range.end <= text.size());
      REQUIRE_FALSE(d->message.empty());
    }
    withErrors += !sorted.empty();
    std::string out;
    llvm::raw_string_ostream os(out);
    ast::dumpAst(os, files, *file);
    renderText(os, files, sorted, TextRenderOptions{});
    REQUIRE_FALSE(os.str().empty());
  }
  // The mutations must actually break most inputs, or the test proves little.
  CHECK(withErrors > mutants / 2);
}
