#ifndef SGD_TESTS_UNIT_SYNTAX_MUTATIONS_H
#define SGD_TESTS_UNIT_SYNTAX_MUTATIONS_H

// Deterministic mutations of the repository's .sgd files, shared by the
// robustness test of the parser and the differential test of the lexer.

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

namespace sgd::test {

/// The text of every .sgd file under the given folders of the source tree,
/// in the same order on every machine.
inline std::vector<std::string> seedInputs(std::initializer_list<const char *> folders) {
  std::vector<std::string> inputs;
  for (const char *folder : folders) {
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
inline const char *const fragments[] = {
    "{", "}", ";", "(", ")", "[", "]", "\"", "/*", "*/", "//", "=", "..", "=>", ".",
    ",", ":", "*", "-", "site", "rack", "if", "then", "else", "not", "where", "import",
    "redundancy", "2N", "N+", "auto", "1e3", "2024-13-45", "1__0", "\\", "\xFF",
    "\xC3", "é", "東京", "°", "\t", "\n", " ", "@", "#", "$", "0.5.2", "kW/", "%"};

/// `input` with one to four random edits: deletions, inserted fragments,
/// duplicated slices, truncation.
inline std::string mutate(const std::string &input, std::mt19937 &random) {
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

/// The .sgd files of the repository's tests, examples and standard library,
/// then `mutants` mutations of them (of each in turn), the same on every run
/// for one `seed`: the corpus of the front end's differential tests.
inline std::vector<std::string> seedsThenMutants(size_t mutants, unsigned seed) {
  std::vector<std::string> inputs = seedInputs({"/tests", "/examples", "/stdlib"});
  size_t seeds = inputs.size();
  std::mt19937 random(seed);
  for (size_t i = 0; i < mutants && seeds > 0; ++i)
    inputs.push_back(mutate(inputs[i % seeds], random));
  return inputs;
}

} // namespace sgd::test

#endif
