#ifndef SGD_SEMA_DUPLICATECHECK_H
#define SGD_SEMA_DUPLICATECHECK_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ConstEvaluator.h"
#include "sema/ModuleGraph.h"
#include "sema/StandardCatalog.h"

namespace sgd::sema {

/// Reports names defined twice in one scope (E0301, with a note at the first
/// definition). A file and every block are scopes. Named declarations (const,
/// component, template, site, building, hall, row, rack, zone, ruleset, rule,
/// task, milestone) share one namespace per scope; attributes have their own,
/// so `zone = campus;` and `zone campus { }` do not clash, but setting `tier`
/// twice does. A range whose bounds `evaluator` knows (ranges outside
/// templates, after checkRangeBounds) defines each name it expands to
/// (`building b[1..n]` defines b1 … bn); ranges inside templates are checked
/// when they are expanded. The modules whose entries `standard` keeps are
/// not checked again: it keeps none unless checking them reported nothing.
void checkDuplicates(const ModuleGraph &graph, const ConstEvaluator &evaluator,
                     DiagnosticEngine &diagnostics, const StandardCatalog *standard = nullptr);

} // namespace sgd::sema

#endif
