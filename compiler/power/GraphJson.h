#ifndef SGD_POWER_GRAPHJSON_H
#define SGD_POWER_GRAPHJSON_H

#include "power/ExpandedGraph.h"

#include "llvm/Support/JSON.h"

namespace sgd::power {

/// The one-line as members of a JSON object (power.json): `elements`, every
/// element with its kind, location, path, count, rating and loads; `edges`,
/// [feeder, fed] pairs; `halls`, each hall with the sources that feed it
/// ("grid", "on-site generation", "storage") and whether on-site generation
/// energises it alone, with every feed out (`on_site_alone`; hallSources).
/// Element ids are indexes into `elements`. The graph is the expanded one
/// (expandPowerGraph): every replica of a replicated structure is written
/// out, as the design without ranges would have it.
void writePowerJson(const model::Design &design, const ExpandedGraph &graph,
                    llvm::json::OStream &json);

/// How the JSON and the one-line name what a source is.
llvm::StringRef sourceKind(ElementKind kind);

} // namespace sgd::power

#endif
