#include "model/DesignPath.h"

namespace sgd::model {
namespace {

// The offset of `name` in a run of `count` names `stem` + first … first +
// count − 1 (`k5` in `k[1..17]` is 4), or nothing.
std::optional<uint32_t> offsetIn(llvm::StringRef name, llvm::StringRef stem, uint32_t first,
                                 uint32_t count) {
  llvm::StringRef digits = name;
  uint64_t number = 0;
  if (digits.consume_front(stem) && !digits.empty() &&
      digits.find_first_not_of("0123456789") == llvm::StringRef::npos &&
      (digits == "0" || digits.front() != '0') && !digits.getAsInteger(10, number) &&
      number >= first && number < uint64_t(first) + count)
    return static_cast<uint32_t>(number - first);
  return std::nullopt;
}

// The racks directly in `holder` whose run holds `name` (`k5` in `k[1..17]`).
std::optional<RackRef> findRack(const Design &design, Replica holder, llvm::StringRef name,
                                std::vector<std::string> &candidates) {
  const Node &node = design.nodes[holder.node];
  for (Index run = node.firstRackRun; run < node.rackRunEnd; ++run) {
    const RackRun &racks = design.rackRuns[run];
    if (racks.parent != holder.node)
      continue;
    if (!racks.numbered) {
      if (racks.name.text() == name)
        return RackRef{run, 0, holder};
      candidates.push_back(racks.name.str());
      continue;
    }
    if (std::optional<uint32_t> offset =
            offsetIn(name, racks.name.text(), racks.first, racks.count))
      return RackRef{run, racks.first + *offset, holder};
    candidates.push_back(racks.name.str() + std::to_string(racks.first));
  }
  return std::nullopt;
}

} // namespace

std::variant<PathTarget, PathMiss> resolvePath(const Design &design,
                                               llvm::ArrayRef<llvm::StringRef> parts) {
  Replica parent{NoIndex, 0};
  for (size_t part = 0; part < parts.size(); ++part) {
    std::vector<std::string> candidates;
    std::optional<Replica> found;
    for (Index child : design.children(parent.node)) {
      const Node &node = design.nodes[child];
      std::optional<uint32_t> offset;
      if (!node.numbered) {
        if (node.stem == parts[part])
          offset = 0;
        else
          candidates.push_back(node.stem.str());
      } else {
        offset = offsetIn(parts[part], node.stem, node.first, node.count);
        if (!offset) {
          // The first and last replica's names stand for the range.
          candidates.push_back(node.stem.str() + std::to_string(node.first));
          if (node.count > 1)
            candidates.push_back(node.stem.str() +
                                 std::to_string(uint64_t{node.first} + node.count - 1));
        }
      }
      if (offset) {
        found = Replica{child, parent.ordinal * node.count + *offset};
        break;
      }
    }
    if (found) {
      parent = *found;
      continue;
    }
    if (parent.node != NoIndex && part + 1 == parts.size())
      if (std::optional<RackRef> rack = findRack(design, parent, parts[part], candidates))
        return PathTarget{*rack};
    return PathMiss{part, std::move(candidates)};
  }
  if (parent.node == NoIndex)
    return PathMiss{0, {}};
  return PathTarget{parent};
}

} // namespace sgd::model
