#ifndef SGD_POWER_BUILDER_H
#define SGD_POWER_BUILDER_H

// The state of buildPowerGraph, shared by GraphBuilder.cpp (lines, feeds and
// the chain) and ImpliedElements.cpp (what the compiler fills in). Not a
// public header.

#include "power/GraphBuilder.h"
#include "power/LineSizing.h"

namespace sgd::power {

/// An equipment line of a power kind, as laid out on the graph.
struct Line {
  Index group = NoIndex;
  ElementKind kind = ElementKind::Ups;
  Stage stage = Stage::Ups;
  std::vector<std::string> paths; // the paths it lays out, in order
  bool pathWritten = false;       // `path = "B"` on the line or its block
  unsigned writtenPaths = 1;      // then: the paths written at its structure and stage
  std::vector<std::string> compartments;
  Index feed = NoIndex;           // its `power` block's `feed`
};

/// The figures of one rack type the graph uses, read once per type.
struct RackTypeFigures {
  uint64_t cords = 2;              // power_cords
  const Quantity *it = nullptr;    // it_power
};

/// What the racks below each structure add up to.
struct RackFigures {
  uint64_t racks = 0;
  uint64_t connections = 0; // Σ racks × power_cords
  Quantity ownIt;           // IT of the racks the structure holds directly (rows: zero, their IT is the demand's)
};

/// Where an element stands in the chain from the grid to the racks, for the
/// search of what feeds it: first the buses and transformers by voltage
/// (higher upstream; a transformer just ahead of the bus of its secondary),
/// then the UPS and what follows, by stage.
struct ChainRank {
  uint8_t tier;  // 0: the buses and transformers; 1: the UPS and below
  double key;    // tier 0: minus the voltage band; tier 1: the stage
  friend bool operator<(const ChainRank &a, const ChainRank &b) {
    return a.tier != b.tier ? a.tier < b.tier : a.key < b.key;
  }
  friend bool operator==(const ChainRank &, const ChainRank &) = default;
};

class Builder {
public:
  Builder(const model::Design &design, const Demand &demand, llvm::ArrayRef<uint64_t> installed);
  PowerModel build();

private:
  // GraphBuilder.cpp
  void countRacks();
  void layOutLines();
  void sizeLines();
  void addLineElements();
  void addFeeds();
  void linkChain();
  /// What feeds an element of `structure` ranked `below` on `path`: the
  /// nearest rank above it, in the structure or the nearest one above,
  /// that has elements of the same path or of every path; `bypass` (a
  /// written path) passes stages that have neither.
  std::vector<Index> upstream(Index structure, ChainRank below, llvm::StringRef path,
                              Index feed, bool bypass = false) const;
  ChainRank rankOf(const Element &element) const;
  std::vector<Index> utilitiesFor(Index structure, llvm::StringRef path, Index feed) const;
  Index addElement(Element element);
  void addEdge(Index from, Index to) { model_.graph.edges.push_back({from, to}); }
  Index bucketOf(Index structure) const;
  Index parentBucket(Index bucket) const;
  const NodeDemand &demandOf(Index structure) const;
  ServedLoad servedLoad(Index structure, bool perRow) const;
  const RackTypeFigures &rackType(Index entry);

  // ImpliedElements.cpp
  void addLowVoltageSwitchgear();
  void attachSources();
  void attachStorage();
  void addLoadPoints();
  void addMechanical();
  void collectSources();

  const model::Design &design_;
  const Demand &demand_;
  llvm::ArrayRef<uint64_t> installed_;
  PowerModel model_;
  std::vector<Line> lines_;
  std::vector<Index> lineOf_;                // per equipment line: into lines_, NoIndex if none
  std::vector<RackFigures> racks_;           // per node, of its subtree (ownIt: its own)
  std::vector<std::optional<RackTypeFigures>> rackTypes_; // per catalog entry, once read
  std::vector<std::vector<Index>> buckets_;  // chain elements per structure; last: the top level
  std::vector<ChainRank> ranks_;             // per element
};

/// Whether an element takes part in the chain search: not a source, storage,
/// load or mechanical element (those attach to the chain).
bool inChain(const Element &element);

/// Those of `among` on `path` itself, else those that serve every path
/// (path ""); empty when there are neither.
std::vector<Index> samePathOrCommon(const std::vector<Element> &elements,
                                    llvm::ArrayRef<Index> among, llvm::StringRef path);

/// Gear the compiler adds next to `beside` (a breaker bay ahead of a
/// transformer, a switchboard behind one): the same structure, path,
/// count, ratings, loads and compartment; `note` says why it is there.
Element impliedBeside(const Element &beside, ElementKind kind, Stage stage, InternedText note);

} // namespace sgd::power

#endif
