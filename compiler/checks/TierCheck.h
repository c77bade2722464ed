#ifndef SGD_CHECKS_TIERCHECK_H
#define SGD_CHECKS_TIERCHECK_H

#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"

namespace sgd::checks {

/// The Uptime tier a site claims (`tier`) against its topology (domain facts
/// §4.1, §2.7, §9 rule 7). Equipment lines count for the site that holds
/// them; lines at the top level of a file count for no site.
/// - Tier ≥ 2, redundant capacity components: every `ups`, `generator`,
///   `cdu`, `crah`, `chiller`, `cooling_tower` and `dry_cooler` line has a
///   spare (N+k, k ≥ 1, or a two-sided form), else E0430 at its redundancy;
///   a site with racks and no UPS, no generator or no cooling line is E0430
///   at `tier`, naming what is missing.
/// - Tier ≥ 3, a second distribution path: every `ups`, `busway` and `pdu`
///   line that serves racks is two-sided (2N, 2N+k, 2(N+k)), else E0431 at
///   its redundancy (an N+1 bus is one path, §2.7); a hall with racks that no
///   such line serves (in the hall, its building or its site) is E0431 at the
///   hall.
/// - Tier 4, System + System: `ups` and `generator` lines are two-sided
///   (E0430), and the distribution is two-sided as for Tier 3 (two active
///   paths). Compartmentalisation is not checked: the model does not place
///   the A and B sides in rooms.
void checkTier(const model::Design &design, const DesignAnalysis &analysis,
               DiagnosticEngine &diagnostics);

} // namespace sgd::checks

#endif
