// Procurement in delivery lots (docs/schedule.md, "Delivery lots").
//
// A lot is what one building (or the site itself) installs of one catalog
// entry. The lots of an entry share one order (`ENTRY.order`, the frame order
// a preorder dates) and leave the factory one after the other, phase by
// phase and then in design order: with a `factory_output` of R units a week,
// the lot that brings the running total to Q units is delivered
// `lead_time` + (ceil(Q / R) − 1) weeks after the order. Without a
// `factory_output` every lot arrives at the lead time. Each lot's delivery
// comes before the tasks of its building that install it.

#include "schedule/Builder.h"

#include "model/Aggregates.h"
#include "model/Expansion.h"
#include "units/Quantity.h"

#include <algorithm>
#include <numeric>

namespace sgd::schedule {

namespace {

bool isSiteGear(llvm::StringRef kind) {
  return kind == "transformer" || kind == "switchgear" || kind == "transfer_switch";
}
bool isBuildingEnergiseGear(llvm::StringRef kind) {
  return kind == "switchgear" || kind == "transfer_switch";
}
bool isPowerPath(llvm::StringRef kind) {
  return kind == "transformer" || kind == "switchgear" || kind == "transfer_switch" ||
         kind == "ups" || kind == "battery" || kind == "busway" || kind == "pdu";
}
bool isItGear(llvm::StringRef kind) { return kind == "rack_type" || kind == "network_switch"; }
bool isHeatRejection(llvm::StringRef kind) {
  return kind == "chiller" || kind == "cooling_tower" || kind == "dry_cooler";
}

} // namespace

void Builder::needsOf(const SiteUnit &site, Index line, Replica at, LotDraft &lot) const {
  const model::EquipmentGroup &group = design_.equipment[line];
  llvm::StringRef kind = design_.catalog[group.entry].kind;
  Index building = ancestorAt(group.node, model::Level::Building);
  Index hall = ancestorAt(group.node, model::Level::Hall);
  // The plant of this replica's building (or of the site).
  Replica holder = building == NoIndex ? site.node : ancestorAt(at, model::Level::Building);
  for (const PlantUnit &plant : site.plants)
    if (plant.node == holder && llvm::is_contained(plant.lines, line)) {
      lot.need(plant.task);
      return;
    }
  int64_t yard = defaultDays("yard_install");
  if (isItGear(kind)) {
    for (const HallUnit *unit : hallsFor(site, at))
      lot.need(unit->itInstall);
  } else if (building == NoIndex && hall == NoIndex && isSiteGear(kind)) {
    lot.need(site.substation);
  } else if (hall == NoIndex && isBuildingEnergiseGear(kind)) {
    if (const BuildingUnit *unit = buildingFor(site, at))
      lot.need(unit->energise);
  } else if (kind == "generator" && hall == NoIndex) {
    // Standby generators in the yard: the integrated systems test runs them.
    if (building != NoIndex) {
      if (const BuildingUnit *unit = buildingFor(site, at))
        lot.need(unit->cxL5, yard);
    } else {
      for (const BuildingUnit &unit : site.buildings)
        lot.need(unit.cxL5, yard);
    }
  } else if (isHeatRejection(kind) && hall == NoIndex) {
    // Heat rejection in the yard: the load-bank tests need it running.
    for (const HallUnit *unit : hallsFor(site, at))
      lot.need(unit->cxL4, yard);
  } else if (isPowerPath(kind)) {
    for (const HallUnit *unit : hallsFor(site, at))
      lot.need(unit->cxL2);
  } else {
    for (const HallUnit *unit : hallsFor(site, at))
      lot.need(unit->mep);
  }
}

void Builder::buildLots(SiteUnit &site) {
  std::vector<Index> entries; // in the order they first appear
  std::map<Index, std::vector<LotDraft>> drafts;
  // Each entry's lot of a building, by (entry, building): an explicit design
  // has a run per rack line and a lot per building.
  std::map<std::pair<Index, Replica>, size_t> lotOf;
  auto draftFor = [&](Index entry, Replica node) -> LotDraft & {
    Replica building = ancestorAt(node, model::Level::Building);
    std::vector<LotDraft> &lots = drafts[entry];
    if (lots.empty())
      entries.push_back(entry);
    auto [at, added] = lotOf.try_emplace({entry, building}, lots.size());
    if (added)
      lots.push_back({entry, building, 0, {}});
    return lots[at->second];
  };
  // Each line once per replica of its node: the lot of its building replica.
  forEachLine(site, [&](Index line, Replica at) {
    const model::EquipmentGroup &group = design_.equipment[line];
    uint64_t count =
        line < analysis_.equipment.size() ? analysis_.equipment[line].installed : group.count;
    if (count == 0 || !procured(line))
      return;
    LotDraft &lot = draftFor(group.entry, at);
    lot.quantity += count;
    needsOf(site, line, at, lot);
  });
  // Rack runs once per replica of the hall (else building, else site) they
  // serve, with all the racks they stand for in it.
  const model::Node &siteNode = design_.nodes[site.node.node];
  auto scopeOf = [&](Index node) {
    for (model::Level level : {model::Level::Hall, model::Level::Building})
      if (Index at = ancestorAt(node, level); at != NoIndex)
        return at;
    return site.node.node;
  };
  // A node's runs of one type go to the same lot with the same needs, so
  // they are taken together (an explicit design writes a run per rack line);
  // each group comes where its first run did, so lots and needs keep their
  // order.
  std::vector<model::RackGroup> groups =
      model::groupRackRuns(design_, siteNode.firstRackRun, siteNode.rackRunEnd);
  model::forEachElementReplica(
      design_, site.node, groups.size(), [&](size_t i) { return scopeOf(groups[i].parent); },
      [&](size_t i, Replica scope) {
        const model::RackGroup &group = groups[i];
        LotDraft &lot = draftFor(group.rackType, scope);
        lot.quantity += group.count * design_.replicasWithin(group.parent, scope.node);
        for (const HallUnit *unit : hallsFor(site, scope))
          lot.need(unit->itInstall);
      });
  std::optional<units::Rational> breakerLead = defaults().daysIn("hv_breakers_lead_time", {});
  if (site.hvBreakerBays > 0 && site.switchyard && breakerLead)
    procureItem(site, "hv_breakers", "HV circuit breakers (one bay per substation transformer)",
                site.hvBreakerBays, *breakerLead, {{*site.switchyard, 0}});
  for (Index entry : entries)
    procureEntry(site, entry, std::move(drafts[entry]));
}

void Builder::procureEntry(SiteUnit &site, Index entry, std::vector<LotDraft> lots) {
  const model::CatalogEntry &catalog = design_.catalog[entry];
  std::string item = catalog.qualifiedName.str();
  std::string siteName = design_.nameOf(site.node);
  units::Rational lead(0);
  std::string leadText = "no lead time";
  if (const units::Quantity *q = checks::quantityProperty(design_, catalog.properties, "lead_time")) {
    if (auto days = units::valueIn(*q, "d")) {
      lead = *days;
      if (auto weeks = units::valueIn(*q, "weeks"); weeks && weeks->denominator() == 1) {
        leadText = std::to_string(static_cast<int64_t>(weeks->numerator())) + " weeks lead time";
      } else {
        if (!weeks)
          llvm::consumeError(weeks.takeError());
        leadText = std::to_string(workingDaysOf(*days)) + " working days lead time";
      }
    } else {
      llvm::consumeError(days.takeError());
    }
  }
  uint64_t perWeek = 0;
  if (const model::Value *output = design_.property(catalog.properties, "factory_output"))
    if (const units::Quantity *q = output->quantity(); q && q->value.denominator() == 1 &&
                                                      q->value.numerator() > 0)
      perWeek = static_cast<uint64_t>(q->value.numerator());

  // Phase by phase, then in design order; the site's own gear comes with the
  // first phase.
  unsigned firstPhase = UINT32_MAX;
  for (const BuildingUnit &unit : site.buildings)
    firstPhase = std::min(firstPhase, unit.phase);
  auto phaseOf = [&](const LotDraft &lot) {
    auto it = site.buildingOf.find(lot.building);
    return lot.building.node == NoIndex || it == site.buildingOf.end()
               ? firstPhase
               : site.buildings[it->second].phase;
  };
  // Each lot's phase looked up once (a map search), not per comparison; most
  // designs build in one phase, and their lots are in order already.
  std::vector<unsigned> phases;
  phases.reserve(lots.size());
  for (const LotDraft &lot : lots)
    phases.push_back(phaseOf(lot));
  if (!std::is_sorted(phases.begin(), phases.end())) {
    std::vector<size_t> byPhase(lots.size());
    std::iota(byPhase.begin(), byPhase.end(), size_t{0});
    std::stable_sort(byPhase.begin(), byPhase.end(),
                     [&](size_t a, size_t b) { return phases[a] < phases[b]; });
    std::vector<LotDraft> sorted;
    std::vector<unsigned> sortedPhases;
    sorted.reserve(lots.size());
    sortedPhases.reserve(lots.size());
    for (size_t lot : byPhase) {
      sorted.push_back(std::move(lots[lot]));
      sortedPhases.push_back(phases[lot]);
    }
    lots = std::move(sorted);
    phases = std::move(sortedPhases);
  }
  uint64_t total = 0;
  for (const LotDraft &lot : lots)
    total += lot.quantity;

  unsigned order = addTask(site.prefix + item + ".order", "order", "Order " + item, 0, true);
  net_.tasks[order].entry = entry;
  net_.tasks[order].startNoEarlier = 0;
  place(order, site, site.node, "Order " + item, true);
  site.order[entry] = order;

  bool single = lots.size() == 1 && lots.front().building.node == NoIndex;
  std::vector<unsigned> deliveries;
  uint64_t made = 0;
  for (size_t index = 0; index < lots.size(); ++index) {
    const LotDraft &lot = lots[index];
    made += lot.quantity;
    units::Rational elapsed = lead;
    // The lot's terms in words, for the outputs' task descriptions and lots.
    std::string terms;
    if (forOutputs())
      terms = catalog.kind.str() + ", " + leadText;
    if (perWeek > 0) {
      uint64_t weeks = (made + perWeek - 1) / perWeek;
      elapsed = units::checkedAdd(elapsed, units::Rational(static_cast<int64_t>(7 * (weeks - 1))))
                    .value_or(elapsed);
      if (forOutputs())
        terms += "; units " + std::to_string(made - lot.quantity + 1) + "-" +
                 std::to_string(made) + " of " + std::to_string(total) + " at " +
                 std::to_string(perWeek) + " a week";
    }
    std::string where =
        lot.building.node == NoIndex ? siteName : relativePath(lot.building, site.node);
    std::string name = site.prefix + item + (single ? "" : "." + where) + ".delivery";
    unsigned delivery = addTask(name, "procurement",
                                llvm::Twine("Deliver ") + llvm::Twine(lot.quantity) + " × " + item +
                                    " to " + where + " (" + terms + ")",
                                workingDaysOf(elapsed));
    net_.tasks[delivery].entry = entry;
    place(delivery, site, lot.building.node == NoIndex ? site.node : lot.building,
          "Deliver " + item, true);
    link(order, delivery);
    for (const DeliveryLot::Need &need : lot.needs)
      link(delivery, need.task, LinkType::FS, need.lag);
    deliveries.push_back(delivery);
    if (keepsLots())
      net_.lots.push_back({entry, item, lot.quantity, std::move(terms), siteName,
                           lot.building.node == NoIndex ? "" : where, phases[index], order,
                           delivery, lot.needs});
  }
  if (!single && indexesNames())
    groups_[site.prefix + item + ".delivery"] = std::move(deliveries);
}

unsigned Builder::procureItem(SiteUnit &site, llvm::StringRef item, llvm::StringRef what,
                              uint64_t quantity, const units::Rational &leadDays,
                              std::vector<DeliveryLot::Need> needs) {
  unsigned order =
      addTask(site.prefix + item.str() + ".order", "order", "Order " + what.str(), 0, true);
  net_.tasks[order].startNoEarlier = 0;
  place(order, site, site.node, "Order " + what.str(), true);
  unsigned delivery = addTask(site.prefix + item.str() + ".delivery", "procurement",
                              "Deliver " + std::to_string(quantity) + " × " + what.str(),
                              workingDaysOf(leadDays));
  place(delivery, site, site.node, "Deliver " + what.str(), true);
  link(order, delivery);
  for (const DeliveryLot::Need &need : needs)
    link(delivery, need.task, LinkType::FS, need.lag);
  if (!keepsLots())
    return delivery;
  int64_t weeks = ceilQuotient(leadDays, 7);
  unsigned firstPhase = UINT32_MAX;
  for (const BuildingUnit &unit : site.buildings)
    firstPhase = std::min(firstPhase, unit.phase);
  net_.lots.push_back({NoIndex, item.str(), quantity,
                       forOutputs() ? what.str() + ", " + std::to_string(weeks) + " weeks lead time"
                                    : "",
                       design_.nameOf(site.node), "", firstPhase, order, delivery,
                       std::move(needs)});
  return delivery;
}

} // namespace sgd::schedule
