#include "backends/ScheduleOutline.h"

#include <algorithm>
#include <climits>

namespace sgd::backends {

OutlineNode outlineTree(const schedule::Network &net) {
  OutlineNode root;
  for (unsigned t = 0; t < net.tasks.size(); ++t) {
    OutlineNode *node = &root;
    for (const std::string &name : net.texts(t).outline) {
      auto [it, inserted] = node->byName.try_emplace(name, node->summaries.size());
      if (inserted) {
        node->children.push_back({true, it->second});
        node->summaries.push_back(OutlineNode{name, {}, {}, {}});
      }
      node = &node->summaries[it->second];
    }
    node->children.push_back({false, t});
  }
  return root;
}

namespace {

void collectRows(const OutlineNode &node, const std::string &prefix, unsigned level,
                 std::vector<std::string> &path, std::vector<OutlineRow> &rows,
                 std::vector<unsigned> &descendants) {
  unsigned position = 0;
  for (auto [isSummary, index] : node.children) {
    std::string number = prefix + std::to_string(++position);
    if (!isSummary) {
      rows.push_back({nullptr, index, number, level, {}, {}});
      descendants.push_back(index);
      continue;
    }
    const OutlineNode &summary = node.summaries[index];
    path.push_back(summary.name);
    size_t row = rows.size();
    rows.push_back({&summary, 0, number, level, {}, path});
    std::vector<unsigned> tasks;
    collectRows(summary, number + ".", level + 1, path, rows, tasks);
    descendants.insert(descendants.end(), tasks.begin(), tasks.end());
    rows[row].tasks = std::move(tasks);
    path.pop_back();
  }
}

} // namespace

std::vector<OutlineRow> outlineRows(const OutlineNode &tree) {
  std::vector<OutlineRow> rows;
  std::vector<unsigned> every;
  std::vector<std::string> path;
  collectRows(tree, "", 1, path, rows, every);
  return rows;
}

SummarySpan summarySpan(const schedule::Plan &plan, const std::vector<unsigned> &tasks) {
  SummarySpan span{{INT64_MAX, true}, {INT64_MIN, false}, INT64_MAX, INT64_MIN, false};
  for (unsigned t : tasks) {
    schedule::TaskDates early = plan.dates(t);
    const schedule::TaskTimes &times = plan.result.times[t];
    span.start = std::min(span.start, early.start);
    span.finish = std::max(span.finish, early.finish);
    span.firstDay = std::min(span.firstDay, times.earlyStart);
    span.endDay = std::max(span.endDay, times.earlyFinish);
    span.critical = span.critical || times.critical;
  }
  return span;
}

bool foldedIntoSummary(const schedule::Plan &plan, unsigned t) {
  const schedule::Network &net = plan.network;
  return net.tasks.size() > campusScaleTasks && net.texts(t).outline.size() >= 3 &&
         !net.tasks[t].milestone && !plan.result.times[t].critical;
}

std::string outlineKey(const std::vector<std::string> &path, size_t depth) {
  std::string key;
  for (size_t i = 0; i < path.size() && i < depth; ++i)
    key += (i == 0 ? "" : ".") + path[i];
  return key;
}

std::string summaryLabel(const schedule::Network &net, const OutlineRow &row) {
  std::string label = row.summary->name;
  bool phased = false;
  for (const auto &[building, phase] : net.phases)
    phased |= phase != net.phases.begin()->second;
  auto phase = net.phases.find(outlineKey(row.path));
  if (phased && phase != net.phases.end())
    label += " (phase " + std::to_string(phase->second) + ")";
  return label;
}

} // namespace sgd::backends
