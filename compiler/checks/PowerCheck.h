#ifndef SGD_CHECKS_POWERCHECK_H
#define SGD_CHECKS_POWERCHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// The power chain, from the one-line (power/) and its analyses:
/// - every written count meets its sizing rule (E0401, naming what drops);
/// - a line on a written path carries the hall when another path is lost
///   (E0440, N-1);
/// - tap-offs and rack PDUs carry one cord of the largest rack when a path
///   is lost (E0444);
/// - every UPS has energy storage (E0445) that outlasts the start of its
///   generators and the transfer (E0446);
/// - voltages match along the chain (E0447); `path` and `compartment` fit
///   the redundancy (E0448);
/// - the utility feeds cover the peak demand, 2N feeds not added (E0403);
/// - in a site that claims no Tier III or IV, an element whose loss drops
///   racks that have several paths is a warning (W0441).
void checkPower(const model::Design &design, const DesignAnalysis &analysis,
                DiagnosticEngine &diagnostics);

/// The Tier a site claims (`tier`), or 0.
int64_t claimedTier(const model::Design &design, model::Index site);

} // namespace sgd::checks

#endif
