// The task network generated from a design, with its `schedule { }` blocks.
//
// Per site (top-level structure), with P the site's prefix (empty when the
// design has one top-level structure, else `SITE.`):
//   P<entry>.order       milestone: the order of one catalog entry, on the
//                        start day or on its `preorder` date
//   P<entry>.delivery    the entry's `lead_time` (L1 factory tests included)
//   Psite_works          clearing, grading, roads
//   Psubstation          after site works and the site-level transformers and
//                        switchgear (the substation's gear)
//   B.shell              after site works
//   B.energise           after the shell, the substation and the building's
//                        own switchgear and transfer switches: MV power in
//   B.H.mep              after the shell and the hall's plant (and the
//                        building's and site's plant that is not power path)
//   B.H.commissioning    L2-L5, after MEP, energisation and the power-path
//                        gear of the hall and building (distribution
//                        transformers, UPS, batteries, busway, PDUs)
//   B.H.it_install       after commissioning and the racks' delivery
//   B.H.ready            milestone: the hall is ready for service
//   Pfirst_power         milestone after the first building's energisation
//   Pcampus_complete     milestone after every hall is ready
// A building without halls is its own single hall (B.mep, …); a site
// without buildings is its own single building. `B.mep`, `B.commissioning`,
// `B.it_install` and `B.ready` also name the group of the building's hall
// tasks: a link to a group links each member.
//
// Each task also gets its place in the work breakdown of schedule.xml
// (Task::outline): the site's, building's and hall's names down to the node
// it belongs to, with "Procurement and delivery" below the site for orders
// and deliveries; the design's own tasks sit at the site's level.

#include "model/Aggregates.h"
#include "model/Expansion.h"
#include "model/NodeScope.h"
#include "schedule/Schedule.h"
#include "sema/Suggestion.h"

#include "units/Quantity.h"

#include <algorithm>
#include <set>

namespace sgd::schedule {

namespace {

using model::Index;
using model::NoIndex;
using model::Replica;

constexpr Replica noReplica{NoIndex, 0};

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

// Every replica of a site, building and hall is its own unit of work: the
// network names each one (`b3.h2.mep`).
struct HallUnit {
  Replica node;
  unsigned mep, commissioning, itInstall, ready;
};

struct BuildingUnit {
  Replica node;
  unsigned shell, energise;
  std::vector<HallUnit> halls;
};

/// An equipment line or rack run of a site with the replica of the hall,
/// building or site whose tasks it feeds (its scopeOf()).
struct SiteGear {
  Index index; // into Design::equipment or Design::rackRuns
  Replica scope;
};

struct SiteUnit {
  Replica node = noReplica;
  std::string prefix;
  unsigned siteWorks = 0, substation = 0;
  std::optional<unsigned> firstPower, complete;
  std::vector<BuildingUnit> buildings;
  std::map<Index, unsigned> order, delivery; // catalog entry → task
  std::map<Replica, unsigned> buildingOf;    // building → index into buildings
  std::map<Replica, std::pair<unsigned, unsigned>> hallOf; // hall → (building, hall)
  std::vector<SiteGear> equipment, racks;                  // in design order
};

class Builder {
public:
  Builder(const model::Design &design, const checks::DesignAnalysis &analysis,
          DiagnosticEngine &diagnostics)
      : design_(design), analysis_(analysis), diagnostics_(diagnostics) {}

  std::optional<Network> run();

private:
  int64_t defaultDays(llvm::StringRef name) const {
    auto it = defaults().days.find(name.str());
    return it == defaults().days.end() ? 0 : net_.calendar.workingDays(it->second);
  }
  unsigned addTask(std::string name, std::string kind, std::string description, int64_t duration,
                   bool milestone = false) {
    Task task;
    task.name = std::move(name);
    task.kind = std::move(kind);
    task.description = std::move(description);
    task.duration = milestone ? 0 : duration;
    task.milestone = milestone || duration == 0;
    if (auto crew = defaults().texts.find(task.kind + "_crew"); crew != defaults().texts.end()) {
      task.crew = crew->second;
      auto size = defaults().counts.find(task.kind + "_crews");
      task.crewSize = size == defaults().counts.end() ? 1 : size->second;
    }
    net_.tasks.push_back(std::move(task));
    unsigned index = static_cast<unsigned>(net_.tasks.size() - 1);
    byName_[net_.tasks.back().name] = index;
    return index;
  }
  void link(unsigned pred, unsigned succ, LinkType type = LinkType::FS, int64_t lag = 0) {
    if (linked_.insert({pred, succ, static_cast<int>(type), lag}).second)
      net_.links.push_back({pred, succ, type, lag});
  }
  // `b1.h1` below the site, or "" for the site itself.
  std::string relativePath(Replica node, Replica site) const {
    std::vector<std::string> parts;
    for (Replica n = node; n.node != NoIndex && n != site; n = design_.parentOf(n))
      parts.push_back(design_.nameOf(n));
    std::string path;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
      path += (path.empty() ? "" : ".") + *it;
    return path;
  }
  std::string nameOf(const SiteUnit &site, Replica node, llvm::StringRef suffix) const {
    std::string rel = relativePath(node, site.node);
    return site.prefix + rel + (rel.empty() ? "" : ".") + suffix.str();
  }
  // The title of a task of `node` (Task::title): "b1 h1: MEP fit-out", the
  // path below the site in words; the site's name leads when the design has
  // several, and a site's own task in a design of one site has none.
  std::string titleOf(const SiteUnit &site, Replica node, llvm::StringRef label) const {
    std::string where = site.prefix.empty() ? "" : design_.nameOf(site.node);
    for (llvm::StringRef part : llvm::split(relativePath(node, site.node), '.'))
      if (!part.empty())
        where += (where.empty() ? "" : " ") + part.str();
    return where.empty() ? label.str() : where + ": " + label.str();
  }
  // The work-breakdown path of a node's tasks (Task::outline): the names of
  // the site, building and hall nodes from the top level down to `node`.
  std::vector<std::string> outlineOf(Replica node) const {
    std::vector<std::string> path;
    for (Replica n = node; n.node != NoIndex; n = design_.parentOf(n)) {
      model::Level level = design_.nodes[n.node].level;
      if (level == model::Level::Site || level == model::Level::Building ||
          level == model::Level::Hall)
        path.push_back(design_.nameOf(n));
    }
    std::reverse(path.begin(), path.end());
    return path;
  }
  Index ancestorAt(Index node, model::Level level) const {
    for (Index n = node; n != NoIndex; n = design_.nodes[n].parent)
      if (design_.nodes[n].level == level)
        return n;
    return NoIndex;
  }
  Replica ancestorAt(Replica node, model::Level level) const {
    Index at = ancestorAt(node.node, level);
    return at == NoIndex ? noReplica : design_.ancestorOf(node, at);
  }
  // The node whose tasks a line or run of `node` feeds: its hall, else its
  // building, else its top-level structure. Every replica of the node below
  // it feeds the same tasks, so the gear is linked once per replica of this.
  Index scopeOf(Index node) const {
    Index hall = ancestorAt(node, model::Level::Hall);
    if (hall != NoIndex)
      return hall;
    Index building = ancestorAt(node, model::Level::Building);
    return building != NoIndex ? building : design_.topLevelOf(node);
  }
  /// Sorts every equipment line and rack run into the site replica it is
  /// in, with the replica of its scope, in design order.
  void collectGear(std::vector<SiteUnit> &sites);

  void buildSite(SiteUnit &site);
  void procure(SiteUnit &site, Index entry, uint64_t count);
  // The hall units a scope's gear serves: its hall, else every hall of its
  // building, else every hall of the site.
  std::vector<const HallUnit *> hallsFor(const SiteUnit &site, Replica scope) const;
  const BuildingUnit *buildingFor(const SiteUnit &site, Replica scope) const;
  void applySchedules(std::vector<SiteUnit> &sites);
  std::vector<unsigned> resolve(const SiteUnit &site, llvm::StringRef name) const;
  /// The task or group of `site` whose name is closest to `name`, for
  /// "did you mean".
  std::optional<std::string> closestTask(const SiteUnit &site, llvm::StringRef name) const;

  const model::Design &design_;
  const checks::DesignAnalysis &analysis_;
  DiagnosticEngine &diagnostics_;
  Network net_;
  std::map<std::string, unsigned> byName_;
  std::set<std::tuple<unsigned, unsigned, int, int64_t>> linked_;
};

std::vector<const HallUnit *> Builder::hallsFor(const SiteUnit &site, Replica scope) const {
  std::vector<const HallUnit *> result;
  Replica hall = ancestorAt(scope, model::Level::Hall);
  if (auto it = site.hallOf.find(hall); hall.node != NoIndex && it != site.hallOf.end()) {
    const BuildingUnit &building = site.buildings[it->second.first];
    result.push_back(&building.halls[it->second.second]);
    return result;
  }
  if (const BuildingUnit *building = buildingFor(site, scope)) {
    for (const HallUnit &unit : building->halls)
      result.push_back(&unit);
    return result;
  }
  for (const BuildingUnit &building : site.buildings)
    for (const HallUnit &unit : building.halls)
      result.push_back(&unit);
  return result;
}

const BuildingUnit *Builder::buildingFor(const SiteUnit &site, Replica scope) const {
  Replica building = ancestorAt(scope, model::Level::Building);
  auto it = site.buildingOf.find(building.node == NoIndex ? site.node : building);
  return it == site.buildingOf.end() ? nullptr : &site.buildings[it->second];
}

void Builder::collectGear(std::vector<SiteUnit> &sites) {
  std::map<Replica, SiteUnit *> siteOf;
  for (SiteUnit &site : sites)
    siteOf[site.node] = &site;
  auto sort = [&](size_t count, llvm::function_ref<Index(size_t)> nodeOf,
                  std::vector<SiteGear> SiteUnit::*list) {
    // Visited once per replica of the scope, not of each row below it.
    model::forEachElementReplica(
        design_, {NoIndex, 0}, count,
        [&](size_t i) {
          Index node = nodeOf(i);
          return node == NoIndex ? NoIndex : scopeOf(node);
        },
        [&](size_t i, Replica scope) {
          if (scope.node == NoIndex)
            return;
          Replica site = design_.ancestorOf(scope, design_.topLevelOf(scope.node));
          (siteOf.at(site)->*list).push_back({static_cast<Index>(i), scope});
        });
  };
  sort(
      design_.equipment.size(), [&](size_t i) { return design_.equipment[i].node; },
      &SiteUnit::equipment);
  sort(
      design_.rackRuns.size(), [&](size_t i) { return design_.rackRuns[i].parent; },
      &SiteUnit::racks);
}

void Builder::procure(SiteUnit &site, Index entry, uint64_t count) {
  if (count == 0)
    return;
  if (site.order.count(entry))
    return;
  const model::CatalogEntry &catalog = design_.catalog[entry];
  std::string base = site.prefix + catalog.qualifiedName.str();
  int64_t lead = 0;
  std::string leadText = "no lead time";
  if (const units::Quantity *q = checks::quantityProperty(design_, catalog.properties, "lead_time")) {
    if (auto days = units::valueIn(*q, "d")) {
      lead = net_.calendar.workingDays(*days);
      if (auto weeks = units::valueIn(*q, "weeks"); weeks && weeks->denominator() == 1)
        leadText = std::to_string(static_cast<int64_t>(weeks->numerator())) + " weeks lead time";
      else {
        if (!weeks)
          llvm::consumeError(weeks.takeError());
        leadText = std::to_string(lead) + " working days lead time";
      }
    } else {
      llvm::consumeError(days.takeError());
    }
  }
  unsigned order = addTask(base + ".order", "order", "Order " + catalog.qualifiedName.str(), 0, true);
  net_.tasks[order].title = titleOf(site, site.node, "Order " + catalog.qualifiedName.str());
  net_.tasks[order].entry = entry;
  net_.tasks[order].startNoEarlier = 0;
  unsigned delivery = addTask(base + ".delivery", "procurement",
                              "Deliver " + catalog.qualifiedName.str() + " (" + catalog.kind.str() +
                                  ", " + leadText + ")",
                              lead);
  net_.tasks[delivery].title = titleOf(site, site.node, "Deliver " + catalog.qualifiedName.str());
  net_.tasks[delivery].entry = entry;
  std::vector<std::string> outline = outlineOf(site.node);
  // Not an identifier (a space), so no building or hall can share its name.
  outline.push_back("Procurement and delivery");
  net_.tasks[order].outline = outline;
  net_.tasks[delivery].outline = std::move(outline);
  link(order, delivery);
  site.order[entry] = order;
  site.delivery[entry] = delivery;
}

void Builder::buildSite(SiteUnit &site) {
  site.siteWorks = addTask(site.prefix + "site_works", "site_works",
                           "Site works: clearing, grading, roads", defaultDays("site_works"));
  site.substation = addTask(site.prefix + "substation", "substation",
                            "Substation: install and test the site's HV gear",
                            defaultDays("substation"));
  link(site.siteWorks, site.substation);
  net_.tasks[site.siteWorks].outline = net_.tasks[site.substation].outline = outlineOf(site.node);
  net_.tasks[site.siteWorks].title = titleOf(site, site.node, "Site works");
  net_.tasks[site.substation].title = titleOf(site, site.node, "Substation");

  // Buildings, else the site itself.
  auto replicasAt = [&](Replica root, model::Level level) {
    std::vector<Replica> found;
    model::forEachReplica(design_, root, [&](Replica replica) {
      if (design_.nodes[replica.node].level == level)
        found.push_back(replica);
      return true;
    });
    return found;
  };
  std::string siteName = design_.nameOf(site.node);
  std::vector<Replica> buildings = replicasAt(site.node, model::Level::Building);
  if (buildings.empty())
    buildings.push_back(site.node);
  for (Replica b : buildings) {
    BuildingUnit unit;
    unit.node = b;
    std::string label = b == site.node ? siteName : relativePath(b, site.node);
    unit.shell = addTask(nameOf(site, b, "shell"), "shell", "Shell and core of " + label,
                         defaultDays("shell"));
    unit.energise = addTask(nameOf(site, b, "energise"), "energise",
                            "Energise " + label + " (MV switchgear)", defaultDays("energise"));
    net_.tasks[unit.shell].outline = net_.tasks[unit.energise].outline = outlineOf(b);
    net_.tasks[unit.shell].title = titleOf(site, b, "Shell and core");
    net_.tasks[unit.energise].title = titleOf(site, b, "Energise");
    link(site.siteWorks, unit.shell);
    link(unit.shell, unit.energise);
    link(site.substation, unit.energise);
    std::vector<Replica> halls = replicasAt(b, model::Level::Hall);
    if (halls.empty())
      halls.push_back(b);
    for (Replica h : halls) {
      HallUnit hall;
      hall.node = h;
      std::string hallLabel = h == site.node ? siteName : relativePath(h, site.node);
      hall.mep = addTask(nameOf(site, h, "mep"), "mep", "MEP fit-out of " + hallLabel,
                         defaultDays("mep"));
      hall.commissioning =
          addTask(nameOf(site, h, "commissioning"), "commissioning",
                  "Commissioning L2-L5 of " + hallLabel, defaultDays("commissioning"));
      hall.itInstall = addTask(nameOf(site, h, "it_install"), "it_install",
                               "IT install in " + hallLabel, defaultDays("it_install"));
      hall.ready = addTask(nameOf(site, h, "ready"), "milestone",
                           hallLabel + " ready for service", 0, true);
      for (unsigned t : {hall.mep, hall.commissioning, hall.itInstall, hall.ready})
        net_.tasks[t].outline = outlineOf(h);
      for (auto [t, label] : {std::pair{hall.mep, "MEP fit-out"},
                              {hall.commissioning, "Commissioning L2-L5"},
                              {hall.itInstall, "IT install"},
                              {hall.ready, "Ready for service"}})
        net_.tasks[t].title = titleOf(site, h, label);
      link(unit.shell, hall.mep);
      link(hall.mep, hall.commissioning);
      link(unit.energise, hall.commissioning);
      link(hall.commissioning, hall.itInstall);
      link(hall.itInstall, hall.ready);
      if (h != b)
        site.hallOf[h] = {static_cast<unsigned>(site.buildings.size()),
                          static_cast<unsigned>(unit.halls.size())};
      unit.halls.push_back(hall);
    }
    if (halls.front() != b) {
      for (auto [suffix, field] : {std::pair{"mep", &HallUnit::mep},
                                   {"commissioning", &HallUnit::commissioning},
                                   {"it_install", &HallUnit::itInstall},
                                   {"ready", &HallUnit::ready}}) {
        std::vector<unsigned> &members = net_.groups[nameOf(site, b, suffix)];
        for (const HallUnit &hall : unit.halls)
          members.push_back(hall.*field);
      }
    }
    site.buildingOf[b] = static_cast<unsigned>(site.buildings.size());
    site.buildings.push_back(std::move(unit));
  }

  // Procurement: every equipment line and rack run of the site, in design
  // order, once per replica of its scope (collectGear()).
  for (const SiteGear &gear : site.equipment) {
    const model::EquipmentGroup &group = design_.equipment[gear.index];
    uint64_t count = gear.index < analysis_.equipment.size()
                         ? analysis_.equipment[gear.index].installed
                         : group.count;
    if (count == 0)
      continue;
    procure(site, group.entry, count);
    unsigned delivery = site.delivery[group.entry];
    llvm::StringRef kind = design_.catalog[group.entry].kind;
    Index building = ancestorAt(group.node, model::Level::Building);
    Index hall = ancestorAt(group.node, model::Level::Hall);
    if (isItGear(kind)) {
      for (const HallUnit *unit : hallsFor(site, gear.scope))
        link(delivery, unit->itInstall);
    } else if (building == NoIndex && hall == NoIndex && isSiteGear(kind)) {
      link(delivery, site.substation);
    } else if (hall == NoIndex && isBuildingEnergiseGear(kind)) {
      if (const BuildingUnit *unit = buildingFor(site, gear.scope))
        link(delivery, unit->energise);
    } else if (isPowerPath(kind)) {
      for (const HallUnit *unit : hallsFor(site, gear.scope))
        link(delivery, unit->commissioning);
    } else {
      for (const HallUnit *unit : hallsFor(site, gear.scope))
        link(delivery, unit->mep);
    }
  }
  for (const SiteGear &gear : site.racks) {
    const model::RackRun &run = design_.rackRuns[gear.index];
    procure(site, run.rackType, run.count);
    for (const HallUnit *unit : hallsFor(site, gear.scope))
      link(site.delivery[run.rackType], unit->itInstall);
  }

  site.firstPower = addTask(site.prefix + "first_power", "milestone",
                            "First power: " + net_.tasks[site.buildings.front().energise].name +
                                " done",
                            0, true);
  link(site.buildings.front().energise, *site.firstPower);
  site.complete = addTask(site.prefix + "campus_complete", "milestone",
                          "Every hall ready for service", 0, true);
  net_.tasks[*site.firstPower].outline = net_.tasks[*site.complete].outline =
      outlineOf(site.node);
  net_.tasks[*site.firstPower].title = titleOf(site, site.node, "First power");
  net_.tasks[*site.complete].title = titleOf(site, site.node, "Campus complete");
  for (const BuildingUnit &building : site.buildings)
    for (const HallUnit &hall : building.halls)
      link(hall.ready, *site.complete);
}

std::vector<unsigned> Builder::resolve(const SiteUnit &site, llvm::StringRef name) const {
  for (const std::string &candidate : {site.prefix + name.str(), name.str()}) {
    if (auto it = byName_.find(candidate); it != byName_.end())
      return {it->second};
    if (auto it = net_.groups.find(candidate); it != net_.groups.end())
      return it->second;
  }
  return {};
}

std::optional<std::string> Builder::closestTask(const SiteUnit &site,
                                                llvm::StringRef name) const {
  // The site's tasks and groups, by the names its schedule may use.
  std::vector<llvm::StringRef> candidates;
  auto consider = [&](llvm::StringRef full) {
    if (full.startswith(site.prefix))
      candidates.push_back(full.drop_front(site.prefix.size()));
  };
  for (const auto &[full, task] : byName_)
    consider(full);
  for (const auto &[full, tasks] : net_.groups)
    consider(full);
  return sema::closestName(name, std::move(candidates));
}

void Builder::applySchedules(std::vector<SiteUnit> &sites) {
  // A schedule at the top level is the first site's; one in a replicated
  // site is every replica's.
  auto sitesOf = [&](const model::Schedule &schedule) {
    std::vector<SiteUnit *> result;
    if (schedule.node != NoIndex)
      for (SiteUnit &site : sites)
        if (site.node.node == design_.topLevelOf(schedule.node))
          result.push_back(&site);
    if (result.empty())
      result.push_back(&sites.front());
    return result;
  };
  // Tasks and milestones first, so links may name tasks written later.
  for (const model::Schedule &schedule : design_.schedules)
    for (SiteUnit *unit : sitesOf(schedule)) {
      SiteUnit &site = *unit;
      for (const model::ScheduleTask &written : schedule.tasks) {
        std::string full = site.prefix + written.name.str();
        unsigned task;
        if (auto it = byName_.find(full); it != byName_.end()) {
          task = it->second;
        } else {
          task = addTask(full, written.isMilestone ? "milestone" : "task",
                         written.isMilestone ? "Milestone " + written.name.str()
                                             : "Task " + written.name.str(),
                         0, written.isMilestone);
          net_.tasks[task].outline = outlineOf(site.node);
          net_.tasks[task].title = titleOf(site, site.node, written.name);
        }
        Task &t = net_.tasks[task];
        t.range = written.range;
        const model::Property *duration = design_.findProperty(written.properties, "duration");
        if (duration && !duration->isDefault && !written.isMilestone) {
          if (const units::Quantity *q = duration->value.quantity()) {
            if (auto days = units::valueIn(*q, "d")) {
              t.duration = net_.calendar.workingDays(*days);
              t.milestone = t.duration == 0;
            } else {
              llvm::consumeError(days.takeError());
            }
          }
        }
        if (const model::Value *crew = design_.property(written.properties, "crew"))
          if (const std::string *text = crew->text()) {
            t.crew = *text;
            t.crewSize = std::max<int64_t>(t.crewSize, 1);
          }
        if (const model::Value *date = design_.property(written.properties, "date"))
          if (const auto *d = std::get_if<model::Date>(&date->data))
            t.startNoEarlier = net_.calendar.dayNumber(*d);
        if (const model::Value *deadline = design_.property(written.properties, "deadline"))
          if (const auto *d = std::get_if<model::Date>(&deadline->data)) {
            // The last working day on or before the deadline.
            int64_t day = net_.calendar.dayNumber(*d);
            if (net_.calendar.dateOf(day) != *d)
              --day;
            t.finishNoLater = day;
            t.deadlineRange = design_.findProperty(written.properties, "deadline")->range;
          }
      }
    }
  for (const model::Schedule &schedule : design_.schedules)
    for (const model::Property &crew : schedule.crews)
      if (const units::Quantity *q = crew.value.quantity())
        if (q->value.denominator() == 1 && q->value.numerator() >= 0)
          net_.crews[crew.name.str()] += static_cast<int64_t>(q->value.numerator());
  for (const model::Schedule &schedule : design_.schedules)
    for (SiteUnit *unit : sitesOf(schedule)) {
      SiteUnit &site = *unit;
      // Applied to each replica of its site: reported once for all of them.
      model::NodeScope replicas(diagnostics_, design_, schedule.node);
      for (const model::ScheduleTask &written : schedule.tasks) {
        unsigned task = byName_.at(site.prefix + written.name.str());
        for (const model::ScheduleLink &written_link : written.links) {
          std::vector<unsigned> targets = resolve(site, written_link.target);
          if (targets.empty()) {
            std::string message =
                "`" + written_link.target.str() + "` names no task of the schedule";
            if (std::optional<std::string> best = closestTask(site, written_link.target))
              message += "; did you mean `" + *best + "`?";
            diagnostics_.report(DiagCode::E0801, written_link.range, std::move(message))
                .note("generated tasks are named like `site_works`, `b1.shell`, `b1.energise`, "
                      "`b1.h1.mep`, `b1.h1.commissioning`, `b1.it_install`, "
                      "`power.xfmr_100mva.delivery`");
            continue;
          }
          LinkType type = LinkType::FS;
          llvm::StringRef typeName = written_link.type;
          if (typeName == "SS")
            type = LinkType::SS;
          else if (typeName == "FF")
            type = LinkType::FF;
          else if (typeName == "SF")
            type = LinkType::SF;
          // Any other type was reported by the elaborator (E0316): FS.
          int64_t lag = 0;
          if (written_link.hasLag) {
            if (auto days = units::valueIn(written_link.lag, "d"))
              lag = net_.calendar.workingDays(*days);
            else
              llvm::consumeError(days.takeError());
          }
          for (unsigned target : targets) {
            if (target == task)
              continue;
            if (written_link.isBefore)
              link(task, target, type, lag);
            else
              link(target, task, type, lag);
          }
        }
      }
      for (const model::Preorder &preorder : schedule.preorders) {
        auto it = site.order.find(preorder.entry);
        if (it == site.order.end()) {
          diagnostics_.report(DiagCode::W0804, preorder.range,
                              "`" + design_.catalog[preorder.entry].qualifiedName.str() +
                                  "` is preordered but " + design_.runPath(site.node.node) +
                                  " installs none");
          continue;
        }
        Task &order = net_.tasks[it->second];
        order.startNoEarlier = net_.calendar.dayNumber(preorder.date);
        order.kind = "preorder";
        order.description = "Preorder " + design_.catalog[preorder.entry].qualifiedName.str() +
                            " on " + formatDate(preorder.date);
        order.title = titleOf(site, site.node,
                              "Preorder " + design_.catalog[preorder.entry].qualifiedName.str());
        order.range = preorder.range;
      }
    }
}

std::optional<Network> Builder::run() {
  std::vector<SiteUnit> sites;
  for (Index n : design_.children(NoIndex))
    for (Replica replica : design_.replicas(n)) {
      SiteUnit site;
      site.node = replica;
      sites.push_back(std::move(site));
    }
  if (sites.empty())
    return std::nullopt;
  collectGear(sites);
  net_.calendar.start = defaults().start;
  if (!design_.schedules.empty()) {
    const model::Schedule &schedule = design_.schedules.front();
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
    if (sites.size() > 1)
      site.prefix = design_.nameOf(site.node) + ".";
    buildSite(site);
  }
  applySchedules(sites);
  net_.firstPower = sites.front().firstPower;
  net_.complete = sites.front().complete;
  return std::move(net_);
}

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
                                    DiagnosticEngine &diagnostics) {
  return Builder(design, analysis, diagnostics).run();
}

std::optional<Plan> planDesign(const model::Design &design, const checks::DesignAnalysis &analysis,
                               DiagnosticEngine &diagnostics) {
  std::optional<Network> network = buildNetwork(design, analysis, diagnostics);
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

} // namespace sgd::schedule
