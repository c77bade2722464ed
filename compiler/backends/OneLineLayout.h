#ifndef SGD_BACKENDS_ONELINELAYOUT_H
#define SGD_BACKENDS_ONELINELAYOUT_H

#include "model/Design.h"
#include "power/ExpandedGraph.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"

#include <map>
#include <string>
#include <vector>

namespace sgd::backends {

using model::Index;
using model::NoIndex;
using model::Replica;

/// A structure (site, building, hall) of a single-line diagram, drawn once
/// for all its identical replicas: `building b1…b8 × 8`.
struct OneLineBox {
  Replica node;                 // the replica drawn
  std::vector<Replica> replicas; // every structure it stands for, the drawn one first
  uint64_t multiplicity = 1;    // how many times it occurs in the site: its replicas × its parent's
  std::vector<Index> elements;  // the one-line elements of the drawn structure
  std::vector<size_t> children; // boxes inside it
  double x = 0, y = 0, width = 0, height = 0;
};

/// A drawn element.
struct OneLineSymbol {
  Index element;
  size_t box;
  double x, y;
};

/// The single-line diagram of one site: its boxes (the site first) and the
/// symbols of the elements (of the expanded graph) of the drawn replicas. Replicas are identical when
/// their elements (kind, entry, count, path, rating) and their own replicas
/// are: they are drawn once, with their count. Linear in the site's
/// structures and elements.
struct OneLineLayout {
  std::vector<OneLineBox> boxes;
  std::vector<OneLineSymbol> symbols;
  llvm::DenseMap<Index, size_t> symbolOf; // drawn element -> into symbols
  double width = 0, height = 0;

  /// The symbol of a drawn element, null when the element is not drawn.
  const OneLineSymbol *symbolFor(Index element) const {
    auto found = symbolOf.find(element);
    return found == symbolOf.end() ? nullptr : &symbols[found->second];
  }
};

/// The elements of each site replica (whose structure lies in it), by site:
/// one pass over the expanded graph for all the diagrams.
std::map<Replica, std::vector<Index>> elementsBySite(const model::Design &design,
                                                     const power::ExpandedGraph &graph);

/// The layout of `site`, from its elements (elementsBySite).
OneLineLayout layOutOneLine(const model::Design &design, const power::ExpandedGraph &graph,
                            Replica site, llvm::ArrayRef<Index> siteElements);

/// Symbol size and spacing, shared by the layout and the writers.
/// Three lines of 13 px labels (legible on A3: tests/cli/test_report_a3.py).
inline constexpr double SymbolWidth = 200, SymbolHeight = 56, SymbolGap = 14, RowGap = 26,
                        BoxPadding = 14, BoxHeader = 28;

/// "b1…b8" for replicas named b1 … b8; "b1, b3, b7" otherwise (four at most).
std::string replicaNames(const model::Design &design, const std::vector<Replica> &replicas);

} // namespace sgd::backends

#endif
