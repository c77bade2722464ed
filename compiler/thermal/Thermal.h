#ifndef SGD_THERMAL_THERMAL_H
#define SGD_THERMAL_THERMAL_H

#include "thermal/Climate.h"
#include "thermal/Energy.h"
#include "thermal/HeatPath.h"

#include <optional>
#include <vector>

namespace sgd::thermal {

/// The heat a chiller, tower or dry cooler line must carry on the design day:
/// what sizing divides by the unit's `capacity`.
struct PlantLoad {
  Exact load;           // W
  llvm::StringRef name; // "chilled-water heat", "facility-water heat", "condenser heat"
};

/// A loop's figures: its state on the design day and over the year.
struct LoopFigures {
  LoopState peak;
  Exact freeHours;    // h a year with all of its heat free-cooled
  Exact partialHours; // h with part of it
  Exact water;        // L a year
};

/// The energy of one top-level structure (a site), on the design day and
/// over a year.
struct SiteEnergy {
  model::Index site = model::NoIndex;
  std::optional<Climate> climate; // set: the energy model computes the figures
  Exact it;                       // W
  Exact stated;                   // `pue_design`; invalid when not given
  Exact measured;                 // `pue_measured`; invalid when not given
  // The design day: the larger demand of the hottest and the most humid hour.
  bool humidPeak = false;
  Condition peakAir;
  Exact peakDemand;       // W: the facility load, what sizes utility, transformers, generation
  Exact mechanical;       // W of it: chillers, fans, pumps, CDU pumps, CRAH fans
  Exact electricalLosses; // W of it: UPS and transformer losses
  // The year, by the bin method.
  Exact annualEnergy;   // J
  Exact annualItEnergy; // J
  Exact water;          // L

  bool modelled() const { return climate.has_value(); }
  /// Peak demand / IT.
  Exact peakPue() const;
  /// Annual energy / annual IT energy; without a climate the stated PUE
  /// (else 1).
  Exact annualPue() const;
  /// What compliance rules judge: the measured PUE, else annualPue().
  Exact judgedPue() const;
  /// Water per kWh of IT energy, m3/J (print it in L/kWh); 0 without a climate.
  Exact wue() const;
};

/// What the energy model found: the heat path, the loops' figures and the
/// sites' energy. Everything is exact (docs/checks.md, "Energy").
struct ThermalAnalysis {
  HeatPath path;
  std::vector<LoopFigures> loops;   // parallel to path.loops
  std::vector<SiteEnergy> sites;    // one per top-level node, in order

  /// The energy of the top-level structure holding `node`.
  const SiteEnergy *siteOf(const model::Design &design, model::Index node) const;
};

/// The energy model (docs/checks.md, "Heat path" and "Energy"). `heat` holds
/// each node's subtree totals. Reports, besides buildHeatPath's diagnostics,
/// a malformed climate (E0474), plant entries the model cannot use (E0475),
/// heat rejection that cannot make its loop's water on the design day
/// (E0471, E0472), chillers outside their curve or ambient limit (E0476,
/// E0477), plant without a climate (W0471) and a stated PUE below the
/// equipment's (W0470).
/// The loads the energy model found per node and per equipment line, which
/// the checks fold into their own records (checks::NodeFigures and
/// EquipmentSizing) rather than keep twice.
struct ThermalLoads {
  /// Per node (parallel to Design::nodes), each the total of its subtree, W:
  std::vector<Exact> airSideHeat;   // racks' air heat, UPS losses and lighting
  std::vector<Exact> peakDemand;    // the facility load on the design day
  std::vector<Exact> mechanical;    // the mechanical part of it
  /// Per equipment line (parallel to Design::equipment): the design load of
  /// a chiller, tower or dry cooler line serving a loop; none otherwise.
  std::vector<std::optional<PlantLoad>> plantLoads;
};

struct ThermalResult {
  ThermalAnalysis analysis;
  ThermalLoads loads;
};

ThermalResult analyzeThermal(const model::Design &design, llvm::ArrayRef<NodeHeat> heat,
                             DiagnosticEngine &diagnostics);

} // namespace sgd::thermal

#endif
