// The design's `schedule { }` blocks applied to the generated network
// (docs/schedule.md, "The `schedule { }` block"): a task or milestone that
// names a generated task (or a group of them) overrides it; any other name
// adds a task, unless it looks like a generated name (E0810); links between
// tasks (E0801 for an unknown target); preorders (W0804).
//
// A name is looked up from the structure whose schedule writes it: in a
// building `b3`'s schedule (or a hall template's, for every replica) `mep`
// is `b3.mep`, then the site's `mep`. A design of one site may lead a name
// with the site's (`memphis.shell`); a design of several sites must.

#include "schedule/Builder.h"

#include "model/Expansion.h"
#include "model/NodeScope.h"

#include "units/Quantity.h"

#include <algorithm>

namespace sgd::schedule {

namespace {

// The closest candidates to `wanted`, best first, at most `limit`: those
// within the "did you mean" distance (about a third of the name).
std::vector<std::string> closestNames(llvm::StringRef wanted,
                                      const std::vector<std::string> &candidates,
                                      size_t limit) {
  unsigned threshold = std::max<unsigned>(2, wanted.size() / 3);
  std::vector<std::pair<unsigned, std::string>> ranked;
  for (const std::string &candidate : candidates)
    if (unsigned distance = llvm::StringRef(candidate).edit_distance(wanted);
        distance <= threshold)
      ranked.push_back({distance, candidate});
  std::sort(ranked.begin(), ranked.end());
  ranked.erase(std::unique(ranked.begin(), ranked.end()), ranked.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i)
    names.push_back(ranked[i].second);
  return names;
}

std::string quotedList(const std::vector<std::string> &names, size_t total) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() && total == names.size() ? " or " : ", ") +
            ("`" + names[i] + "`");
  if (total > names.size())
    text += " (" + std::to_string(total) + " in all)";
  return text;
}

} // namespace

SiteUnit &Builder::siteOf(std::vector<SiteUnit> &sites, Replica scope) const {
  if (scope.node != NoIndex) {
    Replica top = design_.ancestorOf(scope, design_.topLevelOf(scope.node));
    for (SiteUnit &site : sites)
      if (site.node == top)
        return site;
  }
  return sites.front();
}

std::vector<unsigned> Builder::resolve(const SiteUnit &site, Replica scope,
                                       llvm::StringRef name) const {
  std::vector<std::string> candidates;
  std::string path = scope.node == NoIndex ? "" : relativePath(scope, site.node);
  for (;;) {
    candidates.push_back(site.prefix + (path.empty() ? "" : path + ".") + name.str());
    if (path.empty())
      break;
    size_t dot = path.rfind('.');
    path = dot == std::string::npos ? "" : path.substr(0, dot);
  }
  candidates.push_back(name.str());
  std::string siteName = design_.nameOf(site.node);
  if (site.prefix.empty() && name.startswith(siteName) && name.drop_front(siteName.size())
                                                              .startswith("."))
    candidates.push_back(name.drop_front(siteName.size() + 1).str());
  for (const std::string &candidate : candidates) {
    if (auto it = byName_.find(candidate); it != byName_.end())
      return {it->second};
    if (auto it = groups_.find(candidate); it != groups_.end())
      return it->second;
  }
  return {};
}

std::string Builder::unknownName(const SiteUnit &site, Replica scope, llvm::StringRef name,
                                 bool declaration, bool linked) const {
  size_t known = declaration ? generated_ : net_.tasks.size();
  std::string scopePath = scope.node == NoIndex ? "" : relativePath(scope, site.node);
  std::string prefix = site.prefix + (scopePath.empty() ? "" : scopePath + ".");
  std::string written = prefix + name.str();
  bool dotted = name.contains('.');
  auto leafOf = [](llvm::StringRef full) {
    return full.contains('.') ? full.rsplit('.').second : llvm::StringRef();
  };
  if (!dotted) {
    // `shell` where each building has one: `b1.shell`, `b2.shell`, …
    // (`names` in order, by the leaf index: prefix starts with site.prefix.)
    std::vector<std::string> same;
    auto addSame = [&](const std::string &full) {
      if (llvm::StringRef(full).startswith(prefix) && !llvm::is_contained(same, full))
        same.push_back(full);
    };
    if (auto it = tasksByLeaf_.find(name); it != tasksByLeaf_.end())
      for (unsigned t : it->second)
        if (t < known)
          addSame(net_.tasks[t].name);
    if (auto it = groupsByLeaf_.find(name); it != groupsByLeaf_.end())
      for (const std::string *group : it->second)
        addSame(*group);
    if (!same.empty()) {
      std::vector<std::string> shown(same.begin(), same.begin() + std::min<size_t>(3, same.size()));
      return "`" + name.str() + "` is generated for each structure, not once" +
             (scopePath.empty() ? "" : " in `" + scopePath + "`") + ": name which, as " +
             quotedList(shown, same.size()) +
             (declaration ? "; a task of this name would be a new task, linked to nothing" : "");
    }
  }
  // A linked declaration without `.` is a new task (see below): no near
  // misses to look for.
  if (declaration && !dotted && linked)
    return "";
  // The site's task names (a declaration: the generated ones only) and group
  // names, in the network's order.
  std::vector<std::string> names;
  for (size_t t = 0; t < known; ++t)
    if (llvm::StringRef(net_.tasks[t].name).startswith(site.prefix))
      names.push_back(net_.tasks[t].name);
  for (const auto &[group, members] : groups_)
    if (llvm::StringRef(group).startswith(site.prefix))
      names.push_back(group);
  // Near misses by full name, then by the last part of each name.
  std::vector<std::string> closest = closestNames(written, names, 3);
  if (closest.empty()) {
    std::vector<std::string> leaves, fulls;
    for (const std::string &full : names)
      if (llvm::StringRef leaf = leafOf(full); !leaf.empty()) {
        leaves.push_back(leaf.str());
        fulls.push_back(full);
      }
    llvm::StringRef wantedLeaf = dotted ? name.rsplit('.').second : name;
    for (const std::string &leaf : closestNames(wantedLeaf, leaves, 3))
      for (size_t i = 0; i < leaves.size() && closest.size() < 3; ++i)
        if (leaves[i] == leaf && !llvm::is_contained(closest, fulls[i]))
          closest.push_back(fulls[i]);
  }
  // A name without `.` adds a task of the design's own, unless it is a near
  // miss of a generated name that nothing links: that one is a typo.
  if (declaration && !dotted && (closest.empty() || linked))
    return "";
  std::string message = "`" + name.str() + "` names no " +
                        (declaration ? "generated task" : "task of the schedule");
  if (!closest.empty())
    message += "; did you mean " + quotedList(closest, closest.size()) + "?";
  else if (declaration)
    message += "; only a name without `.` adds a task";
  if (declaration && !dotted)
    message += " (a new task of this name would be linked to nothing)";
  return message;
}

void Builder::indexLeaves(size_t from, size_t to) {
  auto leafOf = [](llvm::StringRef full) {
    return full.contains('.') ? full.rsplit('.').second : llvm::StringRef();
  };
  for (size_t t = from; t < to; ++t)
    if (llvm::StringRef leaf = leafOf(net_.tasks[t].name); !leaf.empty())
      tasksByLeaf_[leaf.str()].push_back(static_cast<unsigned>(t));
  if (from == 0)
    for (const auto &[group, members] : groups_)
      if (llvm::StringRef leaf = leafOf(group); !leaf.empty())
        groupsByLeaf_[leaf.str()].push_back(&group);
}

void Builder::applySchedules(std::vector<SiteUnit> &sites) {
  // Each schedule applies to every replica of its node (a schedule at the
  // top level: the first site), in the order of a design without ranges.
  struct Applied {
    size_t schedule;
    SiteUnit *site;
    Replica scope;
  };
  std::vector<Applied> applied;
  model::forEachElementReplica(
      design_, noReplica, design_.schedules.size(),
      [&](size_t s) { return design_.schedules[s].node; },
      [&](size_t s, Replica at) {
        SiteUnit &site = siteOf(sites, at);
        applied.push_back({s, &site, at.node == NoIndex ? site.node : at});
      });
  generated_ = net_.tasks.size();
  // No schedule, no name to resolve: the index of names would go unread.
  if (applied.empty())
    return;
  indexLeaves(0, generated_);
  // The names links write, to tell a new task from a typo of a generated one.
  std::set<std::string> linkedNames;
  for (const model::Schedule &schedule : design_.schedules)
    for (const model::ScheduleTask &written : schedule.tasks)
      for (const model::ScheduleLink &writtenLink : written.links)
        linkedNames.insert(writtenLink.target.str());
  // Tasks and milestones first, so links may name tasks written later.
  std::vector<std::vector<std::vector<unsigned>>> declared(applied.size());
  for (size_t s = 0; s < applied.size(); ++s) {
    const model::Schedule &schedule = design_.schedules[applied[s].schedule];
    SiteUnit &site = *applied[s].site;
    Replica scope = applied[s].scope;
    // Applied to each replica of its node: reported once for all of them.
    model::NodeScope replicas(diagnostics_, design_, schedule.node);
    for (const model::ScheduleTask &written : schedule.tasks) {
      std::vector<unsigned> tasks = resolve(site, scope, written.name);
      if (tasks.empty()) {
        std::string why =
            unknownName(site, scope, written.name, true,
                        !written.links.empty() || linkedNames.count(written.name.str()));
        if (!why.empty()) {
          diagnostics_.report(DiagCode::E0810, written.range, std::move(why))
              .note("`sgdc schedule --emit csv` lists every generated task; a design adds a "
                    "task with a new name without `.`");
          declared[s].emplace_back();
          continue;
        }
        std::string path = scope == site.node ? "" : relativePath(scope, site.node);
        unsigned task =
            addTask(site.prefix + (path.empty() ? "" : path + ".") + written.name.str(),
                    written.isMilestone ? "milestone" : "task",
                    written.isMilestone ? "Milestone " + written.name.str()
                                        : "Task " + written.name.str(),
                    0, written.isMilestone);
        place(task, site, scope, written.name);
        tasks = {task};
      }
      declared[s].push_back(tasks);
      for (unsigned task : tasks) {
        Task &t = net_.tasks[task];
        t.range = written.range;
        const model::Property *duration = design_.findProperty(written.properties, "duration");
        if (duration && !duration->isDefault && !written.isMilestone) {
          if (const units::Quantity *q = duration->value.quantity()) {
            if (auto days = units::valueIn(*q, "d")) {
              t.duration = workingDaysOf(*days);
              t.milestone = t.duration == 0;
              if (t.kind == "procurement")
                restateLeadTime(task);
            } else {
              llvm::consumeError(days.takeError());
            }
          }
        }
        if (const model::Value *crew = design_.property(written.properties, "crew");
            crew && forOutputs())
          if (const std::string *text = crew->text()) {
            int64_t crews = 1;
            for (auto it = t.resources.begin(); it != t.resources.end();)
              if (it->pool != "load_banks") {
                crews = std::max(crews, it->amount);
                it = t.resources.erase(it);
              } else {
                ++it;
              }
            t.resources.push_back({*text, crews});
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
  }
  // What levelling shares: a plan for diagnostics levels nothing.
  if (forOutputs())
    for (const Applied &each : applied) {
      const model::Schedule &schedule = design_.schedules[each.schedule];
      for (const model::Property &crew : schedule.crews)
        if (const units::Quantity *q = crew.value.quantity())
          if (q->value.denominator() == 1 && q->value.numerator() >= 0)
            net_.crews[crew.name.str()] += static_cast<int64_t>(q->value.numerator());
      // The load-bank fleet, in kW, as the L4 tests hold it.
      if (const model::Value *fleet = design_.property(schedule.properties, "load_banks"))
        if (const units::Quantity *q = fleet->quantity())
          net_.crews["load_banks"] += ceilQuotient(q->value, 1000);
    }
  indexLeaves(generated_, net_.tasks.size());
  for (size_t s = 0; s < applied.size(); ++s) {
    const model::Schedule &schedule = design_.schedules[applied[s].schedule];
    SiteUnit &site = *applied[s].site;
    Replica scope = applied[s].scope;
    model::NodeScope replicas(diagnostics_, design_, schedule.node);
    for (size_t w = 0; w < schedule.tasks.size(); ++w) {
      const model::ScheduleTask &written = schedule.tasks[w];
      for (const model::ScheduleLink &writtenLink : written.links) {
        std::vector<unsigned> targets = resolve(site, scope, writtenLink.target);
        if (targets.empty()) {
          diagnostics_
              .report(DiagCode::E0801, writtenLink.range,
                      unknownName(site, scope, writtenLink.target, false, true))
              .note("generated tasks are named like `site_works`, `b1.shell`, `b1.energise`, "
                    "`b1.h1.mep`, `b1.h1.cx_l4`, `b1.cx_l5`, `b1.it_install`, "
                    "`power.xfmr_100mva.delivery`; `sgdc schedule --emit csv` lists them");
          continue;
        }
        LinkType type = LinkType::FS;
        llvm::StringRef typeName = writtenLink.type;
        if (typeName == "SS")
          type = LinkType::SS;
        else if (typeName == "FF")
          type = LinkType::FF;
        else if (typeName == "SF")
          type = LinkType::SF;
        // Any other type was reported by the elaborator (E0316): FS.
        int64_t lag = 0;
        if (writtenLink.hasLag) {
          if (auto days = units::valueIn(writtenLink.lag, "d"))
            lag = workingDaysOf(*days);
          else
            llvm::consumeError(days.takeError());
        }
        for (unsigned task : declared[s][w])
          for (unsigned target : targets) {
            if (target == task)
              continue;
            if (writtenLink.isBefore)
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
                                "` is preordered but " +
                                design_.nameOf(site.node) + " installs none");
        continue;
      }
      Task &order = net_.tasks[it->second];
      order.startNoEarlier = net_.calendar.dayNumber(preorder.date);
      order.kind = "preorder";
      order.range = preorder.range;
      if (!forOutputs())
        continue;
      TaskTexts &texts = net_.texts(it->second);
      texts.description = "Preorder " + design_.catalog[preorder.entry].qualifiedName.str() +
                          " on " + formatDate(preorder.date);
      texts.title = titleOf(site, site.node,
                            "Preorder " + design_.catalog[preorder.entry].qualifiedName.str());
    }
  }
}

void Builder::restateLeadTime(unsigned delivery) {
  if (!forOutputs())
    return;
  std::string &description = net_.texts(delivery).description;
  for (DeliveryLot &lot : net_.lots)
    if (lot.delivery == delivery) {
      // The catalog's lead time no longer applies: say what the design set.
      lot.terms = lot.terms.substr(0, lot.terms.find(", ")) + ", " +
                  std::to_string(net_.tasks[delivery].duration) +
                  " working days as the schedule sets it";
      description = description.substr(0, description.find(" (")) + " (" + lot.terms + ")";
    }
}

} // namespace sgd::schedule
