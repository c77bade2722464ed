#include "power/Analyses.h"

#include "model/QuantityMath.h"

namespace sgd::power {
namespace {

std::optional<Quantity> entryQuantity(const model::Design &design, Index entry,
                                      llvm::StringRef name) {
  if (entry == NoIndex)
    return std::nullopt;
  if (const model::Value *value = design.property(design.catalog[entry].properties, name))
    if (const Quantity *quantity = value->quantity())
      return *quantity;
  return std::nullopt;
}

/// How long a storage element rides through at its rated power: its
/// `runtime`, else its energy over its capacity.
std::optional<Quantity> rideThrough(const model::Design &design, const Element &storage) {
  if (std::optional<Quantity> runtime = entryQuantity(design, storage.entry, "runtime"))
    return runtime;
  std::optional<Quantity> energy = entryQuantity(design, storage.entry, "energy");
  std::optional<Quantity> capacity = entryQuantity(design, storage.entry, "capacity");
  if (!energy || !capacity || !model::isPositive(*capacity))
    return std::nullopt;
  llvm::Expected<Quantity> time = units::divide(*energy, *capacity);
  if (!time) {
    llvm::consumeError(time.takeError());
    return std::nullopt;
  }
  return *time;
}

} // namespace

std::vector<StorageFinding> checkEnergyStorage(const model::Design &design,
                                               const PowerGraph &graph) {
  std::vector<StorageFinding> found;
  std::vector<Index> seen(graph.elements.size(), NoIndex), stack;
  for (Index ups = 0; ups < graph.elements.size(); ++ups) {
    const Element &u = graph.elements[ups];
    if (u.kind != ElementKind::Ups)
      continue;
    StorageFinding finding;
    finding.ups = ups;
    std::optional<Quantity> autonomy = entryQuantity(design, u.entry, "runtime");
    bool storage = autonomy.has_value();
    for (Index feeder : graph.feeders(ups)) {
      if (graph.elements[feeder].kind != ElementKind::Storage)
        continue;
      storage = true;
      std::optional<Quantity> time = rideThrough(design, graph.elements[feeder]);
      if (time && (!autonomy || model::below(*time, *autonomy))) {
        autonomy = time;
        finding.storage = feeder;
      }
    }
    if (!storage) {
      finding.missing = true;
      found.push_back(finding);
      continue;
    }
    if (!autonomy)
      continue;
    // The storage bridges until the slowest generator upstream has started
    // and the slowest transfer switch on the way has moved the load.
    std::optional<Quantity> start, transfer;
    stack.assign(1, ups);
    seen[ups] = ups;
    while (!stack.empty()) {
      Index element = stack.back();
      stack.pop_back();
      const Element &e = graph.elements[element];
      if (e.kind == ElementKind::Generator) {
        std::optional<Quantity> time = entryQuantity(design, e.entry, "start_time");
        if (time && (!start || model::below(*start, *time))) {
          start = time;
          finding.generator = element;
        }
        continue;
      }
      if (e.kind == ElementKind::TransferSwitch) {
        std::optional<Quantity> time = entryQuantity(design, e.entry, "transfer_time");
        if (time && (!transfer || model::below(*transfer, *time))) {
          transfer = time;
          finding.transfer = element;
        }
      }
      for (Index feeder : graph.feeders(element))
        if (seen[feeder] != ups && graph.elements[feeder].kind != ElementKind::Storage) {
          seen[feeder] = ups;
          stack.push_back(feeder);
        }
    }
    if (!start)
      continue; // nothing to bridge to
    finding.autonomy = *autonomy;
    finding.start = *start;
    finding.transferTime = transfer;
    finding.needed = transfer ? model::plus(*start, *transfer) : *start;
    if (model::below(finding.autonomy, finding.needed))
      found.push_back(finding);
  }
  return found;
}

} // namespace sgd::power
