#include "checks/ZoneCheck.h"

#include "model/NodeScope.h"

#include <algorithm>
#include <optional>
#include <string>

namespace sgd::checks {
namespace {

using model::Design;

/// The protection class of a zone, 1 … 4.
std::optional<int64_t> zoneClass(const Design &design, Index zone) {
  const Quantity *value = quantityProperty(design, design.zones[zone].properties, "class");
  if (!value || value->value.denominator() != 1)
    return std::nullopt;
  return static_cast<int64_t>(value->value.numerator());
}

std::string zoneName(const Design &design, Index zone) {
  return "`" + design.zones[zone].name.str() + "`";
}

/// Where a zone's class is written (its name when it has none).
SourceRange classRange(const Design &design, Index zone) {
  if (const model::Property *property =
          design.findProperty(design.zones[zone].properties, "class"))
    return property->range;
  return design.zones[zone].range;
}

SourceRange zoneValueRange(const Design &design, model::PropertySpan span, SourceRange fallback) {
  if (const model::Property *property = design.findProperty(span, "zone"))
    return property->range;
  return fallback;
}

void noteClass(const Design &design, Diagnostic &diagnostic, Index zone, int64_t level) {
  diagnostic.note(classRange(design, zone),
                  "zone " + zoneName(design, zone) + " is class " + std::to_string(level));
}

// `inside` links must not close a loop. Each zone has at most one `inside`,
// so following the links from each zone either ends at an outermost zone or
// runs into a loop; every loop is reported once.
void checkCycles(const Design &design, DiagnosticEngine &diagnostics) {
  enum : uint8_t { Unvisited, OnPath, Done };
  std::vector<uint8_t> state(design.zones.size(), Unvisited);
  for (Index start = 0; start < design.zones.size(); ++start) {
    std::vector<Index> path;
    Index at = start;
    while (at != NoIndex && state[at] == Unvisited) {
      state[at] = OnPath;
      path.push_back(at);
      at = design.zones[at].inside;
    }
    if (at != NoIndex && state[at] == OnPath) {
      model::NodeScope replicas(diagnostics, design, design.zones[at].node);
      // The loop is the part of the path from `at` on; start it at its
      // first-declared zone so the report does not depend on the walk.
      std::vector<Index> loop(std::find(path.begin(), path.end(), at), path.end());
      std::rotate(loop.begin(), std::min_element(loop.begin(), loop.end()), loop.end());
      std::string chain;
      for (Index zone : loop)
        chain += zoneName(design, zone) + " inside ";
      chain += zoneName(design, loop.front());
      auto insideRange = [&](Index zone) {
        const model::Property *inside =
            design.findProperty(design.zones[zone].properties, "inside");
        return inside ? inside->range : design.zones[zone].range;
      };
      Diagnostic &d = diagnostics.report(
          DiagCode::E0425, insideRange(loop.front()),
          "zones enclose each other in a cycle: " + chain +
              "; zones form a tree, each inside at most one zone and the outermost inside none");
      for (size_t i = 1; i < loop.size(); ++i)
        d.note(insideRange(loop[i]), zoneName(design, loop[i]) + " is inside " +
                                         zoneName(design, design.zones[loop[i]].inside) + " here");
    }
    for (Index zone : path)
      state[zone] = Done;
  }
}

// Inward, the class rises by at most one step (shell principle).
void checkClassSteps(const Design &design, DiagnosticEngine &diagnostics) {
  for (Index zone = 0; zone < design.zones.size(); ++zone) {
    Index parent = design.zones[zone].inside;
    if (parent == NoIndex || parent == zone)
      continue;
    std::optional<int64_t> inner = zoneClass(design, zone);
    std::optional<int64_t> outer = zoneClass(design, parent);
    if (!inner || !outer || *inner <= *outer + 1)
      continue;
    model::NodeScope replicas(diagnostics, design, design.zones[zone].node);
    Diagnostic &d = diagnostics.report(
        DiagCode::E0426, classRange(design, zone),
        "zone " + zoneName(design, zone) + " is class " + std::to_string(*inner) +
            ", but it is inside " + zoneName(design, parent) + " of class " +
            std::to_string(*outer) + ": the class rises by at most one step inward, so " +
            zoneName(design, zone) + " can be class " + std::to_string(*outer + 1) +
            " at most here (the shell principle of TÜV NORD TSI V4.3); put it inside a "
            "zone of class " +
            std::to_string(*inner - 1));
    noteClass(design, d, parent, *outer);
  }
}

// A data hall sits in a class-4 zone.
void checkHalls(const Design &design, DiagnosticEngine &diagnostics) {
  for (Index hall = 0; hall < design.nodes.size(); ++hall) {
    const model::Node &node = design.nodes[hall];
    if (node.level != model::Level::Hall)
      continue;
    model::NodeScope replicas(diagnostics, design, hall);
    if (node.zone != NoIndex) {
      std::optional<int64_t> level = zoneClass(design, node.zone);
      if (!level || *level >= 4)
        continue;
      Diagnostic &d = diagnostics.report(
          DiagCode::E0427, zoneValueRange(design, node.properties, node.range),
          "a data hall belongs in a zone of class 4; " + zoneName(design, node.zone) +
              " is class " + std::to_string(*level));
      noteClass(design, d, node.zone, *level);
      continue;
    }
    // No zone of its own: the building's (or site's) applies.
    Index holder = node.parent;
    while (holder != NoIndex && design.nodes[holder].zone == NoIndex)
      holder = design.nodes[holder].parent;
    if (holder != NoIndex) {
      Index zone = design.nodes[holder].zone;
      std::optional<int64_t> level = zoneClass(design, zone);
      if (!level || *level >= 4)
        continue;
      const model::Node &outer = design.nodes[holder];
      Diagnostic &d = diagnostics.report(
          DiagCode::E0427, node.range,
          "the hall sets no `zone`, so it sits in zone " + zoneName(design, zone) + " of its " +
              model::levelName(outer.level).str() + ", class " + std::to_string(*level) +
              "; a data hall belongs in a zone of class 4");
      d.note(zoneValueRange(design, outer.properties, outer.range),
             "the " + model::levelName(outer.level).str() + " is in zone " +
                 zoneName(design, zone) + " here");
      continue;
    }
    // No zone anywhere above: an error only where the design uses zones.
    Index site = design.topLevelOf(hall);
    Index siteNode = design.nodes[site].level == model::Level::Site ? site : NoIndex;
    Index declared = NoIndex, classFour = NoIndex;
    for (Index zone = 0; zone < design.zones.size(); ++zone) {
      if (design.zones[zone].node != siteNode && design.zones[zone].node != NoIndex)
        continue;
      if (declared == NoIndex)
        declared = zone;
      if (classFour == NoIndex && zoneClass(design, zone) == 4)
        classFour = zone;
    }
    if (declared == NoIndex)
      continue;
    Diagnostic &d = diagnostics.report(
        DiagCode::E0427, node.range,
        "the hall is in no security zone, but the design declares zones: a data hall belongs in "
        "a zone of class 4; set `zone` on the hall");
    if (classFour != NoIndex)
      d.note(design.zones[classFour].range, "zone " + zoneName(design, classFour) + " is class 4");
  }
}

// Electrical and mechanical plant sits in class ≥ 3.
void checkPlant(const Design &design, DiagnosticEngine &diagnostics) {
  auto check = [&](Index zone, SourceRange at, const std::string &what) {
    std::optional<int64_t> level = zoneClass(design, zone);
    if (!level || *level >= 3)
      return;
    Diagnostic &d = diagnostics.report(
        DiagCode::E0428, at,
        what + " belongs in a zone of class 3 or more; " + zoneName(design, zone) + " is class " +
            std::to_string(*level) +
            " (TÜV NORD TSI V4.3: electrical distribution and air conditioning in at least "
            "protection class 3)");
    noteClass(design, d, zone, *level);
  };
  for (const model::Block &block : design.blocks) {
    if (block.zone == NoIndex)
      continue;
    std::string what;
    if (block.kind == "power")
      what = "the electrical plant of a `power` block";
    else if (block.kind == "cooling")
      what = "the mechanical plant of a `cooling` block";
    else if (block.kind == "substation")
      what = "a substation";
    else
      continue;
    model::NodeScope replicas(diagnostics, design, block.node);
    check(block.zone, zoneValueRange(design, block.properties, block.range), what);
  }
  // Equipment lines in a block share its zone, which is checked above.
  for (const model::EquipmentGroup &group : design.equipment) {
    const model::Property *own = design.findProperty(group.properties, "zone");
    if (group.zone == NoIndex || !own)
      continue;
    model::NodeScope replicas(diagnostics, design, group.node);
    check(group.zone, own->range, "`" + group.kind.str() + "` equipment");
  }
}

// Zones of class 3 and 4 list their access controls.
void checkControls(const Design &design, DiagnosticEngine &diagnostics) {
  for (Index zone = 0; zone < design.zones.size(); ++zone) {
    std::optional<int64_t> level = zoneClass(design, zone);
    if (!level || *level < 3)
      continue;
    const model::Property *controls =
        design.findProperty(design.zones[zone].properties, "controls");
    const model::ValueList *list = controls ? controls->value.list() : nullptr;
    if (controls && (!list || !list->empty()))
      continue;
    model::NodeScope replicas(diagnostics, design, design.zones[zone].node);
    diagnostics.report(
        DiagCode::E0429, controls ? controls->range : design.zones[zone].range,
        "zone " + zoneName(design, zone) + " is class " + std::to_string(*level) +
            (controls ? " and its `controls` list is empty" : " and lists no `controls`") +
            ": a zone of class 3 or 4 needs its access and monitoring controls, such as "
            "`controls = [badge, cctv];` (ISO/IEC 27001:2022 A.7.2, A.7.4)");
  }
}

} // namespace

void checkZones(const Design &design, const DesignAnalysis &, DiagnosticEngine &diagnostics) {
  checkCycles(design, diagnostics);
  checkClassSteps(design, diagnostics);
  checkHalls(design, diagnostics);
  checkPlant(design, diagnostics);
  checkControls(design, diagnostics);
}

} // namespace sgd::checks
