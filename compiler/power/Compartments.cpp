#include "power/Analyses.h"

#include <map>

namespace sgd::power {
namespace {

/// The elements Tier IV keeps in separate compartments per path: the
/// equipment of the power chain outside the computer room. Busway, panels,
/// tap-offs and cords run in the computer room beside the racks they feed;
/// generators stand in enclosures of their own.
bool compartmented(ElementKind kind) {
  switch (kind) {
  case ElementKind::Transformer:
  case ElementKind::Switchgear:
  case ElementKind::ParallelingGear:
  case ElementKind::TransferSwitch:
  case ElementKind::Ups:
  case ElementKind::Storage:
  case ElementKind::Bess:
    return true;
  default:
    return false;
  }
}

} // namespace

std::vector<CompartmentFinding> checkCompartments(const PowerGraph &graph,
                                                  const std::vector<bool> &onSite) {
  std::vector<CompartmentFinding> found;
  std::vector<bool> reported(graph.elements.size(), false);
  std::vector<Index> seen(graph.elements.size(), NoIndex), stack;
  for (Index point = 0; point < graph.loadPoints.size(); ++point) {
    // The compartmented elements on named paths that feed this hall with
    // on-site generation.
    std::map<llvm::StringRef, Index> compartmentOwner; // compartment → first element
    stack.assign(1, graph.loadPoints[point].racks);
    while (!stack.empty()) {
      Index element = stack.back();
      stack.pop_back();
      const Element &e = graph.elements[element];
      // Storage has no feeds of its own: it counts where the UPS it serves does.
      if (compartmented(e.kind) && !e.path.empty() &&
          (onSite[element] || e.kind == ElementKind::Storage)) {
        if (e.compartment.empty()) {
          if (!reported[element])
            found.push_back({element, NoIndex, point});
          reported[element] = true;
        } else {
          auto [owner, added] = compartmentOwner.try_emplace(e.compartment, element);
          if (!added && graph.elements[owner->second].path != e.path && !reported[element]) {
            found.push_back({element, owner->second, point});
            reported[element] = true;
          }
        }
      }
      for (Index feeder : graph.feeders(element))
        if (seen[feeder] != point) {
          seen[feeder] = point;
          stack.push_back(feeder);
        }
    }
  }
  return found;
}

} // namespace sgd::power
