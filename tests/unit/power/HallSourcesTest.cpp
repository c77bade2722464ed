#include "power/HallSources.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::power;

namespace {

units::Quantity kva(int64_t value) {
  return units::Quantity{units::Rational(value * 1000), units::dimensions::Power};
}

/// A site of two halls on one MV bus: hall 1 (node 10) below the grid, gas
/// turbines and a BESS; hall 2 (node 20) on its own feeder from the grid alone.
///   0 utility ─┐
///   1 turbines ┼─ 3 MV switchgear ── 4 racks (hall 1)
///   2 BESS ────┘
///   0 utility ── 5 MV switchgear ── 6 racks (hall 2)
PowerGraph twoHalls() {
  PowerGraph graph;
  auto add = [&](ElementKind kind, Stage stage) {
    graph.elements.emplace_back(kind, stage);
    graph.elements.back().count = 1;
    return static_cast<Index>(graph.elements.size() - 1);
  };
  Index grid = add(ElementKind::Utility, Stage::Utility);
  Index turbines = add(ElementKind::Generator, Stage::MediumVoltage);
  Index bess = add(ElementKind::Bess, Stage::MediumVoltage);
  Index bus1 = add(ElementKind::Switchgear, Stage::MediumVoltage);
  Index racks1 = add(ElementKind::Racks, Stage::Load);
  Index bus2 = add(ElementKind::Switchgear, Stage::MediumVoltage);
  Index racks2 = add(ElementKind::Racks, Stage::Load);
  graph.edges = {{grid, bus1}, {turbines, bus1}, {bess, bus1}, {bus1, racks1},
                 {grid, bus2}, {bus2, racks2}};
  graph.loadPoints.push_back(LoadPoint{10, racks1, {}, {grid, turbines, bess}, 2, kva(100)});
  graph.loadPoints.push_back(LoadPoint{20, racks2, {}, {grid}, 2, kva(100)});
  graph.finish(0);
  return graph;
}

} // namespace

TEST_CASE("hall sources: which halls on-site generation energises before the grid", "[power]") {
  std::vector<HallSources> halls = hallSources(twoHalls());
  REQUIRE(halls.size() == 2);
  CHECK(halls[0].hall == 10);
  CHECK(halls[0].grid == std::vector<Index>{0});
  CHECK(halls[0].generation == std::vector<Index>{1});
  CHECK(halls[0].storage == std::vector<Index>{2});
  CHECK(halls[0].onSiteAlone); // the turbines carry it with the grid out
  CHECK(halls[1].hall == 20);
  CHECK(halls[1].grid == std::vector<Index>{0});
  CHECK(halls[1].generation.empty());
  CHECK(halls[1].storage.empty());
  CHECK_FALSE(halls[1].onSiteAlone); // waits for the grid
}
