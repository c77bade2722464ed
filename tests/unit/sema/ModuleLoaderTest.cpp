#include "sema/ModuleLoader.h"
#include "syntax/Parser.h"

#include "TempFolder.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace sgd;

namespace {

using test::TempFolder;

} // namespace

// An entry file in a folder with no sgd.toml above it: the search for the
// project root walks up to `/` and takes the entry's folder. It assigned a
// SmallString a reference into itself on the way, which LLVM asserts
// against in builds with assertions (make test-asan).
TEST_CASE("an entry outside any project imports from its own folder", "[sema][modules]") {
  TempFolder folder;
  std::string entry = folder.write("campus.sgd", "import \"halls.sgd\";\nconst a = b;\n");
  folder.write("halls.sgd", "const b = 1;\n");
  SourceFiles files;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  llvm::Expected<FileId> file = files.addFile(entry);
  REQUIRE(static_cast<bool>(file));
  const ast::File *ast = syntax::parseFile(files, *file, context, diagnostics);
  sema::ModuleGraph graph =
      sema::loadModules({{entry, *file, ast}}, sema::ModuleSearch{}, files, context, diagnostics);
  CHECK(diagnostics.sorted().empty());
  REQUIRE(graph.modules.size() == 2);
  CHECK(llvm::sys::path::filename(graph.modules[1].name) == "halls.sgd");
}

TEST_CASE("an import that is a FIFO is refused without blocking", "[sema][modules]") {
  TempFolder folder;
  std::string entry = folder.write("campus.sgd", "import \"pipe.sgd\";\n");
  llvm::SmallString<128> fifo(folder.path);
  llvm::sys::path::append(fifo, "pipe.sgd");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  SourceFiles files;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  llvm::Expected<FileId> file = files.addFile(entry, "campus.sgd");
  REQUIRE(static_cast<bool>(file));
  const ast::File *ast = syntax::parseFile(files, *file, context, diagnostics);
  sema::loadModules({{entry, *file, ast}}, sema::ModuleSearch{}, files, context, diagnostics);
  std::vector<const Diagnostic *> reported = diagnostics.sorted();
  REQUIRE(reported.size() == 1);
  CHECK(reported[0]->code == DiagCode::E0206);
  CHECK_THAT(reported[0]->message,
             Catch::EndsWith("/pipe.sgd`: it is a FIFO (named pipe), not a regular file"));
}
