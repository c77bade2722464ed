// Calendars, the critical path method and the embedded default durations.

#include "schedule/Schedule.h"

#include "units/Quantity.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <queue>

namespace sgd::schedule {

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

// Monday = 0 … Sunday = 6. 1970-01-01 was a Thursday.
int64_t weekday(int64_t days) { return floorMod(days + 3, 7); }

constexpr int64_t kInfinity = std::numeric_limits<int64_t>::max() / 4;

/// Whether milestone `t`, at working day `earlyStart`, falls at the end of the
/// day before: every link that sets its day comes from the end of a task
/// (a finish link from a task with work, or from a milestone that itself falls
/// at a day's end). A start constraint, a start link or no predecessor at all
/// places it at the start of its day, which comes later.
bool placedByFinish(const Network &network, llvm::ArrayRef<unsigned> incoming,
                    const std::vector<TaskTimes> &times, unsigned t) {
  const Task &task = network.tasks[t];
  int64_t day = times[t].earlyStart;
  if (incoming.empty() || (task.startNoEarlier && *task.startNoEarlier >= day))
    return false;
  for (unsigned l : incoming) {
    const Link &link = network.links[l];
    const Task &pred = network.tasks[link.pred];
    const TaskTimes &p = times[link.pred];
    bool fromFinish = link.type == LinkType::FS || link.type == LinkType::FF;
    int64_t bound = (fromFinish ? p.earlyFinish : p.earlyStart) + link.lag;
    bool fromEvening = fromFinish ? pred.duration > 0 || p.atEvening : pred.duration == 0 && p.atEvening;
    if (bound == day && !fromEvening)
      return false;
  }
  return true;
}

} // namespace

TaskDates taskDatesFrom(const Task &task, const TaskTimes &times, int64_t start) {
  if (task.duration > 0)
    return {{start, false}, {start + task.duration - 1, true}};
  Moment at = times.atEvening ? Moment{start - 1, true} : Moment{start, false};
  return {at, at};
}

TaskDates taskDates(const Task &task, const TaskTimes &times, bool late) {
  return taskDatesFrom(task, times, late ? times.lateStart : times.earlyStart);
}

Moment Plan::finish() const {
  Moment last{result.projectStart, false};
  for (unsigned t = 0; t < network.tasks.size(); ++t)
    last = std::max(last, dates(t).finish);
  return last;
}

llvm::StringRef linkTypeName(LinkType type) {
  switch (type) {
  case LinkType::FS: return "FS";
  case LinkType::SS: return "SS";
  case LinkType::FF: return "FF";
  case LinkType::SF: return "SF";
  }
  return "FS";
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t daysFromCivil(const model::Date &date) {
  int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  int64_t era = floorDiv(y, 400);
  int64_t yoe = y - era * 400;
  int64_t m = date.month;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

model::Date civilFromDays(int64_t z) {
  z += 719468;
  int64_t era = floorDiv(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<unsigned>(m),
          static_cast<unsigned>(d)};
}

std::string formatDate(const model::Date &date) {
  // Every task's dates in every schedule output: written digit by digit, as
  // "%04d-%02u-%02u" would (snprintf was a tenth of a large build).
  if (date.year >= 0 && date.year <= 9999 && date.month <= 99 && date.day <= 99) {
    auto year = static_cast<unsigned>(date.year);
    return {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
            static_cast<char>('0' + year / 10 % 10),  static_cast<char>('0' + year % 10),
            '-',
            static_cast<char>('0' + date.month / 10), static_cast<char>('0' + date.month % 10),
            '-',
            static_cast<char>('0' + date.day / 10),   static_cast<char>('0' + date.day % 10)};
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", date.year, date.month, date.day);
  return buffer;
}

// Working days are counted in "week slots": slot k is day k % W of week k / W,
// weeks counted from the Monday on or before the first working day. A holiday
// on a working weekday takes its slot out of the count.
namespace {

struct Slots {
  int64_t w;
  std::vector<int64_t> holidays; // on working weekdays, sorted, unique
  int64_t first = 0;             // the first working day
  int64_t monday = 0;            // of the first working day's week

  explicit Slots(const Calendar &calendar) : w(calendar.workDays) {
    for (const model::Date &date : calendar.holidays) {
      int64_t day = daysFromCivil(date);
      if (weekday(day) < w)
        holidays.push_back(day);
    }
    std::sort(holidays.begin(), holidays.end());
    holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
    first = nextWorking(daysFromCivil(calendar.start));
    monday = first - weekday(first);
  }
  bool isHoliday(int64_t day) const {
    return std::binary_search(holidays.begin(), holidays.end(), day);
  }
  // `day`, or the next working day when it is not worked.
  int64_t nextWorking(int64_t day) const {
    for (;;) {
      if (weekday(day) >= w)
        day += 7 - weekday(day);
      else if (isHoliday(day))
        ++day;
      else
        return day;
    }
  }
  // The holidays before `day`.
  int64_t holidaysBefore(int64_t day) const {
    return std::lower_bound(holidays.begin(), holidays.end(), day) - holidays.begin();
  }
  // The slot of a working weekday, and the day of a slot.
  int64_t slot(int64_t day) const { return floorDiv(day - monday, 7) * w + weekday(day); }
  int64_t dayOfSlot(int64_t slot) const {
    return monday + floorDiv(slot, w) * 7 + floorMod(slot, w);
  }
};

/// How many days a link's successor could slip before the link binds:
/// 0 on a driving link. A levelling delay of the successor is not slack.
int64_t linkSlack(const Link &link, const TaskTimes &p, const TaskTimes &s, int64_t delay) {
  switch (link.type) {
  case LinkType::FS: return s.earlyStart - delay - (p.earlyFinish + link.lag);
  case LinkType::SS: return s.earlyStart - delay - (p.earlyStart + link.lag);
  case LinkType::FF: return s.earlyFinish - delay - (p.earlyFinish + link.lag);
  case LinkType::SF: return s.earlyFinish - delay - (p.earlyStart + link.lag);
  }
  return 0;
}

} // namespace

bool Calendar::isWorking(const model::Date &date) const {
  int64_t day = daysFromCivil(date);
  if (weekday(day) >= workDays)
    return false;
  for (const model::Date &holiday : holidays)
    if (daysFromCivil(holiday) == day)
      return false;
  return true;
}

std::vector<model::Date> Calendar::workdayHolidays() const {
  Slots slots(*this);
  std::vector<model::Date> out;
  for (int64_t day : slots.holidays)
    out.push_back(civilFromDays(day));
  return out;
}

int64_t Calendar::dayNumber(const model::Date &date) const {
  Slots slots(*this);
  int64_t day = slots.nextWorking(daysFromCivil(date));
  return slots.slot(day) - slots.slot(slots.first) -
         (slots.holidaysBefore(day) - slots.holidaysBefore(slots.first));
}

model::Date Calendar::dateOf(int64_t number) const {
  Slots slots(*this);
  int64_t target = slots.slot(slots.first) + number;
  // Each holiday between the first working day and the target moves the
  // target one slot further out.
  auto split = slots.holidays.begin() + slots.holidaysBefore(slots.first);
  if (number >= 0) {
    for (auto it = split; it != slots.holidays.end() && slots.slot(*it) <= target; ++it)
      ++target;
  } else {
    for (auto it = split; it != slots.holidays.begin() && slots.slot(*(it - 1)) >= target; --it)
      --target;
  }
  return civilFromDays(slots.dayOfSlot(target));
}

int64_t Calendar::workingDays(const units::Rational &days) const {
  // days × W / 7, rounded away from zero.
  __int128 num = days.numerator() * static_cast<__int128>(workDays);
  __int128 den = days.denominator() * static_cast<__int128>(7);
  bool negative = num < 0;
  if (negative)
    num = -num;
  __int128 q = (num + den - 1) / den;
  return static_cast<int64_t>(negative ? -q : q);
}

std::optional<unsigned> Network::find(llvm::StringRef name) const {
  for (unsigned i = 0; i < tasks.size(); ++i)
    if (tasks[i].name == name)
      return i;
  return std::nullopt;
}

namespace {

/// The links into (or out of) each task, in link order: one array for all
/// tasks, not a vector each (a campus has tens of thousands of tasks).
class LinkLists {
public:
  enum Side { Into, OutOf };
  LinkLists(const Network &network, Side side) : first_(network.tasks.size() + 1, 0) {
    auto taskOf = [&](const Link &link) { return side == Into ? link.succ : link.pred; };
    for (const Link &link : network.links)
      ++first_[taskOf(link) + 1];
    for (size_t t = 1; t < first_.size(); ++t)
      first_[t] += first_[t - 1];
    links_.resize(network.links.size());
    std::vector<unsigned> next(first_.begin(), first_.end() - 1);
    for (unsigned l = 0; l < network.links.size(); ++l)
      links_[next[taskOf(network.links[l])]++] = l;
  }
  llvm::ArrayRef<unsigned> operator[](unsigned task) const {
    return llvm::ArrayRef(links_).slice(first_[task], first_[task + 1] - first_[task]);
  }

private:
  std::vector<unsigned> first_; // task → its first entry in links_
  std::vector<unsigned> links_;
};

} // namespace

CpmResult computeCpm(const Network &network) {
  CpmResult result;
  size_t n = network.tasks.size();
  LinkLists incoming(network, LinkLists::Into), outgoing(network, LinkLists::OutOf);
  std::vector<unsigned> indegree(n, 0);
  for (unsigned t = 0; t < n; ++t)
    indegree[t] = static_cast<unsigned>(incoming[t].size());
  // Kahn's algorithm, smallest task index first.
  std::priority_queue<unsigned, std::vector<unsigned>, std::greater<>> ready;
  for (unsigned t = 0; t < n; ++t)
    if (indegree[t] == 0)
      ready.push(t);
  while (!ready.empty()) {
    unsigned t = ready.top();
    ready.pop();
    result.order.push_back(t);
    for (unsigned l : outgoing[t])
      if (--indegree[network.links[l].succ] == 0)
        ready.push(network.links[l].succ);
  }
  if (result.order.size() != n) {
    // Find one cycle among the tasks left: walk predecessors that are left
    // until a task repeats.
    std::vector<bool> left(n, true);
    for (unsigned t : result.order)
      left[t] = false;
    unsigned t = 0;
    while (!left[t])
      ++t;
    std::vector<int> seenAt(n, -1);
    std::vector<unsigned> walk;
    while (seenAt[t] < 0) {
      seenAt[t] = static_cast<int>(walk.size());
      walk.push_back(t);
      for (unsigned l : incoming[t])
        if (left[network.links[l].pred]) {
          t = network.links[l].pred;
          break;
        }
    }
    result.cycle.assign(walk.begin() + seenAt[t], walk.end());
    std::reverse(result.cycle.begin(), result.cycle.end());
    result.order.clear();
    return result;
  }

  result.times.resize(n);
  auto &times = result.times;
  // Forward pass.
  for (unsigned t : result.order) {
    const Task &task = network.tasks[t];
    int64_t es = incoming[t].empty() ? 0 : -kInfinity;
    for (unsigned l : incoming[t]) {
      const Link &link = network.links[l];
      const TaskTimes &p = times[link.pred];
      int64_t bound = 0;
      switch (link.type) {
      case LinkType::FS: bound = p.earlyFinish + link.lag; break;
      case LinkType::SS: bound = p.earlyStart + link.lag; break;
      case LinkType::FF: bound = p.earlyFinish + link.lag - task.duration; break;
      case LinkType::SF: bound = p.earlyStart + link.lag - task.duration; break;
      }
      es = std::max(es, bound);
    }
    if (task.startNoEarlier)
      es = incoming[t].empty() ? *task.startNoEarlier : std::max(es, *task.startNoEarlier);
    es += task.levellingDelay;
    times[t].earlyStart = es;
    times[t].earlyFinish = es + task.duration;
    if (task.duration == 0)
      times[t].atEvening = placedByFinish(network, incoming[t], times, t);
  }
  result.projectStart = kInfinity;
  result.projectFinish = -kInfinity;
  for (const TaskTimes &time : times) {
    result.projectStart = std::min(result.projectStart, time.earlyStart);
    result.projectFinish = std::max(result.projectFinish, time.earlyFinish);
  }
  if (n == 0)
    result.projectStart = result.projectFinish = 0;

  // Backward pass.
  for (auto it = result.order.rbegin(); it != result.order.rend(); ++it) {
    unsigned t = *it;
    const Task &task = network.tasks[t];
    int64_t lf = outgoing[t].empty() ? result.projectFinish : kInfinity;
    for (unsigned l : outgoing[t]) {
      const Link &link = network.links[l];
      const TaskTimes &s = times[link.succ];
      // The successor's levelling delay comes after what its links require.
      int64_t lag = link.lag + network.tasks[link.succ].levellingDelay;
      int64_t bound = 0;
      switch (link.type) {
      case LinkType::FS: bound = s.lateStart - lag; break;
      case LinkType::SS: bound = s.lateStart - lag + task.duration; break;
      case LinkType::FF: bound = s.lateFinish - lag; break;
      case LinkType::SF: bound = s.lateFinish - lag + task.duration; break;
      }
      lf = std::min(lf, bound);
    }
    if (task.finishNoLater) {
      // A task finishing on day d has earlyFinish d + 1, and so has a
      // milestone at the end of day d; a milestone at the start of day d, d.
      int64_t limit =
          *task.finishNoLater + (task.duration > 0 || times[t].atEvening ? 1 : 0);
      lf = std::min(lf, limit);
    }
    times[t].lateFinish = lf;
    times[t].lateStart = lf - task.duration;
    times[t].totalFloat = times[t].lateStart - times[t].earlyStart;
    times[t].critical = times[t].totalFloat <= 0;
  }

  // Free float: the least slack any outgoing link leaves.
  for (unsigned t = 0; t < n; ++t) {
    int64_t free = outgoing[t].empty() ? result.projectFinish - times[t].earlyFinish : kInfinity;
    for (unsigned l : outgoing[t]) {
      const Link &link = network.links[l];
      const TaskTimes &p = times[t];
      const TaskTimes &s = times[link.succ];
      int64_t slack = linkSlack(link, p, s, network.tasks[link.succ].levellingDelay);
      free = std::min(free, slack);
    }
    times[t].freeFloat = free;
  }
  return result;
}

std::vector<unsigned> drivingPath(const Network &network, const CpmResult &result, unsigned task) {
  std::vector<unsigned> path{task};
  if (result.times.empty())
    return path;
  std::vector<bool> seen(network.tasks.size(), false);
  seen[task] = true;
  unsigned t = task;
  while (true) {
    std::optional<unsigned> next;
    for (const Link &link : network.links) {
      if (link.succ != t)
        continue;
      const TaskTimes &p = result.times[link.pred];
      const TaskTimes &s = result.times[t];
      int64_t slack = linkSlack(link, p, s, network.tasks[t].levellingDelay);
      if (slack == 0 && !seen[link.pred]) {
        next = link.pred;
        break;
      }
    }
    if (!next)
      break;
    seen[*next] = true;
    path.push_back(*next);
    t = *next;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

namespace {

const char *const kDefaultsText =
#include "ScheduleDefaults.inc"
    ;
const char *const kPermitsText =
#include "SchedulePermits.inc"
    ;

std::optional<model::Date> parseDate(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef, 3> parts;
  text.split(parts, '-');
  if (parts.size() != 3)
    return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  if (parts[0].getAsInteger(10, year) || parts[1].getAsInteger(10, month) ||
      parts[2].getAsInteger(10, day))
    return std::nullopt;
  return model::Date{year, month, day};
}

Defaults readDefaults() {
  Defaults result;
  llvm::SmallVector<llvm::StringRef, 64> lines;
  llvm::StringRef(kDefaultsText).split(lines, '\n');
  llvm::StringRef(kPermitsText).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.split("//").first.trim();
    if (!line.consume_front("const "))
      continue;
    auto [name, value] = line.split('=');
    name = name.trim();
    value = value.trim();
    value.consume_back(";");
    value = value.trim();
    if (std::optional<model::Date> date = parseDate(value)) {
      if (name == "start")
        result.start = *date;
      continue;
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      result.texts[name.str()] = value.drop_front().drop_back().str();
      continue;
    }
    auto [number, unit] = value.split(' ');
    if (unit.trim().empty()) {
      int64_t count = 0;
      if (!number.getAsInteger(10, count))
        result.counts[name.str()] = count;
      continue;
    }
    llvm::Expected<units::Quantity> quantity = units::parseQuantity(number, unit.trim());
    if (!quantity) {
      llvm::consumeError(quantity.takeError());
      continue;
    }
    llvm::Expected<units::Rational> days = units::valueIn(*quantity, "d");
    if (!days) {
      llvm::consumeError(days.takeError());
      result.quantities.insert({name.str(), *quantity});
      continue;
    }
    result.days[name.str()] = *days;
  }
  return result;
}

} // namespace

std::optional<units::Rational> Defaults::daysIn(llvm::StringRef name,
                                               llvm::ArrayRef<std::string> keys) const {
  for (const std::string &key : keys) {
    if (key.empty())
      continue;
    std::string specific = name.str() + "_" + llvm::StringRef(key).lower();
    std::replace(specific.begin(), specific.end(), '-', '_');
    if (auto it = days.find(specific); it != days.end())
      return it->second;
  }
  if (auto it = days.find(name.str()); it != days.end())
    return it->second;
  return std::nullopt;
}

const Defaults &defaults() {
  static const Defaults table = readDefaults();
  return table;
}

} // namespace sgd::schedule
