#include "checks/Summary.h"

#include "checks/PowerCheck.h"
#include "checks/QuantityMath.h"
#include "checks/TierCheck.h"

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
  const model::Redundancy &form = group.redundancy;
  std::string per = form.share > 1 ? " per system" : form.factor == 2 ? " per side" : "";
  if (const model::Value *path = design.property(group.properties, "path"); path && path->text())
    per += " on path " + *path->text();
  text += ", " + model::redundancyName(form) + ": N = " + std::to_string(sizing.perSide) + per +
          (sizing.basis.empty() ? "" : "; " + sizing.basis) + ") for " + sizing.loadName.str() +
          " " + units::format(sizing.load) + " at " + units::format(sizing.unitCapacity) + " each";
  return text;
}

/// An element the compiler filled in: "LV switchgear × 44 on path A
/// (implied: one LV switchboard per unit transformer)".
std::string impliedLine(const power::Element &element) {
  std::string text = power::kindName(element.kind, element.stage) + " × " +
                     std::to_string(element.count) +
                     (element.path.empty() ? "" : " on path " + element.path);
  if (isPositive(element.unitRating))
    text += " at " + units::format(element.unitRating) + " each";
  return text + " (implied: " + element.note + ")";
}

/// The implied elements the summary lists, per structure: all but the
/// racks themselves and the implied elements of lines at the top level.
std::vector<std::vector<Index>> impliedByNode(const Design &design,
                                              const power::PowerGraph &graph) {
  std::vector<std::vector<Index>> byNode(design.nodes.size());
  for (Index element = 0; element < graph.elements.size(); ++element) {
    const power::Element &e = graph.elements[element];
    // Cords with nothing to feed them (a hall without power lines) say nothing.
    if (e.implied && e.kind != power::ElementKind::Racks && e.structure != NoIndex &&
        (e.kind != power::ElementKind::Cord || !graph.feeders(element).empty()))
      byNode[e.structure].push_back(element);
  }
  return byNode;
}

/// "Tier III claimed; the topology meets Tier III" and what keeps it from
/// the next Tier.
std::string tierLine(const Design &design, const std::map<Index, TierVerdict> &verdicts,
                     Index site) {
  int64_t claimed = claimedTier(design, site);
  auto found = verdicts.find(site);
  if (claimed < 1 || found == verdicts.end())
    return "";
  static const char *const roman[] = {"no Tier", "Tier I", "Tier II", "Tier III", "Tier IV"};
  const TierVerdict &verdict = found->second;
  std::string text = std::string("tier: ") + (claimed <= 4 ? roman[claimed] : "Tier ?") +
                     " claimed; the topology meets " + roman[verdict.met] +
                     " (Uptime Institute Tier Standard: Topology)";
  if (verdict.met < 4)
    text += "; not " + std::string(roman[verdict.met + 1]) + ": " + verdict.next;
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
  std::vector<std::vector<Index>> implied = impliedByNode(design, analysis.power.graph);
  std::map<Index, TierVerdict> verdicts = assessTiers(design, analysis);
  for (Index node = 0; node < design.nodes.size(); ++node) {
    const model::Node &n = design.nodes[node];
    if (n.level > model::Level::Hall)
      continue;
    std::string indent(static_cast<size_t>(n.level) * 2, ' ');
    out << indent << model::levelName(n.level) << " " << design.pathOf(node) << ": "
        << figuresLine(analysis.nodes[node]) << "\n";
    if (n.level == model::Level::Site)
      if (std::string tier = tierLine(design, verdicts, node); !tier.empty())
        out << indent << "  " << tier << "\n";
    for (Index group : byNode[node])
      out << indent << "  " << equipmentLine(design, analysis.equipment[group]) << "\n";
    for (Index element : implied[node])
      out << indent << "  " << impliedLine(analysis.power.graph.elements[element]) << "\n";
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
            if (!sizing.basis.empty())
              json.attribute("basis", sizing.basis);
          }
        });
      }
    });
  });
}

} // namespace sgd::checks
