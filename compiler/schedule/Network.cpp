// The task network generated from a design, with its `schedule { }` blocks
// (docs/schedule.md, "The generated network").
//
// Per site (top-level structure), with P the site's prefix (empty when the
// design has one top-level structure, else `SITE.`):
//   Psite_works             clearing, grading, roads
//   Pinterconnection_study  the utility's study of the load, then
//   Pinterconnection_agreement, Pswitchyard (HV breakers), Psubstation
//                           (GridAndPermits.cpp); a site without a
//                           `utility` has only the substation
//   Pair_permit, Ppower_plant, B.power_plant
//                           on-site generation (GridAndPermits.cpp)
//   <entry>.order, <entry>[.B].delivery
//                           procurement in delivery lots (Procurement.cpp)
//   B.permit, B.shell       building permit, shell and core
//   B.energise              MV power in, from the grid or an on-site plant,
//                           whichever comes first (Energisation.cpp)
//   B.H.mep                 MEP fit-out of a hall
//   B.H.cx_l2 … B.H.cx_l4   commissioning of the hall: site acceptance,
//                           start-up, load-bank tests
//   B.cx_l5                 integrated systems test of the building
//   B.H.it_install, B.H.ready
//   Pfirst_power            the first MV energisation
//   Pfirst_it_ready         the first hall ready for IT
//   Pphase<N>_it_ready      every hall of a phase ready (two phases or more)
//   Pcampus_complete        every hall ready
// A building without halls is its own single hall (B.mep, …); a site
// without buildings is its own single building. `B.mep`, `B.cx_l2` …,
// `B.commissioning` (every level), `B.it_install` and `B.ready` also name the
// group of the building's hall tasks; `B.H.commissioning` the hall's levels.

#include "schedule/Builder.h"

#include "model/Expansion.h"

#include "units/Quantity.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace sgd::schedule {

unsigned Builder::addTask(std::string name, llvm::StringRef kind, const llvm::Twine &description,
                          int64_t duration, bool milestone) {
  Task task;
  task.name = std::move(name);
  task.kind = kind;
  task.duration = milestone ? 0 : duration;
  task.milestone = milestone || duration == 0;
  if (forOutputs()) {
    auto [crew, added] = crews_.try_emplace(kind);
    if (added)
      if (auto text = defaults().texts.find(kind.str() + "_crew");
          text != defaults().texts.end()) {
        auto size = defaults().counts.find(kind.str() + "_crews");
        crew->second =
            ResourceUse{text->second, size == defaults().counts.end() ? 1 : size->second};
      }
    if (crew->second)
      task.resources.push_back(*crew->second);
    net_.addTexts({"", description.str(), {}});
  }
  net_.tasks.push_back(std::move(task));
  unsigned index = static_cast<unsigned>(net_.tasks.size() - 1);
  if (indexesNames())
    byName_[net_.tasks.back().name] = index;
  return index;
}

void Builder::link(unsigned pred, unsigned succ, LinkType type, int64_t lag) {
  net_.links.push_back({pred, succ, type, lag});
}

// Once, at the end: an index of the links sorted takes 4 B a link, where a
// set of the links seen took 64 B a link while the network was built.
void Builder::dropRepeatedLinks() {
  std::vector<Link> &links = net_.links;
  auto key = [&](unsigned i) {
    const Link &l = links[i];
    return std::tuple(l.pred, l.succ, l.type, l.lag);
  };
  std::vector<unsigned> order(links.size());
  std::iota(order.begin(), order.end(), 0u);
  // Stable: of the same links, the first stays first and is kept.
  std::stable_sort(order.begin(), order.end(),
                   [&](unsigned a, unsigned b) { return key(a) < key(b); });
  std::vector<bool> repeated(links.size());
  for (size_t k = 1; k < order.size(); ++k)
    repeated[order[k]] = key(order[k]) == key(order[k - 1]);
  size_t kept = 0;
  for (size_t i = 0; i < links.size(); ++i)
    if (!repeated[i])
      links[kept++] = links[i];
  links.resize(kept);
}

int64_t Builder::defaultDays(llvm::StringRef name) const {
  // Asked per hall and per equipment line: worked out once per name (the
  // calendar is set before the first task).
  auto [at, added] = defaultDays_.try_emplace(name, 0);
  if (added)
    if (auto it = defaults().days.find(name.str()); it != defaults().days.end())
      at->second = workingDaysOf(it->second);
  return at->second;
}

int64_t Builder::lawDays(const SiteUnit &site, llvm::StringRef name) const {
  std::optional<units::Rational> days = defaults().daysIn(name, site.jurisdiction);
  return days ? workingDaysOf(*days) : 0;
}

const Builder::NodeNames &Builder::namesOf(Replica node, Replica site) const {
  auto [at, added] = names_.try_emplace({node, site});
  NodeNames &names = at->second;
  if (!added)
    return names;
  std::vector<std::string> parts;
  for (Replica n = node; n.node != NoIndex && n != site; n = design_.parentOf(n))
    parts.push_back(design_.nameOf(n));
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    names.path += (names.path.empty() ? "" : ".") + *it;
    if (!it->empty())
      names.words += (names.words.empty() ? "" : " ") + *it;
  }
  return names;
}

std::string Builder::relativePath(Replica node, Replica site) const {
  return namesOf(node, site).path;
}

std::string Builder::nameOf(const SiteUnit &site, Replica node, llvm::StringRef suffix) const {
  // One string made (four temporaries before: a task's name is made for
  // every task of every building).
  const std::string &rel = namesOf(node, site.node).path;
  std::string name;
  name.reserve(site.prefix.size() + rel.size() + 1 + suffix.size());
  name += site.prefix;
  name += rel;
  if (!rel.empty())
    name += '.';
  name += suffix;
  return name;
}

std::string Builder::titleOf(const SiteUnit &site, Replica node, llvm::StringRef label) const {
  std::string where = site.prefix.empty() ? "" : design_.nameOf(site.node);
  const std::string &words = namesOf(node, site.node).words;
  if (!words.empty())
    where += (where.empty() ? "" : " ") + words;
  return where.empty() ? label.str() : where + ": " + label.str();
}

// The summary task that holds a site's or building's orders and deliveries
// (TaskTexts::outline).
const char *const procurementSummary = "Procurement and delivery";

void Builder::place(unsigned task, const SiteUnit &site, Replica node, llvm::StringRef label,
                    bool procurement) {
  net_.tasks[task].place = placeOf(node);
  if (!forOutputs())
    return;
  TaskTexts &texts = net_.texts(task);
  texts.outline = outlineOf(node);
  if (procurement)
    texts.outline.push_back(procurementSummary);
  texts.title = titleOf(site, node, label);
}

namespace {

// The levels that have a summary task in the work breakdown
// (TaskTexts::outline): sites, buildings and halls, not rows.
bool inOutline(model::Level level) {
  return level == model::Level::Site || level == model::Level::Building ||
         level == model::Level::Hall;
}

} // namespace

unsigned Builder::placeOf(Replica node) {
  auto [at, added] = placeOfNode_.try_emplace(node);
  if (!added)
    return at->second;
  // The first two levels of the node's outline (outlineOf), by name.
  Replica outer = noReplica, inner = noReplica;
  for (Replica n = node; n.node != NoIndex; n = design_.parentOf(n))
    if (inOutline(design_.nodes[n.node].level)) {
      inner = outer;
      outer = n;
    }
  std::pair<std::string, std::string> key{
      outer.node == NoIndex ? "" : design_.nameOf(outer),
      inner.node == NoIndex ? "" : design_.nameOf(inner)};
  auto [place, fresh] = placeIndex_.try_emplace(key, net_.places.size());
  if (fresh)
    net_.places.push_back({std::move(key.first), std::move(key.second)});
  return at->second = place->second;
}

const std::vector<std::string> &Builder::outlineOf(Replica node) const {
  auto [at, added] = outlines_.try_emplace(node);
  std::vector<std::string> &path = at->second;
  if (!added)
    return path;
  for (Replica n = node; n.node != NoIndex; n = design_.parentOf(n))
    if (inOutline(design_.nodes[n.node].level))
      path.push_back(design_.nameOf(n));
  std::reverse(path.begin(), path.end());
  return path;
}

Index Builder::ancestorAt(Index node, model::Level level) const {
  for (Index n = node; n != NoIndex; n = design_.nodes[n].parent)
    if (design_.nodes[n].level == level)
      return n;
  return NoIndex;
}

Replica Builder::ancestorAt(Replica node, model::Level level) const {
  Index at = node.node == NoIndex ? NoIndex : ancestorAt(node.node, level);
  return at == NoIndex ? noReplica : design_.ancestorOf(node, at);
}

void Builder::forEachLine(const SiteUnit &site,
                          llvm::function_ref<void(Index, Replica)> visit) const {
  // The lines of the site's subtree, in design order.
  std::vector<Index> lines;
  for (Index line = 0; line < design_.equipment.size(); ++line) {
    Index node = design_.equipment[line].node;
    if (node != NoIndex && design_.topLevelOf(node) == site.node.node)
      lines.push_back(line);
  }
  model::forEachElementReplica(
      design_, site.node, lines.size(), [&](size_t i) { return design_.equipment[lines[i]].node; },
      [&](size_t i, Replica at) { visit(lines[i], at); });
}

std::vector<const HallUnit *> Builder::hallsFor(const SiteUnit &site, Replica node) const {
  std::vector<const HallUnit *> result;
  Replica hall = ancestorAt(node, model::Level::Hall);
  if (auto it = site.hallOf.find(hall); hall.node != NoIndex && it != site.hallOf.end()) {
    const BuildingUnit &building = site.buildings[it->second.first];
    result.push_back(&building.halls[it->second.second]);
    return result;
  }
  if (const BuildingUnit *building = buildingFor(site, node)) {
    for (const HallUnit &unit : building->halls)
      result.push_back(&unit);
    return result;
  }
  for (const BuildingUnit &building : site.buildings)
    for (const HallUnit &unit : building.halls)
      result.push_back(&unit);
  return result;
}

const BuildingUnit *Builder::buildingFor(const SiteUnit &site, Replica node) const {
  Replica building = ancestorAt(node, model::Level::Building);
  auto it = site.buildingOf.find(building.node == NoIndex ? site.node : building);
  return it == site.buildingOf.end() ? nullptr : &site.buildings[it->second];
}

void Builder::buildBuilding(SiteUnit &site, Replica b) {
  BuildingUnit unit;
  unit.node = b;
  if (const model::Value *phase = design_.property(design_.nodes[b.node].properties, "phase"))
    if (const units::Quantity *q = phase->quantity(); q && q->value.denominator() == 1)
      unit.phase = static_cast<unsigned>(std::max<int64_t>(1, q->value.numerator()));
  const model::Node &top = design_.nodes[site.node.node];
  std::string label = b == site.node ? design_.nameOf(site.node) : relativePath(b, site.node);
  std::string country;
  if (const model::Value *value = design_.property(top.properties, "country"))
    if (const std::string *text = value->text())
      country = *text;
  unit.permit = addTask(nameOf(site, b, "permit"), "permit",
                        "Building permit for " + label +
                            (country.empty() ? "" : " (" + country + " permit statistics)"),
                        lawDays(site, "building_permit"));
  unit.shell = addTask(nameOf(site, b, "shell"), "shell", llvm::Twine("Shell and core of ") + label,
                       defaultDays("shell"));
  unit.energise = addTask(nameOf(site, b, "energise"), "energise",
                          llvm::Twine("Energise ") + label + " (MV switchgear)",
                          defaultDays("energise"));
  unit.cxL5 = addTask(nameOf(site, b, "cx_l5"), "cx_l5",
                      llvm::Twine("Commissioning L5: integrated systems test of ") + label +
                          " (utility failure, generator start and transfer, cooling "
                          "ride-through)",
                      defaultDays("cx_l5"));
  for (auto [t, label] : {std::pair{unit.permit, "Building permit"},
                          {unit.shell, "Shell and core"},
                          {unit.energise, "Energise"},
                          {unit.cxL5, "Commissioning L5 (integrated systems test)"}})
    place(t, site, b, label);
  link(unit.permit, unit.shell);
  link(site.siteWorks, unit.shell);
  link(unit.shell, unit.energise);

  std::vector<Replica> halls = model::replicasAt(design_, b, model::Level::Hall);
  if (halls.empty())
    halls.push_back(b);
  for (Replica h : halls) {
    HallUnit hall;
    hall.node = h;
    std::string hallLabel = h == site.node ? design_.nameOf(site.node) : relativePath(h, site.node);
    hall.mep = addTask(nameOf(site, h, "mep"), "mep", llvm::Twine("MEP fit-out of ") + hallLabel,
                       defaultDays("mep"));
    hall.cxL2 = addTask(nameOf(site, h, "cx_l2"), "cx_l2",
                        llvm::Twine("Commissioning L2: site acceptance of ") + hallLabel +
                            " (delivery inspection, installation verification)",
                        defaultDays("cx_l2"));
    hall.cxL3 = addTask(nameOf(site, h, "cx_l3"), "cx_l3",
                        llvm::Twine("Commissioning L3: start-up of ") + hallLabel +
                            " once energised",
                        defaultDays("cx_l3"));
    // The load banks carry the hall's IT load: a share of the fleet.
    int64_t loadBankKw = ceilQuotient(analysis_.nodes[h.node].itPower.value, 1000);
    hall.cxL4 = addTask(nameOf(site, h, "cx_l4"), "cx_l4",
                        llvm::Twine("Commissioning L4: functional tests of ") + hallLabel +
                            (loadBankKw > 0 ? llvm::Twine(" with load banks at its IT load (") +
                                                  llvm::Twine(loadBankKw) + " kW)"
                                            : llvm::Twine(" under load")),
                        defaultDays("cx_l4"));
    if (loadBankKw > 0 && forOutputs())
      net_.tasks[hall.cxL4].resources.push_back({"load_banks", loadBankKw});
    hall.itInstall = addTask(nameOf(site, h, "it_install"), "it_install",
                             llvm::Twine("IT install in ") + hallLabel, defaultDays("it_install"));
    hall.ready = addTask(nameOf(site, h, "ready"), "milestone",
                         llvm::Twine(hallLabel) + " ready for IT", 0, true);
    for (auto [t, label] : {std::pair{hall.mep, "MEP fit-out"},
                            {hall.cxL2, "Commissioning L2 (site acceptance)"},
                            {hall.cxL3, "Commissioning L3 (start-up)"},
                            {hall.cxL4, "Commissioning L4 (load-bank tests)"},
                            {hall.itInstall, "IT install"},
                            {hall.ready, "Ready for IT"}})
      place(t, site, h, label);
    link(unit.shell, hall.mep);
    link(hall.mep, hall.cxL2);
    link(hall.cxL2, hall.cxL3);
    link(unit.energise, hall.cxL3);
    link(hall.cxL3, hall.cxL4);
    link(hall.cxL4, unit.cxL5);
    link(unit.cxL5, hall.itInstall);
    link(hall.itInstall, hall.ready);
    if (h != b) {
      site.hallOf[h] = {static_cast<unsigned>(site.buildings.size()),
                        static_cast<unsigned>(unit.halls.size())};
      if (indexesNames())
        groups_[nameOf(site, h, "commissioning")] = {hall.cxL2, hall.cxL3, hall.cxL4};
    }
    unit.halls.push_back(hall);
  }
  // Group names: every hall's task of a kind, and the building's
  // commissioning (its halls' levels and L5).
  if (indexesNames()) {
    std::vector<unsigned> &commissioning = groups_[nameOf(site, b, "commissioning")];
    for (const HallUnit &hall : unit.halls)
      commissioning.insert(commissioning.end(), {hall.cxL2, hall.cxL3, hall.cxL4});
    commissioning.push_back(unit.cxL5);
    if (halls.front() != b) {
      for (auto [suffix, field] :
           {std::pair{"mep", &HallUnit::mep}, {"cx_l2", &HallUnit::cxL2},
            {"cx_l3", &HallUnit::cxL3}, {"cx_l4", &HallUnit::cxL4},
            {"it_install", &HallUnit::itInstall}, {"ready", &HallUnit::ready}}) {
        std::vector<unsigned> &members = groups_[nameOf(site, b, suffix)];
        for (const HallUnit &hall : unit.halls)
          members.push_back(hall.*field);
      }
    }
  }
  if (forOutputs()) {
    std::string outline;
    for (const std::string &part : outlineOf(b))
      outline += (outline.empty() ? "" : ".") + part;
    net_.phases[outline] = unit.phase;
  }
  site.buildingOf[b] = static_cast<unsigned>(site.buildings.size());
  site.buildings.push_back(std::move(unit));
}

void Builder::buildSite(SiteUnit &site) {
  const model::Node &top = design_.nodes[site.node.node];
  for (const char *key : {"grid", "region", "country"}) {
    std::string value;
    if (const model::Value *v = design_.property(top.properties, key))
      if (const std::string *text = v->text())
        value = *text;
    site.jurisdiction.push_back(value);
  }
  site.siteWorks = addTask(site.prefix + "site_works", "site_works",
                           "Site works: clearing, grading, roads", defaultDays("site_works"));
  site.substation = addTask(site.prefix + "substation", "substation",
                            "Substation: install and test the site's HV gear",
                            defaultDays("substation"));
  link(site.siteWorks, site.substation);
  place(site.siteWorks, site, site.node, "Site works");
  place(site.substation, site, site.node, "Substation");

  buildGrid(site);
  // Buildings, else the site itself.
  std::vector<Replica> buildings = model::replicasAt(design_, site.node, model::Level::Building);
  if (buildings.empty())
    buildings.push_back(site.node);
  for (Replica b : buildings)
    buildBuilding(site, b);
  buildPlants(site);
  buildLots(site);
  addMilestones(site);
}

void Builder::addMilestones(SiteUnit &site) {
  site.firstPower = addTask(site.prefix + "first_power", "milestone",
                            "First power: the first building's MV switchgear energised", 0, true);
  site.firstItReady = addTask(site.prefix + "first_it_ready", "milestone",
                              "The first hall ready for IT", 0, true);
  std::map<unsigned, std::vector<unsigned>> readyByPhase;
  for (const BuildingUnit &building : site.buildings)
    for (const HallUnit &hall : building.halls)
      readyByPhase[building.phase].push_back(hall.ready);
  if (readyByPhase.size() > 1) {
    for (const auto &[phase, halls] : readyByPhase) {
      unsigned milestone =
          addTask(site.prefix + "phase" + std::to_string(phase) + "_it_ready", "milestone",
                  "Every hall of phase " + std::to_string(phase) + " ready for IT", 0, true);
      place(milestone, site, site.node, "Phase " + std::to_string(phase) + " ready for IT");
      for (unsigned ready : halls)
        link(ready, milestone);
      if (site.prefix.empty() || net_.phaseReady.empty())
        net_.phaseReady[phase] = milestone;
    }
  }
  site.complete = addTask(site.prefix + "campus_complete", "milestone",
                          "Every hall ready for IT", 0, true);
  place(*site.firstPower, site, site.node, "First power");
  place(*site.firstItReady, site, site.node, "First hall ready for IT");
  place(*site.complete, site, site.node, "Campus complete");
  for (const auto &[phase, halls] : readyByPhase)
    for (unsigned ready : halls)
      link(ready, *site.complete);
}

std::optional<Network> Builder::run() {
  std::vector<SiteUnit> sites;
  // Every replica of a top-level structure is a site of its own (planned
  // through its structure's first one where the scope allows: Schedule.h).
  if (scope_ == PlanScope::FirstReplicas && design_.schedules.empty())
    net_.scope = PlanScope::FirstReplicas;
  bool firstReplicas = net_.scope == PlanScope::FirstReplicas;
  uint64_t siteCount = 0;
  for (Index n = 0; n < design_.nodes.size(); n = design_.nodes[n].subtreeEnd)
    if (design_.nodes[n].parent == NoIndex) {
      siteCount += design_.nodes[n].instances;
      for (Replica replica : design_.replicas(n)) {
        SiteUnit site;
        site.node = replica;
        sites.push_back(std::move(site));
        if (firstReplicas)
          break;
      }
    }
  if (sites.empty())
    return std::nullopt;
  net_.calendar.start = defaults().start;
  // The calendar is the first site's (or top-level) schedule's; a building's
  // or hall's schedule holds tasks only.
  const model::Schedule *siteSchedule = nullptr;
  for (const model::Schedule &schedule : design_.schedules)
    if (schedule.node == NoIndex || design_.nodes[schedule.node].parent == NoIndex) {
      siteSchedule = &schedule;
      break;
    }
  if (siteSchedule) {
    const model::Schedule &schedule = *siteSchedule;
    if (const model::Value *start = design_.property(schedule.properties, "start"))
      if (const auto *d = std::get_if<model::Date>(&start->data))
        net_.calendar.start = *d;
    if (const model::Property *calendar = design_.findProperty(schedule.properties, "calendar"))
      if (const std::string *text = calendar->value.text()) {
        if (*text == "5d" || *text == "6d" || *text == "7d")
          net_.calendar.workDays = static_cast<unsigned>((*text)[0] - '0');
        else
          diagnostics_.report(DiagCode::E0803, calendar->range,
                              "`" + *text + "` is not a calendar")
              .note("a calendar is \"5d\" (Monday to Friday), \"6d\" or \"7d\"");
      }
    // `holidays = [2024-12-25, …];`: the schema check reports anything but dates.
    if (const model::Value *holidays = design_.property(schedule.properties, "holidays"))
      if (const model::ValueList *list = holidays->list())
        for (const model::Value &element : *list)
          if (const auto *d = std::get_if<model::Date>(&element.data))
            net_.calendar.holidays.push_back(*d);
  } else {
    net_.calendar.workDays = 5;
  }
  for (SiteUnit &site : sites) {
    if (siteCount > 1)
      site.prefix = design_.nameOf(site.node) + ".";
    buildSite(site);
  }
  applySchedules(sites);
  // No name is looked up after the design's schedules: the names and their
  // indexes go before the CPMs of chooseSources, the peak of the builder.
  tasksByLeaf_ = {};
  groupsByLeaf_ = {};
  byName_ = {};
  groups_ = {};
  chooseSources(sites);
  net_.firstPower = sites.front().firstPower;
  net_.firstItReady = sites.front().firstItReady;
  net_.complete = sites.front().complete;
  dropRepeatedLinks();
  return std::move(net_);
}

namespace {

/// W0805 at every `deadline` the early schedule misses, with the chain of
/// work that sets its date.
void reportMissedDeadlines(const Plan &plan, DiagnosticEngine &diagnostics) {
  const Network &network = plan.network;
  for (unsigned t = 0; t < network.tasks.size(); ++t) {
    const Task &task = network.tasks[t];
    if (!task.finishNoLater)
      continue;
    Moment finish = plan.dates(t).finish;
    int64_t late = finish.day - *task.finishNoLater;
    if (late <= 0)
      continue;
    Diagnostic &d = diagnostics.report(
        DiagCode::W0805, task.deadlineRange,
        "`" + task.name + "` finishes on " + plan.date(finish) + ", " + std::to_string(late) +
            (late == 1 ? " working day" : " working days") + " after its deadline " +
            formatDate(network.calendar.dateOf(*task.finishNoLater)));
    std::vector<unsigned> path = drivingPath(network, plan.result, t);
    std::string chain;
    for (unsigned step : path)
      chain += (chain.empty() ? "" : " -> ") + network.tasks[step].name;
    d.note("its date is set by " + chain + "; `sgdc schedule` prints the critical path");
  }
}

} // namespace

std::optional<Network> buildNetwork(const model::Design &design,
                                    const checks::DesignAnalysis &analysis,
                                    DiagnosticEngine &diagnostics, PlanScope scope,
                                    PlanDetail detail) {
  return Builder(design, analysis, diagnostics, scope, detail).run();
}

std::optional<Plan> planDesign(const model::Design &design, const checks::DesignAnalysis &analysis,
                               DiagnosticEngine &diagnostics, PlanScope scope,
                               PlanDetail detail) {
  std::optional<Network> network = buildNetwork(design, analysis, diagnostics, scope, detail);
  if (!network)
    return std::nullopt;
  CpmResult result = computeCpm(*network);
  if (!result.cycle.empty()) {
    std::string chain;
    for (unsigned t : result.cycle)
      chain += network->tasks[t].name + " -> ";
    chain += network->tasks[result.cycle.front()].name;
    SourceRange range;
    for (unsigned t : result.cycle)
      if (network->tasks[t].range.file.isValid()) {
        range = network->tasks[t].range;
        break;
      }
    diagnostics.report(DiagCode::E0802, range, "the schedule's links form a cycle: " + chain);
    return std::nullopt;
  }
  Plan plan{std::move(*network), std::move(result)};
  reportMissedDeadlines(plan, diagnostics);
  return plan;
}

void checkSchedules(const model::Design &design, const checks::DesignAnalysis &analysis,
                    DiagnosticEngine &diagnostics) {
  if (!design.schedules.empty())
    (void)planDesign(design, analysis, diagnostics, PlanScope::EverySite, PlanDetail::Diagnostics);
}

LotDates Plan::lotDates(const DeliveryLot &lot) const {
  LotDates dates;
  const TaskTimes &order = result.times[lot.order];
  const TaskTimes &delivery = result.times[lot.delivery];
  dates.ordered = order.earlyStart;
  dates.delivered = network.tasks[lot.delivery].duration > 0 ? delivery.earlyFinish - 1
                                                              : delivery.earlyFinish;
  dates.needBy = delivery.earlyFinish;
  for (size_t i = 0; i < lot.needs.size(); ++i) {
    int64_t day = result.times[lot.needs[i].task].earlyStart - lot.needs[i].lag;
    dates.needBy = i == 0 ? day : std::min(dates.needBy, day);
  }
  dates.orderBy = dates.needBy - network.tasks[lot.delivery].duration;
  return dates;
}

} // namespace sgd::schedule
