// The grid and the law as tasks (docs/schedule.md, "The grid and the law"):
// the interconnection of a site with a `utility`, its switchyard and
// substation; the air permit of on-site generation and the power plants that
// can energise buildings before the grid. Durations by jurisdiction from
// stdlib/schedule/permits.sgd.

#include "schedule/Builder.h"

#include "units/Quantity.h"

#include "llvm/ADT/StringExtras.h"

namespace sgd::schedule {

bool Builder::isPrimeGenerator(Index line) const {
  const model::CatalogEntry &entry = design_.catalog[design_.equipment[line].entry];
  if (entry.kind != "generator")
    return false;
  const model::Value *rating = design_.property(entry.properties, "rating_class");
  const std::string *text = rating ? rating->text() : nullptr;
  // ISO 8528-1: continuous (COP) and prime (PRP) power run without a limit
  // on hours; standby ratings (ESP, LTP, DCC) back up another source.
  return text && (llvm::StringRef(*text).equals_insensitive("COP") ||
                  llvm::StringRef(*text).equals_insensitive("PRP"));
}

bool Builder::procured(Index line) const {
  // Equipment the utility furnishes (`furnished_by`) is neither ordered nor
  // delivered by the project.
  return line >= analysis_.equipment.size() || analysis_.equipment[line].procured;
}

bool Builder::atLeastDefault(const units::Quantity &value, llvm::StringRef threshold) const {
  auto found = defaults().quantities.find(threshold.str());
  return found == defaults().quantities.end() ||
         (value.dimension == found->second.dimension && !(value.value < found->second.value));
}

void Builder::buildGrid(SiteUnit &site) {
  bool utility = false, utilityBuildsSwitchyard = false, transmission = false;
  for (const model::Block &block : design_.blocks)
    if (block.kind == "utility" && block.node != NoIndex &&
        design_.topLevelOf(block.node) == site.node.node) {
      utility = true;
      if (const model::Value *by = design_.property(block.properties, "switchyard_by"))
        if (const std::string *text = by->text())
          utilityBuildsSwitchyard |= llvm::StringRef(*text).equals_insensitive("utility");
      // A feed at distribution voltage ends at the site's MV switchgear: only
      // a transmission-level feed has a switchyard of HV breakers.
      const model::Value *voltage = design_.property(block.properties, "voltage");
      const units::Quantity *volts = voltage ? voltage->quantity() : nullptr;
      transmission |= !volts || atLeastDefault(*volts, "switchyard_voltage");
    }
  if (!utility)
    return;
  const units::Quantity &peak = analysis_.nodes[site.node.node].peakDemand;
  bool largeLoad = atLeastDefault(peak, "large_load");
  std::string grid = site.jurisdiction[0].empty() ? "the utility" : site.jurisdiction[0];
  site.study = addTask(site.prefix + "interconnection_study", "grid",
                       largeLoad ? "Interconnection study of a large load by " + grid
                                 : "Service request study by " + grid,
                       lawDays(site, largeLoad ? "interconnection_study" : "connection_study"));
  site.agreement =
      addTask(site.prefix + "interconnection_agreement", "grid",
              "Interconnection agreement with " + grid + " signed, security posted",
              lawDays(site, "interconnection_agreement"));
  place(*site.study, site, site.node, "Interconnection study");
  place(*site.agreement, site, site.node, "Interconnection agreement");
  link(*site.study, *site.agreement);
  if (!transmission) {
    link(*site.agreement, site.substation);
    return;
  }
  site.switchyard =
      addTask(site.prefix + "switchyard", utilityBuildsSwitchyard ? "grid" : "switchyard",
              utilityBuildsSwitchyard
                  ? "Switchyard built by " + grid + ": HV breakers, bus and protection"
                  : "Switchyard: HV breakers, bus and protection installed and tested",
              lawDays(site, "switchyard"));
  place(*site.switchyard, site, site.node, "Switchyard");
  link(*site.agreement, *site.switchyard);
  link(site.siteWorks, *site.switchyard);
  link(*site.switchyard, site.substation);

  // One HV breaker bay per substation transformer the project procures
  // (procured with the delivery lots, Procurement.cpp); a utility that
  // builds the switchyard brings its own breakers.
  if (utilityBuildsSwitchyard)
    return;
  for (Index line = 0; line < design_.equipment.size(); ++line) {
    const model::EquipmentGroup &group = design_.equipment[line];
    if (group.node != site.node.node || design_.catalog[group.entry].kind != "transformer" ||
        !procured(line))
      continue;
    site.hvBreakerBays +=
        line < analysis_.equipment.size() ? analysis_.equipment[line].installed : group.count;
  }
}

void Builder::buildPlants(SiteUnit &site) {
  bool generators = false, prime = false;
  std::map<Replica, PlantUnit> plants; // by the site or building that holds the lines
  std::vector<Replica> plantOrder;
  forEachLine(site, [&](Index line, Replica at) {
    const model::EquipmentGroup &group = design_.equipment[line];
    llvm::StringRef kind = design_.catalog[group.entry].kind;
    if (kind == "generator")
      generators = true;
    bool primeGeneration = isPrimeGenerator(line);
    prime |= primeGeneration;
    if (!primeGeneration && kind != "bess")
      return;
    Replica building = ancestorAt(at, model::Level::Building);
    Replica holder = building.node == NoIndex ? site.node : building;
    auto [it, inserted] = plants.try_emplace(holder, PlantUnit{holder, 0, {}, false});
    if (inserted)
      plantOrder.push_back(holder);
    it->second.lines.push_back(line);
    it->second.generates |= primeGeneration;
  });
  if (generators) {
    site.airPermit =
        addTask(site.prefix + "air_permit", "permit",
                prime ? "Air permit for continuously running generation"
                      : "Air permit for the standby generators",
                lawDays(site, prime ? "air_permit_prime" : "air_permit_emergency"));
    place(*site.airPermit, site, site.node, "Air permit");
    // The integrated systems test runs the generators.
    for (const BuildingUnit &building : site.buildings)
      link(*site.airPermit, building.cxL5);
  }
  for (Replica holder : plantOrder) {
    PlantUnit plant = plants.at(holder);
    std::string what;
    for (Index line : plant.lines) {
      uint64_t count = line < analysis_.equipment.size() ? analysis_.equipment[line].installed
                                                         : design_.equipment[line].count;
      what += (what.empty() ? "" : ", ") +
              design_.catalog[design_.equipment[line].entry].qualifiedName.str() + " × " +
              std::to_string(count);
    }
    std::string label = holder == site.node ? design_.nameOf(site.node)
                                            : relativePath(holder, site.node);
    plant.task = addTask(nameOf(site, holder, "power_plant"), "power_plant",
                         "On-site power plant of " + label + ": " + what,
                         defaultDays("power_plant"));
    place(plant.task, site, holder, "On-site power plant");
    link(site.siteWorks, plant.task);
    if (plant.generates && site.airPermit)
      link(*site.airPermit, plant.task);
    site.plants.push_back(std::move(plant));
  }
}

} // namespace sgd::schedule
