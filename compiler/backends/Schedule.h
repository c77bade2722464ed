#ifndef SGD_BACKENDS_SCHEDULE_H
#define SGD_BACKENDS_SCHEDULE_H

#include "backends/Backends.h"
#include "schedule/Schedule.h"

#include <string>

namespace sgd::backends {

/// MS Project XML (MSPDI, Project 2013 schema): one calendar, every task
/// with its early and late dates, slack and predecessor links; `currency`
/// is the project's (`[project] currency`), its CurrencyCode.
std::string scheduleMspdi(const schedule::Plan &plan, llvm::StringRef title,
                          llvm::StringRef currency = "USD");

/// One row per task: dates, durations, floats and predecessors.
std::string scheduleCsv(const schedule::Plan &plan);

/// A Mermaid `gantt` chart with explicit dates, critical tasks marked `crit`:
/// a section per site and per building opened by its summary bar; at campus
/// scale a hall's tasks are folded into the hall's bar (ScheduleOutline.h).
std::string scheduleMermaid(const schedule::Plan &plan, llvm::StringRef title);

/// The same network for TaskJuggler 3 (`tj3`), with a CSV task report of
/// every task's start and end.
std::string scheduleTjp(const schedule::Plan &plan, llvm::StringRef title);

/// Plans the design's construction schedule and writes out/schedule.xml,
/// out/schedule.csv, out/schedule.mmd and out/schedule.svg.
void emitSchedule(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics,
                  BuildReport &report);

} // namespace sgd::backends

#endif
