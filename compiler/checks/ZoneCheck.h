#ifndef SGD_CHECKS_ZONECHECK_H
#define SGD_CHECKS_ZONECHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// Security zones, the shell model of TÜV NORD TSI V4.3 and EN 50600-2-5
/// (docs/checks.md):
/// - `inside` links form a tree: a cycle is E0425, once per cycle, at the
///   `inside` of its first zone, with a note at every other link;
/// - a zone's class is at most one more than its enclosing zone's (E0426 at
///   the class, note at the enclosing zone's class); a lower class inward is
///   allowed, and an outermost zone may have any class (a design may declare
///   only its inner zones);
/// - a hall sits in a class-4 zone: its own `zone`, else the nearest
///   enclosing building's or site's (E0427 at the hall's `zone`, or at the
///   hall when it inherits one or has none although its site declares zones);
///   a design without zones is not checked;
/// - `power`, `cooling` and `substation` blocks and equipment lines with a
///   zone of their own sit in class ≥ 3 (E0428 at the `zone`);
/// - every zone of class ≥ 3 lists its `controls` (E0429 at the zone's name,
///   or at an empty list).
void checkZones(const model::Design &design, const DesignAnalysis &analysis,
                DiagnosticEngine &diagnostics);

} // namespace sgd::checks

#endif
