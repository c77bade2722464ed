#include "checks/PowerCheck.h"

#include "checks/QuantityMath.h"

#include "model/NodeScope.h"

#include "units/QuantityFormat.h"

namespace sgd::checks {
namespace {

using model::Design;
using model::EquipmentGroup;

std::string formatted(const Quantity &quantity) { return units::format(quantity); }

// An explicit count below what the load needs under the redundancy: say how
// many are needed, and what drops when one unit (one side of a 2N system)
// is lost.
void checkCount(const Design &design, const EquipmentSizing &sizing,
                DiagnosticEngine &diagnostics) {
  const EquipmentGroup &group = design.equipment[sizing.group];
  if (group.autoCount || !sizing.sized || sizing.installed >= sizing.required)
    return;
  model::NodeScope replicas(diagnostics, design, group.node);
  const model::Redundancy &redundancy = group.redundancy;
  std::string entry = design.catalog[group.entry].qualifiedName.str();
  std::string scheme = group.hasRedundancy ? " under " + model::redundancyName(redundancy) : "";
  std::string perSide = redundancy.factor == 2 ? " per side" : "";
  Diagnostic &d = diagnostics.report(
      DiagCode::E0401, group.countRange.isValid() ? group.countRange : group.range,
      "`" + group.kind.str() + "` needs " + std::to_string(sizing.required) + " × `" + entry +
          "`" + scheme + ", not " + std::to_string(sizing.installed) + ": the " +
          sizing.loadName.str() + " of " + nodeName(design, group.node) + " is " +
          formatted(sizing.load) + ", and one unit carries " + formatted(sizing.unitCapacity) +
          " (" + sizing.capacityName.str() + ")");
  d.note("N = ceil(" + formatted(sizing.load) + " / " + formatted(sizing.unitCapacity) +
         ") = " + std::to_string(sizing.perSide) + perSide +
         (group.hasRedundancy ? "; " + model::redundancyName(redundancy) + " installs " +
                                    std::to_string(sizing.required)
                              : ""));
  // What is left after the worst single loss.
  uint64_t left = sizing.installed;
  std::string loss = "losing one unit";
  if (redundancy.factor == 2) {
    left = sizing.installed / 2; // the smaller side
    loss = "losing one side";
  } else if (left > 0) {
    left -= 1;
  }
  Quantity remaining = times(sizing.unitCapacity, left);
  Quantity shortfall = minus(sizing.load, remaining);
  if (isPositive(shortfall))
    d.note("with " + std::to_string(sizing.installed) + ", " + loss + " leaves " +
           std::to_string(left) + " × " + formatted(sizing.unitCapacity) + " = " +
           formatted(remaining) + " for " + formatted(sizing.load) + ": " +
           formatted(shortfall) + " of the " + sizing.loadName.str() + " of " +
           nodeName(design, group.node) + " drops");
}

void checkGenerator(const Design &design, const EquipmentGroup &group, Index tierSite,
                    DiagnosticEngine &diagnostics) {
  model::NodeScope replicas(diagnostics, design, group.node);
  const model::Property *fuel = design.findProperty(group.properties, "fuel_hours");
  const Quantity twelveHours = llvm::cantFail(units::parseQuantity("12", "h"));
  if (!fuel) {
    diagnostics.report(DiagCode::E0402, group.range,
                       "generators need `fuel_hours`: fuel for at least 12 h at N (Uptime "
                       "Tier Standard, every tier; domain facts §2.6)");
  } else if (const Quantity *hours = fuel->value.quantity()) {
    llvm::Expected<std::strong_ordering> order = units::compare(*hours, twelveHours);
    if (order && *order < 0)
      diagnostics.report(DiagCode::E0402, fuel->range,
                         "generators need fuel for at least 12 h at N (Uptime Tier Standard, "
                         "every tier; domain facts §2.6); this is " +
                             units::format(*hours));
    else if (!order)
      llvm::consumeError(order.takeError());
  }
  if (tierSite == NoIndex)
    return;
  const model::Value *tier = design.property(design.nodes[tierSite].properties, "tier");
  const Quantity *level = tier ? tier->quantity() : nullptr;
  if (!level || level->value < units::Rational(3))
    return;
  const model::Value *rating = design.property(design.catalog[group.entry].properties,
                                               "rating_class");
  const std::string *ratingClass = rating ? rating->text() : nullptr;
  if (ratingClass && (*ratingClass == "DCC" || *ratingClass == "COP"))
    return;
  Diagnostic &d = diagnostics.report(
      DiagCode::E0404, group.range,
      "Tier " + units::format(*level) + " needs generators without a run-hour limit at N: " +
          "rated DCC (data center continuous) or COP (continuous); `" +
          design.catalog[group.entry].qualifiedName.str() + "` is " +
          (ratingClass ? "rated " + *ratingClass : "not given a `rating_class`"));
  d.note(design.catalog[group.entry].range, "catalog entry here");
}

// The utility feeds of each site against its peak demand.
void checkUtilities(const Design &design, const DesignAnalysis &analysis,
                    DiagnosticEngine &diagnostics) {
  for (const model::Block &block : design.blocks) {
    if (block.kind != "utility")
      continue;
    const NodeFigures &site = block.node != NoIndex ? analysis.nodes[block.node]
                                                    : analysis.design;
    const model::Property *capacity = design.findProperty(block.properties, "capacity");
    if (!capacity || !capacity->value.quantity())
      continue;
    // Several feeds of one site share the demand.
    Quantity total = *capacity->value.quantity();
    for (const model::Block &other : design.blocks)
      if (&other != &block && other.kind == "utility" && other.node == block.node)
        if (const Quantity *more = quantityProperty(design, other.properties, "capacity"))
          total = plus(total, *more);
    llvm::Expected<std::strong_ordering> order = units::compare(total, site.peakDemand);
    if (!order) {
      llvm::consumeError(order.takeError());
      continue;
    }
    if (*order >= 0)
      continue;
    model::NodeScope replicas(diagnostics, design, block.node);
    Diagnostic &d = diagnostics.report(
        DiagCode::E0403, capacity->range,
        "the utility feeds " + formatted(total) + ", below the peak demand of " +
            nodeName(design, block.node) + ", " + formatted(site.peakDemand));
    const thermal::SiteEnergy *energy =
        block.node != NoIndex ? analysis.thermal.siteOf(design, block.node) : nullptr;
    if (energy && energy->modelled())
      d.note("peak demand on the design day: IT load " + formatted(site.itPower) +
             " and what the equipment draws (peak PUE " + formatted(site.pue) +
             "; `sgdc check --summary` shows the parts)");
    else
      d.note("peak demand = IT load " + formatted(site.itPower) + " × PUE " +
             formatted(site.pue) + " = " + formatted(site.peakDemand));
    // What passes: this feed's capacity raised by the shortfall.
    Quantity passing = plus(*capacity->value.quantity(), minus(site.peakDemand, total));
    d.note("`capacity = " + formatted(passing) + ";` or more passes")
        .fix(capacity->range, formatted(passing));
  }
}

} // namespace

void checkPower(const Design &design, const DesignAnalysis &analysis,
                DiagnosticEngine &diagnostics) {
  for (const EquipmentSizing &sizing : analysis.equipment)
    checkCount(design, sizing, diagnostics);
  for (const EquipmentGroup &group : design.equipment)
    if (group.kind == "generator")
      checkGenerator(design, group, design.topLevelOf(group.node), diagnostics);
  checkUtilities(design, analysis, diagnostics);
}

} // namespace sgd::checks
