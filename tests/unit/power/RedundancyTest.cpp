#include "power/Redundancy.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::power;

namespace {

units::Quantity kw(const char *value) { return llvm::cantFail(units::parseQuantity(value, "kW")); }

model::Redundancy form(unsigned factor, unsigned spare, bool perSide = false, unsigned share = 1,
                       bool catcher = false) {
  return model::Redundancy{factor, spare, perSide, share, catcher};
}

} // namespace

TEST_CASE("redundancy: units per system and installed, every form", "[power]") {
  // 2,000 kW on 500 kW units: N = 4.
  CHECK(*unitsPerSystem(kw("2000"), kw("500"), form(1, 0)) == 4);
  CHECK(installedFor(4, form(1, 1)) == 5);                // N+1
  CHECK(installedFor(4, form(2, 0)) == 8);                // 2N
  CHECK(installedFor(4, form(2, 1)) == 9);                // 2N+1: one shared spare
  CHECK(installedFor(4, form(2, 1, true)) == 10);         // 2(N+1): a spare per side
  CHECK(installedFor(4, form(1, 1, false, 1, true)) == 5); // N+1 catcher: 4 blocks, 1 reserve
  // 4N/3: each of 4 systems carries 2,000 / 3 = 666.7 kW -> 2 units; 8 in all.
  CHECK(*unitsPerSystem(kw("2000"), kw("500"), form(4, 0, false, 3)) == 2);
  CHECK(installedFor(2, form(4, 0, false, 3)) == 8);
  // 3N/2: 2,000 / 2 = 1,000 kW per system -> 2 units; 3 systems -> 6.
  CHECK(*unitsPerSystem(kw("2000"), kw("500"), form(3, 0, false, 2)) == 2);
  CHECK(installedFor(2, form(3, 0, false, 2)) == 6);
}

TEST_CASE("redundancy: units at N leave the spares and spare systems out", "[power]") {
  CHECK(unitsAtN(5, form(1, 1)) == 4);
  CHECK(unitsAtN(8, form(2, 0)) == 4);
  CHECK(unitsAtN(10, form(2, 1, true)) == 4);
  CHECK(unitsAtN(8, form(4, 0, false, 3)) == 6); // three of four systems of 2
}

TEST_CASE("redundancy: the paths each form lays out", "[power]") {
  CHECK(pathsOf(form(1, 1)) == std::vector<std::string>{""});
  CHECK(pathsOf(form(2, 0)) == std::vector<std::string>{"A", "B"});
  CHECK(pathsOf(form(4, 0, false, 3)) == std::vector<std::string>{"1", "2", "3", "4"});
  CHECK(pathsOf(form(1, 1, false, 1, true)) == std::vector<std::string>{"blocks", "R"});
  CHECK(!hasSpare(form(1, 0)));
  CHECK(hasSpare(form(1, 1)));
  CHECK(hasSpare(form(4, 0, false, 3)));
}

TEST_CASE("redundancy: units for a load", "[power]") {
  CHECK(*unitsFor(kw("0"), kw("500")) == 0);
  CHECK(*unitsFor(kw("500"), kw("500")) == 1);
  CHECK(*unitsFor(kw("501"), kw("500")) == 2);
  CHECK(!unitsFor(kw("500"), kw("0")));
  CHECK(!unitsFor(kw("500"), llvm::cantFail(units::parseQuantity("500", "kVA"))));
}
