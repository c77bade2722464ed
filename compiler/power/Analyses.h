#ifndef SGD_POWER_ANALYSES_H
#define SGD_POWER_ANALYSES_H

#include "power/Demand.h"
#include "power/GraphBuilder.h"

namespace sgd::power {

/// Which sources an analysis of the one-line counts.
enum class Sources : uint8_t {
  /// On-site generation only: the Uptime Institute Tier Standard: Topology
  /// counts the engine-generator plant as the only reliable source; the loss
  /// of the utility is an expected condition, not a failure.
  OnSite,
  /// Every feed, generator and battery energy storage: the paths the
  /// designer wrote, whatever the Tier.
  All,
};

/// An element whose removal (one unit, or the whole element where its units
/// share one bus or serve their own racks) leaves racks without power.
struct SinglePoint {
  Index element;
  std::vector<Index> loadPoints; // the halls (into PowerGraph::loadPoints) it drops
  bool unitShort;                // a capacity element one unit short: it has no spare unit
  bool singleCorded;             // only the racks on its path drop: they have one cord
};

/// The N-1 analysis: takes every element out in turn and follows what loses
/// all its feeds. Linear in the elements times the depth of what each feeds.
std::vector<SinglePoint> findSinglePoints(const PowerGraph &graph, Sources sources);

/// Whether each element has power from `sources` (all units in service).
std::vector<bool> energised(const PowerGraph &graph, Sources sources);

/// An element whose voltage does not fit what feeds it (ANSI C84.1 range A:
/// ±5 % of the nominal system voltage).
struct VoltageMismatch {
  Index element;
  Index feeder;           // the element that sets the system voltage it meets
  Quantity system;        // the nominal system voltage there
  Quantity found;         // the element's own figure
  llvm::StringRef side;   // "primary", "input", "rated", "output"
};
std::vector<VoltageMismatch> checkVoltages(const PowerGraph &graph);

/// A UPS without energy storage, or whose storage does not outlast the start
/// of its generators and the transfer (autonomy below start + transfer time).
struct StorageFinding {
  Index ups = NoIndex;
  bool missing = false;
  Quantity autonomy = seconds(0); // the shortest ride-through of its storage
  Quantity needed = seconds(0);   // start time of the slowest generator + transfer time
  Quantity start = seconds(0);    // that generator's start time
  std::optional<Quantity> transferTime = std::nullopt; // the slowest transfer switch's, if any
  Index storage = NoIndex;  // the storage that rides through the least
  Index generator = NoIndex;
  Index transfer = NoIndex; // the slowest transfer switch on the way, if any

  static Quantity seconds(int64_t value) {
    return Quantity{units::Rational(value), units::dimensions::Duration};
  }
};
std::vector<StorageFinding> checkEnergyStorage(const model::Design &design,
                                               const PowerGraph &graph);

/// A site whose utility feeds cannot carry its peak demand: feeds on no path
/// add up; feeds on named paths (A, B) each carry the site with the common
/// ones, never added to each other (2N feeds).
struct UtilityShortfall {
  Index site;               // NoIndex: feeds at the top level
  std::string path;         // "" when no feed names a path
  Quantity available;
  Quantity demand;
  std::vector<Index> feeds; // the elements counted
};
std::vector<UtilityShortfall> checkUtilityFeeds(const PowerGraph &graph, const Demand &demand);

/// Tier IV compartmentalisation: an element on a path of a hall without a
/// fire compartment (`other` NoIndex), or sharing one with an element of
/// another path of the same hall.
struct CompartmentFinding {
  Index element;
  Index other = NoIndex;
  Index loadPoint;
};
std::vector<CompartmentFinding> checkCompartments(const PowerGraph &graph,
                                                  const std::vector<bool> &onSite);

/// Everything the analyses found, for the checks to report per site and Tier.
struct PowerFindings {
  std::vector<bool> onSite;              // per element: energised by generation alone
  std::vector<SinglePoint> onSitePoints; // N-1 with on-site generation alone (Tiers)
  std::vector<SinglePoint> allPoints;    // N-1 with every source (the designer's paths)
  std::vector<VoltageMismatch> voltages;
  std::vector<StorageFinding> storage;
  std::vector<UtilityShortfall> utilities;
  std::vector<CompartmentFinding> compartments;
};
PowerFindings analyzePower(const model::Design &design, const PowerGraph &graph,
                           const Demand &demand);

} // namespace sgd::power

#endif
