#include "model/Aggregates.h"
#include "model/DesignPath.h"
#include "model/Expansion.h"
#include "model/QuantityMath.h"

#include <catch2/catch.hpp>

#include <optional>

using namespace sgd;
using namespace sgd::model;

namespace {

units::Quantity quantity(const char *spelling, const char *unit) {
  return llvm::cantFail(units::parseQuantity(spelling, unit));
}

// Adds a node as the elaborator does: `count` replicas in each replica of
// `parent`, named stem + first … when numbered.
Index addNode(Design &design, Level level, Index parent, const char *stem, uint32_t first = 0,
              uint32_t count = 1, bool numbered = false) {
  uint64_t instances = count * (parent == NoIndex ? 1 : design.nodes[parent].instances);
  design.nodes.push_back({level, parent, 0, static_cast<Index>(design.rackRuns.size()), 0,
                          NoIndex, stem, first, count, numbered, instances, {}, {}});
  return static_cast<Index>(design.nodes.size() - 1);
}

// Ends the subtrees of `nodes` (innermost first) after what was added so far.
void close(Design &design, std::initializer_list<Index> nodes) {
  for (Index node : nodes) {
    design.nodes[node].subtreeEnd = static_cast<Index>(design.nodes.size());
    design.nodes[node].rackRunEnd = static_cast<Index>(design.rackRuns.size());
  }
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
  Index site = addNode(design, Level::Site, NoIndex, "s");
  Index building = addNode(design, Level::Building, site, "b1");
  Index hall = addNode(design, Level::Hall, building, "h1");
  for (const char *name : {"r1", "r2"}) {
    Index row = addNode(design, Level::Row, hall, name);
    design.rackRuns.push_back({row, 0, design.intern("k"), 1, 17, true, {}, {}});
    design.rackRuns.push_back({row, 1, design.intern("net"), 0, 1, false, {}, {}});
    close(design, {row});
  }
  close(design, {hall, building, site});
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

TEST_CASE("rack runs group by node and type, in the order of each group's first run",
          "[model]") {
  Design design = twoRowDesign();
  // Row r1 (node 3) as an explicit design writes it: a line per rack, types
  // interleaved, and a run with no racks; row r2 (node 4) keeps its two runs.
  // (groupRackRuns reads the runs it is given, not the nodes' run ranges,
  // which the insertion leaves behind.)
  Index r1 = 3;
  design.rackRuns.insert(design.rackRuns.begin() + 1,
                         {{r1, 0, design.intern("k18"), 0, 1, false, {}, {}},
                          {r1, 1, design.intern("net2"), 0, 0, false, {}, {}},
                          {r1, 1, design.intern("net3"), 0, 2, false, {}, {}},
                          {r1, 0, design.intern("k19"), 0, 1, false, {}, {}}});
  // Runs: r1 k1..k17 (17), k18 (1), net2 (0), net3 (2), k19 (1), net (1);
  // r2 k1..k17 (17), net (1).
  std::vector<RackGroup> groups =
      groupRackRuns(design, 0, static_cast<Index>(design.rackRuns.size()));
  REQUIRE(groups.size() == 4);
  CHECK((groups[0].parent == r1 && groups[0].rackType == 0 && groups[0].count == 19));
  CHECK((groups[1].parent == r1 && groups[1].rackType == 1 && groups[1].count == 3));
  CHECK((groups[2].parent == 4 && groups[2].rackType == 0 && groups[2].count == 17));
  CHECK((groups[3].parent == 4 && groups[3].rackType == 1 && groups[3].count == 1));
  // Part of the runs: net3 (2), k19 (1), net (1) of r1 — net3 comes first.
  std::vector<RackGroup> part = groupRackRuns(design, 3, 6);
  REQUIRE(part.size() == 2);
  CHECK((part[0].rackType == 1 && part[0].count == 3));
  CHECK((part[1].rackType == 0 && part[1].count == 1));
  // The run with no racks makes no group of its own.
  CHECK(groupRackRuns(design, 2, 3).empty());
  // A node met again after another node's runs (a hall's rack line after
  // its rows) adds to the groups it made before.
  design.rackRuns.push_back({r1, 0, design.intern("k20"), 0, 1, false, {}, {}});
  design.rackRuns.push_back({r1, 1, design.intern("net4"), 0, 1, false, {}, {}});
  std::vector<RackGroup> again =
      groupRackRuns(design, 0, static_cast<Index>(design.rackRuns.size()));
  REQUIRE(again.size() == 4);
  CHECK((again[0].parent == r1 && again[0].rackType == 0 && again[0].count == 20));
  CHECK((again[1].parent == r1 && again[1].rackType == 1 && again[1].count == 4));
  CHECK((again[2].parent == 4 && again[2].count == 17));
}

TEST_CASE("paths resolve nodes and single racks of a run", "[model]") {
  Design design = twoRowDesign();
  auto resolve = [&](std::initializer_list<llvm::StringRef> parts) {
    return resolvePath(design, llvm::ArrayRef<llvm::StringRef>(parts.begin(), parts.end()));
  };
  auto hall = resolve({"s", "b1", "h1"});
  REQUIRE(std::holds_alternative<PathTarget>(hall));
  CHECK(std::get<Replica>(std::get<PathTarget>(hall)) == Replica{2, 0});

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

namespace {

// site s[1..3] > building b[1..2] > hall h > row r[5..8] (4 rows of 17 NVL72
// `k[1..17]`), and site x > hall y with one rack `z`, as the elaborator
// stores them: each range once, with its count.
Design replicatedDesign() {
  Design design;
  design.properties.push_back({"it_power", Value{quantity("132", "kW")}, {}, false});
  design.catalog.push_back({"rack_type", "nvidia.gb200_nvl72", {}, {0, 1}});
  Index site = addNode(design, Level::Site, NoIndex, "s", 1, 3, true);
  Index building = addNode(design, Level::Building, site, "b", 1, 2, true);
  Index hall = addNode(design, Level::Hall, building, "h");
  Index row = addNode(design, Level::Row, hall, "r", 5, 4, true);
  design.rackRuns.push_back({row, 0, design.intern("k"), 1, 17, true, {}, {}});
  close(design, {row, hall, building, site});
  Index other = addNode(design, Level::Site, NoIndex, "x");
  Index otherHall = addNode(design, Level::Hall, other, "y");
  design.rackRuns.push_back({otherHall, 0, design.intern("z"), 0, 1, false, {}, {}});
  close(design, {otherHall, other});
  return design;
}

} // namespace

TEST_CASE("a replicated node stands for its replicas in every figure", "[model]") {
  Design design = replicatedDesign();
  // 3 sites × 2 buildings × 4 rows × 17 racks = 408, and z.
  CHECK(design.rackCount() == 409);
  CHECK(design.racksInDesign(design.rackRuns[0]) == 408);
  CHECK(design.nodes[3].instances == 24);
  CHECK(design.replicasWithin(3, 1) == 4);
  CHECK(design.replicasWithin(3, 0) == 8);
  CHECK(design.replicasWithin(3, 3) == 1);
  std::map<Level, uint64_t> counts = nodeCounts(design);
  CHECK(counts.at(Level::Site) == 4);
  CHECK(counts.at(Level::Building) == 6);
  CHECK(counts.at(Level::Hall) == 7);
  CHECK(counts.at(Level::Row) == 24);
  // One replica of a building: 4 × 17 racks of 132 kW = 8,976 kW.
  RackTotals building = rackTotals(design, 1);
  CHECK(building.racks == 68);
  CHECK(building.itPower == quantity("8976", "kW"));
  CHECK(rackTotals(design, NoIndex).racks == 409);
}

TEST_CASE("replicas have names, paths, parents and design order", "[model]") {
  Design design = replicatedDesign();
  CHECK(design.runName(0) == "s[1..3]");
  CHECK(design.runName(3) == "r[5..8]");
  CHECK(design.runPath(3) == "s[1..3].b[1..2].h.r[5..8]");
  CHECK(design.runPath(5) == "x.y");
  // s2.b1.h.r7: ordinal ((1 × 2 + 0) × 1 + 0) × 4 + 2 = 10.
  Replica row{3, 10};
  CHECK(design.pathOf(row) == "s2.b1.h.r7");
  CHECK(design.parentOf(row) == Replica{2, 2});
  CHECK(design.ancestorOf(row, 0) == Replica{0, 1});
  std::vector<std::string> rows;
  for (Replica replica : design.replicasIn(3, Replica{1, 3}))
    rows.push_back(design.pathOf(replica));
  CHECK(rows == std::vector<std::string>{"s2.b2.h.r5", "s2.b2.h.r6", "s2.b2.h.r7", "s2.b2.h.r8"});
  CHECK(design.replicas(1).size() == 6);

  std::vector<std::string> buildingsAndSites;
  forEachReplica(design, {NoIndex, 0}, [&](Replica replica) {
    buildingsAndSites.push_back(design.pathOf(replica));
    return design.nodes[replica.node].level < Level::Building;
  });
  CHECK(buildingsAndSites == std::vector<std::string>{"s1", "s1.b1", "s1.b2", "s2", "s2.b1",
                                                      "s2.b2", "s3", "s3.b1", "s3.b2", "x", "x.y"});

  // Elements of rows and halls in the order of the design written out.
  std::vector<std::string> runs;
  forEachElementReplica(
      design, {0, 2}, design.rackRuns.size() - 1,
      [&](size_t run) { return design.rackRuns[run].parent; },
      [&](size_t, Replica holder) { runs.push_back(design.pathOf(holder)); });
  CHECK(runs == std::vector<std::string>{"s3.b1.h.r5", "s3.b1.h.r6", "s3.b1.h.r7", "s3.b1.h.r8",
                                         "s3.b2.h.r5", "s3.b2.h.r6", "s3.b2.h.r7", "s3.b2.h.r8"});
}

TEST_CASE("paths name one replica of a range", "[model]") {
  Design design = replicatedDesign();
  auto resolve = [&](std::initializer_list<llvm::StringRef> parts) {
    return resolvePath(design, llvm::ArrayRef<llvm::StringRef>(parts.begin(), parts.end()));
  };
  auto row = resolve({"s2", "b1", "h", "r7"});
  REQUIRE(std::holds_alternative<PathTarget>(row));
  CHECK(std::get<Replica>(std::get<PathTarget>(row)) == Replica{3, 10});

  auto rack = resolve({"s3", "b2", "h", "r8", "k17"});
  REQUIRE(std::holds_alternative<PathTarget>(rack));
  RackRef ref = std::get<RackRef>(std::get<PathTarget>(rack));
  CHECK(ref.number == 17);
  CHECK(design.pathOf(ref.holder) == "s3.b2.h.r8");

  // s4 is past the range; its first and last names are the candidates.
  auto miss = resolve({"s4"});
  REQUIRE(std::holds_alternative<PathMiss>(miss));
  CHECK(std::get<PathMiss>(miss).candidates == std::vector<std::string>{"s1", "s3", "x"});
  CHECK(std::holds_alternative<PathMiss>(resolve({"s1", "b1", "h", "r4"})));
}

TEST_CASE("a moved design saves its strings into the storage it moved with", "[model]") {
  std::optional<Design> moved;
  llvm::StringRef before, after;
  {
    Design design;
    before = design.save("saved before the move");
    moved.emplace(std::move(design));
    // The saver kept a reference to its allocator: a member allocator stayed
    // in `design`, and this string died with it at the end of the block
    // (ASan: heap-use-after-free in `make test-asan`).
    after = moved->save("saved after the move");
  }
  std::string padding(4096, 'x'); // reuses what the moved-from design freed
  CHECK(before == "saved before the move");
  CHECK(after == "saved after the move");
  // Unique: the same text saved again is the same storage.
  CHECK(moved->save("saved after the move").data() == after.data());
}

TEST_CASE("a quantity times a count scales the value and keeps the dimension", "[model]") {
  // 132 kW × 72 = 9,504 kW; 0.9 × 3 = 2.7; 30 C (a reading) × 2 stays 30 C,
  // as units::multiply refuses to scale a reading; 2^126 W × 4 overflows and
  // leaves the quantity as it was.
  CHECK(times(quantity("132", "kW"), uint64_t{72}) == quantity("9504", "kW"));
  CHECK(times(quantity("0.9", ""), uint64_t{3}) == quantity("2.7", ""));
  CHECK(times(quantity("30", "C"), uint64_t{2}) == quantity("30", "C"));
  units::Quantity huge{*units::Rational::fromParts(units::Rational::Int(1) << 126, 1),
                       units::dimensions::Power};
  CHECK(times(huge, uint64_t{4}) == huge);
  CHECK(times(quantity("5", "kW"), uint64_t{0}) == quantity("0", "kW"));
}
