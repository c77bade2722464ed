#ifndef SGD_MODEL_NODESCOPE_H
#define SGD_MODEL_NODESCOPE_H

#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"

#include <optional>

namespace sgd::model {

/// A node stands for all of its replicas, so what a phase reports while it
/// elaborates or checks the node is about each of them: while alive, the
/// diagnostics reported count the node's instances (a note "reported once
/// for all 2,752 instances of hall `s[1..86].b[1..8].h[1..4]`"). Nothing
/// for NoIndex, the top level of the design.
class NodeScope {
public:
  NodeScope(DiagnosticEngine &diagnostics, const Design &design, Index node) {
    if (node != NoIndex)
      scope_.emplace(diagnostics, design.nodes[node].instances,
                     [&design, node] { return design.describe(node); });
  }

private:
  std::optional<DiagnosticEngine::InstanceScope> scope_;
};

} // namespace sgd::model

#endif
