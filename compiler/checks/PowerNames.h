#ifndef SGD_CHECKS_POWERNAMES_H
#define SGD_CHECKS_POWERNAMES_H

#include "base/SourceRange.h"
#include "model/Design.h"
#include "power/PowerGraph.h"

#include <string>

namespace sgd::checks {

/// How messages name an element of the one-line: "`busway power.busway_800a`
/// (path B)", "utility feed `ercot_345`", "the LV switchgear the compiler adds
/// below `transformer power.xfmr_2500kva` (path A)", "the rack cords of hall
/// `s.b1.h1` (path A)".
std::string elementName(const model::Design &design, const power::PowerGraph &graph,
                        model::Index element);

/// Where a diagnostic about an element points: its equipment line, its block
/// (a feed), the written element an implied one belongs to, else the
/// structure it serves.
SourceRange elementRange(const model::Design &design, const power::PowerGraph &graph,
                         model::Index element);

/// The halls of some load points that one element (of structure `within`)
/// feeds: "hall `s.b1.h1`", "hall `s.b1.h1` and 11 more halls" (the first
/// replica named, every replica of a replicated hall in one replica of
/// `within`, else of its site, counted).
std::string hallsText(const model::Design &design, const power::PowerGraph &graph,
                      llvm::ArrayRef<model::Index> loadPoints, model::Index within);

/// The written element an implied element belongs to (the transformer of an
/// LV switchboard, the generators of paralleling gear, the busway of a
/// tap-off), or the element itself.
model::Index writtenElement(const power::PowerGraph &graph, model::Index element);

} // namespace sgd::checks

#endif
