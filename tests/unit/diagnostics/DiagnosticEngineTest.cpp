#include "diagnostics/DiagnosticEngine.h"

#include <catch2/catch.hpp>

using namespace sgd;

namespace {

SourceRange at(uint32_t file, uint32_t begin) { return {FileId{file}, begin, begin + 1}; }

std::vector<std::string> messages(const DiagnosticEngine &engine) {
  std::vector<std::string> result;
  for (const Diagnostic *diagnostic : engine.sorted())
    result.push_back(diagnostic->message);
  return result;
}

} // namespace

TEST_CASE("engine: sorted by file, position and code, stable otherwise", "[engine]") {
  DiagnosticEngine engine;
  engine.report(DiagCode::E0102, at(1, 5), "file 1");
  engine.report(DiagCode::E0110, at(0, 9), "late");
  engine.report(DiagCode::E0109, at(0, 9), "same place, lower code");
  engine.report(DiagCode::E0102, at(0, 2), "first of two at 2");
  engine.report(DiagCode::E0102, at(0, 2), "second of two at 2");

  CHECK(messages(engine) == std::vector<std::string>{"first of two at 2", "second of two at 2",
                                                     "same place, lower code", "late",
                                                     "file 1"});
}

TEST_CASE("engine: report takes the code's severity and keeps references valid",
          "[engine]") {
  DiagnosticEngine engine;
  Diagnostic &first = engine.report(DiagCode::E0101, at(0, 0), "first");
  for (uint32_t i = 1; i < 1000; ++i)
    engine.report(DiagCode::E0102, at(0, i), "more");
  first.note("still reachable").fix(at(0, 0), ";");

  const Diagnostic *sortedFirst = engine.sorted().front();
  CHECK(sortedFirst == &first);
  CHECK(sortedFirst->severity == Severity::Error);
  CHECK(sortedFirst->id() == "E0101");
  REQUIRE(sortedFirst->notes.size() == 1);
  CHECK(sortedFirst->notes[0].message == "still reachable");
  CHECK_FALSE(sortedFirst->notes[0].range.has_value());
  REQUIRE(sortedFirst->fixIt.has_value());
  CHECK(sortedFirst->fixIt->replacement == ";");
}

TEST_CASE("engine: append moves every diagnostic and empties the source", "[engine]") {
  DiagnosticEngine main;
  main.report(DiagCode::E0102, at(0, 4), "main");
  DiagnosticEngine perFile;
  perFile.report(DiagCode::E0103, at(1, 0), "other file");
  perFile.report(DiagCode::E0104, at(0, 1), "earlier");

  main.append(std::move(perFile));
  CHECK(messages(main) == std::vector<std::string>{"earlier", "main", "other file"});
  CHECK(main.errorCount() == 3);
  CHECK(perFile.sorted().empty());
  CHECK(perFile.errorCount() == 0);
}

TEST_CASE("engine: counts, and denyWarnings raises warnings to errors", "[engine]") {
  DiagnosticEngine engine;
  CHECK_FALSE(engine.hasErrors());
  engine.report(DiagCode::E0102, at(0, 0), "w1").severity = Severity::Warning;
  engine.report(DiagCode::E0102, at(0, 1), "w2").severity = Severity::Warning;
  engine.report(DiagCode::E0102, at(0, 2), "n").severity = Severity::Note;
  CHECK(engine.warningCount() == 2);
  CHECK(engine.errorCount() == 0);
  CHECK_FALSE(engine.hasErrors());

  engine.report(DiagCode::E0101, at(0, 3), "e");
  CHECK(engine.errorCount() == 1);
  CHECK(engine.hasErrors());

  engine.denyWarnings();
  CHECK(engine.warningCount() == 0);
  CHECK(engine.errorCount() == 3);
  CHECK(engine.sorted()[2]->severity == Severity::Note);
}

namespace {

// An InstanceScope's place, named as the analyses name a node.
std::function<std::string()> named(const char *place) {
  return [place] { return std::string(place); };
}

} // namespace

TEST_CASE("engine: a diagnostic in a replicated structure counts its instances", "[engine]") {
  DiagnosticEngine engine;
  {
    DiagnosticEngine::InstanceScope halls(engine, 2752, named("hall `s[1..86].b[1..8].h[1..4]`"));
    engine.report(DiagCode::E0315, at(0, 7), "`arena` is not an attribute").note("did you mean");
  }
  REQUIRE(engine.sorted().size() == 1);
  const Diagnostic &once = *engine.sorted().front();
  REQUIRE(once.notes.size() == 2);
  CHECK(once.notes[0].message ==
        "reported once for all 2,752 instances of hall `s[1..86].b[1..8].h[1..4]`");
  CHECK(once.notes[1].message == "did you mean");

  // The same error from the template in another place adds its instances;
  // the same place again (reported per replica by a later phase) does not.
  {
    DiagnosticEngine::InstanceScope halls(engine, 28, named("hall `s87.b[1..7].h[1..4]`"));
    engine.report(DiagCode::E0315, at(0, 7), "`arena` is not an attribute");
    DiagnosticEngine::InstanceScope inner(engine, 2752, named("hall `s[1..86].b[1..8].h[1..4]`"));
    engine.report(DiagCode::E0315, at(0, 7), "`arena` is not an attribute");
  }
  CHECK(engine.sorted().size() == 1);
  CHECK(once.notes[0].message ==
        "reported once for 2,780 instances: hall `s[1..86].b[1..8].h[1..4]` (2,752), "
        "hall `s87.b[1..7].h[1..4]` (28)");

  // One instance alone needs no note; a second place makes it two.
  {
    DiagnosticEngine::InstanceScope first(engine, 1, named("hall `s.h1`"));
    engine.report(DiagCode::E0316, at(0, 9), "not a power").note("the attribute's type");
  }
  const Diagnostic &twice = *engine.sorted().back();
  CHECK(twice.notes.size() == 1);
  {
    DiagnosticEngine::InstanceScope second(engine, 1, named("hall `s.h2`"));
    engine.report(DiagCode::E0316, at(0, 9), "not a power");
  }
  REQUIRE(twice.notes.size() == 2);
  CHECK(twice.notes[0].message == "reported once for 2 instances: hall `s.h1` (1), hall `s.h2` (1)");

  // Outside any scope: no count, and a later scoped repeat adds none.
  engine.report(DiagCode::E0317, at(0, 11), "top level");
  {
    DiagnosticEngine::InstanceScope halls(engine, 5, named("hall `s.h[1..5]`"));
    engine.report(DiagCode::E0317, at(0, 11), "top level");
  }
  CHECK(engine.sorted().back()->notes.empty());
}

TEST_CASE("engine: a scope's place is named only when something is reported in it, once",
          "[engine]") {
  DiagnosticEngine engine;
  int namings = 0;
  auto describe = [&namings] {
    ++namings;
    return std::string("hall `s.h[1..4]`");
  };
  { DiagnosticEngine::InstanceScope quiet(engine, 4, describe); }
  CHECK(namings == 0);
  {
    DiagnosticEngine::InstanceScope halls(engine, 4, describe);
    engine.report(DiagCode::E0315, at(0, 7), "`arena` is not an attribute");
    engine.report(DiagCode::E0316, at(0, 9), "not a power");
  }
  CHECK(namings == 1);
  REQUIRE(engine.sorted().size() == 2);
  CHECK(engine.sorted()[1]->notes.front().message ==
        "reported once for all 4 instances of hall `s.h[1..4]`");
}

TEST_CASE("engine: an expansion reports a place once and stays quiet where errors were",
          "[engine]") {
  DiagnosticEngine engine;
  // A name check found `k` unknown at 10..11.
  engine.report(DiagCode::E0302, at(0, 10), "unknown catalog entry `k`");
  engine.beginExpansion();
  // The elaborator meets `k` again: the same place, other words.
  engine.report(DiagCode::E0302, SourceRange{FileId{0}, 8, 12}, "unknown name `k`");
  // Three instances of one template line: one diagnostic, the others counted.
  engine.report(DiagCode::E0315, at(0, 20), "`pue` is not an attribute of hall `h1`");
  engine.report(DiagCode::E0315, at(0, 20), "`pue` is not an attribute of hall `h2`")
      .note("goes nowhere");
  engine.report(DiagCode::E0315, at(0, 20), "`pue` is not an attribute of hall `h3`");
  // Another code at the same place is another problem.
  engine.report(DiagCode::E0316, at(0, 20), "a second problem");
  engine.endExpansion();
  // After the expansion, repeats with new words are new diagnostics again.
  engine.report(DiagCode::E0315, at(0, 20), "after");

  CHECK(messages(engine) ==
        std::vector<std::string>{"unknown catalog entry `k`",
                                 "`pue` is not an attribute of hall `h1`", "after",
                                 "a second problem"}); // by place, then code
  const Diagnostic &kept = *engine.sorted()[1];
  REQUIRE(kept.notes.size() == 1);
  CHECK(kept.notes[0].message ==
        "reported once: the same problem is in 2 more instances of this text (a range or a "
        "template makes several)");
  CHECK(engine.sorted()[3]->notes.empty());
}
