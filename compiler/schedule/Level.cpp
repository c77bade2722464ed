// Crew levelling: a serial schedule-generation scheme (Schedule.h, levelCrews).

#include "schedule/Schedule.h"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

namespace sgd::schedule {

namespace {

// Crews in use per day, for one kind of crew; days may be negative.
class Profile {
public:
  explicit Profile(int64_t capacity) : capacity_(capacity) {}

  // The first day from `start` on where `size` crews are free for `days` days.
  int64_t firstFit(int64_t start, int64_t days, int64_t size) const {
    int64_t t = start;
    while (true) {
      int64_t clash = -1;
      for (int64_t d = t; d < t + days; ++d)
        if (used(d) + size > capacity_) {
          clash = d;
          break;
        }
      if (clash < 0)
        return t;
      t = clash + 1;
    }
  }
  void take(int64_t start, int64_t days, int64_t size) {
    for (int64_t d = start; d < start + days; ++d)
      at(d) += size;
  }
  int64_t capacity() const { return capacity_; }

private:
  int64_t used(int64_t day) const {
    int64_t i = day - origin_;
    return i < 0 || i >= static_cast<int64_t>(days_.size()) ? 0 : days_[i];
  }
  int64_t &at(int64_t day) {
    if (days_.empty())
      origin_ = day;
    if (day < origin_) {
      days_.insert(days_.begin(), origin_ - day, 0);
      origin_ = day;
    }
    int64_t i = day - origin_;
    if (i >= static_cast<int64_t>(days_.size()))
      days_.resize(i + 1, 0);
    return days_[i];
  }
  int64_t capacity_;
  int64_t origin_ = 0;
  std::vector<int64_t> days_;
};

// The earliest start its links and its date allow task `t`, given where
// its predecessors start and finish.
int64_t precedenceStart(const Network &network, llvm::ArrayRef<unsigned> incoming, unsigned t,
                        const std::vector<int64_t> &start, const std::vector<int64_t> &finish) {
  const Task &task = network.tasks[t];
  int64_t es = incoming.empty() ? 0 : std::numeric_limits<int64_t>::min();
  for (unsigned l : incoming) {
    const Link &link = network.links[l];
    int64_t ps = start[link.pred], pf = finish[link.pred];
    int64_t bound = 0;
    switch (link.type) {
    case LinkType::FS: bound = pf + link.lag; break;
    case LinkType::SS: bound = ps + link.lag; break;
    case LinkType::FF: bound = pf + link.lag - task.duration; break;
    case LinkType::SF: bound = ps + link.lag - task.duration; break;
    }
    es = std::max(es, bound);
  }
  if (task.startNoEarlier)
    es = incoming.empty() ? *task.startNoEarlier : std::max(es, *task.startNoEarlier);
  return es;
}

} // namespace

LevelledSchedule levelCrews(const Network &network, const CpmResult &result) {
  size_t n = network.tasks.size();
  LevelledSchedule levelled;
  levelled.start.assign(n, 0);
  levelled.finish.assign(n, 0);
  std::vector<std::vector<unsigned>> incoming(n), outgoing(n);
  std::vector<unsigned> waiting(n, 0);
  for (unsigned l = 0; l < network.links.size(); ++l) {
    incoming[network.links[l].succ].push_back(l);
    outgoing[network.links[l].pred].push_back(l);
    ++waiting[network.links[l].succ];
  }
  std::map<std::string, Profile> profiles;
  for (const auto &[crew, capacity] : network.crews)
    profiles.emplace(crew, Profile(capacity));

  // Eligible tasks ordered by the priority rule.
  using Key = std::tuple<int64_t, int64_t, unsigned>;
  auto key = [&](unsigned t) {
    return Key{result.times[t].totalFloat, result.times[t].earlyStart, t};
  };
  std::set<Key> eligible;
  for (unsigned t = 0; t < n; ++t)
    if (waiting[t] == 0)
      eligible.insert(key(t));
  levelled.projectFinish = std::numeric_limits<int64_t>::min();
  while (!eligible.empty()) {
    unsigned t = std::get<2>(*eligible.begin());
    eligible.erase(eligible.begin());
    const Task &task = network.tasks[t];
    int64_t es = precedenceStart(network, incoming[t], t, levelled.start, levelled.finish);
    // The pools it holds: each must have room for the whole duration.
    std::vector<std::pair<Profile *, int64_t>> holds;
    for (const ResourceUse &use : task.resources) {
      auto profile = profiles.find(use.pool);
      if (task.duration <= 0 || use.amount <= 0 || profile == profiles.end())
        continue;
      if (use.amount > profile->second.capacity()) {
        levelled.unplaceable.push_back(t);
        holds.clear();
        break;
      }
      holds.push_back({&profile->second, use.amount});
    }
    // The first day from `es` on when every pool has room.
    for (bool moved = true; moved;) {
      moved = false;
      for (auto [profile, amount] : holds) {
        int64_t fit = profile->firstFit(es, task.duration, amount);
        moved |= fit != es;
        es = fit;
      }
    }
    for (auto [profile, amount] : holds)
      profile->take(es, task.duration, amount);
    levelled.start[t] = es;
    levelled.finish[t] = es + task.duration;
    levelled.projectFinish = std::max(levelled.projectFinish, levelled.finish[t]);
    for (unsigned l : outgoing[t])
      if (--waiting[network.links[l].succ] == 0)
        eligible.insert(key(network.links[l].succ));
  }
  if (n == 0)
    levelled.projectFinish = 0;
  return levelled;
}

Plan levelledPlan(const Plan &plan, const LevelledSchedule &levelled) {
  Plan result{plan.network, {}};
  Network &network = result.network;
  size_t n = network.tasks.size();
  std::vector<std::vector<unsigned>> incoming(n);
  for (unsigned l = 0; l < network.links.size(); ++l)
    incoming[network.links[l].succ].push_back(l);
  // The delay of each task: its levelled start less the start its links and
  // its date allow after the levelled starts of its predecessors.
  for (unsigned t = 0; t < n; ++t)
    network.tasks[t].levellingDelay =
        levelled.start[t] - precedenceStart(network, incoming[t], t, levelled.start,
                                            levelled.finish);
  result.result = computeCpm(network);
  return result;
}

} // namespace sgd::schedule
