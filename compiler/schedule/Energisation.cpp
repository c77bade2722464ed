// First power from wherever it comes (docs/schedule.md, "First power"). A
// building is energised from the grid (the site's substation) or from the
// on-site power plants that feed it, whichever is ready first. Which plants
// feed a building, and whether they can carry it, the one-line says
// (power::hallSources): every hall of the building must be energised by
// on-site generation with every utility feed out, that generation must be
// rated to run continuously (COP or PRP, ISO 8528-1: standby ratings back up
// another source) and its rating must carry the hall's facility load on the
// design day. The plants waited for are those holding the generation and the
// battery storage upstream of the building's halls. The first-power milestone
// follows the first building energised, the first-IT-ready milestone the
// first hall ready.
//
// Both choices are made on the CPM of the network without the links they
// add: a source's date does not depend on the buildings it energises, and a
// milestone without successors moves nothing, so adding the links keeps the
// dates the choice was made on.

#include "schedule/Builder.h"

#include "model/QuantityMath.h"
#include "power/HallSources.h"

namespace sgd::schedule {

namespace {

/// The continuous rating of the generation that feeds a hall, as real power.
units::Quantity realRating(const units::Quantity &rating, const units::Quantity &powerFactor) {
  if (rating.dimension == units::dimensions::Power)
    return rating;
  llvm::Expected<units::Quantity> real = units::realPower(rating, powerFactor);
  if (real)
    return *real;
  llvm::consumeError(real.takeError());
  return model::ratio(0);
}

} // namespace

OnSiteSupply Builder::onSiteSupply(const SiteUnit &site, const BuildingUnit &building,
                                   llvm::ArrayRef<power::HallSources> halls) const {
  const power::PowerGraph &graph = analysis_.power.graph;
  OnSiteSupply supply;
  std::set<unsigned> plants;
  auto plantOf = [&](Index line) -> std::optional<unsigned> {
    for (const PlantUnit &plant : site.plants)
      if (llvm::is_contained(plant.lines, line))
        return plant.task;
    return std::nullopt;
  };
  Index begin = building.node.node, end = design_.nodes[begin].subtreeEnd;
  bool any = false;
  for (const power::HallSources &hall : halls) {
    if (hall.hall < begin || hall.hall >= end)
      continue;
    any = true;
    // Every replica of the hall in the building has the same sources: the
    // first names them.
    Replica first = *design_.replicasIn(hall.hall, building.node).begin();
    std::string name = relativePath(first, site.node);
    if (name.empty())
      name = design_.nameOf(first);
    if (!hall.onSiteAlone) {
      supply.why = name + " has no on-site generation that energises it alone";
      return supply;
    }
    const checks::NodeFigures &figures = analysis_.nodes[hall.hall];
    units::Quantity continuous = model::ratio(0);
    continuous.dimension = units::dimensions::Power;
    for (Index source : hall.generation) {
      const power::Element &element = graph.elements[source];
      if (element.group == NoIndex || !isPrimeGenerator(element.group))
        continue;
      continuous = model::plus(
          continuous, realRating(model::times(*element.unitRating, element.count),
                                 figures.powerFactor));
      if (std::optional<unsigned> plant = plantOf(element.group))
        plants.insert(*plant);
    }
    if (!model::isPositive(continuous)) {
      supply.why = name + "'s on-site generation is rated for standby only (ISO 8528-1)";
      return supply;
    }
    if (model::below(continuous, figures.peakDemand)) {
      supply.why = name + "'s continuous generation (" + model::inUnit(continuous, "MW") +
                   ") is below its facility load (" + model::inUnit(figures.peakDemand, "MW") +
                   ")";
      return supply;
    }
    for (Index source : hall.storage)
      if (graph.elements[source].group != NoIndex)
        if (std::optional<unsigned> plant = plantOf(graph.elements[source].group))
          plants.insert(*plant);
  }
  if (!any) {
    supply.why = "no racks for on-site generation to carry";
    return supply;
  }
  supply.carries = !plants.empty();
  if (!supply.carries)
    supply.why = "its on-site generation is not procured by the project";
  supply.plants.assign(plants.begin(), plants.end());
  return supply;
}

void Builder::chooseSources(std::vector<SiteUnit> &sites) {
  // The dates before the energisation links, to compare a plant with the
  // grid, and what energises each hall: needed only where a site has plants
  // (a CPM of the whole network, a record per hall).
  std::optional<CpmResult> before;
  std::vector<power::HallSources> halls;
  if (llvm::any_of(sites, [](const SiteUnit &site) { return !site.plants.empty(); })) {
    before = computeCpm(net_);
    halls = power::hallSources(analysis_.power.graph);
  }
  bool cycle = before && !before->cycle.empty(); // reported by planDesign; link the grid
  for (SiteUnit &site : sites) {
    for (const BuildingUnit &building : site.buildings) {
      OnSiteSupply supply;
      if (!site.plants.empty())
        supply = onSiteSupply(site, building, halls);
      bool onSite = false;
      if (supply.carries && !cycle) {
        int64_t ready = 0;
        for (unsigned plant : supply.plants)
          ready = std::max(ready, before->times[plant].earlyFinish);
        onSite = ready < before->times[site.substation].earlyFinish;
        if (!onSite)
          supply.why = "its on-site generation is ready after the grid";
      }
      std::vector<unsigned> sources = onSite ? supply.plants : std::vector{site.substation};
      for (unsigned source : sources)
        link(source, building.energise);
      std::string label = building.node == site.node
                              ? design_.nameOf(site.node)
                              : relativePath(building.node, site.node);
      net_.energisations.push_back({building.energise, site.prefix + label, onSite,
                                    std::move(sources), site.substation,
                                    onSite ? "" : supply.why});
    }
  }
  if (!cycle)
    before.reset(); // done with: freed before the CPM that replaces it
  CpmResult after = cycle ? std::move(*before) : computeCpm(net_);
  cycle = !after.cycle.empty();
  auto earliest = [&](const std::vector<unsigned> &tasks) {
    unsigned best = tasks.front();
    if (!cycle)
      for (unsigned t : tasks)
        if (after.times[t].earlyFinish < after.times[best].earlyFinish)
          best = t;
    return best;
  };
  for (SiteUnit &site : sites) {
    std::vector<unsigned> energised, ready;
    for (const BuildingUnit &building : site.buildings) {
      energised.push_back(building.energise);
      for (const HallUnit &hall : building.halls)
        ready.push_back(hall.ready);
    }
    unsigned first = earliest(energised);
    link(first, *site.firstPower);
    unsigned hall = earliest(ready);
    link(hall, *site.firstItReady);
    if (!forOutputs())
      continue;
    net_.texts(*site.firstPower).description =
        "First power: " + net_.tasks[first].name + " done (MV energisation)";
    net_.texts(*site.firstItReady).description =
        "The first hall ready for IT: " + net_.tasks[hall].name;
  }
}

} // namespace sgd::schedule
