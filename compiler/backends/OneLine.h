#ifndef SGD_BACKENDS_ONELINE_H
#define SGD_BACKENDS_ONELINE_H

#include "backends/Backends.h"
#include "backends/OneLineLayout.h"

namespace sgd::backends {

/// The single-line diagram of a site as SVG: one symbol per element of the
/// drawn replicas, with its kind, catalog entry, count and rating; replicas
/// drawn once inside a box labelled `× 8`; feeds coloured by path (A blue,
/// B red, the reserve of a catcher grey, the systems of xN/y in their own
/// colours); implied elements dashed. Every symbol is a
/// `<g class="symbol" data-element="ID" data-kind="…" data-count="N"
/// data-replicas="R">`, so a reader (or a test) can add the counts up. The
/// `<svg>` element alone, without an XML declaration: report.html embeds it.
std::string oneLineSvg(const model::Design &design, const power::PowerGraph &graph,
                       const OneLineLayout &layout);

/// The same diagram as Graphviz DOT: a cluster per box, a node per symbol.
std::string oneLineDot(const model::Design &design, const power::PowerGraph &graph,
                       const OneLineLayout &layout);

/// The one-line of the whole design (expanded: every replica) and the Tier
/// each site's topology meets, as JSON (power/GraphJson.h; `tiers`: site,
/// claimed, met, next).
void writePowerJson(const model::Design &design, const checks::DesignAnalysis &analysis,
                    const power::ExpandedGraph &expanded, llvm::raw_ostream &out);

/// The layout of every site replica's single-line diagram, in design order,
/// on the expanded graph (power::expandPowerGraph).
std::vector<OneLineLayout> layOutSites(const model::Design &design,
                                       const power::ExpandedGraph &expanded);

/// The single-line diagrams of a build: every replica's elements, numbered
/// alike in power.json, the diagrams and report.html, and the layout of each
/// site replica's diagram. Made once for every output that draws them.
struct SiteDiagrams {
  power::ExpandedGraph expanded;
  std::vector<OneLineLayout> layouts; // layOutSites
};
SiteDiagrams drawSiteDiagrams(const model::Design &design, const power::PowerGraph &graph);

/// Writes out/power.json, and out/oneline-SITE.svg and out/oneline-SITE.dot
/// for every site.
void emitOneLine(const BuildInput &input, const SiteDiagrams &diagrams, OutputSet &outputs);

} // namespace sgd::backends

#endif
