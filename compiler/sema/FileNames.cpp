#include "sema/FileNames.h"

#include "sema/CatalogReferences.h"
#include "sema/TemplateCalls.h"
#include "sema/ZoneReferences.h"

namespace sgd::sema {

void checkFileNames(const ModuleGraph &graph, const ModuleSearch &search, unsigned module,
                    DiagnosticEngine &diagnostics) {
  checkCatalogReferences(graph, search, module, diagnostics);
  checkTemplateCalls(graph, module, diagnostics);
  checkZoneReferences(*graph.modules[module].ast, diagnostics);
}

} // namespace sgd::sema
