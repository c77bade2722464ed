// compare() on snapshots written by hand: what the goldens of
// tests/golden/diff do not reach (instances of `for_each` resources, sites
// added and removed, repeated diagnostics).

#include "diff/DesignDiff.h"
#include "diff/DiffRows.h"

#include "catch2/catch.hpp"

using namespace sgd;
using namespace sgd::diff;

namespace {

units::Quantity watts(int64_t w) { return {units::Rational(w), units::dimensions::Power}; }

SiteFigures site(std::string name, uint64_t racks) {
  SiteFigures figures;
  figures.name = std::move(name);
  figures.racks = racks;
  figures.gpus = racks * 72;
  figures.itPower = watts(static_cast<int64_t>(racks) * 132'000);
  figures.peakDemand = watts(static_cast<int64_t>(racks) * 165'000);
  return figures;
}

Snapshot built(std::vector<SiteFigures> sites) {
  Snapshot snapshot;
  snapshot.built = true;
  snapshot.sites = std::move(sites);
  return snapshot;
}

OciResource memoryClusters(std::vector<std::string> racks, std::string hash) {
  llvm::json::Array keys;
  for (std::string &rack : racks)
    keys.push_back(std::move(rack));
  llvm::json::Object body{{"size", "18"},
                          {"freeform_tags", llvm::json::Object{{"hall", "h1"}, {"design_hash", hash}}},
                          {"//instances", std::move(keys)}};
  return {"oci_core_compute_gpu_memory_cluster.a_b1_h1", "oci/site_a.tf.json", std::move(body)};
}

} // namespace

TEST_CASE("racks added to a hall are instances added, the design hash is no change") {
  Snapshot before = built({site("a", 2)});
  Snapshot after = built({site("a", 3)});
  before.oci.push_back(memoryClusters({"r1.k1", "r1.k2"}, "1111"));
  after.oci.push_back(memoryClusters({"r1.k1", "r1.k2", "r1.k3"}, "2222"));
  DesignDiff diff = compare(before, after);
  REQUIRE(diff.oci.size() == 1);
  CHECK(diff.oci[0].change == Change::Changed);
  CHECK(diff.oci[0].attributes.empty()); // only the hash differs besides the instances
  CHECK(diff.oci[0].instancesAdded == std::vector<std::string>{"r1.k3"});
  CHECK(diff.oci[0].instancesRemoved.empty());
  CHECK(diff.designHash.before == std::optional<std::string>("1111"));
  CHECK(diff.designHash.after == std::optional<std::string>("2222"));
  OciCounts counts = ociCounts(diff);
  CHECK(counts.add == 1);
  CHECK(counts.change == 0);
  CHECK(counts.destroy == 0);
  // 2 → 3 racks of 132 kW: +132 kW of IT load, shown in the site's rows.
  REQUIRE(diff.sites.size() == 1);
  std::vector<FigureRow> rows = figureRows(diff.sites[0]);
  REQUIRE(rows.size() == 4);
  CHECK(rows[2].name == "IT load");
  CHECK(rows[2].before == "264 kW");
  CHECK(rows[2].after == "396 kW");
  CHECK(rows[2].change == "+132 kW");
}

TEST_CASE("a removed resource counts its instances; an attribute change names its path") {
  Snapshot before = built({});
  Snapshot after = built({});
  before.oci.push_back(memoryClusters({"r1.k1", "r1.k2"}, "1"));
  llvm::json::Object old{{"shape", "BM.GPU.H100.8"}, {"pools", llvm::json::Array{llvm::json::Object{{"size", 4}}}}};
  llvm::json::Object now{{"shape", "BM.GPU.H100.8"}, {"pools", llvm::json::Array{llvm::json::Object{{"size", 6}}}}};
  before.oci.push_back({"oci_core_cluster_network.a", "oci/site_a.tf.json", std::move(old)});
  after.oci.push_back({"oci_core_cluster_network.a", "oci/site_a.tf.json", std::move(now)});
  DesignDiff diff = compare(before, after);
  REQUIRE(diff.oci.size() == 2);
  // Changed before removed, as terraform plan lists them.
  CHECK(diff.oci[0].address == "oci_core_cluster_network.a");
  REQUIRE(diff.oci[0].attributes.size() == 1);
  CHECK(diff.oci[0].attributes[0].path == "pools[0].size");
  CHECK(compactJson(*diff.oci[0].attributes[0].before) == "4");
  CHECK(compactJson(*diff.oci[0].attributes[0].after) == "6");
  CHECK(diff.oci[1].change == Change::Removed);
  CHECK(diff.oci[1].instances == 2);
  CHECK(ociSummary(diff) == "0 to add, 1 to change, 2 to destroy");
}

TEST_CASE("sites added and removed; capex by category with a total") {
  SiteFigures kept = site("a", 1);
  kept.capexByCategory["rack"] = units::Rational(3'000'000);
  SiteFigures grown = kept;
  grown.capexByCategory["ups"] = units::Rational(250'000);
  Snapshot before = built({kept, site("gone", 5)});
  Snapshot after = built({grown, site("new", 1)});
  DesignDiff diff = compare(before, after);
  REQUIRE(diff.sites.size() == 3);
  CHECK(diff.sites[0].name == "a");
  REQUIRE(diff.sites[0].capex.size() == 2);
  CHECK(diff.sites[0].capex[0].category == "ups");
  CHECK(!diff.sites[0].capex[0].usd.before);
  CHECK(diff.sites[0].capex[1].category == "total");
  CHECK(*diff.sites[0].capex[1].usd.after == units::Rational(3'250'000));
  CHECK(figureRows(diff.sites[0])[1].change == "+250,000.00");
  CHECK(diff.sites[1].name == "new");
  CHECK(diff.sites[1].change == Change::Added);
  CHECK(diff.sites[2].name == "gone");
  CHECK(diff.sites[2].change == Change::Removed);
  CHECK(diff.changed());
}

TEST_CASE("diagnostics are matched as multisets, lines ignored") {
  Snapshot before = built({});
  Snapshot after = built({});
  DiagnosticItem warning{"W0804", "warning", "a.sgd", 10, "`x` is preordered", false};
  before.diagnostics = {warning, warning};
  DiagnosticItem moved = warning;
  moved.line = 12;
  after.diagnostics = {moved};
  DesignDiff diff = compare(before, after);
  CHECK(diff.diagnosticsAdded.empty());
  REQUIRE(diff.diagnosticsFixed.size() == 1);
  CHECK(diff.diagnosticsFixed[0].line == 10);
  CHECK(diagnosticPlace(diff.diagnosticsFixed[0]) == "a.sgd:10");
}

TEST_CASE("a side with errors is compared by its diagnostics only") {
  Snapshot before = built({site("a", 1)});
  Snapshot after;
  after.diagnostics.push_back({"E0101", "error", "a.sgd", 3, "unknown name", false});
  DesignDiff diff = compare(before, after);
  CHECK(diff.sites.empty());
  CHECK(!diff.afterBuilt);
  CHECK(diff.diagnosticsAdded.size() == 1);
  CHECK(diff.changed());
  CHECK(!compare(before, before).changed());
}

TEST_CASE("milestones that slip alike are one group; slips in days") {
  SiteFigures old = site("a", 1), now = site("a", 1);
  for (const char *name : {"b1.h1.ready", "b1.h2.ready", "first_power"}) {
    old.milestones.push_back({name, 100, "1970-04-11", "the chain of work from site_works"});
    now.milestones.push_back({name, 130, "1970-05-11", "the lead time of x (10 weeks)"});
  }
  now.milestones[2].day = 99;
  now.milestones[2].date = "1970-04-10";
  DesignDiff diff = compare(built({old}), built({now}));
  REQUIRE(diff.sites.size() == 1);
  const std::vector<MilestoneDiff> &milestones = diff.sites[0].milestones;
  REQUIRE(milestones.size() == 3);
  CHECK(milestones[0].name == "first_power"); // the earliest new date first
  CHECK(slipText(milestones[0]) == "1 day earlier");
  CHECK(slipText(milestones[1]) == "slips 30 days");
  std::vector<MilestoneGroup> groups = groupMilestones(milestones);
  REQUIRE(groups.size() == 2);
  CHECK(groups[1].names() == "b1.h1.ready … b1.h2.ready (2 milestones)");
}
