#include "base/InternedText.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using namespace sgd;

TEST_CASE("InternedText: a set keeps each text once and reads it back with its length",
          "[interned]") {
  TextSet set;
  std::string written = "row r12";
  InternedText a = set.intern(written);
  written = "row r13"; // the set holds its own copy
  CHECK(a.text() == "row r12");
  CHECK(a.text().size() == 7);
  CHECK(a.text().data()[7] == '\0'); // NUL-terminated, as the copies of a StringMap are
  CHECK(a.str() == "row r12");
  CHECK(llvm::StringRef(a) == "row r12");
  InternedText again = set.intern("row r12");
  CHECK(again.text().data() == a.text().data()); // one copy
  CHECK(a == again);
  CHECK_FALSE(a == set.intern("row r1"));
  CHECK(sizeof(InternedText) == sizeof(void *));
}

TEST_CASE("InternedText: the empty text needs no set", "[interned]") {
  TextSet set;
  InternedText none = set.intern("");
  CHECK(none.empty());
  CHECK(none.text().empty());
  CHECK(none == InternedText());
  CHECK_FALSE(set.intern("A").empty());
  CHECK_FALSE(none == set.intern("A"));
}

TEST_CASE("InternedText: handles of two sets compare by text", "[interned]") {
  TextSet design, graph;
  InternedText fromDesign = design.intern("A");
  InternedText fromGraph = graph.intern("A");
  CHECK(fromDesign.text().data() != fromGraph.text().data());
  CHECK(fromDesign == fromGraph);
  CHECK_FALSE(fromDesign == graph.intern("B"));
}

TEST_CASE("InternedText: moving the set keeps its texts where they are", "[interned]") {
  TextSet set;
  InternedText a = set.intern("busway");
  const char *where = a.text().data();
  TextSet moved = std::move(set);
  CHECK(a.text() == "busway");
  CHECK(moved.intern("busway").text().data() == where);
}
