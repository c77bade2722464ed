#include "model/Design.h"

namespace sgd::model {

llvm::StringRef levelName(Level level) {
  switch (level) {
  case Level::Site: return "site";
  case Level::Building: return "building";
  case Level::Hall: return "hall";
  case Level::Row: return "row";
  case Level::Rack: return "rack";
  }
  return "";
}

std::string redundancyName(const Redundancy &redundancy) {
  std::string spare = redundancy.spare ? "+" + std::to_string(redundancy.spare) : "";
  if (redundancy.share > 1)
    return std::to_string(redundancy.factor) + "N/" + std::to_string(redundancy.share);
  if (redundancy.factor == 1)
    return "N" + spare + (redundancy.catcher ? " catcher" : "");
  return redundancy.sparePerSide ? "2(N" + spare + ")" : "2N" + spare;
}

const Property *Design::findProperty(PropertySpan span, llvm::StringRef name) const {
  for (const Property &property : propertiesOf(span))
    if (property.name == name)
      return &property;
  return nullptr;
}

const Value *Design::property(PropertySpan span, llvm::StringRef name) const {
  const Property *found = findProperty(span, name);
  return found ? &found->value : nullptr;
}

std::string Design::runName(Index node) const {
  const Node &n = nodes[node];
  if (!n.numbered)
    return n.stem.str();
  if (n.count == 1)
    return n.stem.str() + std::to_string(n.first);
  return n.stem.str() + "[" + std::to_string(n.first) + ".." +
         std::to_string(uint64_t{n.first} + n.count - 1) + "]";
}

std::string Design::runPath(Index node) const {
  std::string path;
  for (Index at = node; at != NoIndex; at = nodes[at].parent)
    path = runName(at) + (path.empty() ? "" : "." + path);
  return path;
}

std::string Design::describe(Index node) const {
  return levelName(nodes[node].level).str() + " `" + runPath(node) + "`";
}

Index Design::topLevelOf(Index node) const {
  while (node != NoIndex && nodes[node].parent != NoIndex)
    node = nodes[node].parent;
  return node;
}

uint64_t Design::replicasWithin(Index node, Index ancestor) const {
  if (node == NoIndex)
    return 1;
  // Exact: every node's instances are a multiple of its ancestors'.
  return ancestor == NoIndex ? nodes[node].instances
                             : nodes[node].instances / nodes[ancestor].instances;
}

std::vector<Index> Design::children(Index node) const {
  std::vector<Index> result;
  Index at = node == NoIndex ? 0 : node + 1;
  Index end = node == NoIndex ? static_cast<Index>(nodes.size()) : nodes[node].subtreeEnd;
  for (; at < end; at = nodes[at].subtreeEnd)
    result.push_back(at);
  return result;
}

uint64_t Design::racksInDesign(const RackRun &run) const {
  return uint64_t{run.count} * replicasWithin(run.parent, NoIndex);
}

ReplicaRange Design::replicas(Index node) const { return {node, 0, nodes[node].instances}; }

ReplicaRange Design::replicasIn(Index node, Replica ancestor) const {
  uint64_t per = replicasWithin(node, ancestor.node);
  return {node, ancestor.ordinal * per, (ancestor.ordinal + 1) * per};
}

Replica Design::parentOf(Replica replica) const {
  const Node &n = nodes[replica.node];
  if (n.parent == NoIndex)
    return {NoIndex, 0};
  return {n.parent, replica.ordinal / n.count};
}

Replica Design::ancestorOf(Replica replica, Index ancestor) const {
  return {ancestor, replica.ordinal / replicasWithin(replica.node, ancestor)};
}

std::string Design::nameOf(Replica replica) const {
  const Node &n = nodes[replica.node];
  if (!n.numbered)
    return n.stem.str();
  return n.stem.str() + std::to_string(uint64_t{n.first} + replica.ordinal % n.count);
}

std::string Design::pathOf(Replica replica) const {
  std::string path;
  for (Replica at = replica; at.node != NoIndex; at = parentOf(at))
    path = nameOf(at) + (path.empty() ? "" : "." + path);
  return path;
}

uint64_t Design::rackCount() const {
  uint64_t total = 0;
  for (const RackRun &run : rackRuns)
    total += racksInDesign(run);
  return total;
}

} // namespace sgd::model
