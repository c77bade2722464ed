#include "checks/Summary.h"

#include "checks/QuantityMath.h"

#include "units/QuantityFormat.h"

namespace sgd::checks {

using model::Design;

std::string figuresLine(const NodeFigures &figures) {
  return "IT load " + units::format(figures.itPower) + ", peak demand " +
         units::format(figures.peakDemand) + " (PUE " + units::format(figures.pue) +
         "), liquid heat " + units::format(figures.liquidHeat) + ", air heat " +
         units::format(figures.airHeat) + ", coolant flow " +
         inUnit(figures.coolantFlow, "L/min");
}

std::string equipmentLine(const Design &design, const EquipmentSizing &sizing) {
  const model::EquipmentGroup &group = design.equipment[sizing.group];
  std::string text = group.kind.str() + " " + design.catalog[group.entry].qualifiedName.str() +
                     " × " + std::to_string(sizing.installed) +
                     (group.autoCount ? " (auto" : " (written");
  if (!sizing.sized)
    return text + "; not sized: the entry has no size figure)";
  text += ", " + model::redundancyName(group.redundancy) + ": N = " + std::to_string(sizing.perSide) +
          (group.redundancy.factor == 2 ? " per side" : "") + ") for " +
          sizing.loadName.str() + " " + units::format(sizing.load) + " at " +
          units::format(sizing.unitCapacity) + " each";
  return text;
}

namespace {

/// Equipment lines per node, found once.
std::vector<std::vector<Index>> equipmentByNode(const Design &design) {
  std::vector<std::vector<Index>> byNode(design.nodes.size());
  for (Index group = 0; group < design.equipment.size(); ++group)
    if (design.equipment[group].node != NoIndex)
      byNode[design.equipment[group].node].push_back(group);
  return byNode;
}

} // namespace

void printSummary(const Design &design, const DesignAnalysis &analysis,
                  llvm::raw_ostream &out) {
  std::vector<std::vector<Index>> byNode = equipmentByNode(design);
  out << "design: " << figuresLine(analysis.design) << "\n";
  for (const EquipmentSizing &sizing : analysis.equipment)
    if (design.equipment[sizing.group].node == NoIndex)
      out << "  " << equipmentLine(design, sizing) << "\n";
  for (Index node = 0; node < design.nodes.size(); ++node) {
    const model::Node &n = design.nodes[node];
    if (n.level > model::Level::Hall)
      continue;
    std::string indent(static_cast<size_t>(n.level) * 2, ' ');
    out << indent << model::levelName(n.level) << " " << design.pathOf(node) << ": "
        << figuresLine(analysis.nodes[node]) << "\n";
    for (Index group : byNode[node])
      out << indent << "  " << equipmentLine(design, analysis.equipment[group]) << "\n";
  }
}

void writeSummaryJson(const Design &design, const DesignAnalysis &analysis,
                      llvm::json::OStream &json) {
  auto figures = [&](const NodeFigures &f) {
    json.attribute("it_power", units::format(f.itPower));
    json.attribute("peak_demand", units::format(f.peakDemand));
    json.attribute("pue", units::format(f.pue));
    json.attribute("liquid_heat", units::format(f.liquidHeat));
    json.attribute("air_heat", units::format(f.airHeat));
    json.attribute("coolant_flow", inUnit(f.coolantFlow, "L/min"));
  };
  json.attributeObject("figures", [&] {
    figures(analysis.design);
    json.attributeArray("nodes", [&] {
      for (Index node = 0; node < design.nodes.size(); ++node)
        if (design.nodes[node].level <= model::Level::Hall)
          json.object([&] {
            json.attribute("path", design.pathOf(node));
            figures(analysis.nodes[node]);
          });
    });
    json.attributeArray("equipment", [&] {
      for (const EquipmentSizing &sizing : analysis.equipment) {
        const model::EquipmentGroup &group = design.equipment[sizing.group];
        json.object([&] {
          json.attribute("node", group.node == NoIndex ? "" : design.pathOf(group.node));
          json.attribute("kind", group.kind);
          json.attribute("entry", design.catalog[group.entry].qualifiedName);
          json.attribute("count", static_cast<int64_t>(sizing.installed));
          json.attribute("auto", group.autoCount);
          json.attribute("redundancy", model::redundancyName(group.redundancy));
          if (sizing.sized) {
            json.attribute("per_side", static_cast<int64_t>(sizing.perSide));
            json.attribute("required", static_cast<int64_t>(sizing.required));
            json.attribute("sized_for", sizing.loadName);
            json.attribute("load", units::format(sizing.load));
            json.attribute("unit_capacity", units::format(sizing.unitCapacity));
          }
        });
      }
    });
  });
}

} // namespace sgd::checks
