#include "base/InternedVector.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace sgd;

namespace {

// Every value hashes the same, so only `==` can tell them apart.
struct Colliding {
  int value;
  friend bool operator==(const Colliding &, const Colliding &) = default;
  friend llvm::hash_code hash_value(const Colliding &) { return llvm::hash_code(42); }
};

} // namespace

TEST_CASE("InternedVector keeps every element and stores equal ones once", "[interned]") {
  InternedVector<std::string>::Builder builder;
  for (const char *text : {"pdu 2N", "pdu 2N", "busway", "pdu 2N", "busway", "cdu"})
    builder.push_back(text);
  InternedVector<std::string> rows = builder.finish();
  REQUIRE(rows.size() == 6);
  CHECK(rows.distinctCount() == 3);
  CHECK(rows[0] == "pdu 2N");
  CHECK(rows[2] == "busway");
  CHECK(rows[5] == "cdu");
  // The same storage for equal elements.
  CHECK(&rows[0] == &rows[3]);
  CHECK(&rows[2] == &rows[4]);
  std::vector<std::string> read(rows.begin(), rows.end());
  CHECK(read == std::vector<std::string>{"pdu 2N", "pdu 2N", "busway", "pdu 2N", "busway", "cdu"});
  CHECK(rows.end() - rows.begin() == 6);
}

TEST_CASE("InternedVector tells elements with equal hashes apart", "[interned]") {
  InternedVector<Colliding>::Builder builder;
  for (int value : {3, 1, 3, 2, 1})
    builder.push_back({value});
  InternedVector<Colliding> values = builder.finish();
  CHECK(values.distinctCount() == 3);
  CHECK(values[0].value == 3);
  CHECK(values[1].value == 1);
  CHECK(values[2].value == 3);
  CHECK(values[3].value == 2);
  CHECK(values[4].value == 1);
}

TEST_CASE("InternedVector: the finished vector reads as built, every element distinct",
          "[interned]") {
  // The case finish() is for: no two equal, so the index held one entry per
  // element until it went; the vector keeps all 1,000 and reads them back.
  InternedVector<int>::Builder builder;
  builder.reserve(1000);
  for (int value = 0; value < 1000; ++value)
    builder.push_back(value * 7);
  InternedVector<int> values = builder.finish();
  REQUIRE(values.size() == 1000);
  CHECK_FALSE(values.empty());
  CHECK(values.distinctCount() == 1000);
  CHECK(values[0] == 0);
  CHECK(values[1] == 7);
  CHECK(values[999] == 6993); // 999 × 7
  std::vector<int> read(values.begin(), values.end());
  REQUIRE(read.size() == 1000);
  CHECK(read[500] == 3500);
  // A copy (the expanded power graph copies its sizing) reads the same.
  InternedVector<int> copy = values;
  CHECK(copy.distinctCount() == 1000);
  CHECK(copy[998] == 6986);
}

TEST_CASE("InternedVector: an empty builder yields an empty vector", "[interned]") {
  InternedVector<std::string>::Builder builder;
  InternedVector<std::string> none = builder.finish();
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(none.distinctCount() == 0);
  CHECK(none.begin() == none.end());
}
