#ifndef SGD_CHECKS_DESIGNANALYSIS_H
#define SGD_CHECKS_DESIGNANALYSIS_H

#include "base/HashWords.h"
#include "base/InternedVector.h"
#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "power/Analyses.h"
#include "power/GraphBuilder.h"
#include "thermal/Thermal.h"

#include <optional>
#include <vector>

namespace sgd::checks {

using model::Index;
using model::NoIndex;
using units::Quantity;

/// The loads of one replica of a node (site, building, hall or row), from its
/// racks and the energy model (compiler/thermal/): every replica of a node has
/// the same figures. Every figure is exact; powers in W, flows in m3/s (as
/// units store them).
struct NodeFigures {
  Quantity itPower;      // Σ racks × rack type `it_power`
  Quantity liquidHeat;   // Σ racks × it_power × liquid fraction (see liquidFraction())
  Quantity airHeat;      // itPower − liquidHeat
  Quantity airSideHeat;  // airHeat + UPS losses + lighting: what CRAHs and rear doors carry
  Quantity coolantFlow;  // liquid-cooled racks' it_power × the hall's `flow_per_kw`
  /// The facility load on the design day: IT, UPS and transformer losses,
  /// the mechanical load, lighting and auxiliaries of the node's subtree
  /// (thermal::SiteEnergy), or IT × the stated `pue_design` (else 1) in a
  /// site without a climate. It sizes utility, transformers and generation.
  Quantity peakDemand;
  Quantity mechanicalLoad; // the part of peakDemand that chillers, fans and pumps draw
  Quantity pue;            // peakDemand / itPower: the peak PUE
  Quantity powerFactor;    // the site's `power_factor`, else 0.95 (Attributes.def)

  friend bool operator==(const NodeFigures &, const NodeFigures &) = default;
  friend llvm::hash_code hash_value(const NodeFigures &f) {
    return hashWords({hash_value(f.itPower), hash_value(f.liquidHeat), hash_value(f.airHeat),
                      hash_value(f.airSideHeat), hash_value(f.coolantFlow),
                      hash_value(f.peakDemand), hash_value(f.mechanicalLoad), hash_value(f.pue),
                      hash_value(f.powerFactor)});
  }
};

/// What one equipment line has to carry, and the count that needs, in each
/// replica of its node (the design installs `installed` × the node's
/// instances).
struct EquipmentSizing {
  /// The load the group serves (the figure of the node it is in): IT load
  /// for UPS, busway, PDU and batteries; facility load for generators;
  /// apparent facility load (÷ power factor) for transformers, switchgear and
  /// transfer switches; liquid heat for CDUs; air-side heat for CRAHs and
  /// rear doors; for chillers, cooling towers and dry coolers the heat of
  /// the loop they serve (thermal::PlantLoad), else the facility load.
  Quantity load;
  llvm::StringRef loadName;   // "IT load", "facility load", "liquid heat", …
  /// One unit's usable size: the entry's size figure (`capacity`, or
  /// `rating` for kVA-rated kinds) × its `usable_fraction`.
  Quantity unitCapacity;
  llvm::StringRef capacityName; // "capacity" or "rating"
  uint64_t perSide = 0;    // N: ceil(load ÷ unitCapacity), 0 for no load
  uint64_t required = 0;   // with the redundancy: factor × N + spare, or 2 × (N + spare)
  /// CDUs: ceil(coolant flow ÷ the entry's `flow`), 0 without a `flow`. A
  /// `* auto` line installs for the larger of perSide and flowPerSide.
  uint64_t flowPerSide = 0;
  uint64_t installed = 0;  // the written count, or what `* auto` installs
  bool sized = false;      // false when the entry has no size figure (reported)
  std::string basis;       // how the power graph counted it ("per connection: …"), else ""
  bool procured = true;    // false for equipment the utility furnishes (`furnished_by`)

  friend bool operator==(const EquipmentSizing &, const EquipmentSizing &) = default;
  friend llvm::hash_code hash_value(const EquipmentSizing &s) {
    return hashWords({hash_value(s.load), hash_value(s.loadName), hash_value(s.unitCapacity),
                      hash_value(s.capacityName), s.perSide, s.required, s.flowPerSide,
                      s.installed, s.sized, hash_value(llvm::StringRef(s.basis)), s.procured});
  }
};

/// Derived figures of a whole design: per node and per equipment line, and
/// the one-line (power/) built from them.
struct DesignAnalysis {
  /// Parallel to Design::nodes, per replica. Rows (and halls) of the same
  /// racks have the same figures, so each distinct one is stored once.
  InternedVector<NodeFigures> nodes;
  NodeFigures design;                     // the whole design, every replica counted
  /// Parallel to Design::equipment; lines that serve equal loads with the
  /// same entry (a row's PDUs, row after row) are sized the same, and stored
  /// once.
  InternedVector<EquipmentSizing> equipment;
  power::PowerModel power;        // sizes the lines of power kinds in `equipment`
  power::PowerFindings powerFindings; // what the analyses of the one-line found
  /// The heat path, the sites' climates and energy (peak and annual PUE,
  /// annual energy, water): what the backends and the cost model read.
  thermal::ThermalAnalysis thermal;
};

/// The loads the power graph carries: per structure its IT load, its peak
/// facility demand on the design day (the energy model's, or IT ×
/// `pue_design` in a site without a climate) and power factor. The one place
/// the power graph reads the facility (and so the mechanical) load.
power::Demand powerDemand(const DesignAnalysis &analysis);

/// The facility load of a node's subtree on the design day (NodeFigures::
/// peakDemand): the one figure that sizes grid connection, transformers and
/// generation. `node` NoIndex: the whole design.
const Quantity &facilityLoad(const DesignAnalysis &analysis, Index node);
/// Its mechanical part: chillers, heat-rejection fans, pumps, CDU pumps and
/// CRAH fans.
const Quantity &mechanicalLoad(const DesignAnalysis &analysis, Index node);

/// The effective liquid fraction of a rack type in a node: the `cooling`
/// block's `liquid_fraction` of the rack's hall (or its building or site)
/// when the rack type is liquid-cooled at all (its own fraction above 0),
/// else the rack type's own `liquid_fraction` (0 when absent).
Quantity liquidFraction(const model::Design &design, Index rackType, Index node);

/// Computes every figure, runs the energy model (which reports the heat
/// path's diagnostics into `diagnostics`) and auto-sizes every equipment line.
DesignAnalysis analyzeDesign(const model::Design &design, DiagnosticEngine &diagnostics);

/// How many units a load needs: ceil(load ÷ unit), 0 when the load is 0
/// (power::unitsFor).
std::optional<uint64_t> unitsFor(const Quantity &load, const Quantity &unit);

/// Units installed for N units of need under a redundancy
/// (power::installedFor).
uint64_t withRedundancy(uint64_t perSide, const model::Redundancy &redundancy);

/// The value of a numeric property, or nothing.
const Quantity *quantityProperty(const model::Design &design, model::PropertySpan span,
                                 llvm::StringRef name);

/// The block, building or site attribute that applies to a node: the
/// node's own `BLOCK { NAME = ...; }` block attribute, else its parent's,
/// up to the site. Blocks are `power` and `cooling`.
const model::Value *inheritedBlockAttribute(const model::Design &design, Index node,
                                            llvm::StringRef block, llvm::StringRef name);

} // namespace sgd::checks

#endif
