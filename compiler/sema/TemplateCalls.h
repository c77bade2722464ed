#ifndef SGD_SEMA_TEMPLATECALLS_H
#define SGD_SEMA_TEMPLATECALLS_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"

namespace sgd::sema {

/// Checks every instantiation `hall h = gpu_hall(racks = 96, ...)` against
/// its template: the template exists in the file or a file it imports by
/// path (E0302 with a suggestion otherwise); positional arguments come first
/// and fill parameters in order; named arguments name parameters (E0302 with
/// a suggestion); no parameter is given twice (E0301); every parameter
/// without a default gets a value, and there are no more positional
/// arguments than parameters (E0313). The argument values are checked when
/// the template is expanded. Checks the file of `module`; reads the graph
/// only, so files can be checked at once.
void checkTemplateCalls(const ModuleGraph &graph, unsigned module, DiagnosticEngine &diagnostics);

} // namespace sgd::sema

#endif
