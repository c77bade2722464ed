#ifndef SGD_CHECKS_CHECKS_H
#define SGD_CHECKS_CHECKS_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// Runs every engineering check on the design, each family in its own pass
/// (power, cooling, space, zones, tier), and returns the derived figures.
DesignAnalysis runChecks(const model::Design &design, DiagnosticEngine &diagnostics);

} // namespace sgd::checks

#endif
