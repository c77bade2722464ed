#include "checks/PowerCheck.h"

#include "checks/PowerNames.h"
#include "checks/QuantityMath.h"

#include "model/NodeScope.h"

#include "units/QuantityFormat.h"

#include <set>

namespace sgd::checks {
namespace {

using model::Design;
using model::EquipmentGroup;
using power::Element;
using power::ElementKind;
using power::PowerGraph;

std::string formatted(const Quantity &quantity) { return units::format(quantity); }

Index siteOf(const Design &design, Index node) {
  Index top = design.topLevelOf(node);
  return top != NoIndex && design.nodes[top].level == model::Level::Site ? top : NoIndex;
}

std::string entryOf(const Design &design, const EquipmentGroup &group) {
  return "`" + design.catalog[group.entry].qualifiedName.str() + "`";
}

// A written count below what the load needs under the redundancy: say how
// many are needed, and what drops when one unit (one side of a 2N system)
// is lost.
void checkCount(const Design &design, Index line, const EquipmentSizing &sizing,
                DiagnosticEngine &diagnostics) {
  const EquipmentGroup &group = design.equipment[line];
  if (group.autoCount || !sizing.sized || sizing.installed >= sizing.required)
    return;
  model::NodeScope replicas(diagnostics, design, group.node);
  const model::Redundancy &redundancy = group.redundancy;
  std::string scheme = group.hasRedundancy ? " under " + model::redundancyName(redundancy) : "";
  SourceRange at = group.countRange.isValid() ? group.countRange : group.range;
  std::string head = "`" + group.kind.str() + "` needs " + std::to_string(sizing.required) +
                     " × " + entryOf(design, group) + scheme + ", not " +
                     std::to_string(sizing.installed);
  if (llvm::StringRef(sizing.basis).startswith("per connection")) {
    diagnostics
        .report(DiagCode::E0401, at,
                head + ": tap-offs and rack PDUs serve one cord each, " +
                    sizing.basis.substr(sizing.basis.find(':') + 2) + " in " +
                    nodeName(design, group.node))
        .note("a tap-off or rack PDU is counted per cord, not by load");
    return;
  }
  Diagnostic &d = diagnostics.report(
      DiagCode::E0401, at,
      head + ": the " + sizing.loadName.str() + " of " + nodeName(design, group.node) + " is " +
          formatted(sizing.load) + ", and one unit carries " + formatted(sizing.unitCapacity) +
          " (" + sizing.capacityName.str() + ")");
  std::string perSystem = redundancy.share > 1 ? " per system" : redundancy.factor == 2 ? " per side" : "";
  if (llvm::StringRef(sizing.basis).startswith("per row"))
    d.note("busway runs serve one row each, counted " + sizing.basis + ": N = " +
           std::to_string(sizing.perSide) + perSystem +
           (group.hasRedundancy ? "; " + model::redundancyName(redundancy) + " installs " +
                                      std::to_string(sizing.required)
                                : ""));
  else if (redundancy.share > 1)
    d.note("N = ceil(" + formatted(sizing.load) + " / " + std::to_string(redundancy.share) +
           " / " + formatted(sizing.unitCapacity) + ") = " + std::to_string(sizing.perSide) +
           perSystem + ": each of " + std::to_string(redundancy.factor) +
           " systems carries 1/" + std::to_string(redundancy.share) + " of the load; " +
           model::redundancyName(redundancy) + " installs " + std::to_string(sizing.required));
  else
    d.note("N = ceil(" + formatted(sizing.load) + " / " + formatted(sizing.unitCapacity) +
           ") = " + std::to_string(sizing.perSide) + perSystem +
           (group.hasRedundancy ? "; " + model::redundancyName(redundancy) + " installs " +
                                      std::to_string(sizing.required)
                                : ""));
  if (redundancy.share > 1 || redundancy.catcher || llvm::StringRef(sizing.basis).startswith("per row"))
    return;
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

// A line on a written path carries what the other paths carried when one of
// them is lost (N-1).
void checkPathShares(const Design &design, const DesignAnalysis &analysis,
                     DiagnosticEngine &diagnostics) {
  const PowerGraph &graph = analysis.power.graph;
  for (Index group = 0; group < design.equipment.size(); ++group) {
    const EquipmentGroup &g = design.equipment[group];
    const power::LineSizing &sizing = graph.sizing[group];
    if (g.autoCount || !sizing.sized || sizing.writtenPaths < 2 ||
        sizing.installed < sizing.required || sizing.installed >= sizing.failoverRequired)
      continue;
    llvm::ArrayRef<Index> own = graph.elementsOf(group);
    if (own.empty())
      continue;
    const Element &line = graph.elements[own.front()];
    // Another path written beside it, to name.
    std::string other;
    for (const Element &e : graph.elements)
      if (e.group != NoIndex && !e.implied && e.stage == line.stage &&
          e.structure == line.structure && e.path != line.path &&
          graph.sizing[e.group].writtenPaths > 0) {
        other = e.path.str();
        break;
      }
    model::NodeScope replicas(diagnostics, design, g.node);
    Diagnostic &d = diagnostics.report(
        DiagCode::E0440, g.countRange.isValid() ? g.countRange : g.range,
        "`" + g.kind.str() + "` on path " + line.path.str() + " needs " +
            std::to_string(sizing.failoverRequired) + " × " + entryOf(design, g) + ", not " +
            std::to_string(sizing.installed) + ": when path " +
            (other.empty() ? "another" : other) + " is lost, path " + line.path.str() +
            " carries its share of the " + sizing.loadName.str() + " of " +
            nodeName(design, g.node) + " too (N-1)");
    d.note("the " + sizing.loadName.str() + " is " + formatted(*sizing.load) + " over " +
           std::to_string(sizing.writtenPaths) + " paths: " +
           formatted(*line.load) + " on path " + line.path.str() + " normally, " +
           formatted(*line.failoverLoad) + " when one path is lost; one unit carries " +
           formatted(*sizing.unitCapacity));
    if (llvm::StringRef(sizing.basis).startswith("per row"))
      d.note("busway runs serve one row each (" + sizing.basis.str() +
             "), so each row's share of the load is rounded up to whole runs on its own");
    d.note(std::to_string(sizing.installed) + " × " + formatted(*sizing.unitCapacity) + " = " +
           formatted(times(*sizing.unitCapacity, sizing.installed)) + " carries path " +
           line.path.str() + " normally but not after the loss of another path");
  }
}

// A tap-off or rack PDU carries one cord of its largest rack when a path is
// lost.
void checkConnections(const Design &design, const DesignAnalysis &analysis,
                      DiagnosticEngine &diagnostics) {
  const PowerGraph &graph = analysis.power.graph;
  std::set<Index> reported;
  for (const power::LoadPoint &point : graph.loadPoints)
    for (Index cord : point.cords)
      for (Index feeder : graph.feeders(cord)) {
        const Element &tap = graph.elements[feeder];
        if (tap.kind != ElementKind::Connection || tap.implied || !reported.insert(tap.group).second)
          continue;
        if (!below(*tap.unitRating, point.cordLoad)) {
          reported.erase(tap.group);
          continue;
        }
        const EquipmentGroup &g = design.equipment[tap.group];
        model::NodeScope replicas(diagnostics, design, g.node);
        diagnostics
            .report(DiagCode::E0444, g.range,
                    "one " + entryOf(design, g) + " carries " + formatted(*tap.unitRating) +
                        ", below the " + formatted(point.cordLoad) +
                        " one cord of the largest rack of " + nodeName(design, point.structure) +
                        " carries when a path is lost")
            .note("a dual-corded rack falls back on its other cord(s): the rack's IT load "
                  "÷ power factor ÷ the cords on the paths that remain");
      }
}

// Every UPS has energy storage that outlasts the start of its generators.
void checkStorage(const Design &design, const DesignAnalysis &analysis,
                  DiagnosticEngine &diagnostics) {
  const PowerGraph &graph = analysis.power.graph;
  std::set<Index> reported;
  for (const power::StorageFinding &finding : analysis.powerFindings.storage) {
    const Element &ups = graph.elements[finding.ups];
    if (!reported.insert(ups.group).second)
      continue;
    const EquipmentGroup &g = design.equipment[ups.group];
    model::NodeScope replicas(diagnostics, design, g.node);
    if (finding.missing) {
      diagnostics
          .report(DiagCode::E0445, g.range,
                  "`ups` " + entryOf(design, g) + " of " + nodeName(design, g.node) +
                      " has no energy storage: nothing carries the racks between the loss of "
                      "the utility and the start of the generators")
          .note("add a `battery` line (cabinets or flywheels) beside it, or use a UPS entry "
                "with a `runtime` of its own");
      continue;
    }
    Diagnostic &d = diagnostics.report(
        DiagCode::E0446,
        finding.storage != NoIndex ? elementRange(design, graph, finding.storage) : g.range,
        "the energy storage of `ups` " + entryOf(design, g) + " rides through " +
            formatted(finding.autonomy) + ", less than the " + formatted(finding.needed) +
            " until " + elementName(design, graph, finding.generator) + " carries the load");
    std::string needed = "start time " + formatted(finding.start) + " of " +
                         elementName(design, graph, finding.generator);
    if (finding.transferTime)
      needed += " + transfer time " + formatted(*finding.transferTime) + " of " +
                elementName(design, graph, finding.transfer);
    d.note(needed + " = " + formatted(finding.needed));
    d.note("a battery or flywheel must carry the racks until on-site generation takes the "
           "load; use storage with a longer runtime, or faster-starting generation");
  }
}

// The utility feeds of each site against its peak demand.
void checkUtilities(const Design &design, const DesignAnalysis &analysis,
                    DiagnosticEngine &diagnostics) {
  const PowerGraph &graph = analysis.power.graph;
  for (const power::UtilityShortfall &shortfall : analysis.powerFindings.utilities) {
    const Element &first = graph.elements[shortfall.feeds.empty() ? 0 : shortfall.feeds.front()];
    if (shortfall.feeds.empty() || first.block == NoIndex)
      continue;
    const model::Block &block = design.blocks[first.block];
    const model::Property *capacity = design.findProperty(block.properties, "capacity");
    SourceRange at = capacity ? capacity->range : block.range;
    const NodeFigures &site = shortfall.site != NoIndex ? analysis.nodes[shortfall.site]
                                                        : analysis.design;
    std::string what = shortfall.path.empty()
                           ? "the utility feeds carry "
                           : "on path " + shortfall.path + " alone, the utility feeds carry ";
    model::NodeScope replicas(diagnostics, design, shortfall.site);
    Diagnostic &d = diagnostics.report(
        DiagCode::E0403, at,
        what + formatted(shortfall.available) + ", below the peak demand of " +
            nodeName(design, shortfall.site) + ", " + formatted(shortfall.demand));
    const thermal::SiteEnergy *energy =
        shortfall.site != NoIndex ? analysis.thermal.siteOf(design, shortfall.site) : nullptr;
    if (energy && energy->modelled())
      d.note("peak demand on the design day: IT load " + formatted(site.itPower) +
             " and what the equipment draws (peak PUE " + formatted(site.pue) +
             "; `sgdc check --summary` shows the parts)");
    else
      d.note("peak demand = IT load " + formatted(site.itPower) + " × PUE " +
             formatted(site.pue) + " = " + formatted(site.peakDemand));
    if (!shortfall.path.empty())
      d.note("feeds on separate paths back each other up (2N): each path carries the site "
             "with the feeds on no path, and the paths are not added together");
    // What passes: this feed's capacity raised by the shortfall.
    if (capacity && capacity->value.quantity()) {
      Quantity passing = plus(*capacity->value.quantity(),
                              minus(shortfall.demand, shortfall.available));
      d.note("`capacity = " + formatted(passing) + ";` or more passes")
          .fix(capacity->range, formatted(passing));
    }
  }
}

// Voltages along the chain.
void checkVoltages(const Design &design, const DesignAnalysis &analysis,
                   DiagnosticEngine &diagnostics) {
  const PowerGraph &graph = analysis.power.graph;
  std::set<std::pair<Index, Index>> reported; // (group, block) of the written element
  for (const power::VoltageMismatch &mismatch : analysis.powerFindings.voltages) {
    const Element &e = graph.elements[writtenElement(graph, mismatch.element)];
    if (!reported.insert({e.group, e.block}).second)
      continue;
    model::NodeScope replicas(diagnostics, design, e.structure);
    std::string name = elementName(design, graph, mismatch.element);
    std::string supply = elementName(design, graph, mismatch.feeder);
    std::string message;
    if (mismatch.side == "rated")
      message = name + " is rated " + formatted(mismatch.found) + ", below the " +
                formatted(mismatch.system) + " system that " + supply + " feeds it";
    else if (mismatch.side == "output")
      message = name + " delivers " + formatted(mismatch.found) + " onto the " +
                formatted(mismatch.system) + " bus that " + supply + " sets";
    else
      message = name + " has a " + formatted(mismatch.found) + " " + mismatch.side.str() +
                ", but " + supply + " feeds it at " + formatted(mismatch.system);
    diagnostics.report(DiagCode::E0447, elementRange(design, graph, mismatch.element), message)
        .note("windings and sources meet the nominal system voltage within ±5 % (ANSI C84.1 "
              "range A); gear and conductors are rated for it at least");
  }
}

// Elements whose loss drops racks that have several paths, in sites that
// claim no Tier III or IV (those report E0431).
void checkSinglePoints(const Design &design, const DesignAnalysis &analysis,
                       DiagnosticEngine &diagnostics) {
  const PowerGraph &graph = analysis.power.graph;
  std::set<std::pair<Index, Index>> reported;
  std::set<Index> singleCorded;
  for (const power::SinglePoint &point : analysis.powerFindings.allPoints) {
    std::vector<Index> halls;
    for (Index lp : point.loadPoints) {
      Index structure = graph.loadPoints[lp].structure;
      if (graph.loadPoints[lp].cords.size() >= 2 &&
          claimedTier(design, structure == NoIndex ? NoIndex : siteOf(design, structure)) < 3)
        halls.push_back(lp);
    }
    if (halls.empty())
      continue;
    const Element &e = graph.elements[writtenElement(graph, point.element)];
    // Single-corded racks drop with every element of their path: one
    // warning per hall.
    if (point.singleCorded ? !singleCorded.insert(halls.front()).second
                           : !reported.insert({e.group, e.block}).second)
      continue;
    const power::LoadPoint &first = graph.loadPoints[halls.front()];
    // About each replica of the element's structure.
    model::NodeScope replicas(diagnostics, design, graph.elements[point.element].structure);
    Diagnostic &d = diagnostics.report(
        DiagCode::W0441, elementRange(design, graph, point.element),
        "losing " + elementName(design, graph, point.element) + " drops " +
            (point.singleCorded ? "the single-corded racks on its path in " : "") +
            hallsText(design, graph, halls, graph.elements[point.element].structure) +
            ", whose racks have " +
            std::to_string(first.cords.size()) + " paths (N-1)");
    d.note(point.singleCorded
               ? "a rack with one power cord is on one path only"
               : point.unitShort ? "it has no spare unit, and every path of the hall runs through it"
                                 : "every path of the hall runs through it");
  }
}

} // namespace

void checkPower(const Design &design, const DesignAnalysis &analysis,
                DiagnosticEngine &diagnostics) {
  for (Index line = 0; line < analysis.equipment.size(); ++line)
    checkCount(design, line, analysis.equipment[line], diagnostics);
  checkPathShares(design, analysis, diagnostics);
  checkConnections(design, analysis, diagnostics);
  checkStorage(design, analysis, diagnostics);
  checkUtilities(design, analysis, diagnostics);
  checkVoltages(design, analysis, diagnostics);
  for (const power::LayoutProblem &problem : analysis.power.layoutProblems) {
    model::NodeScope replicas(diagnostics, design, design.equipment[problem.group].node);
    diagnostics.report(DiagCode::E0448, design.equipment[problem.group].range, problem.message);
  }
  checkSinglePoints(design, analysis, diagnostics);
}

int64_t claimedTier(const Design &design, Index site) {
  if (site == NoIndex)
    return 0;
  const model::Value *tier = design.property(design.nodes[site].properties, "tier");
  const Quantity *level = tier ? tier->quantity() : nullptr;
  if (!level || level->value.denominator() != 1)
    return 0;
  return static_cast<int64_t>(level->value.numerator());
}

} // namespace sgd::checks
