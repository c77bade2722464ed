#ifndef SGD_POWER_GRAPHBUILDER_H
#define SGD_POWER_GRAPHBUILDER_H

#include "power/Demand.h"
#include "power/PowerGraph.h"

namespace sgd::power {

/// A `path` or `compartment` that does not fit the line's redundancy, found
/// while laying the lines out on their paths.
struct LayoutProblem {
  Index group;
  std::string message;
};

/// The one-line of a design and the problems of laying it out.
struct PowerModel {
  PowerGraph graph;
  std::vector<LayoutProblem> layoutProblems;
};

/// Builds the one-line from the design's power lines, utility feeds,
/// substations and racks; fills in what the design implies (HV breakers,
/// LV switchgear below unit transformers, generator paralleling gear,
/// tap-offs, rack cords, mechanical buses); and sizes every power line.
/// `installed`: the units of each equipment line the power graph does not
/// size (cooling lines, drawn on the mechanical buses); linear in the
/// design's lines, structures and rack runs.
PowerModel buildPowerGraph(const model::Design &design, const Demand &demand,
                           llvm::ArrayRef<uint64_t> installed);

} // namespace sgd::power

#endif
