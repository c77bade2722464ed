#include "power/PowerGraph.h"

namespace sgd::power {
namespace {

/// Compressed adjacency: for each key in [0, keys), the values of the pairs
/// with that key, in the order the pairs come.
void index(size_t keys, const std::vector<std::pair<Index, Index>> &pairs,
           std::vector<Index> &start, std::vector<Index> &list) {
  start.assign(keys + 1, 0);
  for (const auto &[key, value] : pairs)
    ++start[key + 1];
  for (size_t key = 0; key < keys; ++key)
    start[key + 1] += start[key];
  list.assign(pairs.size(), 0);
  std::vector<Index> next(start.begin(), start.end() - 1);
  for (const auto &[key, value] : pairs)
    list[next[key]++] = value;
}

llvm::ArrayRef<Index> slice(const std::vector<Index> &start, const std::vector<Index> &list,
                            Index key) {
  if (key + 1 >= start.size())
    return {};
  return llvm::ArrayRef<Index>(list).slice(start[key], start[key + 1] - start[key]);
}

} // namespace

std::string kindName(ElementKind kind, Stage stage) {
  switch (kind) {
  case ElementKind::Utility: return "utility feed";
  case ElementKind::Breaker: return "HV breaker";
  case ElementKind::Transformer:
    return stage == Stage::HighVoltage ? "substation transformer"
           : stage == Stage::StepDown  ? "MV transformer"
                                       : "unit transformer";
  case ElementKind::Switchgear:
    return stage == Stage::MediumVoltage ? "MV switchgear" : "LV switchgear";
  case ElementKind::ParallelingGear: return "generator paralleling switchgear";
  case ElementKind::TransferSwitch: return "transfer switch";
  case ElementKind::Generator: return "generator";
  case ElementKind::Bess: return "battery energy storage";
  case ElementKind::Ups: return "UPS";
  case ElementKind::Storage: return "UPS energy storage";
  case ElementKind::Busway: return "busway";
  case ElementKind::Panel: return "power panel";
  case ElementKind::Connection: return "tap-off";
  case ElementKind::Cord: return "rack cords";
  case ElementKind::Racks: return "racks";
  case ElementKind::MechanicalBus: return "mechanical bus";
  case ElementKind::MechanicalLoad: return "mechanical load";
  }
  return "element";
}

void PowerGraph::finish(size_t groups) {
  std::vector<std::pair<Index, Index>> into, out, byGroup;
  into.reserve(edges.size());
  out.reserve(edges.size());
  for (const Edge &edge : edges) {
    into.emplace_back(edge.to, edge.from);
    out.emplace_back(edge.from, edge.to);
  }
  edges = std::vector<Edge>(); // clear() would keep the buffer
  index(elements.size(), into, feederStart_, feederList_);
  index(elements.size(), out, feedStart_, feedList_);
  for (Index element = 0; element < elements.size(); ++element)
    if (elements[element].group != NoIndex && !elements[element].implied)
      byGroup.emplace_back(elements[element].group, element);
  index(groups, byGroup, groupStart_, groupList_);
}

llvm::ArrayRef<Index> PowerGraph::feeders(Index element) const {
  return slice(feederStart_, feederList_, element);
}

llvm::ArrayRef<Index> PowerGraph::feeds(Index element) const {
  return slice(feedStart_, feedList_, element);
}

llvm::ArrayRef<Index> PowerGraph::elementsOf(Index group) const {
  return slice(groupStart_, groupList_, group);
}

bool isPowerKind(llvm::StringRef kind) {
  return kind == "transformer" || kind == "switchgear" || kind == "transfer_switch" ||
         kind == "generator" || kind == "bess" || kind == "ups" || kind == "battery" ||
         kind == "busway" || kind == "pdu";
}

} // namespace sgd::power
