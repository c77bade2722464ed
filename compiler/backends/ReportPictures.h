#ifndef SGD_BACKENDS_REPORTPICTURES_H
#define SGD_BACKENDS_REPORTPICTURES_H

#include "checks/DesignAnalysis.h"
#include "model/Design.h"
#include "schedule/Schedule.h"

#include <string>
#include <vector>

namespace sgd::backends::report {

/// The floor plan of one hall type: halls with the same rows of the same
/// racks and the same equipment are drawn once, with their count, so a
/// campus of 32 identical halls has one plan.
struct HallPlan {
  std::string path;               // the first hall of the type: abilene.b1.h1
  std::vector<std::string> halls; // every hall of the type, in design order
  uint64_t racks = 0;             // per hall
  std::string svg;
};

/// The plans of every hall type, in design order of their first hall. Racks
/// are drawn to scale from their rack type's `footprint` (an area: drawn
/// 1.2 m deep, the width what the area leaves) in rows with 1.2 m aisles,
/// coloured by rack type; the hall's equipment lines (CDUs, CRAHs, PDUs, …)
/// stand along its wall with their counts; the hall's zone is the boundary.
std::vector<HallPlan> drawHallPlans(const model::Design &design,
                                    const checks::DesignAnalysis &analysis);

/// The campus: each site's buildings with their halls, filled by the class
/// of their security zone; schematic, not to scale.
std::string drawCampus(const model::Design &design);

/// The construction schedule as a Gantt chart: every task by its early
/// dates, the critical ones in red, milestones as diamonds. Beyond 400
/// tasks, a hall's own tasks are drawn only when critical.
std::string drawGantt(const schedule::Plan &plan);

} // namespace sgd::backends::report

#endif
