#include "checks/CoolingCheck.h"

#include "checks/QuantityMath.h"

#include "model/NodeScope.h"

#include "units/QuantityFormat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

#include <tuple>
#include <utility>

namespace sgd::checks {
namespace {

using model::Design;
using model::Property;
using units::Rational;

// ASHRAE TC 9.9 liquid classes (ASHRAE, "Liquid Cooling Guidelines for
// Datacom Equipment Centers", 2nd ed., and the 2021 "Emergence and Expansion
// of Liquid Cooling" update): the number is the warmest facility-water
// supply, in °C; W+ is above 45 °C (no limit).
struct LiquidClass {
  llvm::StringRef name;
  int limit; // °C; negative for W+
};
constexpr LiquidClass liquidClasses[] = {{"W17", 17}, {"W27", 27}, {"W32", 32},
                                         {"W40", 40}, {"W45", 45}, {"W+", -1}};
// [E] no public source gives the class of a GB200/GB300 rack; W32 is the
// class examples/abilene designs its facility water for.
constexpr llvm::StringRef defaultLiquidClass = "W32";

// ASHRAE TC 9.9 air classes ("Thermal Guidelines for Data Processing
// Environments", 5th ed., 2021): allowable and recommended inlet air, °C;
// H1, the class for high-density equipment, recommends 18–22 °C and allows
// 5–25 °C.
struct AirClass {
  llvm::StringRef name;
  int allowedLow, allowedHigh;
  int recommendedLow, recommendedHigh;
};
constexpr AirClass airClasses[] = {{"A1", 15, 32, 18, 27},
                                   {"A2", 10, 35, 18, 27},
                                   {"A3", 5, 40, 18, 27},
                                   {"A4", 5, 45, 18, 27},
                                   {"H1", 5, 25, 18, 22}};
constexpr llvm::StringRef defaultAirClass = "A1";

// About 30 kW per rack is what room air removes (edaratgroup.com;
// factryze.ai, 3p); rear doors or liquid take the rest.
constexpr int64_t airCeilingWatts = 30'000;

const char *const flowGuideline =
    " (the OCP Open Accelerator Infrastructure guideline: 1.5 L/min per kW, range 1.25–2.0)";

template <typename Class, size_t N>
const Class *findClass(const Class (&classes)[N], llvm::StringRef name) {
  for (const Class &candidate : classes)
    if (candidate.name == name)
      return &candidate;
  return nullptr;
}

/// `"W17", "W27", … or "W+"`.
template <typename Class, size_t N> std::string classList(const Class (&classes)[N]) {
  std::string list;
  for (size_t i = 0; i < N; ++i)
    list += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + ("\"" + classes[i].name.str() + "\"");
  return list;
}

/// The property when the designer wrote it, not the schema's default.
const Property *writtenProperty(const Design &design, model::PropertySpan span,
                                llvm::StringRef name) {
  const Property *property = design.findProperty(span, name);
  return property && !property->isDefault && property->value.quantity() ? property : nullptr;
}

Quantity celsius(int degrees) { return Quantity{Rational(degrees), units::dimensions::Temperature}; }

std::string formatted(const Quantity &quantity) { return units::format(quantity); }

/// Units at N among `installed`: the installed units less the redundant ones.
uint64_t unitsAtN(uint64_t installed, const model::Redundancy &redundancy) {
  uint64_t factor = redundancy.factor ? redundancy.factor : 1;
  if (redundancy.sparePerSide) {
    uint64_t side = installed / factor;
    return side > redundancy.spare ? side - redundancy.spare : 0;
  }
  return installed > redundancy.spare ? (installed - redundancy.spare) / factor : 0;
}

/// The `cooling` settings that apply to a node: its own blocks' values, else
/// its parent's (nodes come parents first).
struct NodeCooling {
  const Property *liquidFraction = nullptr;
  const Property *flowPerKw = nullptr; // written only
  const Property *supplyWater = nullptr;
  const Property *supplyAir = nullptr;
  Index rdhx = NoIndex; // an `rdhx` line of the node or of an ancestor
};

std::vector<NodeCooling> nodeCooling(const Design &design) {
  std::vector<NodeCooling> settings(design.nodes.size());
  for (const model::Block &block : design.blocks) {
    if (block.kind != "cooling" || block.node == NoIndex)
      continue;
    NodeCooling &own = settings[block.node];
    if (const Property *p = writtenProperty(design, block.properties, "liquid_fraction"))
      own.liquidFraction = p;
    if (const Property *p = writtenProperty(design, block.properties, "flow_per_kw"))
      own.flowPerKw = p;
    if (const Property *p = writtenProperty(design, block.properties, "supply_water"))
      own.supplyWater = p;
    if (const Property *p = writtenProperty(design, block.properties, "supply_air"))
      own.supplyAir = p;
  }
  for (Index group = 0; group < design.equipment.size(); ++group) {
    const model::EquipmentGroup &line = design.equipment[group];
    if (line.kind == "rdhx" && line.node != NoIndex && settings[line.node].rdhx == NoIndex)
      settings[line.node].rdhx = group;
  }
  for (Index node = 0; node < design.nodes.size(); ++node) {
    Index parent = design.nodes[node].parent;
    if (parent == NoIndex)
      continue;
    NodeCooling &own = settings[node];
    const NodeCooling &inherited = settings[parent];
    if (!own.liquidFraction)
      own.liquidFraction = inherited.liquidFraction;
    if (!own.flowPerKw)
      own.flowPerKw = inherited.flowPerKw;
    if (!own.supplyWater)
      own.supplyWater = inherited.supplyWater;
    if (!own.supplyAir)
      own.supplyAir = inherited.supplyAir;
    if (own.rdhx == NoIndex)
      own.rdhx = inherited.rdhx;
  }
  return settings;
}

/// The ASHRAE classes of one rack type: written, defaulted, or invalid
/// (reported, and then left out of the temperature checks).
struct RackClasses {
  const LiquidClass *liquid = nullptr;
  const Property *liquidProperty = nullptr; // when written
  const AirClass *air = nullptr;
  const Property *airProperty = nullptr;
};

// The class a rack type names in `attribute` (`liquid_class`) and where, or
// the default class when it names none; an unknown name is E0316 and no class.
template <typename Class, size_t N>
std::pair<const Class *, const Property *>
rackClass(const Design &design, model::PropertySpan span, llvm::StringRef attribute,
          llvm::StringRef what, const Class (&classes)[N], llvm::StringRef fallback,
          DiagnosticEngine &diagnostics) {
  const Property *p = design.findProperty(span, attribute);
  if (!p || !p->value.text())
    return {findClass(classes, fallback), nullptr};
  const Class *named = findClass(classes, *p->value.text());
  if (!named)
    diagnostics.report(DiagCode::E0316, p->range,
                       "`" + attribute.str() + "` of a `rack_type` is an ASHRAE " + what.str() +
                           " class, " + classList(classes) + " (ASHRAE TC 9.9); this is \"" +
                           *p->value.text() + "\"");
  return {named, p};
}

RackClasses rackClasses(const Design &design, Index entry, DiagnosticEngine &diagnostics) {
  RackClasses classes;
  model::PropertySpan span = design.catalog[entry].properties;
  std::tie(classes.liquid, classes.liquidProperty) =
      rackClass(design, span, "liquid_class", "liquid", liquidClasses, defaultLiquidClass,
                diagnostics);
  std::tie(classes.air, classes.airProperty) =
      rackClass(design, span, "air_class", "air", airClasses, defaultAirClass, diagnostics);
  return classes;
}

/// The effective liquid fraction of a rack run (liquidFraction()), and the
/// `cooling` block value that set it, if one did.
struct RunFraction {
  Quantity value;
  const Property *setBy = nullptr;
};

RunFraction runFraction(const Design &design, const model::RackRun &run,
                        const std::vector<NodeCooling> &settings) {
  RunFraction fraction{Quantity{Rational(0), units::dimensions::Ratio}, nullptr};
  const Quantity *own = quantityProperty(design, design.catalog[run.rackType].properties,
                                         "liquid_fraction");
  if (!own || !isPositive(*own))
    return fraction;
  if (run.parent != NoIndex)
    if (const Property *block = settings[run.parent].liquidFraction) {
      fraction.value = *block->value.quantity();
      fraction.setBy = block;
      return fraction;
    }
  fraction.value = *own;
  return fraction;
}

// --- E0410 ------------------------------------------------------------------

void checkAirCooledRack(const Design &design, const model::RackRun &run,
                        const Quantity &perRack, const RunFraction &fraction,
                        DiagnosticEngine &diagnostics) {
  const model::CatalogEntry &type = design.catalog[run.rackType];
  std::string name = entryName(design, run.rackType);
  Diagnostic &d = diagnostics.report(
      DiagCode::E0410, run.range,
      name + " is air-cooled and draws " + inUnit(perRack, "kW") +
          " per rack, above the ~30 kW that air cooling removes from one rack");
  if (fraction.setBy) {
    d.note(fraction.setBy->range,
           "the `cooling` block's `liquid_fraction` of 0 takes the liquid cooling away");
  } else if (const Property *own = design.findProperty(type.properties, "liquid_fraction");
             own && !own->isDefault) {
    d.note(own->range, name + " has a `liquid_fraction` of 0: all of its " +
                           inUnit(perRack, "kW") + " goes to air");
  } else {
    d.note(type.range, name + " gives no `liquid_fraction`: all of its " +
                           inUnit(perRack, "kW") + " goes to air");
  }
  d.note("cool it with liquid (a rack type with a `liquid_fraction` above 0), or give its "
         "hall rear-door heat exchangers (an `rdhx` line in its `cooling` block)");
}

// --- E0411, W0412 -------------------------------------------------------------

void checkFlowPerKw(const Design &design, const model::Block &block,
                    const std::vector<Quantity> &liquidIt, const Quantity &designLiquidIt,
                    DiagnosticEngine &diagnostics) {
  const Property *written = writtenProperty(design, block.properties, "flow_per_kw");
  if (!written)
    return;
  const Quantity &flow = *written->value.quantity();
  const Quantity minimum = llvm::cantFail(units::parseQuantity("1.25", "L/min/kW"));
  const Quantity guideline = llvm::cantFail(units::parseQuantity("1.5", "L/min/kW"));
  Diagnostic *d = nullptr;
  if (below(flow, minimum))
    d = &diagnostics.report(DiagCode::E0411, written->range,
                            "coolant flow of " + formatted(flow) + " is below " +
                                formatted(minimum) + ", the bottom of the range" +
                                flowGuideline);
  else if (below(flow, guideline))
    d = &diagnostics.report(DiagCode::W0412, written->range,
                            "coolant flow of " + formatted(flow) + " is below " +
                                formatted(guideline) + flowGuideline);
  if (!d)
    return;
  const Quantity &it = block.node != NoIndex ? liquidIt[block.node] : designLiquidIt;
  if (isPositive(it))
    d->note("the liquid-cooled racks of " + nodeName(design, block.node) + " draw " +
            inUnit(it, "kW") + ": " + inUnit(it, "kW") + " × " + formatted(flow) +
            " = " + formatted(times(it, flow)) + " of coolant, where " + formatted(guideline) +
            " gives " + formatted(times(it, guideline)));
}

// --- E0416 ---------------------------------------------------------------------

void checkCduFlow(const Design &design, const DesignAnalysis &analysis,
                  Index line, const EquipmentSizing &sizing,
                  const std::vector<NodeCooling> &settings,
                  const std::vector<Quantity> &liquidIt, const Quantity &designLiquidIt,
                  DiagnosticEngine &diagnostics) {
  const model::EquipmentGroup &group = design.equipment[line];
  if (group.kind != "cdu")
    return;
  const Property *flowProperty =
      design.findProperty(design.catalog[group.entry].properties, "flow");
  const Quantity *unitFlow = flowProperty ? flowProperty->value.quantity() : nullptr;
  if (!unitFlow || !isPositive(*unitFlow))
    return;
  const NodeFigures &served =
      group.node != NoIndex ? analysis.nodes[group.node] : analysis.design;
  if (!isPositive(served.coolantFlow))
    return;
  // Judge the count the power check asks for when the written one is short:
  // E0401 reports that count already.
  bool shortCount = sizing.sized && sizing.installed < sizing.required;
  uint64_t atN = shortCount ? sizing.perSide : unitsAtN(sizing.installed, group.redundancy);
  Quantity delivered = times(*unitFlow, uint64_t(atN));
  if (!below(delivered, served.coolantFlow))
    return;
  std::string entry = entryName(design, group.entry);
  Diagnostic &d = diagnostics.report(
      DiagCode::E0416, group.range,
      "the CDUs deliver " + formatted(delivered) + " at N (" + std::to_string(atN) + " × " +
          entry + " at " + formatted(*unitFlow) + "), below the coolant flow of " +
          nodeName(design, group.node) + ", " + formatted(served.coolantFlow) +
          " (1.5 L/min per kW of rack load: the OCP guideline)");
  // Where the coolant flow comes from.
  const Quantity &it = group.node != NoIndex ? liquidIt[group.node] : designLiquidIt;
  const Quantity defaultPerKw = llvm::cantFail(units::parseQuantity("1.5", "L/min/kW"));
  const Property *perKwProperty = group.node != NoIndex ? settings[group.node].flowPerKw
                                                        : nullptr;
  const Quantity &perKw = perKwProperty ? *perKwProperty->value.quantity() : defaultPerKw;
  if (times(it, perKw) == served.coolantFlow)
    d.note("coolant flow = " + inUnit(it, "kW") + " of liquid-cooled racks × " +
           formatted(perKw) + " = " + formatted(served.coolantFlow));
  else
    d.note("coolant flow = the liquid-cooled racks' IT load × the `flow_per_kw` of their "
           "`cooling` block = " +
           formatted(served.coolantFlow));
  // Where N comes from.
  if (shortCount)
    d.note("N = ceil(liquid heat " + inUnit(sizing.load, "kW") + " / " +
           inUnit(sizing.unitCapacity, "kW") + ") = " + std::to_string(sizing.perSide) +
           ": the count is sized by the heat, not by the flow");
  else if (group.hasRedundancy && atN != sizing.installed)
    d.note("N = " + std::to_string(atN) + ": " + std::to_string(sizing.installed) +
           " installed under " + model::redundancyName(group.redundancy) +
           ", less the redundant units");
  if (std::optional<uint64_t> needed = unitsFor(served.coolantFlow, *unitFlow)) {
    uint64_t install = withRedundancy(*needed, group.redundancy);
    d.note("the flow needs ceil(" + formatted(served.coolantFlow) + " / " +
           formatted(*unitFlow) + ") = " + std::to_string(*needed) + " at N" +
           (group.hasRedundancy && install != *needed
                ? ", " + std::to_string(install) + " under " +
                      model::redundancyName(group.redundancy)
                : "") +
           ": write `* " + std::to_string(install) + "`");
  }
  d.note(flowProperty->range, entry + " delivers " + formatted(*unitFlow) + " per unit");
}

// --- E0413 -----------------------------------------------------------------------

/// The liquid-cooled rack type with the lowest class limit that a
/// `supply_water` value serves.
struct WaterUse {
  Index rackType = NoIndex;
  int limit = 0;
};

void checkSupplyWater(const Design &design, const Property &supply, const WaterUse &use,
                      const std::vector<RackClasses> &classes, DiagnosticEngine &diagnostics) {
  const Quantity &water = *supply.value.quantity();
  Quantity limit = celsius(use.limit);
  if (!below(limit, water))
    return;
  const RackClasses &rack = classes[use.rackType];
  std::string name = entryName(design, use.rackType);
  Diagnostic &d = diagnostics.report(
      DiagCode::E0413, supply.range,
      "facility water supply of " + formatted(water) + " is above " + formatted(limit) +
          ", the warmest that ASHRAE class " + rack.liquid->name.str() + " of " + name +
          " takes (ASHRAE TC 9.9 liquid classes)");
  if (rack.liquidProperty)
    d.note(rack.liquidProperty->range, name + " is class " + rack.liquid->name.str());
  else
    d.note(design.catalog[use.rackType].range,
           name + " gives no `liquid_class`; a liquid-cooled rack is taken as " +
               defaultLiquidClass.str());
  d.note("ASHRAE liquid classes W17, W27, W32, W40 and W45 take facility water up to 17, 27, "
         "32, 40 and 45 C; W+ above 45 C");
}

// --- E0414, W0415 ----------------------------------------------------------------

void checkSupplyAir(const Design &design, const Property &supply,
                    llvm::ArrayRef<Index> rackTypes, const std::vector<RackClasses> &classes,
                    DiagnosticEngine &diagnostics) {
  const Quantity &air = *supply.value.quantity();
  auto outside = [&](int low, int high) {
    return below(air, celsius(low)) || below(celsius(high), air);
  };
  auto range = [](int low, int high) {
    return formatted(celsius(low)) + " to " + formatted(celsius(high));
  };
  auto classNote = [&](Diagnostic &d, Index rackType) {
    const RackClasses &rack = classes[rackType];
    std::string name = entryName(design, rackType);
    if (rack.airProperty)
      d.note(rack.airProperty->range, name + " is class " + rack.air->name.str());
    else
      d.note(design.catalog[rackType].range,
             name + " gives no `air_class`; equipment is taken as " + defaultAirClass.str());
  };
  // The allowable range of every rack served, then the recommended one.
  for (Index rackType : rackTypes) {
    const AirClass &cls = *classes[rackType].air;
    if (!outside(cls.allowedLow, cls.allowedHigh))
      continue;
    Diagnostic &d = diagnostics.report(
        DiagCode::E0414, supply.range,
        "supply air of " + formatted(air) + " is outside " +
            range(cls.allowedLow, cls.allowedHigh) + ", the allowable range of ASHRAE class " +
            cls.name.str() + " of " + entryName(design, rackType) +
            " (ASHRAE TC 9.9 Thermal Guidelines, 5th ed.)");
    classNote(d, rackType);
    d.note("ASHRAE recommends " + range(cls.recommendedLow, cls.recommendedHigh) +
           " for class " + cls.name.str());
    return;
  }
  const AirClass &fallback = *findClass(airClasses, defaultAirClass);
  if (rackTypes.empty() && outside(fallback.allowedLow, fallback.allowedHigh)) {
    diagnostics
        .report(DiagCode::E0414, supply.range,
                "supply air of " + formatted(air) + " is outside " +
                    range(fallback.allowedLow, fallback.allowedHigh) +
                    ", the allowable range of ASHRAE class " + fallback.name.str() +
                    ", which equipment without an `air_class` is taken to be (ASHRAE TC 9.9 "
                    "Thermal Guidelines, 5th ed.)")
        .note("ASHRAE recommends " + range(fallback.recommendedLow, fallback.recommendedHigh) +
              " for class " + fallback.name.str());
    return;
  }
  for (Index rackType : rackTypes) {
    const AirClass &cls = *classes[rackType].air;
    if (!outside(cls.recommendedLow, cls.recommendedHigh))
      continue;
    Diagnostic &d = diagnostics.report(
        DiagCode::W0415, supply.range,
        "supply air of " + formatted(air) + " is outside " +
            range(cls.recommendedLow, cls.recommendedHigh) +
            ", the ASHRAE recommended range of class " + cls.name.str() + " of " +
            entryName(design, rackType) + " (ASHRAE TC 9.9 Thermal Guidelines, 5th ed.)");
    classNote(d, rackType);
    d.note("it is within " + range(cls.allowedLow, cls.allowedHigh) +
           ", the allowable range of class " + cls.name.str());
    return;
  }
  if (rackTypes.empty() && outside(fallback.recommendedLow, fallback.recommendedHigh))
    diagnostics.report(DiagCode::W0415, supply.range,
                       "supply air of " + formatted(air) + " is outside " +
                           range(fallback.recommendedLow, fallback.recommendedHigh) +
                           ", the ASHRAE recommended range (ASHRAE TC 9.9 Thermal "
                           "Guidelines, 5th ed.)");
}

// Which rack types draw on a cooling block's supply water (the one with the
// lowest limit) and supply air (each once, in order of first use).
void noteCoolingUses(Index rackType, const NodeCooling &cooling, const RunFraction &fraction,
                     bool liquid, const RackClasses &rack,
                     llvm::DenseMap<const Property *, WaterUse> &waterUses,
                     llvm::DenseMap<const Property *, std::vector<Index>> &airUses) {
  if (liquid && cooling.supplyWater && rack.liquid && rack.liquid->limit >= 0) {
    WaterUse &use = waterUses[cooling.supplyWater];
    if (use.rackType == NoIndex || rack.liquid->limit < use.limit)
      use = WaterUse{rackType, rack.liquid->limit};
  }
  bool breathesAir = below(fraction.value, Quantity{Rational(1), units::dimensions::Ratio});
  if (breathesAir && cooling.supplyAir && rack.air) {
    std::vector<Index> &types = airUses[cooling.supplyAir];
    if (!llvm::is_contained(types, rackType))
      types.push_back(rackType);
  }
}

} // namespace

void checkCooling(const Design &design, const DesignAnalysis &analysis,
                  DiagnosticEngine &diagnostics) {
  std::vector<NodeCooling> settings = nodeCooling(design);

  // The classes of every rack type, checked once.
  std::vector<RackClasses> classes(design.catalog.size());
  for (Index entry = 0; entry < design.catalog.size(); ++entry)
    if (design.catalog[entry].kind == "rack_type")
      classes[entry] = rackClasses(design, entry, diagnostics);

  const Quantity zeroPower{Rational(0), units::dimensions::Power};
  const Quantity airCeiling{Rational(airCeilingWatts), units::dimensions::Power};
  std::vector<Quantity> liquidIt(design.nodes.size(), zeroPower);
  Quantity designLiquidIt = zeroPower;
  llvm::DenseMap<const Property *, WaterUse> waterUses;
  llvm::DenseMap<const Property *, std::vector<Index>> airUses;

  // Consecutive runs of one rack type in one node (a row written rack by
  // rack, a run per line) share every figure below: each is worked out once
  // for the stretch, and its liquid-cooled load added once for all its racks.
  struct Stretch {
    Index rackType = NoIndex;
    Index parent = NoIndex;
    const Quantity *perRack = nullptr;
    RunFraction fraction{Quantity{Rational(0), units::dimensions::Ratio}, nullptr};
    bool liquid = false;
    uint64_t racks = 0;
  };
  Stretch stretch;
  auto addLiquidLoad = [&] {
    if (!stretch.perRack || !stretch.liquid || stretch.racks == 0)
      return;
    Quantity &target = stretch.parent != NoIndex ? liquidIt[stretch.parent] : designLiquidIt;
    target = plus(target, times(*stretch.perRack, stretch.racks));
  };
  for (const model::RackRun &run : design.rackRuns) {
    const NodeCooling *cooling = run.parent != NoIndex ? &settings[run.parent] : nullptr;
    if (stretch.rackType != run.rackType || stretch.parent != run.parent) {
      addLiquidLoad();
      stretch = Stretch{run.rackType, run.parent,
                        quantityProperty(design, design.catalog[run.rackType].properties,
                                         "it_power")};
      if (stretch.perRack) {
        stretch.fraction = runFraction(design, run, settings);
        stretch.liquid = isPositive(stretch.fraction.value);
        if (cooling)
          noteCoolingUses(run.rackType, *cooling, stretch.fraction, stretch.liquid,
                          classes[run.rackType], waterUses, airUses);
      }
    }
    if (!stretch.perRack)
      continue;
    stretch.racks += run.count;
    if (!stretch.liquid && below(airCeiling, *stretch.perRack) &&
        (!cooling || cooling->rdhx == NoIndex)) {
      model::NodeScope replicas(diagnostics, design, run.parent);
      checkAirCooledRack(design, run, *stretch.perRack, stretch.fraction, diagnostics);
    }
  }
  addLiquidLoad();
  // Roll the liquid-cooled IT load up to the ancestors: a parent holds
  // `count` replicas of each child.
  for (Index node = static_cast<Index>(design.nodes.size()); node-- > 0;) {
    Index parent = design.nodes[node].parent;
    Quantity &target = parent != NoIndex ? liquidIt[parent] : designLiquidIt;
    target = plus(target, times(liquidIt[node], uint64_t{design.nodes[node].count}));
  }

  for (const model::Block &block : design.blocks) {
    if (block.kind != "cooling")
      continue;
    model::NodeScope replicas(diagnostics, design, block.node);
    checkFlowPerKw(design, block, liquidIt, designLiquidIt, diagnostics);
    if (const Property *water = writtenProperty(design, block.properties, "supply_water"))
      if (auto use = waterUses.find(water); use != waterUses.end())
        checkSupplyWater(design, *water, use->second, classes, diagnostics);
    if (const Property *air = writtenProperty(design, block.properties, "supply_air")) {
      auto use = airUses.find(air);
      checkSupplyAir(design, *air,
                     use != airUses.end() ? llvm::ArrayRef<Index>(use->second)
                                          : llvm::ArrayRef<Index>(),
                     classes, diagnostics);
    }
  }

  for (Index line = 0; line < analysis.equipment.size(); ++line) {
    model::NodeScope replicas(diagnostics, design, design.equipment[line].node);
    checkCduFlow(design, analysis, line, analysis.equipment[line], settings, liquidIt,
                 designLiquidIt, diagnostics);
  }
}

} // namespace sgd::checks
