#ifndef SGD_POWER_EXPANDEDGRAPH_H
#define SGD_POWER_EXPANDEDGRAPH_H

#include "power/PowerGraph.h"

namespace sgd::power {

/// The one-line of the design written without ranges, for the outputs that
/// name each replica (power.json): every element of a replicated structure
/// once per replica, numbered as a design without ranges would number them,
/// and every edge and load point between the replicas they join. Elements
/// keep their node indexes (`structure`); `structureOf` says
/// which replica of the structure each one is.
struct ExpandedGraph {
  PowerGraph graph;
  std::vector<model::Replica> structureOf; // parallel to graph.elements
  std::vector<model::Replica> hallOf;      // parallel to graph.loadPoints

  /// The replica of `node` (an ancestor of the element's structure, or the
  /// structure itself) the element stands in; {NoIndex, 0} for NoIndex.
  model::Replica replicaOf(const model::Design &design, Index element, Index node) const;
};

/// Linear in the replicas of the graph's elements and edges: use it only
/// where an output writes every replica.
ExpandedGraph expandPowerGraph(const model::Design &design, const PowerGraph &graph);

} // namespace sgd::power

#endif
