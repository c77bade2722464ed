#include "model/Expansion.h"

namespace sgd::model {
namespace {

bool inSubtree(const Design &design, Index node, Index root) {
  return node != NoIndex && node >= root && node < design.nodes[root].subtreeEnd;
}

// Elements [first, end) all belong to the subtree of `replica`'s node (the
// whole design for NoIndex).
void expand(const Design &design, Replica replica, size_t first, size_t end,
            llvm::function_ref<Index(size_t)> nodeOf,
            llvm::function_ref<void(size_t, Replica)> visit) {
  for (size_t at = first; at < end;) {
    Index node = nodeOf(at);
    if (node == replica.node) {
      visit(at, replica);
      ++at;
      continue;
    }
    Index child = node;
    while (design.nodes[child].parent != replica.node)
      child = design.nodes[child].parent;
    size_t childEnd = at + 1;
    while (childEnd < end && inSubtree(design, nodeOf(childEnd), child))
      ++childEnd;
    for (Replica inner : design.replicasIn(child, replica))
      expand(design, inner, at, childEnd, nodeOf, visit);
    at = childEnd;
  }
}

} // namespace

void forEachReplica(const Design &design, Replica root, llvm::function_ref<bool(Replica)> visit) {
  for (Index child : design.children(root.node))
    for (Replica replica : design.replicasIn(child, root))
      if (visit(replica))
        forEachReplica(design, replica, visit);
}

std::vector<Replica> replicasAt(const Design &design, Replica root, Level level) {
  std::vector<Replica> found;
  forEachReplica(design, root, [&](Replica replica) {
    if (design.nodes[replica.node].level == level)
      found.push_back(replica);
    return design.nodes[replica.node].level < level;
  });
  return found;
}

void forEachElementReplica(const Design &design, Replica root, size_t elements,
                           llvm::function_ref<Index(size_t)> nodeOf,
                           llvm::function_ref<void(size_t, Replica)> visit) {
  expand(design, root, 0, elements, nodeOf, visit);
}

namespace {

void nodesBelow(const Design &design, Index parent,
                llvm::function_ref<bool(Index, const std::string &, uint64_t)> visit) {
  for (Index node : design.children(parent))
    if (visit(node, design.runPath(node), design.nodes[node].instances))
      nodesBelow(design, node, visit);
}

} // namespace

void forEachNodeIn(const Design &design, ModelForm form,
                   llvm::function_ref<bool(Index, const std::string &, uint64_t)> visit) {
  if (form == ModelForm::Instances) {
    nodesBelow(design, NoIndex, visit);
    return;
  }
  forEachReplica(design, {NoIndex, 0}, [&](Replica replica) {
    return visit(replica.node, design.pathOf(replica), 1);
  });
}

void forEachElementIn(const Design &design, ModelForm form, size_t elements,
                      llvm::function_ref<Index(size_t)> nodeOf,
                      llvm::function_ref<void(size_t, const std::string &, uint64_t)> visit) {
  if (form == ModelForm::Expanded) {
    forEachElementReplica(design, {NoIndex, 0}, elements, nodeOf, [&](size_t i, Replica replica) {
      visit(i, replica.node == NoIndex ? std::string() : design.pathOf(replica), 1);
    });
    return;
  }
  for (size_t i = 0; i < elements; ++i) {
    Index node = nodeOf(i);
    visit(i, design.runPath(node), node == NoIndex ? 1 : design.nodes[node].instances);
  }
}

} // namespace sgd::model
