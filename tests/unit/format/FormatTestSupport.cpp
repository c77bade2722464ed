#include "FormatTestSupport.h"

#include "ast/AstDump.h"
#include "format/Formatter.h"
#include "syntax/Parser.h"
#include "syntax/Tokens.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace sgd::formattest {

std::optional<std::string> astWithoutPositions(llvm::StringRef text) {
  SourceFiles files;
  FileId id = files.addBuffer("t.sgd", text);
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  const ast::File *file = syntax::parseFile(files, id, context, diagnostics);
  if (diagnostics.hasErrors())
    return std::nullopt;
  std::string dump;
  llvm::raw_string_ostream os(dump);
  ast::dumpAst(os, files, *file);
  os.flush();
  static const std::regex position(" @[0-9]+:[0-9]+-[0-9]+:[0-9]+$", std::regex::multiline);
  return std::regex_replace(dump, position, "");
}

std::optional<std::string> formatted(llvm::StringRef text) {
  SourceFiles files;
  FileId id = files.addBuffer("t.sgd", text);
  DiagnosticEngine diagnostics;
  auto result = format::formatFile(files, id, diagnostics);
  if (!result) {
    std::string message = llvm::toString(result.takeError());
    FAIL_CHECK(message << "\n--- input:\n" << text.str());
    return std::nullopt;
  }
  return *result;
}

std::vector<std::string> comments(llvm::StringRef text) {
  std::vector<std::string> result;
  for (const syntax::Token &token : syntax::tokenize(text)) {
    if (token.kind == syntax::TokenKind::LineComment)
      result.push_back(token.spelling(text).rtrim(" \t\r\f\v").str());
    else if (token.kind == syntax::TokenKind::BlockComment)
      result.push_back(token.spelling(text).str());
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::pair<std::string, std::string>> repositorySources() {
  namespace fs = std::filesystem;
  std::string root = SGD_SOURCE_DIR;
  std::vector<fs::path> paths;
  for (const char *folder : {"/examples", "/stdlib", "/tests/golden", "/docs"})
    for (const auto &entry : fs::recursive_directory_iterator(root + folder))
      if (entry.path().extension() == ".sgd" || entry.path().extension() == ".md")
        paths.push_back(entry.path());
  paths.push_back(root + "/README.md");
  std::sort(paths.begin(), paths.end()); // the same order on every machine
  std::vector<std::pair<std::string, std::string>> sources;
  static const std::regex block("```sgd\n([\\s\\S]*?)```");
  for (const fs::path &path : paths) {
    auto buffer = llvm::MemoryBuffer::getFile(path.string());
    if (!buffer)
      continue;
    std::string text = (*buffer)->getBuffer().str();
    std::string name = path.string().substr(root.size() + 1);
    if (path.extension() == ".sgd") {
      sources.push_back({name, text});
      continue;
    }
    int number = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), block), end; it != end; ++it)
      sources.push_back({name + " sgd block " + std::to_string(++number), (*it)[1].str()});
  }
  return sources;
}

} // namespace sgd::formattest
