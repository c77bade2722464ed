#include "DiagnosticTestSupport.h"

#include "diagnostics/DiagnosticEngine.h"
#include "diagnostics/JsonRenderer.h"

#include "llvm/Support/JSON.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::test;

namespace {

std::string render(const SourceFiles &files, const DiagnosticEngine &engine) {
  std::string out;
  llvm::raw_string_ostream os(out);
  renderJson(os, files, engine.sorted());
  return os.str();
}

/// Checks a {"offset", "line", "column"} object.
void checkPosition(const llvm::json::Object &position, int64_t offset, int64_t line,
                   int64_t column) {
  CHECK(integerAt(position, "offset") == offset);
  CHECK(integerAt(position, "line") == line);
  CHECK(integerAt(position, "column") == column);
}

} // namespace

TEST_CASE("json: every field of a diagnostic, its notes and its fix-it", "[json]") {
  SourceFiles files;
  FileId campus = files.addBuffer("campus.sgd", "site abilene {\n  name = \"東京\" x\n}\n");
  FileId halls = files.addBuffer("halls.sgd", "template gpu_hall() {}\n");
  DiagnosticEngine engine;
  SourceRange missing = after(files, campus, "\"東京\"");
  engine.report(DiagCode::E0101, missing, "expected ';' after the value of `name`")
      .note(rangeOf(files, halls, "gpu_hall"), "template declared here")
      .note("attributes end with `;`")
      .fix(missing, ";");
  engine.report(DiagCode::E0102, rangeOf(files, halls, "{}"), "w").severity = Severity::Warning;

  llvm::json::Value document = parseJson(render(files, engine));
  const llvm::json::Object &root = asObject(document);
  CHECK(integerAt(root, "version") == 1);
  CHECK(integerAt(root, "errors") == 1);
  CHECK(integerAt(root, "warnings") == 1);
  const llvm::json::Array &diagnostics = arrayAt(root, "diagnostics");
  REQUIRE(diagnostics.size() == 2);

  const llvm::json::Object &first = asObject(diagnostics[0]);
  CHECK(stringAt(first, "code") == "E0101");
  CHECK(stringAt(first, "severity") == "error");
  CHECK(stringAt(first, "message") == "expected ';' after the value of `name`");
  CHECK(stringAt(first, "file") == "campus.sgd");
  // Offsets count bytes ("東京" is 6 bytes), columns code points (2).
  checkPosition(objectAt(objectAt(first, "range"), "start"), 32, 2, 14);
  checkPosition(objectAt(objectAt(first, "range"), "end"), 32, 2, 14);

  const llvm::json::Array &notes = arrayAt(first, "notes");
  REQUIRE(notes.size() == 2);
  const llvm::json::Object &located = asObject(notes[0]);
  CHECK(stringAt(located, "message") == "template declared here");
  CHECK(stringAt(located, "file") == "halls.sgd");
  checkPosition(objectAt(objectAt(located, "range"), "start"), 9, 1, 10);
  checkPosition(objectAt(objectAt(located, "range"), "end"), 17, 1, 18);
  const llvm::json::Object &unlocated = asObject(notes[1]);
  CHECK(stringAt(unlocated, "message") == "attributes end with `;`");
  CHECK(unlocated.size() == 1);

  const llvm::json::Object &fixit = objectAt(first, "fixit");
  CHECK(stringAt(fixit, "file") == "campus.sgd");
  CHECK(stringAt(fixit, "replacement") == ";");
  checkPosition(objectAt(objectAt(fixit, "range"), "start"), 32, 2, 14);
  checkPosition(objectAt(objectAt(fixit, "range"), "end"), 32, 2, 14);

  const llvm::json::Object &second = asObject(diagnostics[1]);
  CHECK(stringAt(second, "code") == "E0102");
  CHECK(stringAt(second, "severity") == "warning");
  CHECK(stringAt(second, "file") == "halls.sgd");
  CHECK(arrayAt(second, "notes").empty());
  CHECK(second.get("fixit") == nullptr);
}

TEST_CASE("json: keys come in a fixed order, pretty printed", "[json]") {
  SourceFiles files;
  FileId file = files.addBuffer("a.sgd", "x");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0110, rangeOf(files, file, "x"), "m");

  CHECK(render(files, engine) == R"({
  "version": 1,
  "diagnostics": [
    {
      "code": "E0110",
      "severity": "error",
      "message": "m",
      "file": "a.sgd",
      "range": {
        "start": {
          "offset": 0,
          "line": 1,
          "column": 1
        },
        "end": {
          "offset": 1,
          "line": 1,
          "column": 2
        }
      },
      "notes": []
    }
  ],
  "errors": 1,
  "warnings": 0
}
)");
}

TEST_CASE("json: no diagnostics, and text that is not UTF-8", "[json]") {
  SourceFiles files;
  DiagnosticEngine empty;
  CHECK(render(files, empty) ==
        "{\n  \"version\": 1,\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n");

  FileId file = files.addBuffer("caf\xE9.sgd", "x");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0001, rangeOf(files, file, "x"), "byte \xFC");
  llvm::json::Value document = parseJson(render(files, engine));
  const llvm::json::Object &diagnostic =
      asObject(arrayAt(asObject(document), "diagnostics")[0]);
  CHECK(stringAt(diagnostic, "file") == "caf\uFFFD.sgd");
  CHECK(stringAt(diagnostic, "message") == "byte \uFFFD");
}
