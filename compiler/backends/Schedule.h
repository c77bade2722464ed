#ifndef SGD_BACKENDS_SCHEDULE_H
#define SGD_BACKENDS_SCHEDULE_H

#include "backends/Backends.h"
#include "schedule/Schedule.h"

#include <string>

namespace sgd::backends {

/// MS Project XML (MSPDI, Project 2013 schema): one calendar, every task
/// with its early and late dates, slack and predecessor links; `currency`
/// is the project's (`[project] currency`), its CurrencyCode.
void writeScheduleMspdi(const schedule::Plan &plan, llvm::StringRef title, llvm::StringRef currency,
                        llvm::raw_ostream &os);

/// One row per task: dates, durations, floats and predecessors.
void writeScheduleCsv(const schedule::Plan &plan, llvm::raw_ostream &os);

/// A Mermaid `gantt` chart with explicit dates, critical tasks marked `crit`:
/// a section per site and per building opened by its summary bar; at campus
/// scale a hall's tasks are folded into the hall's bar (ScheduleOutline.h).
void writeScheduleMermaid(const schedule::Plan &plan, llvm::StringRef title,
                          llvm::raw_ostream &os);

/// The same network for TaskJuggler 3 (`tj3`), with a CSV task report of
/// every task's start and end.
void writeScheduleTjp(const schedule::Plan &plan, llvm::StringRef title, llvm::raw_ostream &os);

/// Writes the design's construction plan (schedule::planDesign; with
/// `--level`, levelled by crews) to out/schedule.xml, out/schedule.csv,
/// out/schedule.mmd and out/schedule.svg.
void emitSchedule(const BuildInput &input, const schedule::Plan &plan, OutputSet &outputs,
                  BuildReport &report);

} // namespace sgd::backends

#endif
