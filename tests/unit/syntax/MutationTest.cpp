// Robustness: the front end never crashes and keeps its invariants on broken
// input. Thousands of deterministic mutations of the golden inputs and the
// examples are parsed, dumped and rendered.
#include "ast/AstDump.h"
#include "diagnostics/TextRenderer.h"
#include "syntax/Parser.h"

#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>

using namespace sgd;

namespace {

std::vector<std::string> seedInputs() {
  std::vector<std::string> inputs;
  for (const char *folder : {"/tests/golden", "/examples"}) {
    std::vector<std::filesystem::path> paths;
    for (const auto &entry :
         std::filesystem::recursive_directory_iterator(std::string(SGD_SOURCE_DIR) + folder))
      if (entry.path().extension() == ".sgd")
        paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end()); // same order on every machine
    for (const auto &path : paths)
      if (auto buffer = llvm::MemoryBuffer::getFile(path.string()))
        inputs.push_back((*buffer)->getBuffer().str());
  }
  return inputs;
}

// Fragments that stress recovery: delimiters, quotes, comments, keywords,
// operators, invalid and multi-byte UTF-8.
const char *const fragments[] = {
    "{", "}", ";", "(", ")", "[", "]", "\"", "/*", "*/", "//", "=", "..", "=>", ".",
    ",", ":", "*", "-", "site", "rack", "if", "then", "else", "not", "where", "import",
    "redundancy", "2N", "N+", "auto", "1e3", "2024-13-45", "1__0", "\\", "\xFF",
    "\xC3", "é", "東京", "°", "\t", "\n", " ", "@", "#", "$", "0.5.2", "kW/", "%"};

std::string mutate(const std::string &input, std::mt19937 &random) {
  std::string text = input;
  std::uniform_int_distribution<int> operation(0, 3);
  int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits; ++i) {
    size_t at = text.empty() ? 0 : random() % (text.size() + 1);
    switch (operation(random)) {
    case 0: // delete a short run
      text.erase(at, random() % 8);
      break;
    case 1: // insert a fragment
      text.insert(at, fragments[random() % std::size(fragments)]);
      break;
    case 2: { // duplicate a slice elsewhere
      size_t from = text.empty() ? 0 : random() % text.size();
      text.insert(at, text.substr(from, random() % 40));
      break;
    }
    default: // truncate
      text.resize(at);
    }
  }
  return text;
}

} // namespace

TEST_CASE("mutated inputs never crash and keep ranges inside the file", "[parser][fuzz]") {
  std::vector<std::string> inputs = seedInputs();
  REQUIRE(inputs.size() >= 50);
  // SGD_FUZZ_SEED explores other mutations by hand; CI always runs seed 7.
  const char *seed = std::getenv("SGD_FUZZ_SEED");
  std::mt19937 random(seed ? static_cast<unsigned>(std::strtoul(seed, nullptr, 10)) : 7);
  constexpr int mutants = 20000;
  int withErrors = 0;
  for (int i = 0; i < mutants; ++i) {
    std::string text = mutate(inputs[random() % inputs.size()], random);
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
