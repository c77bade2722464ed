#include "model/DesignPath.h"

namespace sgd::model {
namespace {

// Racks directly under `node` whose run holds `name` (`k5` in `k[1..17]`).
std::optional<RackRef> findRack(const Design &design, Index node, llvm::StringRef name,
                                std::vector<std::string> &candidates) {
  for (Index run = design.nodes[node].firstRackRun; run < design.nodes[node].rackRunEnd; ++run) {
    const RackRun &racks = design.rackRuns[run];
    if (racks.parent != node)
      continue;
    if (!racks.numbered) {
      if (racks.name == name)
        return RackRef{run, 0};
      candidates.push_back(racks.name.str());
      continue;
    }
    llvm::StringRef digits = name;
    uint64_t number = 0;
    if (digits.consume_front(racks.name) && !digits.empty() &&
        digits.find_first_not_of("0123456789") == llvm::StringRef::npos &&
        (digits == "0" || digits.front() != '0') && !digits.getAsInteger(10, number) &&
        number >= racks.first && number < uint64_t(racks.first) + racks.count)
      return RackRef{run, static_cast<uint32_t>(number)};
    candidates.push_back(racks.name.str() + std::to_string(racks.first));
  }
  return std::nullopt;
}

} // namespace

std::variant<PathTarget, PathMiss> resolvePath(const Design &design,
                                               llvm::ArrayRef<llvm::StringRef> parts) {
  Index parent = NoIndex;
  for (size_t part = 0; part < parts.size(); ++part) {
    std::vector<std::string> candidates;
    Index at = parent == NoIndex ? 0 : parent + 1;
    Index end = parent == NoIndex ? static_cast<Index>(design.nodes.size())
                                  : design.nodes[parent].subtreeEnd;
    Index found = NoIndex;
    for (; at < end; at = design.nodes[at].subtreeEnd) {
      if (design.nodes[at].name == parts[part]) {
        found = at;
        break;
      }
      candidates.push_back(design.nodes[at].name.str());
    }
    if (found != NoIndex) {
      parent = found;
      continue;
    }
    if (parent != NoIndex && part + 1 == parts.size())
      if (std::optional<RackRef> rack = findRack(design, parent, parts[part], candidates))
        return PathTarget{*rack};
    return PathMiss{part, std::move(candidates)};
  }
  if (parent == NoIndex)
    return PathMiss{0, {}};
  return PathTarget{parent};
}

} // namespace sgd::model
