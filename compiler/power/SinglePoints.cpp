#include "power/Analyses.h"

#include "model/QuantityMath.h"

#include <algorithm>

namespace sgd::power {
namespace {

bool isSource(const Element &element, Sources sources) {
  if (element.kind == ElementKind::Generator)
    return true;
  return sources == Sources::All &&
         (element.kind == ElementKind::Utility || element.kind == ElementKind::Bess);
}

/// Elements whose units stand in parallel on a bus, so a spare unit covers
/// the loss of one; the others serve their own racks or are one bus.
bool hasParallelUnits(ElementKind kind) {
  switch (kind) {
  case ElementKind::Transformer:
  case ElementKind::Switchgear:
  case ElementKind::Breaker:
  case ElementKind::Generator:
  case ElementKind::Bess:
  case ElementKind::Ups:
    return true;
  default:
    return false;
  }
}

/// One unit out leaves the element short of what it carries.
bool oneUnitShort(const Element &element) {
  if (element.count <= 1)
    return true;
  if (!model::isPositive(*element.unitRating) ||
      element.unitRating->dimension != element.load->dimension)
    return false;
  return model::below(model::times(*element.unitRating, element.count - 1), *element.load);
}

/// An order in which every element comes after its feeders (edges run from
/// the grid towards the racks).
std::vector<Index> feedOrder(const PowerGraph &graph) {
  size_t n = graph.elements.size();
  std::vector<uint32_t> waiting(n, 0);
  for (Index element = 0; element < n; ++element)
    waiting[element] = static_cast<uint32_t>(graph.feeders(element).size());
  std::vector<Index> order;
  order.reserve(n);
  for (Index element = 0; element < n; ++element)
    if (waiting[element] == 0)
      order.push_back(element);
  for (size_t next = 0; next < order.size(); ++next)
    for (Index fed : graph.feeds(order[next]))
      if (--waiting[fed] == 0)
        order.push_back(fed);
  return order;
}

} // namespace

std::vector<bool> energised(const PowerGraph &graph, Sources sources) {
  std::vector<bool> live(graph.elements.size(), false);
  for (Index element : feedOrder(graph)) {
    if (isSource(graph.elements[element], sources)) {
      live[element] = true;
      continue;
    }
    for (Index feeder : graph.feeders(element))
      if (live[feeder] && graph.elements[feeder].kind != ElementKind::Storage) {
        live[element] = true;
        break;
      }
  }
  return live;
}

std::vector<SinglePoint> findSinglePoints(const PowerGraph &graph, Sources sources) {
  size_t n = graph.elements.size();
  std::vector<bool> live = energised(graph, sources);
  std::vector<uint32_t> liveFeeders(n, 0);
  for (Index element = 0; element < n; ++element)
    for (Index feeder : graph.feeders(element))
      if (live[feeder] && graph.elements[feeder].kind != ElementKind::Storage)
        ++liveFeeders[element];
  std::vector<Index> pointOfRacks(n, NoIndex), pointOfCord(n, NoIndex);
  for (Index point = 0; point < graph.loadPoints.size(); ++point) {
    pointOfRacks[graph.loadPoints[point].racks] = point;
    for (Index cord : graph.loadPoints[point].cords)
      pointOfCord[cord] = point;
  }

  std::vector<SinglePoint> points;
  std::vector<uint32_t> deadStamp(n, 0), countStamp(n, 0), deadFeeders(n, 0);
  uint32_t stamp = 0;
  std::vector<Index> queue, dropped;
  for (Index element = 0; element < n; ++element) {
    const Element &e = graph.elements[element];
    if (!live[element])
      continue;
    switch (e.kind) {
    case ElementKind::Cord:
    case ElementKind::Racks:
    case ElementKind::Storage:
    case ElementKind::MechanicalBus:
    case ElementKind::MechanicalLoad:
      continue;
    default:
      break;
    }
    bool parallel = hasParallelUnits(e.kind);
    bool unitShort = parallel && oneUnitShort(e);
    // A UPS system is also taken out whole (its output and bypass); other
    // parallel elements survive the loss of a unit when they have a spare.
    if (parallel && !unitShort && e.kind != ElementKind::Ups)
      continue;
    ++stamp;
    deadStamp[element] = stamp;
    queue.assign(1, element);
    dropped.clear();
    while (!queue.empty()) {
      Index dead = queue.back();
      queue.pop_back();
      if (pointOfRacks[dead] != NoIndex)
        dropped.push_back(pointOfRacks[dead]);
      else if (pointOfCord[dead] != NoIndex && graph.loadPoints[pointOfCord[dead]].fewestCords < 2 &&
               graph.loadPoints[pointOfCord[dead]].cords.size() > 1)
        dropped.push_back(pointOfCord[dead]);
      for (Index fed : graph.feeds(dead)) {
        if (!live[fed] || deadStamp[fed] == stamp || isSource(graph.elements[fed], sources))
          continue;
        if (countStamp[fed] != stamp) {
          countStamp[fed] = stamp;
          deadFeeders[fed] = 0;
        }
        if (++deadFeeders[fed] == liveFeeders[fed]) {
          deadStamp[fed] = stamp;
          queue.push_back(fed);
        }
      }
    }
    if (dropped.empty())
      continue;
    std::sort(dropped.begin(), dropped.end());
    dropped.erase(std::unique(dropped.begin(), dropped.end()), dropped.end());
    bool singleCorded = std::none_of(dropped.begin(), dropped.end(), [&](Index point) {
      return deadStamp[graph.loadPoints[point].racks] == stamp;
    });
    points.push_back({element, dropped, unitShort, singleCorded});
  }
  return points;
}

} // namespace sgd::power
