#ifndef SGD_POWER_POWERGRAPH_H
#define SGD_POWER_POWERGRAPH_H

#include "base/HashWords.h"
#include "base/InternedVector.h"
#include "model/Design.h"
#include "power/KeptValues.h"

#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <string>
#include <vector>

namespace sgd::power {

using model::Index;
using model::NoIndex;
using units::Quantity;

/// What an element of the one-line is.
enum class ElementKind : uint8_t {
  Utility,         // a `utility` feed
  Breaker,         // HV switchyard breaker bay (implied: one per substation transformer)
  Transformer,
  Switchgear,      // a medium- or low-voltage lineup (`stage` tells which)
  ParallelingGear, // generator paralleling switchgear (implied)
  TransferSwitch,
  Generator,       // engine or turbine generator sets
  Bess,            // battery energy storage on the grid side
  Ups,
  Storage,         // the batteries or flywheels of a UPS
  Busway,
  Panel,           // remote power panel or floor PDU
  Connection,      // busway tap-off or rack PDU: one per cord
  Cord,            // rack power cords (implied: racks × cords)
  Racks,           // the racks of a hall: the IT load
  MechanicalBus,   // the bus of a structure's mechanical plant (implied)
  MechanicalLoad,  // a cooling line on a mechanical bus
};

/// Where an element sits in the chain from the grid to the racks, upstream
/// first. Sources, storage and mechanical loads take the stage of the bus
/// they connect to.
enum class Stage : uint8_t {
  Utility,         // the grid connection
  Switchyard,      // HV breakers
  HighVoltage,     // substation transformers: a primary above 52 kV (the top of MV)
  StepDown,        // MV to MV transformers (34.5 kV to 13.8 kV)
  MediumVoltage,   // MV switchgear (1 kV or more; IEC 60038's low voltage ends at 1 kV)
  UnitTransformer, // MV to LV transformers
  Transfer,        // transfer switches
  LowVoltage,      // LV switchgear
  Ups,
  Distribution,    // busway, remote power panels
  Connection,      // tap-offs, rack PDUs
  Cord,
  Load,            // racks and mechanical loads
};

/// "utility feed", "HV breaker", "LV switchgear", …
std::string kindName(ElementKind kind, Stage stage);

/// The figure of an element that carries nothing or whose rating is not
/// known.
inline constexpr Quantity kNoPower{units::Rational(0), units::dimensions::Power};

/// One element of the one-line: the units of one equipment line on one
/// path, a feed, or an element the compiler filled in. A 2N line is two
/// elements (paths A and B). The graph follows the model's instances: an
/// element of a replicated building stands for it in each replica (its
/// figures are one replica's); expandPowerGraph writes every replica out.
struct Element {
  Element(ElementKind kind, Stage stage) : kind(kind), stage(stage) {}

  ElementKind kind;
  Stage stage;
  bool implied = false;         // filled in by the compiler; `note` says why
  Index group = NoIndex;        // the equipment line (Design::equipment)
  Index block = NoIndex;        // the `utility` or `substation` block
  Index entry = NoIndex;        // the catalog entry
  Index structure = NoIndex;    // whose load it carries (its subtree); NoIndex: the whole design
  unsigned swingSpares = 0;     // 2N+k: spare units it shares with the other side (Redundancy::spare)
  uint64_t count = 0;           // units on this element
  // The figures are kept by the graph (PowerGraph::keep), each distinct one
  // once, and are never null: an explicit design has elements per row and
  // path, most carrying what their neighbours carry, and three quantities
  // would take 144 B of each.
  const Quantity *unitRating = &kNoPower;   // one unit as counted (W or VA); zero when not known
  const Quantity *load = &kNoPower;         // carried in normal operation (same dimension)
  const Quantity *failoverLoad = &kNoPower; // carried when another path is lost
  // The catalog entry's or the feed block's own figures, nullptr when not
  // given: pointers into the model, which outlives its graph.
  const Quantity *voltageIn = nullptr;
  const Quantity *voltageOut = nullptr;
  // The texts are kept by the graph too, 8 B each (three strings would take
  // 96 B of each element and a heap block per note).
  InternedText path;        // "" serves every path below it; "A", "B", "1" … "4", "blocks", "R"
  InternedText compartment; // fire compartment, "" when not given
  InternedText note;        // for implied elements: the rule that added them
};
static_assert(sizeof(Element) == 96, "an element packs into 96 bytes");

/// `from` feeds `to`.
struct Edge {
  Index from;
  Index to;
};

/// The racks of one hall (or of the structure that holds them directly) and
/// what powers them.
struct LoadPoint {
  Index structure;            // the hall
  Index racks;                // its Racks element
  std::vector<Index> cords;   // its Cord elements, one per rack-level path
  std::vector<Index> sources; // the Utility, Generator and Bess elements that feed it
  uint64_t fewestCords = 0;   // the fewest power cords of its rack types
  Quantity cordLoad;          // what one cord of its largest rack carries when a path is lost (VA)
};

/// How an equipment line of a power kind is sized (checks::EquipmentSizing
/// takes it over for the bill of materials and the schedule).
struct LineSizing {
  bool sized = false;
  // Kept by the graph, as its elements' figures and texts are: an explicit
  // design has a line per row.
  const Quantity *load = nullptr;         // what the line is sized against; nullptr until known
  llvm::StringRef loadName;               // "IT load", "facility load"
  const Quantity *unitCapacity = nullptr; // one unit as counted; nullptr when the entry gives none
  llvm::StringRef capacityName;           // "capacity", "rating"
  uint64_t perSystem = 0;       // N of one system or side
  uint64_t required = 0;        // what the rules require of a written count
  uint64_t installed = 0;       // the written count, or what `* auto` installs
  uint64_t failoverRequired = 0; // a line on a written path: what carries its share when another path is lost
  unsigned writtenPaths = 0;    // a line on a written path: the paths written at its stage, else 0
  bool utilityFurnished = false; // `furnished_by = "utility"` on the line or its block: not procured
  InternedText basis;            // how it was counted, for --summary ("per connection: …")

  // The figures compare and hash as pointers: each distinct one is kept once.
  friend bool operator==(const LineSizing &, const LineSizing &) = default;
  friend llvm::hash_code hash_value(const LineSizing &s) {
    return hashWords({s.sized, reinterpret_cast<uintptr_t>(s.load), hash_value(s.loadName),
                      reinterpret_cast<uintptr_t>(s.unitCapacity), hash_value(s.capacityName),
                      s.perSystem, s.required, s.installed, s.failoverRequired, s.writtenPaths,
                      s.utilityFurnished, hash_value(llvm::StringRef(s.basis))});
  }
};
static_assert(sizeof(LineSizing) == 104, "a line sizing packs into 104 bytes");

/// The one-line of a design: elements, who feeds whom, the load points, and
/// the sizing of every power line.
class PowerGraph {
public:
  std::vector<Element> elements;
  std::vector<Edge> edges; // until finish(), which indexes them for feeders() and feeds()
  std::vector<LoadPoint> loadPoints;
  /// Parallel to Design::equipment; unsized for other kinds. Each distinct
  /// sizing is kept once: an explicit design sizes its rows alike.
  InternedVector<LineSizing> sizing;
  /// Where each step of the builder began adding elements: within a step the
  /// elements follow one table of the design (lines, blocks, rack runs,
  /// structures), so expandPowerGraph can put each replica where a design
  /// without ranges would have it.
  std::vector<Index> steps;

  /// The elements that feed `element`, and those it feeds (after finish()).
  llvm::ArrayRef<Index> feeders(Index element) const;
  llvm::ArrayRef<Index> feeds(Index element) const;
  /// The elements an equipment line became, in path order.
  llvm::ArrayRef<Index> elementsOf(Index group) const;

  /// Indexes the edges and lets them go (the graph lives to the end of the
  /// compile); called once by buildPowerGraph.
  void finish(size_t groups);

  /// `text` and `quantity` kept as long as the graph (its copies share the
  /// storage): what an element's texts and figures point to.
  InternedText keep(llvm::StringRef text) { return kept_->text(text); }
  const Quantity *keep(const Quantity &quantity) { return kept_->quantity(quantity); }
  /// Keeps the values of `other` too, for a graph of copies of its elements.
  void shareKept(const PowerGraph &other) { kept_ = other.kept_; }

private:
  std::shared_ptr<KeptValues> kept_ = std::make_shared<KeptValues>();
  std::vector<Index> feederStart_, feederList_, feedStart_, feedList_;
  std::vector<Index> groupStart_, groupList_;
};

/// Whether an equipment kind belongs to the power graph (and is sized by it).
bool isPowerKind(llvm::StringRef kind);

} // namespace sgd::power

#endif
