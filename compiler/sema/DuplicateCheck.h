#ifndef SGD_SEMA_DUPLICATECHECK_H
#define SGD_SEMA_DUPLICATECHECK_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"

namespace sgd::sema {

/// Reports names defined twice in one scope (E0301, with a note at the first
/// definition). A file and every block are scopes. Named declarations (const,
/// component, template, site, building, hall, row, rack, zone, ruleset, rule,
/// task, milestone) share one namespace per scope; attributes have their own,
/// so `zone = campus;` and `zone campus { }` do not clash, but setting `tier`
/// twice does. A range with literal bounds defines each name it expands to
/// (`building b[1..8]` defines b1 … b8); ranges with computed bounds are
/// checked when they are expanded.
void checkDuplicates(const ModuleGraph &graph, DiagnosticEngine &diagnostics);

} // namespace sgd::sema

#endif
