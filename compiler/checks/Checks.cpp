#include "checks/Checks.h"

#include "checks/CoolingCheck.h"
#include "checks/PowerCheck.h"
#include "checks/SpaceCheck.h"
#include "checks/TierCheck.h"
#include "checks/ZoneCheck.h"

namespace sgd::checks {

DesignAnalysis runChecks(const model::Design &design, DiagnosticEngine &diagnostics) {
  DesignAnalysis analysis = analyzeDesign(design, diagnostics);
  checkPower(design, analysis, diagnostics);
  checkCooling(design, analysis, diagnostics);
  checkSpace(design, analysis, diagnostics);
  checkZones(design, analysis, diagnostics);
  checkTier(design, analysis, diagnostics);
  return analysis;
}

} // namespace sgd::checks
