#ifndef SGD_THERMAL_HEATPATH_H
#define SGD_THERMAL_HEATPATH_H

#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "thermal/Plant.h"

#include <optional>
#include <vector>

namespace sgd::thermal {

/// The heat of one node's subtree, from its racks: what the checks phase
/// hands the energy model (parallel to Design::nodes).
struct NodeHeat {
  Exact it;     // W: Σ racks × `it_power`
  Exact liquid; // W: the share of it the racks' liquid loops take
  Exact air;    // W: the rest, into the air
  Exact flow;   // m3/s: coolant the liquid-cooled racks need
};

/// The `cooling` attributes a node has: its own `cooling` block's, else its
/// parent's; a value written anywhere above wins over a schema default.
struct CoolingSettings {
  const model::Property *supplyWater = nullptr;
  const model::Property *returnWater = nullptr;
  const model::Property *waterRange = nullptr;
  const model::Property *chilledWater = nullptr;
  const model::Property *chilledWaterRange = nullptr;
  const model::Property *supplyAir = nullptr;
  const model::Property *condenserRange = nullptr;
  const model::Property *pumpHead = nullptr;
  const model::Property *pumpEfficiency = nullptr;
};

std::vector<CoolingSettings> coolingSettings(const model::Design &design);

/// A CDU, CRAH or rear-door line: the heat it takes from racks or air into a
/// water loop. Each node's heat goes to the nearest such line at or above it
/// (the first line of its kind in that node); a line carries the heat of
/// its node's subtree that no line below took.
struct Consumer {
  model::Index group = model::NoIndex;
  model::Index node = model::NoIndex;
  bool airCoil = false;         // a CRAH or rear door; else a CDU
  CoilModel coil;
  Exact heat;                   // W
  Exact flow;                   // m3/s of rack coolant (CDUs)
  Exact power;                  // W of its pumps or fans: input_power × heat / capacity
  std::optional<Medium> medium; // none when no water temperature is known
  Exact supply;                 // C: the water it takes
  Exact range;                  // K: return above supply
  const model::Property *water = nullptr; // the attribute that set `supply`
};

/// A water loop: the consumers one plant node's lines cool.
struct Loop {
  model::Index plant = model::NoIndex; // node whose lines serve it
  Medium medium = Medium::FacilityWater;
  std::vector<size_t> consumers;       // into HeatPath::consumers
  Exact supply;                        // C: the coldest its consumers take
  Exact range;                         // K
  const model::Property *supplyProperty = nullptr;
  Exact consumerHeat;                  // W: Σ consumers' heat and power
  Exact pumpPower;                     // W: its own pumps
  Exact heat;                          // W: consumerHeat + pumpPower
  Exact pumpHead;                      // m
  Exact pumpEfficiency;
  Exact condenserRange;                // K
  // The plant: the first chiller line serving it, the heat-rejection lines
  // serving it directly (with chillers: in series before them, as free
  // cooling), and the lines on the chillers' condenser water.
  model::Index chillerLine = model::NoIndex;
  ChillerModel chiller;
  bool freeCooling = false;            // the chiller entry's coil, or the line's economiser
  std::vector<model::Index> directLines;
  RejectionModel direct;
  std::vector<model::Index> condenserLines;
  RejectionModel condenser;

  Exact ret() const { return supply + range; }
  bool hasChiller() const { return chillerLine != model::NoIndex; }
  bool hasDirect() const { return !directLines.empty(); }
};

/// Heat that reaches no consumer line at the top of a site.
struct Unserved {
  model::Index site = model::NoIndex;
  Exact liquid; // W of rack liquid heat with no CDU above it
  Exact air;    // W of air-side heat with no CRAH or rear door above it
};

struct HeatPath {
  std::vector<Consumer> consumers;
  std::vector<Loop> loops;
  /// The loop each plant line serves, by what it says or is inferred.
  std::vector<std::optional<Medium>> serves; // parallel to Design::equipment
  std::vector<Unserved> unserved;            // one per top-level node
};

/// The consumers and loops of the design. `airSideOwn` is each node's own
/// air-side heat (its racks' air heat, UPS losses and lighting). Reports, for
/// the top-level nodes `modelled` marks (sites naming a climate): a plant line whose
/// `serves` names no loop (E0478), a consumer without a water temperature
/// (E0479), heat that reaches no plant (E0473). Everywhere: an air coil fed
/// with water too warm for its supply air (E0470).
HeatPath buildHeatPath(const model::Design &design, llvm::ArrayRef<NodeHeat> heat,
                       llvm::ArrayRef<Exact> airSideOwn,
                       llvm::ArrayRef<CoolingSettings> settings,
                       const std::vector<bool> &modelled, DiagnosticEngine &diagnostics);

} // namespace sgd::thermal

#endif
