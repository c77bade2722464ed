// The critical-path report of `sgdc schedule`.

#include "schedule/Schedule.h"

#include "llvm/Support/Format.h"

namespace sgd::schedule {

namespace {

double monthsBetween(const model::Date &from, const model::Date &to) {
  return static_cast<double>(daysFromCivil(to) - daysFromCivil(from)) / (365.25 / 12);
}

void printPath(const Plan &plan, const std::vector<unsigned> &path, llvm::raw_ostream &os) {
  os << "  start       finish      days  float  task\n";
  for (unsigned t : path) {
    const Task &task = plan.network.tasks[t];
    const TaskTimes &times = plan.result.times[t];
    TaskDates dates = plan.dates(t);
    os << "  " << plan.date(dates.start) << "  " << plan.date(dates.finish)
       << llvm::format("  %4lld  %5lld  ", static_cast<long long>(task.duration),
                       static_cast<long long>(times.totalFloat))
       << task.name << "  " << task.description << "\n";
  }
}

// What sets the date of `target`: the lead time of the equipment on its
// driving path, if any, else the first task of the path.
void printDriver(const Plan &plan, const std::vector<unsigned> &path, llvm::StringRef what,
                 llvm::raw_ostream &os) {
  for (unsigned t : path) {
    const Task &task = plan.network.tasks[t];
    if (task.kind != "procurement")
      continue;
    TaskDates dates = plan.dates(t);
    os << what << " is set by the lead time of " << task.description.substr(8) << ": ordered "
       << plan.date(dates.start) << ", delivered " << plan.date(dates.finish) << ".\n";
    return;
  }
  if (!path.empty())
    os << what << " is set by the chain of work from " << plan.network.tasks[path.front()].name
       << "; no lead time drives it.\n";
}

} // namespace

void printReport(const Plan &plan, llvm::raw_ostream &os) {
  const Network &network = plan.network;
  const CpmResult &result = plan.result;
  model::Date start = network.calendar.start;
  model::Date finish = network.calendar.dateOf(plan.finish().day);
  os << "Construction schedule: " << network.tasks.size() << " tasks, " << network.links.size()
     << " links, calendar " << network.calendar.workDays << "d, start " << formatDate(start)
     << "\n";
  os << "Project finish: " << formatDate(finish)
     << llvm::format(" (%.1f months after the start)\n", monthsBetween(start, finish));

  if (network.firstPower) {
    unsigned t = *network.firstPower;
    model::Date day = network.calendar.dateOf(plan.dates(t).finish.day);
    os << "\nFirst power: " << formatDate(day)
       << llvm::format(" (%.1f months after the start)\n", monthsBetween(start, day));
    std::vector<unsigned> path = drivingPath(network, result, t);
    printDriver(plan, path, "First power", os);
    os << "Driving path to first power:\n";
    printPath(plan, path, os);
  }

  if (network.complete) {
    std::vector<unsigned> path = drivingPath(network, result, *network.complete);
    os << "\nCritical path to completion (" << network.tasks[*network.complete].name << ", "
       << plan.date(plan.dates(*network.complete).finish) << "):\n";
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
}

void printLevelling(const Plan &plan, const LevelledSchedule &levelled, llvm::raw_ostream &os) {
  const Network &network = plan.network;
  const CpmResult &result = plan.result;
  os << "\nLevelled by crews (";
  bool first = true;
  for (const auto &[crew, capacity] : network.crews) {
    os << (first ? "" : ", ") << crew << " " << capacity;
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
  for (size_t i = 0; i < delayed.size() && i < 10; ++i) {
    unsigned t = delayed[i];
    const Task &task = network.tasks[t];
    os << "    " << task.name;
    if (!task.crew.empty() && task.crewSize > 0)
      os << " (" << task.crewSize << " " << task.crew << ")";
    os << ": "
       << formatDate(network.calendar.dateOf(result.times[t].earlyStart)) << " -> "
       << formatDate(network.calendar.dateOf(levelled.start[t])) << "\n";
  }
  for (unsigned t : levelled.unplaceable)
    os << "  " << network.tasks[t].name << " needs " << network.tasks[t].crewSize << " "
       << network.tasks[t].crew << " crews, more than there are: not levelled\n";
}

} // namespace sgd::schedule
