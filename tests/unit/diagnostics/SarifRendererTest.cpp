#include "DiagnosticTestSupport.h"

#include "diagnostics/DiagnosticEngine.h"
#include "diagnostics/SarifRenderer.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace sgd;
using namespace sgd::test;

namespace {

std::string render(const SourceFiles &files, const DiagnosticEngine &engine,
                   const SarifToolInfo &tool = {"sgdc", "0.1.0", "https://example.org/sgdc", ""}) {
  std::string out;
  llvm::raw_string_ostream os(out);
  renderSarif(os, files, engine.sorted(), tool);
  return os.str();
}

const llvm::json::Object &onlyRun(const llvm::json::Value &log) {
  const llvm::json::Array &runs = arrayAt(asObject(log), "runs");
  REQUIRE(runs.size() == 1);
  return asObject(runs[0]);
}

struct Region {
  int64_t startLine, startColumn, endLine, endColumn, charOffset, charLength;
  friend bool operator==(const Region &, const Region &) = default;
};

Region regionOf(const llvm::json::Object &region) {
  return {integerAt(region, "startLine"), integerAt(region, "startColumn"),
          integerAt(region, "endLine"),   integerAt(region, "endColumn"),
          integerAt(region, "charOffset"), integerAt(region, "charLength")};
}

const llvm::json::Object &physicalLocation(const llvm::json::Value &location) {
  return objectAt(asObject(location), "physicalLocation");
}

} // namespace

TEST_CASE("sarif: log header and one rule per registered code", "[sarif]") {
  SourceFiles files;
  DiagnosticEngine engine;
  llvm::json::Value log = parseJson(render(files, engine));

  CHECK(stringAt(asObject(log), "version") == "2.1.0");
  CHECK_THAT(stringAt(asObject(log), "$schema"), Catch::EndsWith("sarif-schema-2.1.0.json"));
  const llvm::json::Object &run = onlyRun(log);
  CHECK(stringAt(run, "columnKind") == "unicodeCodePoints");
  CHECK(arrayAt(run, "results").empty());

  const llvm::json::Object &driver = objectAt(objectAt(run, "tool"), "driver");
  CHECK(stringAt(driver, "name") == "sgdc");
  CHECK(stringAt(driver, "version") == "0.1.0");
  CHECK(stringAt(driver, "informationUri") == "https://example.org/sgdc");
  const llvm::json::Array &rules = arrayAt(driver, "rules");
  REQUIRE(rules.size() == allCodes().size());
  for (size_t index = 0; index < rules.size(); ++index) {
    const DiagCodeInfo &info = allCodes()[index];
    const llvm::json::Object &rule = asObject(rules[index]);
    INFO(info.id.str());
    CHECK(stringAt(rule, "id") == info.id.str());
    CHECK(stringAt(objectAt(rule, "shortDescription"), "text") == info.summary.str());
    CHECK(stringAt(objectAt(rule, "help"), "text") == info.explanation.str());
    CHECK(stringAt(objectAt(rule, "defaultConfiguration"), "level") ==
          (info.defaultSeverity == Severity::Warning ? "warning" : "error"));
    // The first paragraph of the explanation, on one line.
    std::string meaning = info.explanation.split("\n\n").first.str();
    std::replace(meaning.begin(), meaning.end(), '\n', ' ');
    CHECK(stringAt(objectAt(rule, "fullDescription"), "text") == meaning);
  }
}

TEST_CASE("sarif: empty tool fields are left out", "[sarif]") {
  SourceFiles files;
  DiagnosticEngine engine;
  llvm::json::Value log = parseJson(render(files, engine, SarifToolInfo{}));
  const llvm::json::Object &driver = objectAt(objectAt(onlyRun(log), "tool"), "driver");
  CHECK(stringAt(driver, "name") == "sgdc");
  CHECK(driver.get("version") == nullptr);
  CHECK(driver.get("informationUri") == nullptr);
}

TEST_CASE("sarif: a result with its region, related locations and fix", "[sarif]") {
  SourceFiles files;
  FileId file =
      files.addBuffer("designs/my campus#1.sgd", "site z {\n  name = \"東京\" x\n}\n");
  DiagnosticEngine engine;
  SourceRange missing = after(files, file, "\"東京\"");
  engine.report(DiagCode::E0101, missing, "expected ';'")
      .note(rangeOf(files, file, "site z"), "in this site")
      .note("attributes end with `;`")
      .fix(missing, ";");
  engine.report(DiagCode::E0102, rangeOf(files, file, "x"), "unexpected `x`").severity =
      Severity::Warning;

  llvm::json::Value log = parseJson(render(files, engine));
  const llvm::json::Array &results = arrayAt(onlyRun(log), "results");
  REQUIRE(results.size() == 2);

  const llvm::json::Object &first = asObject(results[0]);
  CHECK(stringAt(first, "ruleId") == "E0101");
  // Rules are listed in the registry's order: a code's index is its enumerator.
  CHECK(integerAt(first, "ruleIndex") == static_cast<int64_t>(DiagCode::E0101));
  CHECK(stringAt(first, "level") == "error");
  // SARIF has no place for a note without a location but the message.
  CHECK(stringAt(objectAt(first, "message"), "text") ==
        "expected ';'\nnote: attributes end with `;`");

  const llvm::json::Array &locations = arrayAt(first, "locations");
  REQUIRE(locations.size() == 1);
  const llvm::json::Object &primary = physicalLocation(locations[0]);
  CHECK(stringAt(objectAt(primary, "artifactLocation"), "uri") ==
        "designs/my%20campus%231.sgd");
  // Columns and character offsets count code points: "東京" is 2 of them.
  CHECK(regionOf(objectAt(primary, "region")) == Region{2, 14, 2, 14, 22, 0});

  const llvm::json::Array &related = arrayAt(first, "relatedLocations");
  REQUIRE(related.size() == 1);
  CHECK(integerAt(asObject(related[0]), "id") == 1);
  CHECK(stringAt(objectAt(asObject(related[0]), "message"), "text") == "in this site");
  CHECK(regionOf(objectAt(physicalLocation(related[0]), "region")) == Region{1, 1, 1, 7, 0, 6});

  const llvm::json::Array &fixes = arrayAt(first, "fixes");
  REQUIRE(fixes.size() == 1);
  const llvm::json::Array &changes = arrayAt(asObject(fixes[0]), "artifactChanges");
  REQUIRE(changes.size() == 1);
  CHECK(stringAt(objectAt(asObject(changes[0]), "artifactLocation"), "uri") ==
        "designs/my%20campus%231.sgd");
  const llvm::json::Array &replacements = arrayAt(asObject(changes[0]), "replacements");
  REQUIRE(replacements.size() == 1);
  const llvm::json::Object &replacement = asObject(replacements[0]);
  CHECK(regionOf(objectAt(replacement, "deletedRegion")) == Region{2, 14, 2, 14, 22, 0});
  CHECK(stringAt(objectAt(replacement, "insertedContent"), "text") == ";");

  const llvm::json::Object &second = asObject(results[1]);
  CHECK(stringAt(second, "ruleId") == "E0102");
  CHECK(integerAt(second, "ruleIndex") == static_cast<int64_t>(DiagCode::E0102));
  CHECK(stringAt(second, "level") == "warning");
  CHECK(regionOf(objectAt(physicalLocation(arrayAt(second, "locations")[0]), "region")) ==
        Region{2, 15, 2, 16, 23, 1});
  CHECK(second.get("relatedLocations") == nullptr);
  CHECK(second.get("fixes") == nullptr);
}

TEST_CASE("sarif: character offsets deep into a large non-ASCII file", "[sarif]") {
  // 5000 lines of 6 code points in 10 bytes each span many counting blocks.
  std::string line = "// 東京\n";
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += line;
  text += "x";
  SourceFiles files;
  FileId file = files.addBuffer("big.sgd", text);
  DiagnosticEngine engine;
  engine.report(DiagCode::E0110, rangeOf(files, file, "x"), "m")
      .note(SourceRange{file, 0, static_cast<uint32_t>(line.size() * 4000)}, "far");

  llvm::json::Value log = parseJson(render(files, engine));
  const llvm::json::Object &result = asObject(arrayAt(onlyRun(log), "results")[0]);
  CHECK(regionOf(objectAt(physicalLocation(arrayAt(result, "locations")[0]), "region")) ==
        Region{5001, 1, 5001, 2, 30000, 1});
  CHECK(regionOf(objectAt(physicalLocation(arrayAt(result, "relatedLocations")[0]), "region")) ==
        Region{1, 1, 4001, 1, 0, 24000});
}
