// The work breakdown of the schedule outputs: the tasks' outline paths
// (schedule::TaskTexts::outline) as a tree of summaries, shared by schedule.xml,
// schedule.mmd and schedule.svg.
#ifndef SGD_BACKENDS_SCHEDULEOUTLINE_H
#define SGD_BACKENDS_SCHEDULEOUTLINE_H

#include "schedule/Schedule.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sgd::backends {

/// A summary of the work breakdown. Its children are its sub-summaries and
/// tasks in the order of their first task in the network, so each summary
/// keeps the network's order.
struct OutlineNode {
  std::string name;
  std::vector<OutlineNode> summaries;
  // Children in order: an index into `summaries` (summary) or a task index.
  std::vector<std::pair<bool, unsigned>> children;
  std::map<std::string, unsigned> byName; // name → index into summaries
};

OutlineNode outlineTree(const schedule::Network &net);

/// One row of the outline, depth first: a task of the network or a summary.
struct OutlineRow {
  const OutlineNode *summary = nullptr; // else a task
  unsigned task = 0;
  std::string number; // 1.2.3
  unsigned level = 1;
  std::vector<unsigned> tasks; // a summary's tasks, at any depth
  std::vector<std::string> path; // a summary's outline path: {"abilene", "b1"}
};

/// The rows of `tree`, a summary before its children.
std::vector<OutlineRow> outlineRows(const OutlineNode &tree);

/// The earliest start and latest finish of a summary's tasks (early dates),
/// and whether any of them is critical.
struct SummarySpan {
  schedule::Moment start, finish;
  int64_t firstDay = 0, endDay = 0; // working days: the first worked, the one after the last
  bool critical = false;
};
SummarySpan summarySpan(const schedule::Plan &plan, const std::vector<unsigned> &tasks);

/// Beyond this many tasks a chart is at campus scale: the tasks inside a
/// hall (or a building's deliveries) are drawn as their summary's bar, but
/// for critical tasks and milestones, which keep their own rows.
constexpr size_t campusScaleTasks = 200;

/// Whether a chart draws task `t` only through its summary.
bool foldedIntoSummary(const schedule::Plan &plan, unsigned t);

/// The outline path joined with `.`: the key of Network::phases.
std::string outlineKey(const std::vector<std::string> &path, size_t depth = SIZE_MAX);

/// A summary's label: its name, with its phase for a building when the
/// network has several ("b3 (phase 2)").
std::string summaryLabel(const schedule::Network &net, const OutlineRow &row);

} // namespace sgd::backends

#endif
