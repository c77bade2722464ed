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
  InternedVector<std::string> rows;
  for (const char *text : {"pdu 2N", "pdu 2N", "busway", "pdu 2N", "busway", "cdu"})
    rows.push_back(text);
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
  InternedVector<Colliding> values;
  for (int value : {3, 1, 3, 2, 1})
    values.push_back({value});
  CHECK(values.distinctCount() == 3);
  CHECK(values[0].value == 3);
  CHECK(values[1].value == 1);
  CHECK(values[2].value == 3);
  CHECK(values[3].value == 2);
  CHECK(values[4].value == 1);
}
