#ifndef SGD_MODEL_EXPANSION_H
#define SGD_MODEL_EXPANSION_H

#include "model/Design.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace sgd::model {

/// How an output shows replicated structure: each node once, with how many
/// replicas it stands for (Instances: model.json, `sgdc dump model`), or
/// every replica written out as a design without ranges would be
/// (Expanded: `--expand`).
enum class ModelForm : uint8_t { Instances, Expanded };

/// Visits the replicas of every node below `root` ({NoIndex, 0}: the whole
/// design) depth first, in the order a design written without ranges would
/// store its nodes: `b1`, `b1.h1`, `b1.h2`, `b2`, … `visit` returns whether
/// to go below the replica it is given.
void forEachReplica(const Design &design, Replica root, llvm::function_ref<bool(Replica)> visit);

/// The replicas of the structures of `level` below `root` (not below one
/// of them), in the order of a design written without ranges.
std::vector<Replica> replicasAt(const Design &design, Replica root, Level level);

/// Visits, for every element of a table whose elements each belong to a node
/// (equipment lines, blocks, zones, compliance, schedules: `nodeOf(i)`),
/// each replica of its node inside `root`: `visit(i, replica)`, in the order a
/// design written without ranges would list them (the elements of `b1`'s
/// subtree, then of `b2`'s, …). Every element must belong to root's subtree
/// ({NoIndex, 0}: the whole design; elements at its top level get {NoIndex,
/// 0}), and the table must be in elaboration order, as the elaborator builds
/// every table (or a subsequence of one): the elements of a subtree are
/// contiguous. Cost: the replicas visited.
void forEachElementReplica(const Design &design, Replica root, size_t elements,
                           llvm::function_ref<Index(size_t)> nodeOf,
                           llvm::function_ref<void(size_t, Replica)> visit);

/// The nodes in `form`, depth first in design order: each once with its run
/// path and instances, or every replica with its path and 1. `visit(node,
/// path, instances)` returns whether to go below.
void forEachNodeIn(const Design &design, ModelForm form,
                   llvm::function_ref<bool(Index, const std::string &, uint64_t)> visit);

/// The elements of a table (as forEachElementReplica) in `form`: each once
/// with its node's run path (`s[1..86].b[1..8]`) and instances, or once per
/// replica of its node with the replica's path (`s3.b2`) and 1. Elements at
/// the top level have the path "" and 1.
void forEachElementIn(const Design &design, ModelForm form, size_t elements,
                      llvm::function_ref<Index(size_t)> nodeOf,
                      llvm::function_ref<void(size_t, const std::string &, uint64_t)> visit);

} // namespace sgd::model

#endif
