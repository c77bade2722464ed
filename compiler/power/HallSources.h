#ifndef SGD_POWER_HALLSOURCES_H
#define SGD_POWER_HALLSOURCES_H

#include "power/PowerGraph.h"

namespace sgd::power {

/// What can energise one hall: the sources upstream of its racks in the
/// one-line, by kind. The construction schedule reads it for first power: a
/// hall whose on-site generation carries it alone (`onSiteAlone`) can be
/// energised before the grid connection, as soon as that generation and the
/// gear between are in service. Each source is an element of the graph;
/// `Element::group` names its equipment line (Design::equipment, for its
/// delivery and installation), `Element::block` the `utility` block of a feed.
struct HallSources {
  Index hall = NoIndex;           // the structure that holds the racks (Design::nodes)
  std::vector<Index> grid;        // utility feeds
  std::vector<Index> generation;  // generator lines: engines and turbines
  std::vector<Index> storage;     // battery energy storage (BESS) on the grid side
  bool onSiteAlone = false;       // on-site generation energises it with every feed out
};

/// The sources of every hall, in the order of PowerGraph::loadPoints;
/// linear in the graph's elements and edges.
std::vector<HallSources> hallSources(const PowerGraph &graph);

} // namespace sgd::power

#endif
