#include "diagnostics/DiagnosticCode.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#include <catch2/catch.hpp>

using namespace sgd;

namespace {

// Counted from the registry itself, so adding a code needs no edit here.
constexpr size_t kRegisteredCodes = 0
#define DIAGNOSTIC(CODE, SEVERITY, SUMMARY) +1
#include "diagnostics/DiagnosticCodes.def"
    ;

} // namespace

TEST_CASE("codes: the registry is indexed by code and ids are unique", "[codes]") {
  REQUIRE(allCodes().size() == kRegisteredCodes);
  llvm::StringSet<> ids;
  for (size_t index = 0; index < allCodes().size(); ++index) {
    const DiagCodeInfo &info = allCodes()[index];
    INFO(info.id.str());
    CHECK(static_cast<size_t>(info.code) == index);
    CHECK(&codeInfo(info.code) == &info);
    CHECK(ids.insert(info.id).second);
    CHECK(info.id.size() == 5);
    CHECK((info.id.front() == 'E' || info.id.front() == 'W'));
    CHECK(info.defaultSeverity == (info.id.front() == 'E' ? Severity::Error : Severity::Warning));
    CHECK(!info.summary.empty());
  }
  CHECK(codeInfo(DiagCode::E0101).id == "E0101");
  CHECK(codeInfo(DiagCode::E0101).summary == "expected a token that is missing");
  CHECK(codeInfo(DiagCode::E0001).defaultSeverity == Severity::Error);
}

TEST_CASE("codes: every code has an embedded explanation", "[codes]") {
  for (const DiagCodeInfo &info : allCodes()) {
    INFO("compiler/diagnostics/explanations/" << info.id.str() << ".md is missing or empty");
    CHECK(!info.explanation.trim().empty());
  }
  CHECK_THAT(codeInfo(DiagCode::E0103).explanation.str(),
             Catch::StartsWith("A string starts with `\"`"));
}

TEST_CASE("codes: docs/diagnostics.md has each code's section, in sync", "[codes]") {
  auto docs = llvm::MemoryBuffer::getFile(SGD_SOURCE_DIR "/docs/diagnostics.md");
  REQUIRE(docs);
  llvm::StringRef text = (*docs)->getBuffer();
  for (const DiagCodeInfo &info : allCodes()) {
    std::string heading = "\n## " + info.id.str() + " — " + info.summary.str() + "\n";
    INFO("docs/diagnostics.md lacks `" << llvm::StringRef(heading).trim().str()
                                       << "` followed by the explanation; run "
                                          "scripts/update-diagnostics-docs.py");
    CHECK(text.contains(heading + "\n" + info.explanation.str()));
  }
}

TEST_CASE("codes: findCode ignores case and rejects unknown ids", "[codes]") {
  CHECK(findCode("E0101") == DiagCode::E0101);
  CHECK(findCode("e0101") == DiagCode::E0101);
  CHECK(findCode("e0001") == DiagCode::E0001);
  CHECK(findCode("E0111") == DiagCode::E0111);
  CHECK_FALSE(findCode("E9999").has_value());
  CHECK_FALSE(findCode("E010").has_value());
  CHECK_FALSE(findCode("E01011").has_value());
  CHECK_FALSE(findCode("").has_value());
}

TEST_CASE("codes: severity names", "[codes]") {
  CHECK(severityName(Severity::Note) == "note");
  CHECK(severityName(Severity::Warning) == "warning");
  CHECK(severityName(Severity::Error) == "error");
}
