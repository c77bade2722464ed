// First power from wherever it comes (docs/schedule.md, "First power"). A
// building is energised from the grid (the site's substation) or from the
// on-site power plants that feed it (prime generation, with its storage),
// whichever is ready first; the first-power milestone follows the first
// building energised, the first-IT-ready milestone the first hall ready.
//
// Both choices are made on the CPM of the network without the links they
// add: a source's date does not depend on the buildings it energises, and a
// milestone without successors moves nothing, so adding the links keeps the
// dates the choice was made on.

#include "schedule/Builder.h"

namespace sgd::schedule {

void Builder::chooseSources(std::vector<SiteUnit> &sites) {
  CpmResult before = computeCpm(net_);
  bool cycle = !before.cycle.empty(); // reported by planDesign; link the grid
  for (SiteUnit &site : sites) {
    for (const BuildingUnit &building : site.buildings) {
      std::vector<unsigned> plants;
      bool generation = false;
      for (const PlantUnit &plant : site.plants)
        if (plant.node == site.node || plant.node == building.node) {
          plants.push_back(plant.task);
          generation |= plant.generates;
        }
      bool onSite = false;
      if (generation && !cycle) {
        int64_t ready = 0;
        for (unsigned plant : plants)
          ready = std::max(ready, before.times[plant].earlyFinish);
        onSite = ready < before.times[site.substation].earlyFinish;
      }
      if (!onSite)
        plants = {site.substation};
      for (unsigned source : plants)
        link(source, building.energise);
      std::string label = building.node == site.node
                              ? design_.nameOf(site.node)
                              : relativePath(building.node, site.node);
      net_.energisations.push_back(
          {building.energise, site.prefix + label, onSite, std::move(plants), site.substation});
    }
  }
  CpmResult after = cycle ? std::move(before) : computeCpm(net_);
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
    net_.tasks[*site.firstPower].description =
        "First power: " + net_.tasks[first].name + " done (MV energisation)";
    unsigned hall = earliest(ready);
    link(hall, *site.firstItReady);
    net_.tasks[*site.firstItReady].description =
        "The first hall ready for IT: " + net_.tasks[hall].name;
  }
}

} // namespace sgd::schedule
