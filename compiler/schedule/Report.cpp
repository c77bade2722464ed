// The critical-path report of `sgdc schedule`.

#include "schedule/Schedule.h"

#include "llvm/Support/Format.h"

#include <algorithm>

namespace sgd::schedule {

namespace {

// The first day of a task, and its last day (a milestone's day), in the one
// date convention of the outputs (Schedule.h, TaskDates).
std::string startDate(const Plan &plan, unsigned t) { return plan.date(plan.dates(t).start); }
std::string finishDate(const Plan &plan, unsigned t) { return plan.date(plan.dates(t).finish); }

double monthsBetween(const model::Date &from, const model::Date &to) {
  return static_cast<double>(daysFromCivil(to) - daysFromCivil(from)) / (365.25 / 12);
}

// "2025-06-04 (12.1 months after the start)": when task `t` finishes.
std::string dateAndMonths(const Plan &plan, unsigned t) {
  const Network &network = plan.network;
  model::Date date = network.calendar.dateOf(plan.dates(t).finish.day);
  std::string text;
  llvm::raw_string_ostream os(text);
  os << formatDate(date)
     << llvm::format(" (%.1f months after the start)",
                     monthsBetween(network.calendar.start, date));
  return os.str();
}

void printPath(const Plan &plan, const std::vector<unsigned> &path, llvm::raw_ostream &os) {
  os << "  start       finish      days  float  task\n";
  for (unsigned t : path) {
    const Task &task = plan.network.tasks[t];
    const TaskTimes &times = plan.result.times[t];
    os << "  " << startDate(plan, t) << "  " << finishDate(plan, t)
       << llvm::format("  %4lld  %5lld  ", static_cast<long long>(task.duration),
                       static_cast<long long>(times.totalFloat))
       << task.name << "  " << plan.network.texts(t).description << "\n";
  }
}

// What sets the date of `target`: the lead time of the delivery lot on its
// driving path, if any, else the first task of the path.
void printDriver(const Plan &plan, const std::vector<unsigned> &path, llvm::StringRef what,
                 llvm::raw_ostream &os) {
  for (unsigned t : path) {
    for (const DeliveryLot &lot : plan.network.lots) {
      if (lot.delivery != t)
        continue;
      os << what << " is set by the lead time of " << lot.item << " (" << lot.terms
         << "): ordered " << startDate(plan, t) << ", delivered "
         << (lot.building.empty() ? "" : "to " + lot.building + " ")
         << finishDate(plan, t) << ".\n";
      return;
    }
  }
  if (!path.empty())
    os << what << " is set by the chain of work from " << plan.network.tasks[path.front()].name
       << "; no lead time drives it.\n";
}

void printEnergisation(const Plan &plan, llvm::raw_ostream &os) {
  const Network &network = plan.network;
  if (network.energisations.empty())
    return;
  os << "\nEnergisation (MV power into each building, from the first source ready):\n";
  for (const Energisation &e : network.energisations) {
    os << "  " << e.building << ": " << finishDate(plan, e.energise)
       << " from ";
    if (!e.onSite) {
      os << "the grid (" << network.tasks[e.grid].name << " "
         << finishDate(plan, e.grid) << ")";
      if (!e.gridBecause.empty())
        os << "; not on-site: " << e.gridBecause;
      os << "\n";
      continue;
    }
    os << "on-site generation:";
    for (unsigned source : e.sources) {
      const std::string &what = network.texts(source).description;
      size_t lines = what.find(": ");
      os << (source == e.sources.front() ? " " : ", ") << network.tasks[source].name << " ("
         << (lines == std::string::npos ? what : what.substr(lines + 2)) << ", ready "
         << finishDate(plan, source) << ")";
    }
    os << "; the grid reaches the site "
       << finishDate(plan, e.grid) << "\n";
  }
}

// The load banks the L4 tests hold at once, at their peak in this schedule.
void printLoadBanks(const Plan &plan, llvm::raw_ostream &os) {
  const Network &network = plan.network;
  std::vector<std::pair<int64_t, int64_t>> changes; // day, kW
  for (unsigned t = 0; t < network.tasks.size(); ++t)
    for (const ResourceUse &use : network.tasks[t].resources)
      if (use.pool == "load_banks" && network.tasks[t].duration > 0) {
        changes.push_back({plan.result.times[t].earlyStart, use.amount});
        changes.push_back({plan.result.times[t].earlyFinish, -use.amount});
      }
  if (changes.empty())
    return;
  std::sort(changes.begin(), changes.end());
  int64_t held = 0, peak = 0, peakDay = 0;
  for (auto [day, amount] : changes) {
    held += amount;
    if (held > peak) {
      peak = held;
      peakDay = day;
    }
  }
  os << "\nLoad banks: each hall's L4 tests hold its IT load; at most " << peak
     << " kW at once in this schedule, from " << formatDate(network.calendar.dateOf(peakDay));
  auto fleet = network.crews.find("load_banks");
  if (fleet != network.crews.end())
    os << "; the fleet (`load_banks`) is " << fleet->second << " kW"
       << (fleet->second < peak ? ", so `--level` spreads the tests" : "");
  os << ".\n";
}

} // namespace

void printReport(const Plan &plan, llvm::raw_ostream &os) {
  const Network &network = plan.network;
  const CpmResult &result = plan.result;
  model::Date start = network.calendar.start;
  model::Date finish = network.calendar.dateOf(plan.finish().day);
  os << "Construction schedule: " << network.tasks.size() << " tasks, " << network.links.size()
     << " links, " << network.lots.size() << " delivery lots, calendar "
     << network.calendar.workDays << "d, start " << formatDate(start) << "\n";
  os << "Project finish: " << formatDate(finish)
     << llvm::format(" (%.1f months after the start)\n", monthsBetween(start, finish));

  if (network.firstPower) {
    unsigned t = *network.firstPower;
    os << "\nFirst power: " << dateAndMonths(plan, t)
       << "\nFirst power is the first MV energisation of a building; its halls are ready for "
          "IT after commissioning.\n";
    std::vector<unsigned> path = drivingPath(network, result, t);
    printDriver(plan, path, "First power", os);
    os << "Driving path to first power:\n";
    printPath(plan, path, os);
  }
  if (network.firstItReady) {
    unsigned t = *network.firstItReady;
    os << "\nFirst hall ready for IT: " << dateAndMonths(plan, t) << ", "
       << network.texts(t).description.substr(network.texts(t).description.find(": ") + 2) << "\n";
    std::vector<unsigned> path = drivingPath(network, result, t);
    printDriver(plan, path, "The first hall", os);
  }
  if (!network.phaseReady.empty()) {
    os << "\nPhases ready for IT (every hall of the phase):\n";
    for (const auto &[phase, t] : network.phaseReady)
      os << "  phase " << phase << ": " << dateAndMonths(plan, t)
         << "\n";
  }
  printEnergisation(plan, os);

  if (network.complete) {
    std::vector<unsigned> path = drivingPath(network, result, *network.complete);
    os << "\nCritical path to completion (" << network.tasks[*network.complete].name << ", "
       << finishDate(plan, *network.complete)
       << "):\n";
    printDriver(plan, path, "Completion", os);
    printPath(plan, path, os);
  }

  bool header = false;
  for (unsigned t = 0; t < network.tasks.size(); ++t) {
    const Task &task = network.tasks[t];
    if (!task.finishNoLater)
      continue;
    if (!header) {
      os << "\nDeadlines:\n";
      header = true;
    }
    Moment finish = plan.dates(t).finish;
    int64_t late = finish.day - *task.finishNoLater;
    os << "  " << task.name << ": " << plan.date(finish)
       << ", deadline " << formatDate(network.calendar.dateOf(*task.finishNoLater)) << ", "
       << (late > 0 ? "missed by " + std::to_string(late) + " working days"
                    : "met with " + std::to_string(-late) + " working days to spare")
       << "\n";
  }
  printLoadBanks(plan, os);
}

void printLevelling(const Plan &plan, const LevelledSchedule &levelled, llvm::raw_ostream &os) {
  const Network &network = plan.network;
  const CpmResult &result = plan.result;
  os << "\nLevelled by crews (";
  bool first = true;
  for (const auto &[crew, capacity] : network.crews) {
    os << (first ? "" : ", ") << crew << " " << capacity << (crew == "load_banks" ? " kW" : "");
    first = false;
  }
  if (first)
    os << "none: the schedule has no `crews { }`";
  os << "; priority: least total float, then earliest start, then task order):\n";
  Moment finish{result.projectStart, false};
  for (unsigned t = 0; t < network.tasks.size(); ++t)
    finish = std::max(finish,
                      taskDatesFrom(network.tasks[t], result.times[t], levelled.start[t]).finish);
  os << "  finish " << plan.date(finish) << ", "
     << (levelled.projectFinish - result.projectFinish)
     << " working days after the unlevelled finish\n";
  if (network.firstPower) {
    unsigned t = *network.firstPower;
    os << "  first power "
       << plan.date(taskDatesFrom(network.tasks[t], result.times[t], levelled.start[t]).finish)
       << "\n";
  }
  std::vector<unsigned> delayed;
  for (unsigned t = 0; t < network.tasks.size(); ++t)
    if (levelled.start[t] > result.times[t].earlyStart)
      delayed.push_back(t);
  std::stable_sort(delayed.begin(), delayed.end(), [&](unsigned a, unsigned b) {
    return levelled.start[a] - result.times[a].earlyStart >
           levelled.start[b] - result.times[b].earlyStart;
  });
  os << "  " << delayed.size() << " tasks start later";
  if (!delayed.empty())
    os << "; the most delayed:";
  os << "\n";
  auto holds = [](const Task &task) {
    std::string text;
    for (const ResourceUse &use : task.resources)
      text += (text.empty() ? "" : ", ") + std::to_string(use.amount) +
              (use.pool == "load_banks" ? " kW of load banks" : " " + use.pool);
    return text;
  };
  for (size_t i = 0; i < delayed.size() && i < 10; ++i) {
    unsigned t = delayed[i];
    const Task &task = network.tasks[t];
    os << "    " << task.name;
    if (std::string held = holds(task); !held.empty())
      os << " (" << held << ")";
    os << ": " << formatDate(network.calendar.dateOf(result.times[t].earlyStart)) << " -> "
       << formatDate(network.calendar.dateOf(levelled.start[t])) << "\n";
  }
  for (unsigned t : levelled.unplaceable)
    os << "  " << network.tasks[t].name << " needs " << holds(network.tasks[t])
       << ", more than there is: not levelled\n";
}

} // namespace sgd::schedule
