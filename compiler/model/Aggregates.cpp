#include "model/Aggregates.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace sgd::model {

RackTotals rackTotals(const Design &design, Index node) {
  Index first = 0;
  Index end = static_cast<Index>(design.rackRuns.size());
  if (node != NoIndex) {
    first = design.nodes[node].firstRackRun;
    end = design.nodes[node].rackRunEnd;
  }
  // Per rack type first, so each type's figures are multiplied once.
  RackTotals totals;
  for (Index run = first; run < end; ++run) {
    const RackRun &racks = design.rackRuns[run];
    totals.racksByType[racks.rackType] +=
        uint64_t{racks.count} * design.replicasWithin(racks.parent, node);
  }
  for (const auto &[entry, racks] : totals.racksByType) {
    totals.racks += racks;
    units::Rational count(static_cast<int64_t>(racks));
    PropertySpan properties = design.catalog[entry].properties;
    if (const Value *gpus = design.property(properties, "gpus"))
      if (const units::Quantity *number = gpus->quantity())
        totals.gpus += racks * static_cast<uint64_t>(number->value.numerator() /
                                                     number->value.denominator());
    if (const Value *power = design.property(properties, "it_power"))
      if (const units::Quantity *perRack = power->quantity()) {
        // Exact 128-bit arithmetic: a sum beyond it would need ~10^24 W.
        llvm::Expected<units::Quantity> load =
            units::multiply(*perRack, units::Quantity{count, units::dimensions::Ratio});
        if (load)
          if (llvm::Expected<units::Quantity> sum = units::add(totals.itPower, *load))
            totals.itPower = *sum;
          else
            llvm::consumeError(sum.takeError());
        else
          llvm::consumeError(load.takeError());
      }
  }
  return totals;
}

std::vector<RackGroup> groupRackRuns(const Design &design, Index first, Index end) {
  std::vector<RackGroup> groups;
  llvm::DenseMap<std::pair<Index, Index>, size_t> groupOf;
  // A node's runs mostly come one after another (a row's rack lines), with a
  // type or two among them: the groups met since the node last changed are
  // searched first, and the map only when a type is new to the stretch.
  llvm::SmallVector<size_t, 4> stretch;
  Index stretchParent = NoIndex;
  for (Index run = first; run < end; ++run) {
    const RackRun &racks = design.rackRuns[run];
    if (racks.count == 0)
      continue;
    if (racks.parent != stretchParent) {
      stretch.clear();
      stretchParent = racks.parent;
    }
    const size_t *known = llvm::find_if(
        stretch, [&](size_t group) { return groups[group].rackType == racks.rackType; });
    size_t group;
    if (known != stretch.end()) {
      group = *known;
    } else {
      auto [found, isNew] = groupOf.try_emplace({racks.parent, racks.rackType}, groups.size());
      if (isNew)
        groups.push_back({racks.parent, racks.rackType, 0});
      group = found->second;
      stretch.push_back(group);
    }
    groups[group].count += racks.count;
  }
  return groups;
}

std::map<Level, uint64_t> nodeCounts(const Design &design) {
  std::map<Level, uint64_t> counts;
  for (const Node &node : design.nodes)
    counts[node.level] += node.instances;
  counts[Level::Rack] = design.rackCount();
  return counts;
}

std::map<Index, std::vector<Index>> equipmentByTopLevel(const Design &design) {
  std::map<Index, std::vector<Index>> result;
  for (Index group = 0; group < design.equipment.size(); ++group)
    if (Index node = design.equipment[group].node; node != NoIndex)
      result[design.topLevelOf(node)].push_back(group);
  return result;
}

} // namespace sgd::model
