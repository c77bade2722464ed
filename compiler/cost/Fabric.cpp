#include "cost/Fabric.h"

#include <algorithm>

namespace sgd::cost {
namespace {

uint64_t ceilDiv(uint64_t a, uint64_t b) { return b == 0 ? 0 : (a + b - 1) / b; }

} // namespace

uint64_t fabricDownPorts(const FabricShape &shape) {
  thermal::Exact down = thermal::Exact(static_cast<int64_t>(shape.ports)) *
                        shape.oversubscription / (shape.oversubscription + thermal::Exact(1));
  if (!down.valid())
    return 1;
  units::Rational value = down.rational();
  auto whole = static_cast<uint64_t>(value.numerator() / value.denominator());
  return std::clamp<uint64_t>(whole, 1, shape.ports);
}

FabricCounts &FabricCounts::operator+=(const FabricCounts &other) {
  gpus += other.gpus;
  tiers = std::max(tiers, other.tiers);
  leaves += other.leaves;
  spines += other.spines;
  cores += other.cores;
  switches += other.switches;
  links += other.links;
  nics += other.nics;
  transceivers += other.transceivers;
  overflowTiers = overflowTiers || other.overflowTiers;
  return *this;
}

uint64_t fabricCapacity(const FabricShape &shape, unsigned tiers) {
  uint64_t capacity = fabricDownPorts(shape) * shape.ports;
  for (unsigned tier = 3; tier <= tiers; ++tier)
    if (__builtin_mul_overflow(capacity, shape.ports / 2, &capacity))
      return UINT64_MAX;
  return capacity;
}

FabricCounts fabricFor(uint64_t gpus, const FabricShape &shape) {
  FabricCounts counts;
  counts.gpus = gpus;
  if (gpus == 0 || shape.ports < 2)
    return counts;
  unsigned maxTiers = std::max(2u, shape.maxTiers);
  counts.tiers = shape.fixedTiers ? std::max(2u, shape.fixedTiers) : 2;
  while (counts.tiers < maxTiers && fabricCapacity(shape, counts.tiers) < gpus)
    ++counts.tiers;
  counts.overflowTiers = fabricCapacity(shape, counts.tiers) < gpus;
  uint64_t down = fabricDownPorts(shape);
  uint64_t rails = std::max<uint64_t>(1, shape.rails);
  counts.leaves = rails * ceilDiv(ceilDiv(gpus, rails), down);
  uint64_t uplinks = counts.leaves * (shape.ports - down);
  counts.links = gpus;
  for (unsigned tier = 2; tier <= counts.tiers; ++tier) {
    counts.links += uplinks;
    if (tier < counts.tiers) {
      uint64_t middle = ceilDiv(uplinks, shape.ports / 2);
      counts.spines += middle;
      uplinks = middle * (shape.ports / 2);
    } else if (counts.tiers == 2) {
      counts.spines = ceilDiv(uplinks, shape.ports);
    } else {
      counts.cores = ceilDiv(uplinks, shape.ports);
    }
  }
  counts.switches = counts.leaves + counts.spines + counts.cores;
  counts.nics = gpus * shape.nicsPerGpu;
  counts.transceivers = counts.links * shape.transceiversPerLink;
  return counts;
}

} // namespace sgd::cost
