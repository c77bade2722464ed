#ifndef SGD_MODEL_AGGREGATES_H
#define SGD_MODEL_AGGREGATES_H

#include "model/Design.h"

#include <map>
#include <vector>

namespace sgd::model {

/// What the racks of part of a design add up to.
struct RackTotals {
  uint64_t racks = 0;
  uint64_t gpus = 0;
  units::Quantity itPower{units::Rational(0), units::dimensions::Power};
  std::map<Index, uint64_t> racksByType; // catalog entry → racks, in catalog order
};

/// The racks of one replica of `node` (its subtree); of the whole design for
/// NoIndex. The IT load is the sum of the rack types' `it_power`, the GPUs of
/// their `gpus`.
RackTotals rackTotals(const Design &design, Index node);

/// The racks one node holds of one rack type, in each replica of the node:
/// its rack runs of that type counted together.
struct RackGroup {
  Index parent;
  Index rackType;
  uint64_t count;
};

/// The rack runs [first, end) that have racks, grouped by node and rack type,
/// in the order of each group's first run. An explicit design writes a run
/// per rack line: what is computed per run can be computed per group.
std::vector<RackGroup> groupRackRuns(const Design &design, Index first, Index end);

/// How many structures of each level the design has, every replica counted.
std::map<Level, uint64_t> nodeCounts(const Design &design);

/// The equipment lines of each top-level structure (its node → indices into
/// Design::equipment, in design order); lines outside any structure are left
/// out. One pass for the design: a per-site scan of every line would take
/// sites × lines steps (a billion at 10 million racks).
std::map<Index, std::vector<Index>> equipmentByTopLevel(const Design &design);

} // namespace sgd::model

#endif
