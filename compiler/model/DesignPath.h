#ifndef SGD_MODEL_DESIGNPATH_H
#define SGD_MODEL_DESIGNPATH_H

#include "model/Design.h"

#include <string>
#include <variant>

namespace sgd::model {

/// One rack of a run: `abilene.b3.h1.r2.k5` is number 5 of run `k` in the
/// replica `abilene.b3.h1.r2` of the run's node.
struct RackRef {
  Index run;
  uint32_t number;
  Replica holder;
};

/// What a path names when it resolves: a replica of a node, or a rack.
using PathTarget = std::variant<Replica, RackRef>;

/// Where a path stops resolving: the part that names nothing (0-based), and
/// the names that part could have been.
struct PathMiss {
  size_t part;
  std::vector<std::string> candidates;
};

/// Resolves a dotted path of names from a top-level structure down:
/// `abilene.b3.h1.r2` (a node) or `abilene.b3.h1.r2.k5` (a rack).
std::variant<PathTarget, PathMiss> resolvePath(const Design &design,
                                               llvm::ArrayRef<llvm::StringRef> parts);

} // namespace sgd::model

#endif
