#ifndef SGD_THERMAL_PLANT_H
#define SGD_THERMAL_PLANT_H

#include "model/Design.h"
#include "thermal/Climate.h"
#include "thermal/Exact.h"

#include <utility>
#include <vector>

namespace sgd::thermal {

/// A node's figures are those of one replica (docs/architecture.md, Instances,
/// not copies): whoever adds them up multiplies by the replicas they stand for.
/// The replicas of `node` in one replica of its parent.
inline Exact replicaCount(const model::Design &design, model::Index node) {
  return Exact(static_cast<int64_t>(design.nodes[node].count));
}
/// The replicas of `node` in one replica of `ancestor` (1 for the node itself).
inline Exact replicasWithin(const model::Design &design, model::Index node,
                            model::Index ancestor) {
  return Exact(static_cast<int64_t>(design.replicasWithin(node, ancestor)));
}

/// The water loops of a plant.
enum class Medium : uint8_t {
  FacilityWater,  // to the CDUs (and air coils that take it)
  ChilledWater,   // to air coils, from chillers or free cooling
  CondenserWater, // from water-cooled chillers to their heat rejection
};

/// "facility water", "chilled water", "condenser water".
llvm::StringRef mediumName(Medium medium);
/// As `serves` spells it: "facility_water", …
llvm::StringRef mediumWord(Medium medium);
/// The medium `serves` names, if any.
std::optional<Medium> mediumOfWord(llvm::StringRef word);

/// A number attribute of a catalog entry or an equipment line, in canonical
/// units; invalid when absent.
Exact numberOf(const model::Design &design, model::PropertySpan span, llvm::StringRef name);

/// A full-load COP curve against lift, the condenser entering temperature
/// (water, or air for an air-cooled chiller) less the chilled-water supply.
/// Linear between points; below the first lift the first COP holds (a
/// compressor has a minimum lift, and free cooling takes over there); above
/// the last lift the curve has no value.
struct CopCurve {
  std::vector<std::pair<Exact, Exact>> points; // (lift K, COP), lifts ascending

  bool empty() const { return points.empty(); }
  Exact lastLift() const { return points.empty() ? Exact::invalid() : points.back().first; }
  /// Invalid above the last lift.
  Exact at(const Exact &lift) const;
};

/// A chiller catalog entry as the energy model reads it.
struct ChillerModel {
  model::Index entry = model::NoIndex;
  bool airCooled = false;
  Exact capacity;            // W of cooling
  Exact ratedCop;            // `cop`, for plants without a climate
  CopCurve curve;            // `curve_lift`, `curve_cop`
  Exact maxAmbient;          // air-cooled; invalid when not given
  bool freeCooling = false;  // the entry's integrated free-cooling coil
  Exact freeCoolingApproach; // K
  Exact freeCoolingPower;    // W of fans at capacity in free cooling
};

/// A cooling tower or dry cooler (adiabatic or not) entry.
struct RejectionModel {
  model::Index entry = model::NoIndex;
  bool tower = false;
  Exact capacity;            // W rejected at its rating
  Exact fanPower;            // W at capacity (`input_power`)
  Exact approach;            // K over the wet bulb (tower) or dry bulb (dry cooler)
  Exact cycles;              // towers: cycles of concentration
  Exact adiabaticEfficiency; // dry coolers: 0 for a dry unit
  Exact adiabaticAbove;      // C; invalid when never wetted
  Exact airflow;             // m3/s at capacity

  bool adiabatic() const { return adiabaticEfficiency.isPositive() && adiabaticAbove.valid(); }
  /// The air the coil sees: the dry bulb, or for wetted pads the dry bulb
  /// less efficiency × (dry bulb − wet bulb).
  Exact inletDryBulb(const Condition &air) const;
  /// The coldest water it makes: wet bulb (tower) or inlet dry bulb (dry
  /// cooler) plus the approach.
  Exact leavingWater(const Condition &air) const;
};

/// A CDU, CRAH or rear door entry: what it carries and draws.
struct CoilModel {
  model::Index entry = model::NoIndex;
  Exact capacity;   // W of heat at capacity
  Exact inputPower; // W of pumps or fans at capacity; 0 when not given
  Exact approach;   // K; 0 when not given
  Exact flow;       // m3/s (CDUs); invalid when not given
};

ChillerModel readChiller(const model::Design &design, model::Index entry);
RejectionModel readRejection(const model::Design &design, model::Index entry);
CoilModel readCoil(const model::Design &design, model::Index entry);

/// Whether an equipment kind is heat-rejection plant (chillers, towers, dry
/// coolers) or a coil that carries heat into a loop (CDUs, CRAHs, rear doors).
bool isPlantKind(llvm::StringRef kind);
bool isAirCoilKind(llvm::StringRef kind);

} // namespace sgd::thermal

#endif
