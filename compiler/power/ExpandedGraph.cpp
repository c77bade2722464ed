#include "power/ExpandedGraph.h"

#include "model/Expansion.h"

#include <algorithm>

namespace sgd::power {
namespace {

using model::Replica;

bool withinOrSelf(const model::Design &design, Index node, Index ancestor) {
  return ancestor == NoIndex ||
         (node != NoIndex && node >= ancestor && node < design.nodes[ancestor].subtreeEnd);
}

} // namespace

Replica ExpandedGraph::replicaOf(const model::Design &design, Index element, Index node) const {
  if (node == NoIndex)
    return {NoIndex, 0};
  return design.ancestorOf(structureOf[element], node);
}

ExpandedGraph expandPowerGraph(const model::Design &design, const PowerGraph &graph) {
  ExpandedGraph out;
  out.graph.shareKept(graph);
  const std::vector<Element> &elements = graph.elements;
  auto replicasOf = [&](Index element) -> uint64_t {
    Index node = elements[element].structure;
    return node == NoIndex ? 1 : design.nodes[node].instances;
  };
  // The new ids of element e's replicas: ids[first[e] + ordinal].
  std::vector<size_t> first(elements.size() + 1, 0);
  for (Index e = 0; e < elements.size(); ++e)
    first[e + 1] = first[e] + replicasOf(e);
  std::vector<Index> ids(first.back(), NoIndex);
  out.graph.elements.reserve(first.back());
  // Step by step, each step's elements in the order of the design's tables.
  std::vector<Index> steps = graph.steps;
  steps.push_back(static_cast<Index>(elements.size()));
  for (size_t step = 0; step + 1 < steps.size(); ++step) {
    Index begin = steps[step];
    model::forEachElementReplica(
        design, {NoIndex, 0}, steps[step + 1] - begin,
        [&](size_t i) { return elements[begin + i].structure; },
        [&](size_t i, Replica replica) {
          Index e = begin + static_cast<Index>(i);
          ids[first[e] + replica.ordinal] = static_cast<Index>(out.graph.elements.size());
          out.graph.elements.push_back(elements[e]);
          out.structureOf.push_back(replica);
        });
  }
  // The replica of `element` that goes with `context`, a replica of a
  // structure inside (or around) the element's own.
  auto idIn = [&](Index element, Replica context) {
    Index node = elements[element].structure;
    uint64_t ordinal = 0;
    if (node != NoIndex && context.node != NoIndex && withinOrSelf(design, context.node, node))
      ordinal = design.ancestorOf(context, node).ordinal;
    return ids[first[element] + ordinal];
  };
  // An edge joins the replicas of the deeper end with their ancestors' at
  // the other end.
  std::vector<Edge> edges;
  for (Index feeder = 0; feeder < elements.size(); ++feeder)
    for (Index fed : graph.feeds(feeder)) {
      Index from = elements[feeder].structure, to = elements[fed].structure;
      bool fromDeeper = !withinOrSelf(design, to, from);
      Index deep = fromDeeper ? feeder : fed;
      for (uint64_t ordinal = 0; ordinal < replicasOf(deep); ++ordinal) {
        Replica replica{elements[deep].structure, ordinal};
        Index expandedDeep = ids[first[deep] + ordinal];
        Index other = idIn(fromDeeper ? fed : feeder, replica);
        edges.push_back(fromDeeper ? Edge{expandedDeep, other} : Edge{other, expandedDeep});
      }
    }
  // Each element's feeds in the order of the elements they feed, as the
  // builder adds them.
  std::stable_sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  out.graph.edges = std::move(edges);
  model::forEachElementReplica(
      design, {NoIndex, 0}, graph.loadPoints.size(),
      [&](size_t i) { return graph.loadPoints[i].structure; },
      [&](size_t i, Replica replica) {
        LoadPoint point = graph.loadPoints[i];
        point.racks = idIn(point.racks, replica);
        for (Index &cord : point.cords)
          cord = idIn(cord, replica);
        for (Index &source : point.sources)
          source = idIn(source, replica);
        std::sort(point.sources.begin(), point.sources.end());
        out.graph.loadPoints.push_back(std::move(point));
        out.hallOf.push_back(replica);
      });
  out.graph.sizing = graph.sizing;
  out.graph.finish(graph.sizing.size());
  return out;
}

} // namespace sgd::power
