#ifndef SGD_POWER_DEMAND_H
#define SGD_POWER_DEMAND_H

#include "base/HashWords.h"
#include "base/InternedVector.h"
#include "model/Design.h"

namespace sgd::power {

using units::Quantity;

/// The loads of one structure (its whole subtree) that the power graph
/// carries.
struct NodeDemand {
  Quantity it;          // the racks' IT load (W)
  Quantity facility;    // the peak facility demand: IT, mechanical plant, losses (W)
  Quantity powerFactor; // of the load (ratio)

  friend bool operator==(const NodeDemand &, const NodeDemand &) = default;
  friend llvm::hash_code hash_value(const NodeDemand &d) {
    return hashWords({hash_value(d.it), hash_value(d.facility), hash_value(d.powerFactor)});
  }
};

/// The loads of every structure, from the phase that computes them
/// (checks::powerDemand). The power graph reads loads only from here, so an
/// energy model that derives the facility demand from the equipment replaces
/// one function, not the graph.
struct Demand {
  /// Parallel to Design::nodes; equal demands (row after row of the same
  /// racks) stored once.
  InternedVector<NodeDemand> nodes;
  NodeDemand design;             // lines at the top level of a file serve the whole design
};

} // namespace sgd::power

#endif
