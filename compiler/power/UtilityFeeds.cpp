#include "power/Analyses.h"

#include "model/QuantityMath.h"

#include <map>

namespace sgd::power {

std::vector<UtilityShortfall> checkUtilityFeeds(const PowerGraph &graph, const Demand &demand) {
  // The feeds of each site: common ones, and the sum on each named path.
  struct SiteFeeds {
    std::vector<Index> common;
    std::map<std::string, std::vector<Index>> paths;
  };
  std::map<Index, SiteFeeds> sites;
  for (Index element = 0; element < graph.elements.size(); ++element) {
    const Element &e = graph.elements[element];
    if (e.kind != ElementKind::Utility)
      continue;
    SiteFeeds &feeds = sites[e.structure];
    (e.path.empty() ? feeds.common : feeds.paths[e.path.str()]).push_back(element);
  }
  std::vector<UtilityShortfall> found;
  for (const auto &[siteIndex, feeds] : sites) {
    // A name, not the structured binding, for the lambda: clang 14 (the
    // sanitizer build) cannot capture a binding (C++20's P1091).
    Index site = siteIndex;
    Quantity need = site == NoIndex ? demand.design.facility : demand.nodes[site].facility;
    auto check = [&](const std::string &path, std::vector<Index> counted) {
      Quantity available{units::Rational(0), units::dimensions::Power};
      for (Index feed : counted)
        available = model::plus(available, *graph.elements[feed].unitRating);
      if (model::below(available, need))
        found.push_back({site, path, available, need, std::move(counted)});
    };
    if (feeds.paths.empty()) {
      check("", feeds.common);
      continue;
    }
    // Feeds on separate paths back each other up: each path carries the
    // site with the common feeds, and the paths are not added together.
    for (const auto &[path, onPath] : feeds.paths) {
      std::vector<Index> counted = feeds.common;
      counted.insert(counted.end(), onPath.begin(), onPath.end());
      check(path, std::move(counted));
    }
  }
  return found;
}

} // namespace sgd::power
