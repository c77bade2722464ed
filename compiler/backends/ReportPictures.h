#ifndef SGD_BACKENDS_REPORTPICTURES_H
#define SGD_BACKENDS_REPORTPICTURES_H

#include "base/SourceFiles.h"
#include "checks/DesignAnalysis.h"
#include "model/Design.h"

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

/// The plans of every hall type, in design order of their first hall, to
/// scale. Racks from their rack type's `footprint` (an area: drawn 1.2 m
/// deep, the width what the area leaves) in rows with 1.2 m aisles,
/// coloured by rack type, inside the white space's zone boundary. Every
/// installed unit of the hall's equipment lines is placed: floor-standing
/// units (a catalog footprint) as squares of their area in their block's
/// gallery (cooling above the white space, power below, each in its zone's
/// boundary); units without a footprint (tap-offs, in-rack CDUs, busway)
/// marked on the racks they serve. `files` tells the stdlib's estimated
/// footprints from a design's own.
std::vector<HallPlan> drawHallPlans(const model::Design &design,
                                    const checks::DesignAnalysis &analysis,
                                    const SourceFiles &files);

/// The campus: each site's buildings with their halls, filled by the class
/// of their security zone. Structures to scale from their stated areas (a
/// hall a square of its `area`, a building or site at least its `area` /
/// `site_area`), arranged in a deterministic grid (the design gives no
/// coordinates; docs/report.md); every box a `<g class="campus-hall|
/// campus-building|campus-site" data-path data-x data-y data-width-m
/// data-depth-m>` in metres.
std::string drawCampus(const model::Design &design);

} // namespace sgd::backends::report

#endif
