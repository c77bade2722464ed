#include "checks/Summary.h"

#include "checks/QuantityMath.h"

#include "model/Expansion.h"

#include "units/Decimal.h"
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

void printSummary(const Design &design, const DesignAnalysis &analysis, model::ModelForm form,
                  llvm::raw_ostream &out) {
  std::vector<std::vector<Index>> byNode = equipmentByNode(design);
  out << "design: " << figuresLine(analysis.design) << "\n";
  for (const EquipmentSizing &sizing : analysis.equipment)
    if (design.equipment[sizing.group].node == NoIndex)
      out << "  " << equipmentLine(design, sizing) << "\n";
  model::forEachNodeIn(design, form, [&](Index node, const std::string &path, uint64_t instances) {
    const model::Node &n = design.nodes[node];
    if (n.level > model::Level::Hall)
      return false;
    std::string indent(static_cast<size_t>(n.level) * 2, ' ');
    out << indent << model::levelName(n.level) << " " << path;
    if (instances > 1)
      out << " × " << units::withSeparators(instances) << ": each ";
    else
      out << ": ";
    out << figuresLine(analysis.nodes[node]) << "\n";
    for (Index group : byNode[node])
      out << indent << "  " << equipmentLine(design, analysis.equipment[group]) << "\n";
    return true;
  });
}

void writeSummaryJson(const Design &design, const DesignAnalysis &analysis, model::ModelForm form,
                      llvm::json::OStream &json) {
  auto instancesOf = [&](uint64_t instances) {
    if (form == model::ModelForm::Instances)
      json.attribute("instances", static_cast<int64_t>(instances));
  };
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
      model::forEachNodeIn(
          design, form, [&](Index node, const std::string &path, uint64_t instances) {
            if (design.nodes[node].level > model::Level::Hall)
              return false;
            json.object([&] {
              json.attribute("path", path);
              instancesOf(instances);
              figures(analysis.nodes[node]);
            });
            return true;
          });
    });
    json.attributeArray("equipment", [&] {
      model::forEachElementIn(
          design, form, analysis.equipment.size(),
          [&](size_t index) { return design.equipment[analysis.equipment[index].group].node; },
          [&](size_t index, const std::string &node, uint64_t instances) {
            const EquipmentSizing &sizing = analysis.equipment[index];
            const model::EquipmentGroup &group = design.equipment[sizing.group];
            json.object([&] {
              json.attribute("node", node);
              instancesOf(instances);
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
          });
    });
  });
}

} // namespace sgd::checks
