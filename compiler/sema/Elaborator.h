#ifndef SGD_SEMA_ELABORATOR_H
#define SGD_SEMA_ELABORATOR_H

#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "sema/ConstEvaluator.h"
#include "sema/ModuleGraph.h"
#include "sema/StandardCatalog.h"

namespace sgd::sema {

/// Bounds on expansion, so a runaway design is a diagnostic and never an
/// out-of-memory. (Nesting needs no bound: each template instance is a
/// structure one level deeper than its parent, so instances nest at most five
/// deep, and a template that instantiates itself is E0321.)
struct ElaborationLimits {
  /// Structures and racks the design may expand to (E0320).
  uint64_t maxInstances = 10'000'000;
};

/// Builds the resolved design from the modules: evaluates every catalog
/// entry and attribute against the schemas of docs/language.md §13, expands
/// ranges and templates, resolves names (parameters, constants, catalog
/// entries, zones, named blocks) and records every element with its source
/// range. Runs after the name checks and constant evaluation found no error;
/// its own errors are reported once each, however often a template repeats
/// them. With `standard` (a compilation that registered the StdlibCache's
/// files first), the entries of the standard modules it keeps are copied
/// from it, not evaluated again: the same entries, properties and ranges.
model::Design elaborate(const ModuleGraph &graph, ConstEvaluator &constants,
                        const ElaborationLimits &limits, DiagnosticEngine &diagnostics,
                        const StandardCatalog *standard = nullptr);

} // namespace sgd::sema

#endif
