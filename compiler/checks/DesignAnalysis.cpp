#include "checks/DesignAnalysis.h"

#include "checks/QuantityMath.h"

namespace sgd::checks {
namespace {

using model::Design;
using units::Rational;

Quantity zero(units::Dimension dimension) { return Quantity{Rational(0), dimension}; }

/// What a kind of equipment is sized against.
enum class LoadKind { None, It, ItApparent, Facility, FacilityApparent, Liquid, Air, TotalHeat };

struct KindSizing {
  llvm::StringRef kind;
  LoadKind load;
  llvm::StringRef sizeAttribute;
};

// The sizing rule of each component kind (docs/checks.md, "Sizing equipment").
constexpr KindSizing kindSizings[] = {
    {"ups", LoadKind::It, "capacity"},
    {"battery", LoadKind::It, "capacity"},
    {"busway", LoadKind::ItApparent, "rating"},
    {"pdu", LoadKind::ItApparent, "rating"},
    {"transformer", LoadKind::FacilityApparent, "rating"},
    {"switchgear", LoadKind::FacilityApparent, "rating"},
    {"transfer_switch", LoadKind::FacilityApparent, "rating"},
    {"generator", LoadKind::Facility, "capacity"},
    {"cdu", LoadKind::Liquid, "capacity"},
    {"crah", LoadKind::Air, "capacity"},
    {"rdhx", LoadKind::Air, "capacity"},
    {"chiller", LoadKind::TotalHeat, "capacity"},
    {"cooling_tower", LoadKind::TotalHeat, "capacity"},
    {"dry_cooler", LoadKind::TotalHeat, "capacity"},
};

llvm::StringRef loadName(LoadKind kind) {
  switch (kind) {
  case LoadKind::None: return "";
  case LoadKind::It: return "IT load";
  case LoadKind::ItApparent: return "IT load";
  case LoadKind::Facility: return "facility load";
  case LoadKind::FacilityApparent: return "facility load";
  case LoadKind::Liquid: return "liquid heat";
  case LoadKind::Air: return "air heat";
  case LoadKind::TotalHeat: return "total heat";
  }
  return "";
}

Quantity loadOf(const NodeFigures &figures, LoadKind kind) {
  switch (kind) {
  case LoadKind::None: return zero(units::dimensions::Power);
  case LoadKind::It: return figures.itPower;
  case LoadKind::ItApparent: return apparent(figures.itPower, figures.powerFactor);
  case LoadKind::Facility: return figures.peakDemand;
  case LoadKind::FacilityApparent: return apparent(figures.peakDemand, figures.powerFactor);
  case LoadKind::Liquid: return figures.liquidHeat;
  case LoadKind::Air: return figures.airHeat;
  // Every watt the facility draws ends as heat that the plant rejects.
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
  if (load.dimension != unit.dimension || unit.value.isZero() || unit.value.isNegative())
    return std::nullopt;
  if (load.value.isZero() || load.value.isNegative())
    return 0;
  std::optional<Rational> units = units::checkedDivide(load.value, unit.value);
  if (!units)
    return std::nullopt;
  Rational::Int whole = units->numerator() / units->denominator();
  if (units->numerator() % units->denominator() != 0)
    ++whole;
  if (whole > static_cast<Rational::Int>(UINT64_MAX / 4))
    return std::nullopt;
  return static_cast<uint64_t>(whole);
}

uint64_t withRedundancy(uint64_t perSide, const model::Redundancy &redundancy) {
  if (redundancy.sparePerSide)
    return redundancy.factor * (perSide + redundancy.spare);
  return redundancy.factor * perSide + redundancy.spare;
}

DesignAnalysis analyzeDesign(const Design &design) {
  DesignAnalysis analysis;
  const units::Dimension power = units::dimensions::Power;
  NodeFigures empty{zero(power),  zero(power),  zero(power),
                    zero(units::dimensions::VolumeFlow), ratio(1), zero(power),
                    ratio(95, 100)};
  analysis.nodes.assign(design.nodes.size(), empty);
  std::vector<CoolingSettings> cooling = coolingSettings(design);
  const Quantity defaultFlowPerKw =
      llvm::cantFail(units::parseQuantity("1.5", "L/min/kW")); // OCP guideline

  // Each node's own racks, then the totals rolled up from the leaves.
  analysis.design = empty;
  for (const model::RackRun &run : design.rackRuns) {
    const model::CatalogEntry &type = design.catalog[run.rackType];
    const Quantity *perRack = quantityProperty(design, type.properties, "it_power");
    if (!perRack)
      continue;
    Quantity it = times(*perRack, ratio(run.count));
    Quantity fraction = ratio(0);
    const Quantity *own = quantityProperty(design, type.properties, "liquid_fraction");
    if (own && !own->value.isZero() && !own->value.isNegative())
      fraction = run.parent != NoIndex && cooling[run.parent].liquidFraction
                     ? *cooling[run.parent].liquidFraction
                     : *own;
    Quantity liquid = times(it, fraction);
    Quantity flow = zero(units::dimensions::VolumeFlow);
    if (!fraction.value.isZero()) {
      Quantity perKw = run.parent != NoIndex && cooling[run.parent].flowPerKw
                           ? *cooling[run.parent].flowPerKw
                           : defaultFlowPerKw;
      flow = times(it, perKw);
    }
    NodeFigures &target = run.parent != NoIndex ? analysis.nodes[run.parent] : analysis.design;
    target.itPower = plus(target.itPower, it);
    target.liquidHeat = plus(target.liquidHeat, liquid);
    target.coolantFlow = plus(target.coolantFlow, flow);
  }
  // A node's figures are those of one replica: its parent holds `count` of them.
  for (Index node = static_cast<Index>(design.nodes.size()); node-- > 0;) {
    const NodeFigures &figures = analysis.nodes[node];
    uint64_t count = design.nodes[node].count;
    NodeFigures &parent = design.nodes[node].parent != NoIndex
                              ? analysis.nodes[design.nodes[node].parent]
                              : analysis.design;
    parent.itPower = plus(parent.itPower, times(figures.itPower, count));
    parent.liquidHeat = plus(parent.liquidHeat, times(figures.liquidHeat, count));
    parent.coolantFlow = plus(parent.coolantFlow, times(figures.coolantFlow, count));
  }
  auto finish = [&](NodeFigures &figures, Index site) {
    if (site != NoIndex) {
      model::PropertySpan properties = design.nodes[site].properties;
      if (const Quantity *pue = quantityProperty(design, properties, "pue_design"))
        figures.pue = *pue;
      if (const Quantity *factor = quantityProperty(design, properties, "power_factor"))
        figures.powerFactor = *factor;
    }
    figures.airHeat = minus(figures.itPower, figures.liquidHeat);
    figures.peakDemand = times(figures.itPower, figures.pue);
  };
  for (Index node = 0; node < design.nodes.size(); ++node)
    finish(analysis.nodes[node], design.topLevelOf(node));
  // A design of one site takes that site's PUE and power factor.
  std::vector<Index> sites;
  uint64_t siteCount = 0;
  for (Index node : design.children(NoIndex))
    if (design.nodes[node].level == model::Level::Site) {
      sites.push_back(node);
      siteCount += design.nodes[node].count;
    }
  if (siteCount == 1) {
    finish(analysis.design, sites.front());
  } else {
    // Several sites (or none): each top-level structure draws at its own
    // PUE, racks outside any structure at the default; the design's PUE is
    // the ratio of the sum to its IT load.
    NodeFigures &whole = analysis.design;
    Quantity structuresIt = zero(power);
    Quantity peak = zero(power);
    for (Index node : design.children(NoIndex)) {
      uint64_t count = design.nodes[node].count;
      structuresIt = plus(structuresIt, times(analysis.nodes[node].itPower, count));
      peak = plus(peak, times(analysis.nodes[node].peakDemand, count));
    }
    whole.airHeat = minus(whole.itPower, whole.liquidHeat);
    whole.peakDemand = plus(peak, times(minus(whole.itPower, structuresIt), whole.pue));
    if (isPositive(whole.itPower)) {
      if (llvm::Expected<Quantity> pue = units::divide(whole.peakDemand, whole.itPower))
        whole.pue = *pue;
      else
        llvm::consumeError(pue.takeError());
    }
  }

  for (Index index = 0; index < design.equipment.size(); ++index) {
    const model::EquipmentGroup &group = design.equipment[index];
    EquipmentSizing sizing{index, zero(power), "", zero(power), "", 0, 0, 0, false};
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
      sizing.capacityName = rule->sizeAttribute;
      sizing.unitCapacity = *size;
      if (const Quantity *usable = quantityProperty(design, entry, "usable_fraction"))
        sizing.unitCapacity = times(*size, *usable);
      if (std::optional<uint64_t> perSide = unitsFor(sizing.load, sizing.unitCapacity)) {
        sizing.perSide = *perSide;
        sizing.required = withRedundancy(*perSide, group.redundancy);
        sizing.sized = true;
      }
    }
    sizing.installed = group.autoCount ? sizing.required : group.count;
    analysis.equipment.push_back(sizing);
  }
  return analysis;
}

} // namespace sgd::checks
