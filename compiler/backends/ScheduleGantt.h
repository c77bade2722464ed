#ifndef SGD_BACKENDS_SCHEDULEGANTT_H
#define SGD_BACKENDS_SCHEDULEGANTT_H

#include "schedule/Schedule.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace sgd::backends {

/// The construction schedule as an SVG Gantt chart (schedule.svg), the
/// picture report.html can embed as it is: the work breakdown of
/// schedule.xml as rows (a summary bar per site, building, with its phase,
/// and hall; the tasks by their early dates), critical tasks in red and
/// summaries holding one outlined in red, milestones as diamonds, and the
/// key milestones (first power, first hall ready for IT, each phase ready,
/// completion) as dated lines across the chart. At campus scale
/// (campusScaleTasks) a hall's tasks are drawn as the hall's bar but for
/// critical tasks and milestones. Every task drawn is a `<g class="task">`
/// (`task critical` on the critical path) with `data-task` its name, every
/// summary a `<g class="summary">` with `data-summary` its outline path.
/// Deterministic: coordinates with one decimal, nothing from the clock.
std::string drawScheduleGantt(const schedule::Plan &plan, llvm::StringRef title);

} // namespace sgd::backends

#endif
