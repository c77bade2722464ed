#include "model/Aggregates.h"
#include "model/DesignPath.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::model;

namespace {

units::Quantity quantity(const char *spelling, const char *unit) {
  return llvm::cantFail(units::parseQuantity(spelling, unit));
}

// site s > building b1 > hall h1 > rows r1, r2; each row 17 NVL72 (k1 … k17)
// and one network rack `net`.
Design twoRowDesign() {
  Design design;
  auto add = [&](const char *name, Value value) {
    design.properties.push_back({name, std::move(value), {}, false});
  };
  add("it_power", Value{quantity("132", "kW")});
  add("gpus", Value{quantity("72", "")});
  design.catalog.push_back({"rack_type", "nvidia.gb200_nvl72", {}, {0, 2}});
  add("it_power", Value{quantity("26", "kW")});
  design.catalog.push_back({"rack_type", "net_rack", {}, {2, 3}});
  auto node = [&](Level level, Index parent, const char *name) {
    design.nodes.push_back({level, parent, 0, static_cast<Index>(design.rackRuns.size()), 0,
                            NoIndex, name, {}, {}});
    return static_cast<Index>(design.nodes.size() - 1);
  };
  Index site = node(Level::Site, NoIndex, "s");
  Index building = node(Level::Building, site, "b1");
  Index hall = node(Level::Hall, building, "h1");
  for (const char *name : {"r1", "r2"}) {
    Index row = node(Level::Row, hall, name);
    design.rackRuns.push_back({row, 0, "k", 1, 17, true, {}, {}});
    design.rackRuns.push_back({row, 1, "net", 0, 1, false, {}, {}});
    design.nodes[row].subtreeEnd = row + 1;
    design.nodes[row].rackRunEnd = static_cast<Index>(design.rackRuns.size());
  }
  for (Index outer : {hall, building, site}) {
    design.nodes[outer].subtreeEnd = static_cast<Index>(design.nodes.size());
    design.nodes[outer].rackRunEnd = static_cast<Index>(design.rackRuns.size());
  }
  return design;
}

} // namespace

TEST_CASE("rack totals add up rack runs per type, exactly", "[model]") {
  Design design = twoRowDesign();
  RackTotals all = rackTotals(design, NoIndex);
  CHECK(all.racks == 36);
  CHECK(all.gpus == 2 * 17 * 72);
  // 34 × 132 kW + 2 × 26 kW = 4,540 kW
  CHECK(all.itPower == quantity("4540", "kW"));
  CHECK(all.racksByType.at(0) == 34);
  CHECK(all.racksByType.at(1) == 2);

  RackTotals row = rackTotals(design, 3);
  CHECK(row.racks == 18);
  CHECK(row.itPower == quantity("2270", "kW"));
  CHECK(design.rackCount() == 36);
  CHECK(nodeCounts(design).at(Level::Row) == 2);
}

TEST_CASE("paths resolve nodes and single racks of a run", "[model]") {
  Design design = twoRowDesign();
  auto resolve = [&](std::initializer_list<llvm::StringRef> parts) {
    return resolvePath(design, llvm::ArrayRef<llvm::StringRef>(parts.begin(), parts.end()));
  };
  auto hall = resolve({"s", "b1", "h1"});
  REQUIRE(std::holds_alternative<PathTarget>(hall));
  CHECK(std::get<Index>(std::get<PathTarget>(hall)) == 2);

  auto rack = resolve({"s", "b1", "h1", "r2", "k17"});
  REQUIRE(std::holds_alternative<PathTarget>(rack));
  RackRef ref = std::get<RackRef>(std::get<PathTarget>(rack));
  CHECK(ref.run == 2);
  CHECK(ref.number == 17);

  auto network = resolve({"s", "b1", "h1", "r1", "net"});
  REQUIRE(std::holds_alternative<PathTarget>(network));
  CHECK(std::get<RackRef>(std::get<PathTarget>(network)).run == 1);

  // k18 is past the run, k01 is not how k1 is spelt, b2 does not exist.
  for (auto parts : {std::vector<llvm::StringRef>{"s", "b1", "h1", "r1", "k18"},
                     std::vector<llvm::StringRef>{"s", "b1", "h1", "r1", "k01"},
                     std::vector<llvm::StringRef>{"s", "b2"}}) {
    auto miss = resolvePath(design, parts);
    REQUIRE(std::holds_alternative<PathMiss>(miss));
    CHECK(std::get<PathMiss>(miss).part == parts.size() - 1);
  }
  auto wrongBuilding = resolve({"s", "b2"});
  CHECK(std::get<PathMiss>(wrongBuilding).candidates == std::vector<std::string>{"b1"});
}
