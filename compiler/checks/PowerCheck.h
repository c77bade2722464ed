#ifndef SGD_CHECKS_POWERCHECK_H
#define SGD_CHECKS_POWERCHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// The power chain: every explicitly counted equipment line carries its load
/// under its redundancy, and losing one unit (one side of a 2N system) still
/// serves it (E0401, naming the load that drops); generators hold 12 h of fuel
/// at N (E0402) and, for Tier III and IV, a rating without run-hour limits
/// (E0404); the utility feeds of a site cover its peak demand (E0403).
/// Auto-sized lines are sized by analyzeDesign and need no check.
void checkPower(const model::Design &design, const DesignAnalysis &analysis,
                DiagnosticEngine &diagnostics);

} // namespace sgd::checks

#endif
