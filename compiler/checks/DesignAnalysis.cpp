#include "checks/DesignAnalysis.h"

#include "checks/QuantityMath.h"
#include "model/Aggregates.h"
#include "power/Analyses.h"
#include "power/PowerGraph.h"
#include "power/Redundancy.h"

#include "llvm/ADT/Sequence.h"

#include <functional>

namespace sgd::checks {
namespace {

using model::Design;
using units::Rational;

Quantity zero(units::Dimension dimension) { return Quantity{Rational(0), dimension}; }

/// What a kind of equipment is sized against. The power kinds are sized by
/// the power graph (power/LineSizing.h).
enum class LoadKind { Liquid, Air, TotalHeat };

struct KindSizing {
  llvm::StringRef kind;
  LoadKind load;
  llvm::StringRef sizeAttribute;
};

// The sizing rule of each cooling kind: N = ceil(load / unit size)
// (docs/checks.md, "Sizing equipment"); the one-line (power/) sizes the
// power kinds.
constexpr KindSizing kindSizings[] = {
    {"cdu", LoadKind::Liquid, "capacity"},
    {"crah", LoadKind::Air, "capacity"},
    {"rdhx", LoadKind::Air, "capacity"},
    {"chiller", LoadKind::TotalHeat, "capacity"},
    {"cooling_tower", LoadKind::TotalHeat, "capacity"},
    {"dry_cooler", LoadKind::TotalHeat, "capacity"},
};

llvm::StringRef loadName(LoadKind kind) {
  switch (kind) {
  case LoadKind::Liquid: return "liquid heat";
  case LoadKind::Air: return "air-side heat";
  case LoadKind::TotalHeat: return "facility load";
  }
  return "";
}

Quantity loadOf(const NodeFigures &figures, LoadKind kind) {
  switch (kind) {
  case LoadKind::Liquid: return figures.liquidHeat;
  case LoadKind::Air: return figures.airSideHeat;
  // A plant line that serves no loop: every watt the facility draws ends as
  // heat somewhere.
  case LoadKind::TotalHeat: return figures.peakDemand;
  }
  return figures.itPower;
}

/// The `cooling` block values that apply to each node: its own, else its
/// parent's. Nodes come in depth-first order, so parents are done first.
struct CoolingSettings {
  std::optional<Quantity> liquidFraction;
  std::optional<Quantity> flowPerKw;
};

std::vector<CoolingSettings> coolingSettings(const Design &design) {
  std::vector<CoolingSettings> own(design.nodes.size());
  for (const model::Block &block : design.blocks) {
    if (block.kind != "cooling" || block.node == NoIndex)
      continue;
    CoolingSettings &settings = own[block.node];
    if (const Quantity *fraction = quantityProperty(design, block.properties, "liquid_fraction"))
      settings.liquidFraction = *fraction;
    for (const model::Property &property : design.propertiesOf(block.properties))
      if (property.name == "flow_per_kw" && !property.isDefault && property.value.quantity())
        settings.flowPerKw = *property.value.quantity();
  }
  for (Index node = 0; node < design.nodes.size(); ++node) {
    Index parent = design.nodes[node].parent;
    if (parent == NoIndex)
      continue;
    if (!own[node].liquidFraction)
      own[node].liquidFraction = own[parent].liquidFraction;
    if (!own[node].flowPerKw)
      own[node].flowPerKw = own[parent].flowPerKw;
  }
  return own;
}

Quantity inWatts(const thermal::Exact &watts) { return watts.in(units::dimensions::Power); }

thermal::Exact exact(const Quantity &quantity) { return thermal::Exact(quantity); }

} // namespace

const Quantity *quantityProperty(const Design &design, model::PropertySpan span,
                                 llvm::StringRef name) {
  const model::Value *value = design.property(span, name);
  return value ? value->quantity() : nullptr;
}

const model::Value *inheritedBlockAttribute(const Design &design, Index node,
                                            llvm::StringRef block, llvm::StringRef name) {
  for (Index at = node; at != NoIndex; at = design.nodes[at].parent)
    for (const model::Block &candidate : design.blocks)
      if (candidate.node == at && candidate.kind == block)
        if (const model::Value *value = design.property(candidate.properties, name))
          return value;
  return nullptr;
}

Quantity liquidFraction(const Design &design, Index rackType, Index node) {
  const Quantity *own = quantityProperty(design, design.catalog[rackType].properties,
                                         "liquid_fraction");
  if (!own || own->value.isZero() || own->value.isNegative())
    return ratio(0);
  if (node != NoIndex)
    if (const model::Value *hall = inheritedBlockAttribute(design, node, "cooling",
                                                           "liquid_fraction"))
      if (hall->quantity())
        return *hall->quantity();
  return *own;
}

std::optional<uint64_t> unitsFor(const Quantity &load, const Quantity &unit) {
  return power::unitsFor(load, unit);
}

uint64_t withRedundancy(uint64_t perSide, const model::Redundancy &redundancy) {
  return power::installedFor(perSide, redundancy);
}

power::Demand powerDemand(const DesignAnalysis &analysis) {
  auto demand = [](const NodeFigures &figures) {
    return power::NodeDemand{figures.itPower, figures.peakDemand, figures.powerFactor};
  };
  power::Demand result;
  result.nodes = InternedVector<power::NodeDemand>::of(analysis.nodes, demand);
  result.design = demand(analysis.design);
  return result;
}

const Quantity &facilityLoad(const DesignAnalysis &analysis, Index node) {
  return (node == NoIndex ? analysis.design : analysis.nodes[node]).peakDemand;
}

const Quantity &mechanicalLoad(const DesignAnalysis &analysis, Index node) {
  return (node == NoIndex ? analysis.design : analysis.nodes[node]).mechanicalLoad;
}

namespace {

// What the power graph found for a line of a power kind: the count it
// installs, who furnishes it and, where it could size the line, its load
// and the units that load needs.
void resizeFromGraph(const power::LineSizing &line, EquipmentSizing &sizing) {
  sizing.installed = line.installed;
  sizing.procured = !line.utilityFurnished;
  if (!line.sized)
    return;
  sizing.load = *line.load;
  sizing.loadName = line.loadName;
  sizing.unitCapacity = *line.unitCapacity;
  sizing.capacityName = line.capacityName;
  sizing.perSide = line.perSystem;
  sizing.required = line.required;
  sizing.sized = true;
  sizing.basis = line.basis.str();
}

// Adds each rack run's IT load, liquid heat and coolant flow to its node
// (`whole` for racks outside any structure).
void addRackLoads(const Design &design, std::vector<NodeFigures> &nodes, NodeFigures &whole) {
  std::vector<CoolingSettings> cooling = coolingSettings(design);
  // The OCP guideline: 1.5 L/min per kW of rack load (range 1.25–2.0).
  const Quantity defaultFlowPerKw = llvm::cantFail(units::parseQuantity("1.5", "L/min/kW"));

  // Per node and rack type, not per rack line: the sums are exact, so they
  // are the same, with a product per group.
  std::vector<model::RackGroup> groups =
      model::groupRackRuns(design, 0, static_cast<Index>(design.rackRuns.size()));
  for (const model::RackGroup &group : groups) {
    const model::CatalogEntry &type = design.catalog[group.rackType];
    const Quantity *perRack = quantityProperty(design, type.properties, "it_power");
    if (!perRack)
      continue;
    Quantity it = times(*perRack, group.count);
    Quantity fraction = ratio(0);
    const Quantity *own = quantityProperty(design, type.properties, "liquid_fraction");
    if (own && !own->value.isZero() && !own->value.isNegative())
      fraction = group.parent != NoIndex && cooling[group.parent].liquidFraction
                     ? *cooling[group.parent].liquidFraction
                     : *own;
    Quantity liquid = times(it, fraction);
    Quantity flow = zero(units::dimensions::VolumeFlow);
    if (!fraction.value.isZero()) {
      Quantity perKw = group.parent != NoIndex && cooling[group.parent].flowPerKw
                           ? *cooling[group.parent].flowPerKw
                           : defaultFlowPerKw;
      flow = times(it, perKw);
    }
    NodeFigures &target = group.parent != NoIndex ? nodes[group.parent] : whole;
    target.itPower = plus(target.itPower, it);
    target.liquidHeat = plus(target.liquidHeat, liquid);
    target.coolantFlow = plus(target.coolantFlow, flow);
  }
}

// The energy model, from each node's heat (and each node's air heat, which
// it needs, set on the way).
thermal::ThermalResult runEnergyModel(const Design &design, std::vector<NodeFigures> &nodes,
                                      DiagnosticEngine &diagnostics) {
  std::vector<thermal::NodeHeat> heat;
  heat.reserve(design.nodes.size());
  for (NodeFigures &figures : nodes) {
    figures.airHeat = minus(figures.itPower, figures.liquidHeat);
    heat.push_back({exact(figures.itPower), exact(figures.liquidHeat), exact(figures.airHeat),
                    exact(figures.coolantFlow)});
  }
  return thermal::analyzeThermal(design, heat, diagnostics);
}

} // namespace

DesignAnalysis analyzeDesign(const Design &design, DiagnosticEngine &diagnostics) {
  DesignAnalysis analysis;
  const units::Dimension power = units::dimensions::Power;
  NodeFigures empty{zero(power),  zero(power),  zero(power), zero(power),
                    zero(units::dimensions::VolumeFlow), zero(power), zero(power),
                    ratio(1), ratio(95, 100)};
  // Computed in place, then interned (DesignAnalysis::nodes).
  std::vector<NodeFigures> nodes(design.nodes.size(), empty);
  // Each node's own racks, then the totals rolled up from the leaves.
  analysis.design = empty;
  addRackLoads(design, nodes, analysis.design);
  // A node's figures are those of one replica: its parent holds `count` of them.
  for (Index node = static_cast<Index>(design.nodes.size()); node-- > 0;) {
    const NodeFigures &figures = nodes[node];
    uint64_t count = design.nodes[node].count;
    NodeFigures &parent = design.nodes[node].parent != NoIndex
                              ? nodes[design.nodes[node].parent]
                              : analysis.design;
    parent.itPower = plus(parent.itPower, times(figures.itPower, count));
    parent.liquidHeat = plus(parent.liquidHeat, times(figures.liquidHeat, count));
    parent.coolantFlow = plus(parent.coolantFlow, times(figures.coolantFlow, count));
  }

  thermal::ThermalResult energy = runEnergyModel(design, nodes, diagnostics);
  analysis.thermal = std::move(energy.analysis);
  for (Index node = 0; node < design.nodes.size(); ++node) {
    NodeFigures &figures = nodes[node];
    figures.airSideHeat = inWatts(energy.loads.airSideHeat[node]);
    figures.peakDemand = inWatts(energy.loads.peakDemand[node]);
    figures.mechanicalLoad = inWatts(energy.loads.mechanical[node]);
    if (isPositive(figures.itPower)) {
      if (llvm::Expected<Quantity> pue = units::divide(figures.peakDemand, figures.itPower))
        figures.pue = *pue;
      else
        llvm::consumeError(pue.takeError());
    }
    Index site = design.topLevelOf(node);
    if (const Quantity *factor =
            quantityProperty(design, design.nodes[site].properties, "power_factor"))
      figures.powerFactor = *factor;
  }
  analysis.nodes = InternedVector<NodeFigures>::of(nodes, std::identity());
  nodes = std::vector<NodeFigures>(); // (`= {}` would keep the buffer)
  // The whole design: its top-level structures, and racks outside any
  // structure at PUE 1.
  NodeFigures &whole = analysis.design;
  whole.airHeat = minus(whole.itPower, whole.liquidHeat);
  // Racks outside structures count at their IT load and air heat.
  whole.peakDemand = whole.itPower;
  whole.airSideHeat = whole.airHeat;
  // Each top-level node's figures are those of one replica: the design holds
  // `count` of them.
  uint64_t topLevelReplicas = 0;
  for (Index node : design.children(NoIndex)) {
    const NodeFigures &top = analysis.nodes[node];
    uint64_t count = design.nodes[node].count;
    topLevelReplicas += count;
    whole.peakDemand =
        plus(minus(whole.peakDemand, times(top.itPower, count)), times(top.peakDemand, count));
    whole.airSideHeat =
        plus(minus(whole.airSideHeat, times(top.airHeat, count)), times(top.airSideHeat, count));
    whole.mechanicalLoad = plus(whole.mechanicalLoad, times(top.mechanicalLoad, count));
  }
  if (topLevelReplicas == 1)
    whole.powerFactor = analysis.nodes[design.children(NoIndex).front()].powerFactor;
  if (isPositive(whole.itPower)) {
    if (llvm::Expected<Quantity> pue = units::divide(whole.peakDemand, whole.itPower))
      whole.pue = *pue;
    else
      llvm::consumeError(pue.takeError());
  }

  // Sized from the nodes' figures first; the power graph then sizes the
  // lines of power kinds from the loads it routes.
  InternedVector<EquipmentSizing>::Builder byFigures;
  byFigures.reserve(design.equipment.size());
  for (Index index = 0; index < design.equipment.size(); ++index) {
    const model::EquipmentGroup &group = design.equipment[index];
    EquipmentSizing sizing{zero(power), "", zero(power), "", 0, 0, 0, 0, false, "", true};
    const KindSizing *rule = nullptr;
    for (const KindSizing &candidate : kindSizings)
      if (candidate.kind == group.kind)
        rule = &candidate;
    const NodeFigures &served =
        group.node != NoIndex ? analysis.nodes[group.node] : analysis.design;
    model::PropertySpan entry = design.catalog[group.entry].properties;
    const Quantity *size = rule ? quantityProperty(design, entry, rule->sizeAttribute) : nullptr;
    if (rule && size) {
      sizing.load = loadOf(served, rule->load);
      sizing.loadName = loadName(rule->load);
      if (const std::optional<thermal::PlantLoad> &plant = energy.loads.plantLoads[index]) {
        sizing.load = inWatts(plant->load);
        sizing.loadName = plant->name;
      }
      sizing.capacityName = rule->sizeAttribute;
      sizing.unitCapacity = *size;
      if (const Quantity *usable = quantityProperty(design, entry, "usable_fraction"))
        sizing.unitCapacity = times(*size, *usable);
      if (std::optional<uint64_t> perSide =
              power::unitsPerSystem(sizing.load, sizing.unitCapacity, group.redundancy)) {
        sizing.perSide = *perSide;
        sizing.required = withRedundancy(*perSide, group.redundancy);
        sizing.sized = true;
      }
      // CDUs carry the racks' coolant flow as well as their heat.
      if (const Quantity *unitFlow = quantityProperty(design, entry, "flow");
          group.kind == "cdu" && unitFlow)
        if (std::optional<uint64_t> perSide = unitsFor(served.coolantFlow, *unitFlow))
          sizing.flowPerSide = *perSide;
    }
    sizing.installed =
        group.autoCount
            ? withRedundancy(std::max(sizing.perSide, sizing.flowPerSide), group.redundancy)
            : group.count;
    if (group.autoCount && !sizing.sized)
      sizing.installed = sizing.required;
    byFigures.push_back(sizing);
  }
  InternedVector<EquipmentSizing> fromFigures = byFigures.finish();
  // Folded into the nodes' figures and the sizings: freed before the power
  // graph is built.
  energy.loads = thermal::ThermalLoads();

  // The one-line sizes the power lines and draws the cooling lines on their
  // mechanical buses.
  std::vector<uint64_t> installed;
  installed.reserve(fromFigures.size());
  for (const EquipmentSizing &sizing : fromFigures)
    installed.push_back(sizing.installed);
  power::Demand demand = powerDemand(analysis);
  analysis.power = power::buildPowerGraph(design, demand, installed);
  analysis.equipment = InternedVector<EquipmentSizing>::of(
      llvm::seq<Index>(0, static_cast<Index>(design.equipment.size())), [&](Index index) {
        EquipmentSizing sizing = fromFigures[index];
        if (power::isPowerKind(design.equipment[index].kind))
          resizeFromGraph(analysis.power.graph.sizing[index], sizing);
        return sizing;
      });
  analysis.powerFindings = power::analyzePower(design, analysis.power.graph, demand);
  return analysis;
}

} // namespace sgd::checks
