#include "base/HashWords.h"

#include <catch2/catch.hpp>

#include <set>

using namespace sgd;

TEST_CASE("hashWords depends on every word, their order and their number", "[base][hash]") {
  auto hash = [](std::initializer_list<uint64_t> words) {
    return static_cast<size_t>(hashWords(words));
  };
  CHECK(hash({1, 2}) == hash({1, 2})); // the same in every run: no seed
  CHECK(hash({1, 2}) != hash({2, 1}));
  CHECK(hash({}) != hash({0}));
  CHECK(hash({0}) != hash({0, 0}));
  // The figures a dense design hashes differ in low bits (counts, kW):
  // 10,000 consecutive values give 10,000 hashes, and their low 12 bits (a
  // bucket of a table of 4,096) fill buckets as a random function would:
  // 4,096 × (1 − e^(−10,000/4,096)) ≈ 3,740 (this hash: 3,734).
  std::set<size_t> hashes, buckets;
  for (uint64_t value = 0; value < 10000; ++value) {
    hashes.insert(hash({value, 1}));
    buckets.insert(hash({value, 1}) & 4095);
  }
  CHECK(hashes.size() == 10000);
  CHECK(buckets.size() > 3600);
}
