#ifndef SGD_CHECKS_COOLINGCHECK_H
#define SGD_CHECKS_COOLINGCHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// The rack-level cooling rules (ASHRAE TC 9.9 classes, the OCP coolant flow,
/// the air ceiling of a rack); the heat path, its plant and its energy are
/// compiler/thermal/'s. The counts of CDUs,
/// CRAHs, rear doors and heat rejection against the liquid, air and total
/// heat are the power check's (E0401, through EquipmentSizing); this pass
/// checks what a count cannot:
///
/// - E0410: a rack item whose rack type draws more than 30 kW (`it_power`)
///   with an effective liquid fraction of 0 (liquidFraction()), in a node
///   none of whose ancestors (itself included) has an `rdhx` line: air
///   cooling removes about 30 kW per rack (edaratgroup.com, 3p). Once per rack
///   item, at its name.
/// - E0411 / W0412: a written `flow_per_kw` of a `cooling` block below
///   1.25 L/min/kW (error) or below 1.5 L/min/kW (warning): the OCP
///   guideline is 1.5, range 1.25–2.0. At the value.
/// - E0416: the CDUs of an equipment line at N — the units installed less
///   the redundant ones, or the N that sizing asks for when the count is
///   short (E0401 reports that) — times the catalog entry's `flow` are below
///   the coolant flow of the node they serve (NodeFigures::coolantFlow).
///   `* auto` installs for the larger of the heat's and the flow's N, so
///   only a written count can be short. Entries without `flow` are not
///   judged. At the equipment line.
/// - E0413: a written `supply_water` above the limit of the ASHRAE liquid
///   class (W17, W27, W32, W40, W45 take facility water up to that many
///   °C, W+ above 45 °C) of a liquid-cooled rack it serves: one whose nearest
///   `cooling` block with `supply_water` is this one. A rack type's class is
///   its `liquid_class`; a liquid-cooled rack type without one is taken as
///   W32 ([E]: no public source gives a rack's class). Once per
///   value and rack type, for the rack type with the lowest limit.
/// - E0414 / W0415: a written `supply_air` outside the allowable range of the
///   ASHRAE air class (A1 15–32 °C, A2 10–35, A3 5–40, A4 5–45, H1
///   5–25) of a rack it serves that is not wholly liquid-cooled (error), or
///   outside the recommended range, 18–27 °C (H1: 18–22) (warning). A rack
///   type's class is its `air_class`, A1 when it gives none; a value serving
///   no such rack is judged as A1.
/// - E0316: a `liquid_class` or `air_class` that is no ASHRAE class; the rack
///   type is then left out of the temperature checks.
void checkCooling(const model::Design &design, const DesignAnalysis &analysis,
                  DiagnosticEngine &diagnostics);

} // namespace sgd::checks

#endif
