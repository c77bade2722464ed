#ifndef SGD_CHECKS_SPACECHECK_H
#define SGD_CHECKS_SPACECHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// Floor space and floor load of every hall:
/// - a hall with an `area` holds its racks: Σ racks × rack type `footprint` ×
///   (1 + the hall's `aisle_factor`) ≤ `area` (E0420, at the area, with the
///   arithmetic and the number of racks that would fit);
/// - a hall with a `floor_load` carries each rack type in it: `weight` ÷
///   `footprint` ≤ `floor_load` (E0421, at the first run of that type in the
///   hall, with a note at the rating).
/// Rack types without a footprint (or, for the floor load, a weight) are left
/// out of both sums.
void checkSpace(const model::Design &design, const DesignAnalysis &analysis,
                DiagnosticEngine &diagnostics);

} // namespace sgd::checks

#endif
