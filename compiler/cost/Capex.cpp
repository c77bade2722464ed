#include "cost/Capex.h"

#include "cost/Fabric.h"
#include "model/Aggregates.h"
#include "model/NodeScope.h"
#include "units/Decimal.h"

#include <cmath>
#include <map>
#include <set>

namespace sgd::cost {
namespace {

using model::Design;
using model::Level;

std::string decimal(const Exact &value) { return units::formatDecimal(value.rational()); }

std::string count(uint64_t value) { return units::withSeparators(value); }

/// A whole number of a quantity, for counts the design facts give.
uint64_t wholeOf(const Exact &value) {
  if (!value.valid() || value.rational().isNegative())
    return 0;
  return static_cast<uint64_t>(value.rational().numerator() / value.rational().denominator());
}

/// The side of a square of `area` m2, to the metre (half away from zero):
/// geometry gives lengths in whole metres, so the money stays exact.
uint64_t sideOf(const Exact &area) {
  uint64_t squareMetres = wholeOf(area.rounded());
  uint64_t side = static_cast<uint64_t>(std::sqrt(static_cast<long double>(squareMetres)));
  while (side * side > squareMetres)
    --side;
  while ((side + 1) * (side + 1) <= squareMetres)
    ++side;
  // Round: side + 1/2 squared is side² + side + 1/4.
  return squareMetres - side * side > side ? side + 1 : side;
}

Exact areaProperty(const Design &design, model::PropertySpan span, llvm::StringRef name) {
  const units::Quantity *area = checks::quantityProperty(design, span, name);
  return area ? Exact(area->value) : Exact(0);
}

/// The parts of one site replica the cost model prices separately. Every
/// replica of a node is priced: its buildings are replicas, and a count taken
/// from a node inside them is multiplied by the node's replicas within.
struct SitePlan {
  Replica site = NoSite;
  std::vector<Replica> buildings; // its building replicas; the site itself when it has none
  std::map<Replica, Exact> gfa;   // per building, m2
  std::map<Replica, std::string> gfaBasis;
  std::map<Replica, std::vector<Index>> halls; // per building: its hall nodes
  std::map<Replica, Exact> whiteSpace;         // per building: its halls' area, m2
  std::map<Replica, uint64_t> hallCount;       // per building: its hall replicas
  Exact totalGfa;
  Exact siteArea; // m2
  std::string siteAreaBasis;
};

class Pricer {
public:
  Pricer(const CostInput &input, Capex &capex, DiagnosticEngine &diagnostics)
      : in_(input), design_(input.design), capex_(capex), diagnostics_(diagnostics) {}

  void priceSite(Replica site);
  /// Whether a fabric shape could not be built (E0617).
  bool failed() const { return failed_; }

private:
  /// Adds a line, unless its quantity or rate is zero; the line added, or null.
  CostLine *addLine(CostGroup group, std::string category, std::string item, std::string basis,
                    Exact quantity, std::string unit, Exact rate, std::string rateNames,
                    std::string task, std::vector<Share> shares);
  Exact money(llvm::StringRef name) const { return in_.rates.money(name, keys_); }
  Exact number(llvm::StringRef name) const { return in_.rates.number(name, keys_); }
  std::string nameOf(llvm::StringRef name) const { return in_.rates.nameOf(name, keys_); }
  /// The project currency, the unit of a line priced per unit of money.
  std::string currency() const { return in_.rates.projectCurrency().str(); }
  std::vector<Share> byIt() const;
  std::vector<Share> byGfa() const;
  /// Calls `add(building, replicas)` for each building replica of the site
  /// that holds replicas of `node` (the site itself when no building does),
  /// with the replicas of `node` in it.
  template <typename Add> void perBuilding(Index node, Add add) const;
  /// The replicas of `node` in the site replica.
  uint64_t inSite(Index node) const { return design_.replicasWithin(node, plan_.site.node); }
  /// The replicas of `node` in (one replica of) `building`.
  uint64_t inBuilding(Index node, Replica building) const {
    return design_.replicasWithin(node, building.node);
  }

  SitePlan planSite(Replica site) const;
  const model::Property *fabricProperty(Index b, llvm::StringRef name) const;
  /// The fabric shape of cluster `b` (a building node; each of its replicas
  /// has it): what it or its site states over `defaults` (the rates);
  /// reports an odd port count (E0617: nothing then) and an oversubscription
  /// its ports do not split into exactly (W0618).
  std::optional<FabricShape> fabricShapeOf(Index b, const FabricShape &defaults);
  void fabric();
  void building();
  void siteAndLand();
  void switchyard();
  void impliedPower();
  void cabling();
  void piping();
  void fuel();
  void systems();
  void security();
  void installation();
  void softCosts();

  const CostInput &in_;
  const Design &design_;
  Capex &capex_;
  DiagnosticEngine &diagnostics_;
  SitePlan plan_;
  std::vector<std::string> keys_;
  Exact index_;
  size_t firstLine_ = 0;
  std::set<Index> fabricReported_; // building nodes whose W0613 or E0617 is reported
  std::set<const model::Property *> reportedShapes_; // fabric attributes already judged
  bool failed_ = false; // a fabric shape that cannot be built (E0617)
};

CostLine *Pricer::addLine(CostGroup group, std::string category, std::string item,
                          std::string basis, Exact quantity, std::string unit, Exact rate,
                          std::string rateNames, std::string task, std::vector<Share> shares) {
  if (!quantity.isPositive() || !rate.isPositive())
    return nullptr;
  CostLine line;
  line.site = plan_.site;
  line.group = group;
  line.category = std::move(category);
  line.item = std::move(item);
  line.basis = std::move(basis);
  line.quantity = quantity;
  line.unit = std::move(unit);
  line.rate = rate;
  line.rateNames = std::move(rateNames);
  line.amount = toCents(quantity * rate).rational();
  if (!toCents(quantity * rate).valid())
    line.amount = Rational(-1); // reported by computeCapex
  line.task = std::move(task);
  line.shares = std::move(shares);
  capex_.lines.push_back(std::move(line));
  return &capex_.lines.back();
}

template <typename Add> void Pricer::perBuilding(Index node, Add add) const {
  for (Index at = node; at != NoIndex; at = design_.nodes[at].parent)
    if (design_.nodes[at].level == Level::Building && at != plan_.site.node) {
      for (Replica building : design_.replicasIn(at, plan_.site))
        add(building, design_.replicasWithin(node, at));
      return;
    }
  add(plan_.site, inSite(node));
}

std::vector<Share> Pricer::byIt() const {
  std::vector<Share> shares;
  for (Replica b : plan_.buildings)
    shares.push_back({b, Exact(in_.analysis.nodes[b.node].itPower.value)});
  return shares;
}

std::vector<Share> Pricer::byGfa() const {
  std::vector<Share> shares;
  for (Replica b : plan_.buildings)
    shares.push_back({b, plan_.gfa.at(b)});
  return shares;
}

SitePlan Pricer::planSite(Replica site) const {
  SitePlan plan;
  plan.site = site;
  const model::Node &node = design_.nodes[site.node];
  // Building replicas in design order: the replicas of a building node are
  // contiguous, after those of the nodes before it.
  for (Index n = site.node + 1; n < node.subtreeEnd; ++n)
    if (design_.nodes[n].level == Level::Building)
      for (Replica building : design_.replicasIn(n, site))
        plan.buildings.push_back(building);
  if (plan.buildings.empty())
    plan.buildings.push_back(site);
  Exact factor = in_.rates.number("gfa_per_white_space", keys_);
  for (Replica b : plan.buildings) {
    Exact &whiteSpace = plan.whiteSpace[b];
    uint64_t &halls = plan.hallCount[b];
    for (Index n = b.node; n < design_.nodes[b.node].subtreeEnd; ++n)
      if (design_.nodes[n].level == Level::Hall) {
        plan.halls[b].push_back(n);
        uint64_t replicas = inBuilding(n, b);
        halls += replicas;
        whiteSpace += areaProperty(design_, design_.nodes[n].properties, "area") *
                      Exact(static_cast<int64_t>(replicas));
      }
    Exact stated = areaProperty(design_, design_.nodes[b.node].properties,
                                b == site ? "built_floor_area" : "area");
    if (stated.isPositive()) {
      plan.gfa[b] = stated;
      plan.gfaBasis[b] = design_.pathOf(b) + ": area " + decimal(stated) + " m2";
    } else {
      plan.gfa[b] = whiteSpace * factor;
      plan.gfaBasis[b] = count(halls) + " halls with " + decimal(whiteSpace) +
                         " m2 of white space x " + decimal(factor) + " (gfa_per_white_space)";
    }
    plan.totalGfa += plan.gfa[b];
  }
  Exact stated = areaProperty(design_, node.properties, "site_area");
  if (stated.isPositive()) {
    plan.siteArea = stated;
    plan.siteAreaBasis = "site_area " + decimal(stated) + " m2";
  } else {
    Exact perGfa = in_.rates.number("site_area_per_gfa", keys_);
    plan.siteArea = plan.totalGfa * perGfa;
    plan.siteAreaBasis = "GFA " + decimal(plan.totalGfa) + " m2 x " + decimal(perGfa) +
                         " (site_area_per_gfa)";
  }
  return plan;
}

void Pricer::priceSite(Replica site) {
  keys_ = rateKeys(design_, site.node);
  plan_ = planSite(site);
  index_ = number("construction_index");
  firstLine_ = capex_.lines.size();
  fabric();
  building();
  siteAndLand();
  switchyard();
  impliedPower();
  cabling();
  piping();
  fuel();
  systems();
  security();
  installation();
  softCosts();
}

/// A fabric attribute the design states for the cluster `b`, else for its
/// site: the building's wins (docs/costs.md, "Network fabric").
const model::Property *Pricer::fabricProperty(Index b, llvm::StringRef name) const {
  for (Index at : {b, plan_.site.node})
    for (const model::Property &property : design_.propertiesOf(design_.nodes[at].properties))
      if (property.name == name && !property.isDefault && property.value.quantity())
        return &property;
  return nullptr;
}

std::optional<FabricShape> Pricer::fabricShapeOf(Index b, const FabricShape &defaults) {
  FabricShape shape = defaults;
  auto stated = [&](llvm::StringRef name) -> std::optional<Exact> {
    const model::Property *property = fabricProperty(b, name);
    return property ? std::optional<Exact>(Exact(property->value.quantity()->value))
                    : std::nullopt;
  };
  if (std::optional<Exact> ports = stated("fabric_switch_ports"))
    shape.ports = wholeOf(*ports);
  if (std::optional<Exact> ratio = stated("fabric_oversubscription"))
    shape.oversubscription = *ratio;
  if (std::optional<Exact> rails = stated("fabric_rails"))
    shape.rails = wholeOf(*rails);
  if (std::optional<Exact> tiers = stated("fabric_tiers")) {
    shape.fixedTiers = static_cast<unsigned>(wholeOf(*tiers));
    shape.maxTiers = shape.fixedTiers;
  }
  auto at = [&](llvm::StringRef name) {
    const model::Property *property = fabricProperty(b, name);
    return property ? property->range : design_.nodes[b].range;
  };
  // Each attribute is judged once, where it is stated (the rates' once:
  // null), not again for every building it applies to.
  auto once = [&](llvm::StringRef name) {
    return reportedShapes_.insert(fabricProperty(b, name)).second;
  };
  if (shape.ports % 2 != 0) {
    if (once("fabric_switch_ports"))
      diagnostics_
          .report(DiagCode::E0617, at("fabric_switch_ports"),
                  "a fat tree cannot be built of " + count(shape.ports) +
                      "-port switches: its middle tiers give half their ports down and half up, "
                      "so the count must be even")
          .note("switches of the fabric have an even port count: NVIDIA Spectrum-X SN5600 "
                "64, Quantum-X800 Q3400 144");
    return std::nullopt;
  }
  uint64_t down = fabricDownPorts(shape);
  units::Rational achieved(static_cast<int64_t>(down),
                           static_cast<int64_t>(shape.ports - down));
  if (Exact(achieved) != shape.oversubscription && once("fabric_oversubscription"))
    diagnostics_
        .report(DiagCode::W0618, at("fabric_oversubscription"),
                count(shape.ports) + " ports cannot be split " +
                    decimal(shape.oversubscription) + ":1: a leaf gets " + count(down) +
                    " down and " + count(shape.ports - down) + " up ports, " +
                    decimal(toCents(Exact(achieved))) + ":1")
        .note("the leaves are counted with " + count(down) +
              " GPU ports each; a ratio the ports divide into (ports / (ratio + 1) whole) "
              "states what is built");
  return shape;
}

void Pricer::fabric() {
  FabricShape defaults;
  defaults.ports = wholeOf(number("fabric_switch_ports"));
  defaults.oversubscription = number("fabric_oversubscription");
  defaults.maxTiers = static_cast<unsigned>(wholeOf(number("fabric_max_tiers")));
  defaults.rails = wholeOf(number("fabric_rails"));
  defaults.nicsPerGpu = wholeOf(number("fabric_nics_per_gpu"));
  defaults.transceiversPerLink = wholeOf(number("fabric_transceivers_per_link"));
  FabricCounts total;
  std::vector<Share> switches, gpus;
  // The clusters of each shape, in the order shapes first appear: the
  // basis tells each shape with its GPUs and switches.
  struct ShapeClusters {
    FabricShape shape;
    FabricCounts counts;
    unsigned clusters = 0;
  };
  std::vector<ShapeClusters> byShape;
  for (Replica b : plan_.buildings) {
    uint64_t gpuCount = model::rackTotals(design_, b.node).gpus;
    if (gpuCount == 0)
      continue;
    std::optional<FabricShape> shape = fabricShapeOf(b.node, defaults);
    if (!shape) {
      failed_ = true;
      continue;
    }
    FabricCounts counts = fabricFor(gpuCount, *shape);
    // Every replica of the building has the same fabric: reported once, for
    // all of them (NodeScope's note counts them).
    bool first = fabricReported_.insert(b.node).second;
    if (counts.overflowTiers && shape->fixedTiers) {
      unsigned needed = shape->fixedTiers;
      while (needed < 16 && fabricCapacity(*shape, needed) < gpuCount)
        ++needed;
      if (first) {
        model::NodeScope replicas(diagnostics_, design_, b.node);
        diagnostics_
            .report(DiagCode::E0617, fabricProperty(b.node, "fabric_tiers")->range,
                    "`" + design_.pathOf(b) + "` has " + count(gpuCount) + " GPUs, more than " +
                        count(shape->fixedTiers) + " tiers of " + count(shape->ports) +
                        "-port switches at " + decimal(shape->oversubscription) +
                        ":1 connect (" + count(fabricCapacity(*shape, shape->fixedTiers)) + ")")
            .note(count(needed) + " tiers connect " + count(fabricCapacity(*shape, needed)) +
                  "; state `fabric_tiers = " + count(needed) +
                  ";`, larger switches, or split the cluster");
      }
      failed_ = true;
      continue;
    }
    if (counts.overflowTiers && first) {
      model::NodeScope replicas(diagnostics_, design_, b.node);
      diagnostics_
          .report(DiagCode::W0613, design_.nodes[b.node].range,
                  "the GPU fabric of `" + design_.pathOf(b) + "` connects " + count(gpuCount) +
                      " GPUs, more than " + count(counts.tiers) + " tiers of " +
                      count(shape->ports) + "-port switches can (" +
                      count(fabricCapacity(*shape, counts.tiers)) + ")")
          .note("its switches are counted as if the top tier could grow; state "
                "`fabric_tiers` or `fabric_switch_ports` on the site or building, raise "
                "`cost.fabric_max_tiers` in `[prices]` of sgd.toml, or split the cluster");
    }
    auto found = llvm::find_if(byShape, [&](const ShapeClusters &entry) {
      return entry.shape == *shape;
    });
    if (found == byShape.end())
      found = byShape.insert(byShape.end(), {*shape, FabricCounts(), 0});
    found->counts += counts;
    ++found->clusters;
    total += counts;
    switches.push_back({b, Exact(static_cast<int64_t>(counts.switches))});
    gpus.push_back({b, Exact(static_cast<int64_t>(gpuCount))});
  }
  if (byShape.empty())
    return;
  // "18,432 GPUs in 1 cluster, rail-optimised fat tree of 64-port
  // switches, up to 3 tiers, 1:1 at the leaves", per shape.
  std::vector<std::string> shapes;
  for (const ShapeClusters &each : byShape) {
    const FabricShape &shape = each.shape;
    const FabricCounts &counts = each.counts;
    shapes.push_back(
        count(counts.gpus) + " GPUs in " + count(each.clusters) +
        (each.clusters == 1 ? " cluster" : " clusters") + ", rail-optimised fat tree of " +
        count(shape.ports) + "-port switches, " + (shape.fixedTiers ? "" : "up to ") +
        count(counts.tiers) + " tiers, " + decimal(shape.oversubscription) + ":1 at the leaves" +
        (shape.rails == defaults.rails ? std::string() : ", " + count(shape.rails) + " rails") +
        (byShape.size() == 1 ? std::string()
                             : " (" + count(counts.leaves) + " leaves, " + count(counts.spines) +
                                   " spines, " + count(counts.cores) + " cores)"));
  }
  std::string shapeText = llvm::join(shapes, "; ");
  auto add = [&](std::string item, uint64_t quantity, llvm::StringRef rate, std::string basis,
                 const std::vector<Share> &shares) {
    addLine(CostGroup::Fabric, "network_fabric", std::move(item), std::move(basis),
            Exact(static_cast<int64_t>(quantity)), "ea", money(rate), nameOf(rate), "it_install",
            shares);
  };
  add("switches (leaf, spine, core)", total.switches, "fabric_switch",
      shapeText + ": " + count(total.leaves) + " leaves, " + count(total.spines) + " spines, " +
          count(total.cores) + " cores",
      switches);
  add("NICs", total.nics, "fabric_nic",
      count(total.gpus) + " GPUs x " + count(defaults.nicsPerGpu) + " (fabric_nics_per_gpu)",
      gpus);
  add("optical transceivers", total.transceivers, "fabric_transceiver",
      count(total.links) + " links x " + count(defaults.transceiversPerLink) +
          " (fabric_transceivers_per_link)",
      gpus);
  add("fibre cables", total.links, "fabric_cable",
      count(total.links) + " links: GPU to leaf and between tiers", gpus);
}

void Pricer::building() {
  // Identical derivations are told once: "8 buildings: 4 halls with …".
  std::map<std::string, unsigned> derivations;
  std::vector<std::string> order;
  for (Replica b : plan_.buildings)
    if (derivations[plan_.gfaBasis.at(b)]++ == 0)
      order.push_back(plan_.gfaBasis.at(b));
  std::vector<std::string> parts;
  for (const std::string &text : order)
    parts.push_back(derivations[text] == 1 ? text
                                           : count(derivations[text]) + " buildings each " + text);
  std::string basis = "GFA " + decimal(plan_.totalGfa) + " m2 (" + llvm::join(parts, "; ") + ")";
  std::string index = nameOf("construction_index");
  addLine(CostGroup::Facility, "building", "shell and core", basis, plan_.totalGfa, "m2",
          money("shell_per_m2") * index_, nameOf("shell_per_m2") + " x " + index, "shell",
          byGfa());
  addLine(CostGroup::Facility, "building", "fit-out", basis, plan_.totalGfa, "m2",
          money("fitout_per_m2") * index_, nameOf("fitout_per_m2") + " x " + index, "mep",
          byGfa());
}

void Pricer::siteAndLand() {
  Exact hectares = plan_.siteArea / Exact(10'000);
  std::vector<Share> site{{plan_.site, Exact(1)}};
  if (CostLine *land = addLine(CostGroup::Land, "land", "land", plan_.siteAreaBasis, hectares,
                               "ha", money("land_per_ha"), nameOf("land_per_ha"), "site_works",
                               site))
    land->paidAtStart = true;
  addLine(CostGroup::Facility, "site_works", "site works", plan_.siteAreaBasis, hectares, "ha",
          money("site_works_per_ha") * index_,
          nameOf("site_works_per_ha") + " x " + nameOf("construction_index"), "site_works", site);
}

void Pricer::switchyard() {
  // The HV breaker bays the power graph implies, where the owner builds the
  // switchyard (a utility that builds it, `switchyard_by = "utility"`,
  // furnishes bays and civil works).
  for (const model::Block &block : design_.blocks)
    if (block.kind == "utility" && block.node != NoIndex &&
        design_.topLevelOf(block.node) == plan_.site.node)
      if (const model::Value *by = design_.property(block.properties, "switchyard_by"))
        if (const std::string *text = by->text();
            text && llvm::StringRef(*text).equals_insensitive("utility"))
          return;
  uint64_t bays = 0;
  for (const power::Element &element : in_.analysis.power.graph.elements)
    if (element.kind == power::ElementKind::Breaker && element.structure != NoIndex &&
        design_.topLevelOf(element.structure) == plan_.site.node)
      bays += element.count * inSite(element.structure);
  std::vector<Share> site{{plan_.site, Exact(1)}};
  std::string basis = count(bays) + " HV breaker bays of the power graph (one per substation "
                                    "transformer)";
  addLine(CostGroup::Facility, "hv_switchyard", "HV breaker bays", basis,
          Exact(static_cast<int64_t>(bays)), "ea", money("hv_breaker_bay"),
          nameOf("hv_breaker_bay"), "substation", site);
  addLine(CostGroup::Facility, "hv_switchyard", "switchyard civil works", basis,
          Exact(static_cast<int64_t>(bays)), "ea", money("hv_civil_per_bay") * index_,
          nameOf("hv_civil_per_bay") + " x " + nameOf("construction_index"), "substation", site);
}

void Pricer::impliedPower() {
  struct Tally {
    Exact kilo;
    uint64_t units = 0;
    std::map<Replica, Exact> byBuilding;
  };
  Tally switchgear, paralleling, mechanical;
  for (const power::Element &element : in_.analysis.power.graph.elements) {
    if (!element.implied || element.structure == NoIndex ||
        design_.topLevelOf(element.structure) != plan_.site.node)
      continue;
    Tally *tally = nullptr;
    Exact kilo;
    if (element.kind == power::ElementKind::Switchgear) {
      tally = &switchgear;
      kilo = Exact(element.unitRating->value) * Exact(static_cast<int64_t>(element.count)) /
             Exact(1000);
    } else if (element.kind == power::ElementKind::ParallelingGear) {
      tally = &paralleling;
      kilo = Exact(element.unitRating->value) * Exact(static_cast<int64_t>(element.count)) /
             Exact(1000);
    } else if (element.kind == power::ElementKind::MechanicalBus) {
      tally = &mechanical;
      kilo = Exact(element.load->value) / Exact(1000);
    }
    if (!tally)
      continue;
    // Per replica of the element's structure in the site.
    tally->kilo += kilo * Exact(static_cast<int64_t>(inSite(element.structure)));
    tally->units += element.count * inSite(element.structure);
    perBuilding(element.structure, [&](Replica building, uint64_t replicas) {
      tally->byBuilding[building] += kilo * Exact(static_cast<int64_t>(replicas));
    });
  }
  auto add = [&](const Tally &tally, std::string category, std::string item, std::string unit,
                 llvm::StringRef rate, std::string what) {
    std::vector<Share> shares;
    for (const auto &[node, kilo] : tally.byBuilding)
      shares.push_back({node, kilo});
    addLine(CostGroup::Facility, std::move(category), std::move(item),
            count(tally.units) + " " + what + " the power graph implies, " + decimal(tally.kilo) +
                " " + unit + " in all",
            tally.kilo, unit, money(rate), nameOf(rate), "mep", shares);
  };
  add(switchgear, "lv_switchgear", "LV switchboards", "kVA", "lv_switchgear_per_kva",
      "LV switchboards (one per unit transformer)");
  add(paralleling, "paralleling_gear", "generator paralleling switchgear", "kW",
      "paralleling_gear_per_kw", "paralleling lineups");
  add(mechanical, "mechanical_bus", "mechanical plant buses (MCCs)", "kW",
      "mechanical_bus_per_kva", "mechanical buses");
}

void Pricer::cabling() {
  // MV: each building's feeders (one per MV switchgear line and path) run
  // half the site's side from the substation.
  uint64_t siteSide = sideOf(plan_.siteArea);
  uint64_t feeders = 0;
  std::map<Replica, uint64_t> feedersOf, boardsOf;
  for (const power::Element &element : in_.analysis.power.graph.elements) {
    if (element.structure == NoIndex ||
        design_.topLevelOf(element.structure) != plan_.site.node ||
        element.kind != power::ElementKind::Switchgear)
      continue;
    perBuilding(element.structure, [&](Replica b, uint64_t replicas) {
      if (element.stage == power::Stage::MediumVoltage && b != plan_.site) {
        feedersOf[b] += replicas;
        feeders += replicas;
      } else if (element.stage == power::Stage::LowVoltage) {
        boardsOf[b] += element.count * replicas;
      }
    });
  }
  std::vector<Share> mvShares;
  for (const auto &[b, n] : feedersOf)
    mvShares.push_back({b, Exact(static_cast<int64_t>(n))});
  uint64_t half = (siteSide + 1) / 2;
  addLine(CostGroup::Facility, "mv_cabling", "MV cable",
          count(feeders) + " MV feeders (MV switchgear lines and paths of the buildings) x " +
              count(half) + " m (half the site's side of " + count(siteSide) + " m)",
          Exact(static_cast<int64_t>(feeders * half)), "m", money("mv_cable_per_m") * index_,
          nameOf("mv_cable_per_m") + " x " + nameOf("construction_index"), "mep", mvShares);
  // LV: each LV switchboard feeds its hall over the hall's side, out and back.
  uint64_t metres = 0, boards = 0;
  std::vector<Share> lvShares;
  for (const auto &[b, n] : boardsOf) {
    // A board of a building feeds that building's halls; one at the site
    // level the halls of every building (the site's own, without buildings).
    Exact hallArea, area;
    uint64_t halls = 0;
    for (Replica building : plan_.buildings)
      if (building == b || b == plan_.site) {
        hallArea += plan_.whiteSpace.at(building);
        halls += plan_.hallCount.at(building);
      }
    if (halls != 0)
      area = hallArea / Exact(static_cast<int64_t>(halls));
    else
      area = b == plan_.site ? plan_.totalGfa : plan_.gfa.at(b);
    uint64_t length = n * 2 * sideOf(area);
    metres += length;
    boards += n;
    lvShares.push_back({b, Exact(static_cast<int64_t>(length))});
  }
  addLine(CostGroup::Facility, "lv_cabling", "LV feeders",
          count(boards) + " LV switchboards x 2 x the side of their building's mean hall",
          Exact(static_cast<int64_t>(metres)), "m", money("lv_cable_per_m") * index_,
          nameOf("lv_cable_per_m") + " x " + nameOf("construction_index"), "mep", lvShares);
}

void Pricer::piping() {
  // Supply and return along every row and across the hall once.
  uint64_t metres = 0, halls = 0, rows = 0;
  std::vector<Share> shares;
  for (Replica b : plan_.buildings) {
    uint64_t buildingMetres = 0;
    for (Index h : plan_.halls[b]) {
      uint64_t hallRows = 0;
      for (Index n = h + 1; n < design_.nodes[h].subtreeEnd; ++n)
        if (design_.nodes[n].level == Level::Row)
          hallRows += design_.replicasWithin(n, h);
      uint64_t side = sideOf(areaProperty(design_, design_.nodes[h].properties, "area"));
      uint64_t replicas = inBuilding(h, b);
      buildingMetres += replicas * 2 * (hallRows + 1) * side;
      rows += replicas * hallRows;
      halls += replicas;
    }
    metres += buildingMetres;
    shares.push_back({b, Exact(static_cast<int64_t>(buildingMetres))});
  }
  addLine(CostGroup::Facility, "piping", "cooling water piping",
          count(halls) + (halls == 1 ? " hall, " : " halls, ") + count(rows) +
              (rows == 1 ? " row" : " rows") +
              ": 2 x (rows + 1) x the hall's side (the square root of its area)",
          Exact(static_cast<int64_t>(metres)), "m", money("piping_per_m") * index_,
          nameOf("piping_per_m") + " x " + nameOf("construction_index"), "mep", shares);
}

void Pricer::fuel() {
  Exact litres;
  uint64_t generators = 0;
  std::map<Replica, Exact> byBuilding;
  for (Index g = 0; g < design_.equipment.size(); ++g) {
    const model::EquipmentGroup &group = design_.equipment[g];
    if (group.kind != "generator" || group.node == NoIndex ||
        design_.topLevelOf(group.node) != plan_.site.node || g >= in_.analysis.equipment.size())
      continue;
    const units::Quantity *hours = checks::quantityProperty(design_, group.properties, "fuel_hours");
    if (!hours || hours->value.isZero())
      continue;
    const model::CatalogEntry &entry = design_.catalog[group.entry];
    uint64_t installed = in_.analysis.equipment[g].installed;
    Exact perHour; // L/h of one unit
    if (const units::Quantity *rate = checks::quantityProperty(design_, entry.properties, "fuel_rate");
        rate && !rate->value.isZero())
      perHour = Exact(rate->value) * Exact(1000) * Exact(3600); // m3/s → L/h
    else if (const units::Quantity *rating =
                 checks::quantityProperty(design_, entry.properties, "rating"))
      perHour = Exact(rating->value) / Exact(1000) * number("fuel_l_per_kwh");
    // Per replica of the group's structure.
    Exact line = perHour * Exact(static_cast<int64_t>(installed)) * Exact(hours->value) /
                 Exact(3600);
    litres += line * Exact(static_cast<int64_t>(inSite(group.node)));
    generators += installed * inSite(group.node);
    perBuilding(group.node, [&](Replica building, uint64_t replicas) {
      byBuilding[building] += line * Exact(static_cast<int64_t>(replicas));
    });
  }
  std::vector<Share> shares;
  for (const auto &[b, l] : byBuilding)
    shares.push_back({b, l});
  litres = litres.rounded();
  addLine(CostGroup::Facility, "fuel_storage", "fuel tanks",
          count(generators) + " generators x their fuel at full load (`fuel_rate`, else rating x "
                              "fuel_l_per_kwh) x `fuel_hours`",
          litres, "L", money("fuel_storage_per_l") * index_,
          nameOf("fuel_storage_per_l") + " x " + nameOf("construction_index"), "mep", shares);
}

void Pricer::systems() {
  Exact megawatts = Exact(in_.analysis.nodes[plan_.site.node].itPower.value) / Exact(1'000'000);
  addLine(CostGroup::Facility, "bms_epms", "BMS and EPMS",
          "IT load " + decimal(megawatts) + " MW", megawatts, "MW", money("bms_epms_per_mw"),
          nameOf("bms_epms_per_mw"), "mep", byIt());
  addLine(CostGroup::Facility, "fire_protection", "fire detection and suppression",
          "GFA " + decimal(plan_.totalGfa) + " m2", plan_.totalGfa, "m2",
          money("fire_protection_per_m2") * index_,
          nameOf("fire_protection_per_m2") + " x " + nameOf("construction_index"), "mep",
          byGfa());
}

void Pricer::security() {
  // Access points of each zone: the structures and blocks that name it; an
  // outermost zone that none names has the site's gate.
  std::map<Index, uint64_t> accessPoints;
  const model::Node &site = design_.nodes[plan_.site.node];
  for (Index n = plan_.site.node; n < site.subtreeEnd; ++n)
    if (design_.nodes[n].zone != NoIndex)
      accessPoints[design_.nodes[n].zone] += inSite(n);
  for (const model::Block &block : design_.blocks)
    if (block.zone != NoIndex && block.node != NoIndex &&
        design_.topLevelOf(block.node) == plan_.site.node)
      accessPoints[block.zone] += inSite(block.node);
  uint64_t perimeter = 4 * sideOf(plan_.siteArea);
  std::vector<Share> shares{{plan_.site, Exact(1)}};
  std::map<std::string, std::pair<uint64_t, std::vector<std::string>>> byControl;
  for (Index z = 0; z < design_.zones.size(); ++z) {
    const model::Zone &zone = design_.zones[z];
    if (zone.node != plan_.site.node)
      continue;
    uint64_t points = accessPoints.count(z) ? accessPoints[z] : 0;
    if (points == 0 && zone.inside == NoIndex)
      points = 1;
    const model::Value *controls = design_.property(zone.properties, "controls");
    if (!controls || !controls->list())
      continue;
    for (const model::Value &control : *controls->list()) {
      const std::string *name = control.symbol() ? &control.symbol()->name : control.text();
      if (!name)
        continue;
      auto &[quantity, zones] = byControl[*name];
      uint64_t added = *name == "fence" ? perimeter : *name == "vehicle_gate" ? 1 : points;
      if (added == 0)
        continue;
      quantity += added;
      zones.push_back(zone.name.str() + " " + count(added));
    }
  }
  for (const auto &[control, tally] : byControl) {
    std::string rate = control == "fence" ? "security_fence_per_m" : "security_" + control;
    if (!in_.rates.find(rate))
      continue; // a control without a rate (docs/costs.md lists the priced ones)
    std::string unit = control == "fence" ? "m" : "ea";
    std::string what = control == "fence" ? "the site's perimeter, 4 x " +
                                                count(sideOf(plan_.siteArea)) + " m"
                       : control == "vehicle_gate" ? "one per zone"
                                                   : "access points per zone";
    addLine(CostGroup::Facility, "security", control, what + ": " + llvm::join(tally.second, ", "),
            Exact(static_cast<int64_t>(tally.first)), unit, money(rate), nameOf(rate), "mep",
            shares);
  }
}

void Pricer::installation() {
  // Per component kind of the site's equipment, then the fabric and the
  // implied equipment lines priced above.
  std::map<std::string, Exact> byKind;
  for (const EquipmentCost &equipment : in_.equipment)
    if (equipment.site == plan_.site)
      byKind[equipment.kind == "rack_type" ? "rack" : equipment.kind.str()] +=
          Exact(equipment.amount);
  for (size_t l = firstLine_; l < capex_.lines.size(); ++l) {
    const CostLine &line = capex_.lines[l];
    if (line.category == "network_fabric" || line.category == "lv_switchgear" ||
        line.category == "paralleling_gear" || line.category == "mechanical_bus" ||
        line.item == "HV breaker bays")
      byKind[line.category == "hv_switchyard" ? "switchgear" : line.category] +=
          Exact(line.amount);
  }
  for (const auto &[kind, amount] : byKind) {
    std::string rate = in_.rates.find("install_" + kind) ? "install_" + kind : "install";
    CostGroup group = kind == "rack" ? CostGroup::It
                      : kind == "network_fabric" ? CostGroup::Fabric
                                                 : CostGroup::Facility;
    std::string task = kind == "rack" || kind == "network_fabric" ? "it_install" : "mep";
    addLine(group, "installation", kind, "equipment of kind " + kind + " worth " +
                                             units::formatDecimal(amount.rational()) + " " + currency(),
            amount, currency(), number(rate) * (group == CostGroup::Facility ? index_ : Exact(1)),
            nameOf(rate) + (group == CostGroup::Facility ? " x " + nameOf("construction_index")
                                                         : std::string()),
            task, byIt());
  }
}

void Pricer::softCosts() {
  Exact facilityEquipment, construction, land, equipment;
  for (const EquipmentCost &e : in_.equipment)
    if (e.site == plan_.site) {
      equipment += Exact(e.amount);
      if (e.kind != "rack_type")
        facilityEquipment += Exact(e.amount);
    }
  for (size_t l = firstLine_; l < capex_.lines.size(); ++l) {
    const CostLine &line = capex_.lines[l];
    if (line.group == CostGroup::Facility)
      construction += Exact(line.amount);
    else if (line.group == CostGroup::Land)
      land += Exact(line.amount);
    else if (line.group == CostGroup::Fabric && line.category == "network_fabric")
      equipment += Exact(line.amount);
  }
  Exact commissioned = facilityEquipment + construction;
  const CostLine *commissioning =
      addLine(CostGroup::Facility, "commissioning", "commissioning L1-L5",
              "facility equipment and construction " + decimal(commissioned) + " " + currency(),
              commissioned, currency(), number("commissioning"), nameOf("commissioning"), "cx",
              byIt());
  Exact facility = commissioned + Exact(commissioning ? commissioning->amount : Rational(0));
  std::string facilityText = "facility equipment and construction " + decimal(facility) + " " + currency();
  std::vector<Share> site{{plan_.site, Exact(1)}};
  size_t before = capex_.lines.size();
  addLine(CostGroup::Soft, "design_fees", "design and engineering", facilityText, facility, currency(),
          number("design_fees"), nameOf("design_fees"), "", site);
  if (CostLine *permits = addLine(CostGroup::Soft, "permits", "permits and fees", facilityText,
                                  facility, currency(), number("permits"), nameOf("permits"),
                                  "site_works", site))
    permits->paidAtStart = true;
  addLine(CostGroup::Soft, "taxes", "taxes and duties",
          "equipment bought (IT, fabric, facility) " + decimal(equipment) + " " + currency(), equipment,
          currency(), number("taxes"), nameOf("taxes"), "", byIt());
  Exact soft;
  for (size_t l = before; l < capex_.lines.size(); ++l)
    soft += Exact(capex_.lines[l].amount);
  Exact base = facility + land + soft;
  addLine(CostGroup::Soft, "contingency", "owner contingency",
          "facility, land and soft costs " + decimal(base) + " " + currency(), base, currency(),
          number("contingency"), nameOf("contingency"), "", site);
}

} // namespace

llvm::StringRef groupName(CostGroup group) {
  switch (group) {
  case CostGroup::It: return "it";
  case CostGroup::Fabric: return "fabric";
  case CostGroup::Facility: return "facility";
  case CostGroup::Land: return "land";
  case CostGroup::Soft: return "soft";
  }
  return "";
}

std::vector<std::string> rateKeys(const Design &design, Index site) {
  std::vector<std::string> keys;
  for (llvm::StringRef name : {"region", "country"}) {
    const model::Value *value = design.property(design.nodes[site].properties, name);
    const std::string *text = value ? value->text() : nullptr;
    keys.push_back(text ? *text : std::string());
  }
  return keys;
}

namespace {

/// Where `node`, inside site replica `from`, sits in site replica `to` of
/// the same structure (the site itself for the site).
Replica movedTo(const Design &design, Replica node, Replica from, Replica to) {
  if (node.node == NoIndex)
    return node;
  uint64_t perSite = design.replicasWithin(node.node, from.node);
  return {node.node, node.ordinal - from.ordinal * perSite + to.ordinal * perSite};
}

/// `line` of site replica `from` as the same line of site replica `to`.
CostLine movedTo(const Design &design, const CostLine &line, Replica from, Replica to) {
  CostLine moved = line;
  moved.site = movedTo(design, line.site, from, to);
  for (Share &share : moved.shares)
    share.node = movedTo(design, share.node, from, to);
  return moved;
}

} // namespace

std::optional<Capex> computeCapex(const CostInput &input, DiagnosticEngine &diagnostics) {
  const Design &design = input.design;
  Capex capex;
  Pricer pricer(input, capex, diagnostics);
  // The replicas of a site structure are alike but for their names, and the
  // pricing reads the structure, not the replica: the second replica is
  // priced to confirm that its lines are the first's, moved (no line text
  // names a replica), and the others then get the first's lines moved
  // (a portfolio of ten replicated sites prices two).
  for (Index node = 0; node < design.nodes.size(); node = design.nodes[node].subtreeEnd) {
    Replica first{NoIndex, 0};
    size_t firstBegin = 0, firstEnd = 0;
    bool alike = false;
    for (Replica site : design.replicas(node)) {
      if (alike) {
        for (size_t l = firstBegin; l < firstEnd; ++l)
          capex.lines.push_back(movedTo(design, capex.lines[l], first, site));
        continue;
      }
      size_t begin = capex.lines.size();
      pricer.priceSite(site);
      if (first.node == NoIndex) {
        first = site;
        firstBegin = begin;
        firstEnd = capex.lines.size();
        continue;
      }
      alike = capex.lines.size() - begin == firstEnd - firstBegin;
      for (size_t l = 0; alike && l < firstEnd - firstBegin; ++l)
        alike = movedTo(design, capex.lines[firstBegin + l], first, site) == capex.lines[begin + l];
      if (!alike)
        first.node = NoIndex; // not alike: price each replica
    }
  }
  if (pricer.failed())
    return std::nullopt;

  // Totals per site and for the design, exact.
  std::map<Replica, CapexTotal> sites;
  auto addTo = [](CapexTotal &total, CostGroup group, bool equipment, const Rational &amount) {
    Exact value(amount);
    auto add = [&](Rational &part) { part = (Exact(part) + value).rational(); };
    switch (group) {
    case CostGroup::It: add(total.it); break;
    case CostGroup::Fabric: add(total.fabric); break;
    case CostGroup::Facility: add(equipment ? total.facilityEquipment : total.construction); break;
    case CostGroup::Land: add(total.land); break;
    case CostGroup::Soft: add(total.soft); break;
    }
  };
  for (const EquipmentCost &e : input.equipment) {
    CostGroup group = e.kind == "rack_type" ? CostGroup::It : CostGroup::Facility;
    sites[e.site].site = e.site;
    addTo(sites[e.site], group, true, e.amount);
    addTo(capex.design, group, true, e.amount);
  }
  bool overflow = false;
  for (const CostLine &line : capex.lines) {
    if (line.amount.isNegative())
      overflow = true;
    sites[line.site].site = line.site;
    addTo(sites[line.site], line.group, false, line.amount);
    addTo(capex.design, line.group, false, line.amount);
  }
  auto finish = [&](CapexTotal &total) {
    Exact facility = Exact(total.facilityEquipment) + Exact(total.construction);
    Exact sum = Exact(total.it) + Exact(total.fabric) + facility + Exact(total.land) +
                Exact(total.soft);
    if (!sum.valid())
      overflow = true;
    total.facility = facility.rational();
    total.total = sum.rational();
  };
  for (auto &[site, total] : sites) {
    finish(total);
    if (site != NoSite)
      total.itPowerWatts = input.analysis.nodes[site.node].itPower.value;
    capex.sites.push_back(total);
  }
  finish(capex.design);
  capex.design.itPowerWatts = input.analysis.design.itPower.value;
  if (overflow) {
    diagnostics.report(DiagCode::E0614, SourceRange(),
                       "the capex cannot be computed exactly: a sum exceeds the range of exact "
                       "arithmetic (128-bit fractions)");
    return std::nullopt;
  }
  return capex;
}

} // namespace sgd::cost
