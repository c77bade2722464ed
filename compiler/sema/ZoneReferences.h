#ifndef SGD_SEMA_ZONEREFERENCES_H
#define SGD_SEMA_ZONEREFERENCES_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"

namespace sgd::sema {

/// Checks the attributes that name a security zone, `zone = campus;` and
/// `inside = perimeter;`: inside a site, the zone must be declared in that
/// site or at the top level of the file; at the top level, among the file's
/// zones. An unknown zone is E0302 with a suggestion. Template bodies are
/// checked where they are expanded, since a zone there may be a parameter.
void checkZoneReferences(const ast::File &file, DiagnosticEngine &diagnostics);

} // namespace sgd::sema

#endif
