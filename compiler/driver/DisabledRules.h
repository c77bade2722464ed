#ifndef SGD_DRIVER_DISABLEDRULES_H
#define SGD_DRIVER_DISABLEDRULES_H

#include "driver/ProjectFile.h"
#include "driver/Session.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace sgd::driver {

/// What one `[checks] disable` entry did in a compilation.
struct DisabledRuleEffect {
  const DisabledRule *rule;
  unsigned suppressed; // diagnostics it turned off
};

/// Applies `[checks] disable` after a compilation: each entry must name a
/// warning or note code (`W0412`) or a rule of the packs the design's sites
/// use (`US-TX-BACKUP-DISCLOSURE`); anything else, errors included, is E0902
/// at its key. The diagnostics of each valid entry are suppressed, with its
/// justification.
std::vector<DisabledRuleEffect> applyDisabledRules(Session &session,
                                                   llvm::ArrayRef<DisabledRule> disabled);

/// One line per entry for the build summary: "sgdc: disabled
/// US-TX-BACKUP-DISCLOSURE (1 diagnostic): <justification>".
void printDisabledRules(llvm::ArrayRef<DisabledRuleEffect> effects, llvm::raw_ostream &os);

} // namespace sgd::driver

#endif
