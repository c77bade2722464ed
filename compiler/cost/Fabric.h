#ifndef SGD_COST_FABRIC_H
#define SGD_COST_FABRIC_H

#include "thermal/Exact.h"

#include <cstdint>

namespace sgd::cost {

/// The shape of a GPU compute fabric: a rail-optimised fat tree
/// (docs/costs.md, "Network fabric").
struct FabricShape {
  uint64_t ports = 64;               // per switch
  thermal::Exact oversubscription{1}; // leaf down ports per up port
  unsigned maxTiers = 3;
  unsigned fixedTiers = 0;           // the tiers the design states; 0: the fewest that connect
  uint64_t rails = 8;                // GPUs of a node, each on its own rail of leaves
  uint64_t nicsPerGpu = 1;
  uint64_t transceiversPerLink = 2;

  friend bool operator==(const FabricShape &, const FabricShape &) = default;
};

/// What one cluster's fabric counts.
struct FabricCounts {
  uint64_t gpus = 0;
  unsigned tiers = 0;
  uint64_t leaves = 0, spines = 0, cores = 0, switches = 0;
  uint64_t links = 0, nics = 0, transceivers = 0;
  bool overflowTiers = false; // more GPUs than `maxTiers` tiers connect

  FabricCounts &operator+=(const FabricCounts &other);
};

/// GPU ports of a leaf: ⌊ports × o / (o + 1)⌋, at least 1; the other ports
/// go up.
uint64_t fabricDownPorts(const FabricShape &shape);

/// The most GPUs `tiers` tiers of the shape connect: down ports of a leaf
/// × ports × (ports / 2)^(tiers − 2).
uint64_t fabricCapacity(const FabricShape &shape, unsigned tiers);

/// The fabric of `gpus` GPUs: `fixedTiers` when set, else the fewest tiers
/// (two at least) that connect them, at most `maxTiers`. Leaves: rails × ⌈⌈gpus / rails⌉ / down⌉, with
/// down = ⌊ports × o / (o + 1)⌋ GPU ports and ports − down up ports each;
/// a middle tier has ⌈uplinks below / (ports / 2)⌉ switches with half their
/// ports up, the top tier ⌈uplinks below / ports⌉; links: one per GPU and
/// one per uplink.
FabricCounts fabricFor(uint64_t gpus, const FabricShape &shape);

} // namespace sgd::cost

#endif
