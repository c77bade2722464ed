#ifndef SGD_THERMAL_ENERGY_H
#define SGD_THERMAL_ENERGY_H

#include "thermal/HeatPath.h"

#include <vector>

namespace sgd::thermal {

/// Loads that do not change with the weather, at the node of the line or
/// structure that makes them (parallel to Design::nodes), in W.
struct FixedLoads {
  std::vector<Exact> it;        // the node's own racks (not its subtree's)
  std::vector<Exact> upsLoss;   // IT × (1 − η) / η of the node's first UPS line
  std::vector<Exact> lighting;  // a hall's `lighting` × `area`
  std::vector<Exact> auxiliary; // a site's or building's `auxiliary_power`
  /// Per node, the efficiencies of its transformer lines, in order: each
  /// carries everything of its node's subtree (through the ones before it).
  std::vector<std::vector<Exact>> transformers;
};

FixedLoads fixedLoads(const model::Design &design, llvm::ArrayRef<NodeHeat> heat);

/// One loop on one hour: what its plant draws and evaporates.
struct LoopState {
  Exact coolingWater;  // C: the water its heat rejection makes (invalid: none)
  Exact freeFraction;  // of its heat taken without compressors, 0 to 1
  Exact lift;          // K: condenser entering less supply, when chillers run
  Exact cop;           // of the chillers at that lift
  Exact chillerPower;  // W
  Exact fanPower;      // W of its towers and dry coolers
  Exact freeCoolingFans; // W of air-cooled chillers' fans in free cooling
  Exact condenserPump; // W
  Exact directHeat;    // W rejected by the lines serving the loop directly
  Exact condenserHeat; // W rejected by the lines on the condenser water
  Exact water;         // L/h evaporated, blowdown included
  bool outsideCurve = false; // the lift is above the chiller's curve

  Exact power() const { return chillerPower + fanPower + freeCoolingFans + condenserPump; }
};

/// The state of `loop` on an hour of outdoor air `air` (docs/checks.md,
/// "Energy"). Without a climate (`air` invalid) the chillers run at their
/// rated `cop` and the heat-rejection lines at their rating.
LoopState evaluateLoop(const Loop &loop, const Condition &air);

/// The power of every node of one top-level structure on one hour, each the
/// total of its subtree (W), with its mechanical part and the losses of
/// its transformer lines. Indexes are node indexes less `first`.
struct SitePower {
  model::Index first = 0;
  std::vector<Exact> total;
  std::vector<Exact> mechanical;
  std::vector<Exact> electricalLosses; // UPS and transformer losses of the subtree
  std::vector<LoopState> loops;        // parallel to HeatPath::loops (other sites' stay empty)
  Exact water;                         // L/h

  const Exact &totalOf(model::Index node) const { return total[node - first]; }
};

SitePower evaluateSite(const model::Design &design, model::Index site, const HeatPath &path,
                       const FixedLoads &fixed, const Condition &air);

} // namespace sgd::thermal

#endif
