#ifndef SGD_CHECKS_TIERCHECK_H
#define SGD_CHECKS_TIERCHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

#include <map>

namespace sgd::checks {

/// The Uptime Institute Tier a site claims (`tier`) against its topology, as
/// the Tier Standard: Topology defines the Tiers (docs/checks.md "Tier"):
/// - Tier I and up: a UPS, on-site generation that reaches every hall, and
///   cooling (E0430); generators hold 12 h of fuel stored on site at N
///   (E0402).
/// - Tier II and up, redundant capacity components: every UPS, generator and
///   cooling line keeps a spare unit or system (N+1, 2N, xN/y, N+k catcher)
///   (E0430). Redundancy inside a unit does not count.
/// - Tier III, concurrently maintainable: with on-site generation alone,
///   every element can be taken out (one unit where units stand in parallel
///   with a spare; a UPS system or a bus whole) and every rack keeps power
///   (E0431, naming the element); generators have no run-hour limit at N
///   (E0404).
/// - Tier IV, fault tolerant: in addition two active paths to every hall
///   (E0442), and the elements of different paths in separate fire
///   compartments (E0443).
void checkTier(const model::Design &design, const DesignAnalysis &analysis,
               DiagnosticEngine &diagnostics);

/// The highest Tier a site's topology meets (0 for none), and what keeps it
/// from the next one: the first message a claim of that Tier would get.
struct TierVerdict {
  int64_t met = 0;
  std::string next; // empty at Tier IV
};
/// The verdict of every site that claims a Tier, by site; one pass over the
/// design, not one per site.
std::map<model::Index, TierVerdict> assessTiers(const model::Design &design,
                                                const DesignAnalysis &analysis);

} // namespace sgd::checks

#endif
