#include "checks/Summary.h"

#include "checks/PowerCheck.h"
#include "checks/QuantityMath.h"
#include "checks/TierCheck.h"

#include "model/Expansion.h"

#include "units/Decimal.h"
#include "units/QuantityFormat.h"

namespace sgd::checks {

using model::Design;
using thermal::Exact;

namespace {

Quantity as(const Exact &value, units::Dimension dimension) { return value.in(dimension); }
std::string watts(const Exact &value) { return units::format(as(value, units::dimensions::Power)); }
std::string number(const Exact &value) {
  return units::format(as(value, units::dimensions::Ratio));
}
std::string celsius(const Exact &value) {
  return units::format(as(value, units::dimensions::Temperature));
}
/// Energy to the whole MWh and water to the whole m3: the year's figures are
/// bin estimates, and their last digits mean nothing.
std::string megawattHours(const Exact &joules) {
  const Exact perMegawattHour(3'600'000'000);
  return inUnit(as((joules / perMegawattHour).rounded() * perMegawattHour,
                   units::dimensions::Energy),
                "MWh");
}
std::string cubicMetres(const Exact &litres) {
  return inUnit(as((litres / Exact(1000)).rounded(), units::dimensions::Volume), "m3");
}
std::string litresPerKilowattHour(const Exact &wue) {
  return inUnit(as(wue, units::dimensions::FlowPerPower), "L/kWh");
}
/// Hours, as a whole number where they are one.
std::string hours(const Exact &value) { return number(value) + " h"; }

} // namespace

std::string figuresLine(const NodeFigures &figures) {
  return "IT load " + units::format(figures.itPower) + ", peak demand " +
         units::format(figures.peakDemand) + " (PUE " + units::format(figures.pue) +
         "), liquid heat " + units::format(figures.liquidHeat) + ", air heat " +
         units::format(figures.airHeat) + ", coolant flow " +
         inUnit(figures.coolantFlow, "L/min");
}

std::string equipmentLine(const Design &design, Index line, const EquipmentSizing &sizing) {
  const model::EquipmentGroup &group = design.equipment[line];
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
          (sizing.basis.empty() ? "" : "; " + sizing.basis);
  if (sizing.flowPerSide > sizing.perSide)
    text += ", " + std::to_string(sizing.flowPerSide) + per + " for the coolant flow";
  text += ") for " + sizing.loadName.str() +
          " " + units::format(sizing.load) + " at " + units::format(sizing.unitCapacity) + " each";
  return text;
}

/// An element the compiler filled in: "LV switchgear × 44 on path A
/// (implied: one LV switchboard per unit transformer)".
std::string impliedLine(const power::Element &element) {
  std::string text = power::kindName(element.kind, element.stage) + " × " +
                     std::to_string(element.count) +
                     (element.path.empty() ? "" : " on path " + element.path.str());
  if (isPositive(*element.unitRating))
    text += " at " + units::format(*element.unitRating) + " each";
  return text + " (implied: " + element.note.str() + ")";
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

/// The energy of a site: where its peak demand and its year come from.
std::string energyLine(const Design &design, const thermal::SiteEnergy &site) {
  if (!site.modelled())
    return "energy: no climate named; peak demand = IT load × " +
           (site.stated.valid() ? "the stated `pue_design` " + number(site.stated)
                                : std::string("1 (no `pue_design`)"));
  const thermal::Climate &climate = *site.climate;
  Exact other = site.peakDemand - site.it - site.mechanical - site.electricalLosses;
  std::string text =
      "energy (" + design.catalog[climate.entry].qualifiedName.str() + "): design day " +
      (site.humidPeak ? "(most humid) " : "(hottest) ") + celsius(site.peakAir.dryBulb) +
      " dry bulb, " + celsius(site.peakAir.wetBulb) + " wet bulb: peak demand " +
      watts(site.peakDemand) + " = IT " + watts(site.it) + " + mechanical " +
      watts(site.mechanical) + " + UPS and transformer losses " + watts(site.electricalLosses) +
      " + lighting and auxiliaries " + watts(other) + ", peak PUE " + number(site.peakPue()) +
      "; year (" + hours(climate.hours) + " in " + std::to_string(climate.bins.size()) +
      " bins): " + megawattHours(site.annualEnergy) + ", IT " +
      megawattHours(site.annualItEnergy) + ", annual PUE " + number(site.annualPue());
  if (site.measured.valid())
    text += " (measured " + number(site.measured) + ", which the rules judge)";
  text += ", water " + cubicMetres(site.water) + " (WUE " + litresPerKilowattHour(site.wue()) + ")";
  return text;
}

std::string loopLine(const Design &design, const thermal::ThermalAnalysis &thermal,
                     size_t index) {
  const thermal::Loop &loop = thermal.path.loops[index];
  const thermal::LoopFigures &figures = thermal.loops[index];
  std::string text = "loop " + thermal::mediumName(loop.medium).str() + " " +
                     celsius(loop.supply) + " / " + celsius(loop.ret()) + ": " +
                     watts(loop.heat) + " (consumers " + watts(loop.consumerHeat) + ", pumps " +
                     watts(loop.pumpPower) + ")";
  auto entries = [&](llvm::ArrayRef<model::Index> lines) {
    std::string names;
    for (model::Index group : lines)
      names += (names.empty() ? "" : ", ") +
               design.catalog[design.equipment[group].entry].qualifiedName.str();
    return names;
  };
  if (loop.hasChiller())
    text += "; chillers " + design.catalog[loop.chiller.entry].qualifiedName.str() + " (" +
            (loop.chiller.airCooled ? "air-cooled" : "water-cooled") +
            (loop.freeCooling ? ", free cooling" : "") + ")";
  if (loop.hasDirect())
    text += std::string(loop.hasChiller() ? "; free cooling by " : "; rejected by ") +
            entries(loop.directLines);
  if (loop.hasChiller() && !loop.chiller.airCooled && !loop.condenserLines.empty())
    text += "; condenser water to " + entries(loop.condenserLines);
  const thermal::LoopState &peak = figures.peak;
  text += "; design day: " + number((peak.freeFraction * Exact(100)).rounded()) + " % free";
  if (peak.chillerPower.isPositive())
    text += ", chillers " + watts(peak.chillerPower) + " (lift " +
            units::format(as(peak.lift, units::dimensions::TemperatureDifference)) + ", COP " +
            number((peak.cop * Exact(100)).rounded() / Exact(100)) + ")";
  text += ", fans and condenser pumps " +
          watts(peak.fanPower + peak.freeCoolingFans + peak.condenserPump);
  if (figures.freeHours.isPositive() || figures.partialHours.isPositive() ||
      figures.water.isPositive())
    text += "; year: " + hours(figures.freeHours) + " all free, " +
            hours(figures.partialHours) + " part free, water " + cubicMetres(figures.water);
  return text;
}

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
  std::vector<std::vector<size_t>> loopsByNode(design.nodes.size());
  for (size_t index = 0; index < analysis.thermal.path.loops.size(); ++index)
    loopsByNode[analysis.thermal.path.loops[index].plant].push_back(index);
  out << "design: " << figuresLine(analysis.design) << "\n";
  for (Index line = 0; line < analysis.equipment.size(); ++line)
    if (design.equipment[line].node == NoIndex)
      out << "  " << equipmentLine(design, line, analysis.equipment[line]) << "\n";
  std::vector<std::vector<Index>> implied = impliedByNode(design, analysis.power.graph);
  std::map<Index, TierVerdict> verdicts = assessTiers(design, analysis);
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
    if (n.level == model::Level::Site)
      if (std::string tier = tierLine(design, verdicts, node); !tier.empty())
        out << indent << "  " << tier << "\n";
    if (n.parent == NoIndex)
      if (const thermal::SiteEnergy *site = analysis.thermal.siteOf(design, node))
        out << indent << "  " << energyLine(design, *site) << "\n";
    for (size_t loop : loopsByNode[node])
      out << indent << "  " << loopLine(design, analysis.thermal, loop) << "\n";
    for (Index group : byNode[node])
      out << indent << "  " << equipmentLine(design, group, analysis.equipment[group]) << "\n";
    for (Index element : implied[node])
      out << indent << "  " << impliedLine(analysis.power.graph.elements[element]) << "\n";
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
    json.attribute("mechanical_load", units::format(f.mechanicalLoad));
    json.attribute("pue", units::format(f.pue));
    json.attribute("liquid_heat", units::format(f.liquidHeat));
    json.attribute("air_heat", units::format(f.airHeat));
    json.attribute("air_side_heat", units::format(f.airSideHeat));
    json.attribute("coolant_flow", inUnit(f.coolantFlow, "L/min"));
  };
  const thermal::ThermalAnalysis &thermal = analysis.thermal;
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
    json.attributeArray("energy", [&] {
      for (const thermal::SiteEnergy &site : thermal.sites)
        json.object([&] {
          json.attribute("path", design.runPath(site.site));
          json.attribute("climate", site.modelled()
                                        ? llvm::json::Value(design.catalog[site.climate->entry]
                                                                .qualifiedName.str())
                                        : llvm::json::Value(nullptr));
          json.attribute("it_power", watts(site.it));
          json.attribute("peak_demand", watts(site.peakDemand));
          json.attribute("peak_pue", number(site.peakPue()));
          json.attribute("annual_pue", number(site.annualPue()));
          json.attribute("judged_pue", number(site.judgedPue()));
          if (site.stated.valid())
            json.attribute("stated_pue", number(site.stated));
          if (site.measured.valid())
            json.attribute("measured_pue", number(site.measured));
          if (!site.modelled())
            return;
          json.attributeObject("design_day", [&] {
            json.attribute("condition", site.humidPeak ? "most humid" : "hottest");
            json.attribute("dry_bulb", celsius(site.peakAir.dryBulb));
            json.attribute("wet_bulb", celsius(site.peakAir.wetBulb));
          });
          json.attribute("mechanical_load", watts(site.mechanical));
          json.attribute("electrical_losses", watts(site.electricalLosses));
          json.attribute("annual_energy", megawattHours(site.annualEnergy));
          json.attribute("annual_it_energy", megawattHours(site.annualItEnergy));
          json.attribute("water", cubicMetres(site.water));
          json.attribute("wue", litresPerKilowattHour(site.wue()));
        });
    });
    json.attributeArray("loops", [&] {
      for (size_t index = 0; index < thermal.path.loops.size(); ++index) {
        const thermal::Loop &loop = thermal.path.loops[index];
        const thermal::LoopFigures &loopFigures = thermal.loops[index];
        json.object([&] {
          json.attribute("plant", design.runPath(loop.plant));
          json.attribute("medium", thermal::mediumWord(loop.medium));
          json.attribute("supply", celsius(loop.supply));
          json.attribute("return", celsius(loop.ret()));
          json.attribute("consumer_heat", watts(loop.consumerHeat));
          json.attribute("heat", watts(loop.heat));
          json.attribute("pump_power", watts(loop.pumpPower));
          // The plant lines of the loop, for pricing and opex (the equipment
          // array has their counts): its chillers, the heat rejection serving
          // it directly, and that on the chillers' condenser water.
          auto entries = [&](llvm::ArrayRef<model::Index> groups) {
            llvm::json::Array names;
            for (model::Index group : groups)
              names.push_back(design.catalog[design.equipment[group].entry].qualifiedName.str());
            return names;
          };
          llvm::SmallVector<model::Index, 1> chillers;
          if (loop.hasChiller())
            chillers.push_back(loop.chillerLine);
          json.attribute("chillers", entries(chillers));
          json.attribute("heat_rejection", entries(loop.directLines));
          json.attribute("condenser_heat_rejection", entries(loop.condenserLines));
          json.attribute("design_free_fraction", number(loopFigures.peak.freeFraction));
          json.attribute("design_chiller_power", watts(loopFigures.peak.chillerPower));
          json.attribute("design_fan_and_pump_power",
                         watts(loopFigures.peak.fanPower + loopFigures.peak.freeCoolingFans +
                               loopFigures.peak.condenserPump));
          json.attribute("free_hours", number(loopFigures.freeHours));
          json.attribute("partial_free_hours", number(loopFigures.partialHours));
          json.attribute("water", cubicMetres(loopFigures.water));
        });
      }
    });
    json.attributeArray("equipment", [&] {
      model::forEachElementIn(
          design, form, analysis.equipment.size(),
          [&](size_t index) { return design.equipment[index].node; },
          [&](size_t index, const std::string &node, uint64_t instances) {
            const EquipmentSizing &sizing = analysis.equipment[index];
            const model::EquipmentGroup &group = design.equipment[index];
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
                if (sizing.flowPerSide > 0)
                  json.attribute("flow_per_side", static_cast<int64_t>(sizing.flowPerSide));
                json.attribute("required", static_cast<int64_t>(sizing.required));
                json.attribute("sized_for", sizing.loadName);
                json.attribute("load", units::format(sizing.load));
                json.attribute("unit_capacity", units::format(sizing.unitCapacity));
                if (!sizing.basis.empty())
                  json.attribute("basis", sizing.basis);
              }
            });
          });
    });
  });
}

} // namespace sgd::checks
