#include "power/HallSources.h"

#include "power/Analyses.h"

namespace sgd::power {

std::vector<HallSources> hallSources(const PowerGraph &graph) {
  std::vector<bool> onSite = energised(graph, Sources::OnSite);
  std::vector<HallSources> halls;
  halls.reserve(graph.loadPoints.size());
  for (const LoadPoint &point : graph.loadPoints) {
    HallSources hall;
    hall.hall = point.structure;
    hall.onSiteAlone = onSite[point.racks];
    for (Index source : point.sources) {
      switch (graph.elements[source].kind) {
      case ElementKind::Utility: hall.grid.push_back(source); break;
      case ElementKind::Generator: hall.generation.push_back(source); break;
      case ElementKind::Bess: hall.storage.push_back(source); break;
      default: break;
      }
    }
    halls.push_back(std::move(hall));
  }
  return halls;
}

} // namespace sgd::power
