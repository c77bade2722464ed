#ifndef SGD_SEMA_CATALOGREFERENCES_H
#define SGD_SEMA_CATALOGREFERENCES_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"
#include "sema/ModuleLoader.h"

namespace sgd::sema {

/// Checks references to catalog entries written `module.entry`: the
/// reference of an equipment line (`ups power.ups_1250kw`), a rack's type
/// (`rack k1 : nvidia.gb200_nvl72`) and a preorder. `module` must be a
/// standard module the file imports (its last path part: `power` for
/// std.catalog.power), and `entry` a component of it. Unknown entries get a
/// suggestion; a module that exists but is not imported gets the import to
/// add (E0312, with a fix-it), once per module name and file. Checks the
/// file of `module`; reads the graph only, so files can be checked at once.
void checkCatalogReferences(const ModuleGraph &graph, const ModuleSearch &search,
                            unsigned module, DiagnosticEngine &diagnostics);

} // namespace sgd::sema

#endif
