#ifndef SGD_POWER_LINESIZING_H
#define SGD_POWER_LINESIZING_H

#include "power/Demand.h"
#include "power/PowerGraph.h"
#include "power/SiteConditions.h"

namespace sgd::power {

/// What the structure a line serves asks of it.
/// Rows of one IT load, in a run of neighbours (identical rows of a hall
/// are sized once and multiplied).
struct RowLoads {
  Quantity it;
  uint64_t rows = 0;
};

struct ServedLoad {
  NodeDemand demand;
  uint64_t racks = 0;
  uint64_t connections = 0;      // Σ racks × power_cords: one tap-off or rack PDU each
  std::vector<RowLoads> rowLoads; // busway only: busway runs serve one row
};

/// Where a line stands among the paths of its stage: a line with a written
/// `path` is one of `paths` paths (A, B, …) and carries 1/paths of the load
/// normally and 1/(paths − 1) when another is lost.
struct PathShare {
  bool written = false;
  unsigned paths = 1;
};

/// One unit of an entry as sizing counts it: the size figure × its usable
/// fraction; for generators, capacity × load_factor × the datasheet's
/// altitude and ambient derates at the site's conditions (no other derate:
/// Uptime counts a continuous or DCC rating at its rating).
struct CountedUnit {
  Quantity value;
  llvm::StringRef name; // "capacity", "rating"
  std::string basis;    // the factors, for --summary ("2.5 MW × load factor 0.7"); "" when none
};
std::optional<CountedUnit> countedUnit(const model::Design &design,
                                       const model::EquipmentGroup &group,
                                       const SiteConditions &site);

/// Sizes one power line (docs/checks.md "Sizing equipment"): N from the
/// load and the counted unit under the redundancy form; per cord for
/// tap-offs and rack PDUs; per row for busway. `graph` keeps its figures.
LineSizing sizeLine(const model::Design &design, const model::EquipmentGroup &group, Stage stage,
                    const ServedLoad &served, const SiteConditions &site, PathShare share,
                    PowerGraph &graph);

} // namespace sgd::power

#endif
