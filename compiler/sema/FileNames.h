#ifndef SGD_SEMA_FILENAMES_H
#define SGD_SEMA_FILENAMES_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"
#include "sema/ModuleLoader.h"

namespace sgd::sema {

/// The name checks of one file, `module` of the graph: its catalog
/// references (checkCatalogReferences), template calls (checkTemplateCalls)
/// and zone references (checkZoneReferences). Reads the graph only, so files
/// can be checked at once, each into its own engine.
void checkFileNames(const ModuleGraph &graph, const ModuleSearch &search, unsigned module,
                    DiagnosticEngine &diagnostics);

} // namespace sgd::sema

#endif
