#ifndef SGD_MODEL_DESIGN_H
#define SGD_MODEL_DESIGN_H

#include "base/InternedText.h"
#include "base/SourceRange.h"
#include "model/Value.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace sgd::model {

/// Elements refer to each other by index into the design's tables.
using Index = uint32_t;
inline constexpr Index NoIndex = ~Index{0};

/// The levels of the physical hierarchy, outermost first.
enum class Level : uint8_t { Site, Building, Hall, Row, Rack };

llvm::StringRef levelName(Level level);

/// A value set on an element: `area = 4000 m2;`, or a default the schema
/// filled in (then `range` is the element's).
struct Property {
  llvm::StringRef name;
  Value value;
  SourceRange range;
  bool isDefault;
};

/// The properties of one element: [first, end) of Design::properties.
struct PropertySpan {
  Index first = 0;
  Index end = 0;
};

/// A catalog entry (`component KIND NAME { ... }`) with its attributes, the
/// schema's defaults included. Attributes of nested blocks are named
/// `BLOCK.NAME` (`oci.shape`).
struct CatalogEntry {
  llvm::StringRef kind;          // rack_type, transformer, ...
  llvm::StringRef qualifiedName; // nvidia.gb200_nvl72, or pod_network_rack in a design file
  SourceRange range;             // the entry's name
  PropertySpan properties;
};

/// One site, building, hall or row item with its replicas. `building b[1..8]`
/// is one node that stands for the 8 replicas b1 … b8: a range replicates one
/// item (same template, same arguments, same attributes), so its replicas are
/// identical but for their names, and everything below the node (its
/// children, racks, blocks, equipment, zones) is stored once and holds for
/// each replica. `count` says how many replicas there are in each replica of
/// the parent; `instances` how many in the whole design (docs/architecture.md,
/// "Instances, not copies"). A replica is named by `Replica`.
///
/// Nodes are stored in depth-first order, so a node's subtree is the nodes
/// [index + 1, subtreeEnd) and the racks [firstRackRun, rackRunEnd).
struct Node {
  Level level;
  Index parent;       // NoIndex at the top
  Index subtreeEnd;
  Index firstRackRun;
  Index rackRunEnd;
  Index zone;         // NoIndex when the node sets none
  llvm::StringRef stem; // `b` of `building b[1..8]`; the whole name of an item without a range
  uint32_t first;       // the number of the first replica, when numbered
  uint32_t count;       // replicas in each replica of the parent: 8 for `b[1..8]`, else 1
  bool numbered;        // written with a range: replica i is named stem + (first + i)
  uint64_t instances;   // replicas in the whole design: count × the parent's instances
  SourceRange range;    // the structure's name in the source
  PropertySpan properties;
};

/// One replica of a node: `s3.b2` in `site s[1..86] { building b[1..8] ... }`
/// is replica ordinal 2 × 8 + 1 = 17 of node `b`. Ordinals number the
/// replicas of a node in the whole design, 0 … instances − 1, in design order:
/// a replica's ordinal is its parent replica's ordinal × count + its own
/// offset in the range.
struct Replica {
  Index node;
  uint64_t ordinal;
  friend bool operator==(const Replica &, const Replica &) = default;
  friend auto operator<=>(const Replica &, const Replica &) = default;
};

/// The replicas of one node inside one replica of an ancestor (or in the
/// whole design), in design order: iterable as `Replica`s.
struct ReplicaRange {
  Index node;
  uint64_t firstOrdinal; // ordinals [firstOrdinal, endOrdinal)
  uint64_t endOrdinal;

  struct iterator {
    Index node;
    uint64_t ordinal;
    Replica operator*() const { return {node, ordinal}; }
    iterator &operator++() {
      ++ordinal;
      return *this;
    }
    bool operator!=(const iterator &other) const { return ordinal != other.ordinal; }
  };
  iterator begin() const { return {node, firstOrdinal}; }
  iterator end() const { return {node, endOrdinal}; }
  uint64_t size() const { return endOrdinal - firstOrdinal; }
};

/// Racks declared by one rack item of one node: `rack k[1..17] : gpu_rack;`
/// is one run of 17 racks named k1 … k17; `rack net : net_rack;` a run of
/// one rack named `net`. Replicated racks are never stored one by one, and a
/// run is stored once for all replicas of its node: `count` racks in each
/// (racksInDesign() in the whole design).
struct RackRun {
  Index parent;     // the node holding the racks
  Index rackType;   // catalog entry
  /// Kept by the design (Design::intern): 8 bytes where a StringRef takes
  /// 16, so a run is 48 bytes. A design written out in full has a run per
  /// rack (273,796 at 15 MB of dense design).
  InternedText name;
  uint32_t first;   // number of the first rack, when numbered
  uint32_t count;
  bool numbered;
  SourceRange range; // the rack item's name
  PropertySpan properties; // shared by every rack of the run
};
static_assert(sizeof(RackRun) == 48, "a rack run packs into 48 bytes");

/// A grouping or named block: `power { }`, `cooling { }`,
/// `utility ercot_345 { }`, `substation main { }`, `oci { }`.
struct Block {
  llvm::StringRef kind;
  llvm::StringRef name; // empty for an unnamed block
  Index node;           // the structure holding it; NoIndex at the top level
  Index zone;
  SourceRange range;
  PropertySpan properties;
};

/// `N`, `N+k`, `2N`, `2N+k`, `2(N+k)`: installed units are
/// factor × N + spare, or factor × (N + spare) when sparePerSide.
/// `xN/y` (distributed redundant): factor x systems, each sized for 1/share
/// of the load. `N+k catcher` (block redundant): N blocks and spare reserve
/// blocks on a reserve bus. power/Redundancy.h sizes and names the forms.
struct Redundancy {
  unsigned factor = 1;
  unsigned spare = 0;
  bool sparePerSide = false;
  unsigned share = 1;
  bool catcher = false;
};

/// How the redundancy is written: "N+1", "2N", "2(N+1)", "4N/3",
/// "N+1 catcher".
std::string redundancyName(const Redundancy &redundancy);

/// An equipment line: `ups power.ups_1250kw * auto redundancy 2N;`.
struct EquipmentGroup {
  llvm::StringRef kind;
  Index entry;          // catalog entry
  Index node;           // the structure whose load it serves; NoIndex at the top level
  Index block;          // the block it is in; NoIndex directly in a structure
  Index zone;           // its own, else its block's
  bool autoCount;
  bool hasRedundancy;   // written; else N
  uint64_t count;       // when !autoCount
  Redundancy redundancy;
  SourceRange range;
  SourceRange countRange;
  SourceRange redundancyRange;
  PropertySpan properties;
};

/// A security zone of a site.
struct Zone {
  llvm::StringRef name;
  Index node;   // the site; NoIndex for a zone at the top level
  Index inside; // the enclosing zone; NoIndex for an outermost zone
  SourceRange range;
  PropertySpan properties;
};

/// `comply us_tx, iso27001;`
struct Compliance {
  Index node; // NoIndex at the top level
  std::vector<llvm::StringRef> packs;
  std::vector<SourceRange> ranges;
};

/// `after b1.energise SS + 7 d;` inside a task.
struct ScheduleLink {
  llvm::StringRef target; // as written: `b1.energise`
  bool isBefore;          // `before`: the target follows this task
  llvm::StringRef type;   // FS, SS, FF, SF
  bool hasLag;
  units::Quantity lag;    // a duration, negative for `- 2 d`
  SourceRange range;
};

/// A task or milestone of a `schedule` block.
struct ScheduleTask {
  llvm::StringRef name;   // as written: `site_works`, `b3.h1.mep`
  bool isMilestone;
  SourceRange range;      // the name
  PropertySpan properties;
  std::vector<ScheduleLink> links;
};

/// `preorder power.xfmr_100mva at 2022-09-01;`
struct Preorder {
  Index entry;
  Date date;
  SourceRange range;
};

/// A `schedule { }` block.
struct Schedule {
  Index node; // NoIndex at the top level
  SourceRange range;
  PropertySpan properties;
  std::vector<Property> crews;
  std::vector<ScheduleTask> tasks;
  std::vector<Preorder> preorders;
};

/// The resolved design: plain data, every element with its source range.
class Design {
public:
  std::vector<CatalogEntry> catalog;
  std::vector<Node> nodes;
  std::vector<RackRun> rackRuns;
  std::vector<Block> blocks;
  std::vector<EquipmentGroup> equipment;
  std::vector<Zone> zones;
  std::vector<Compliance> compliance;
  std::vector<Schedule> schedules;
  std::vector<Property> properties;

  /// Keeps `text` for the design's lifetime, once however often it is
  /// saved or interned.
  llvm::StringRef save(llvm::StringRef text) { return texts_.intern(text).text(); }
  /// The same, as an 8-byte handle (RackRun::name).
  InternedText intern(llvm::StringRef text) { return texts_.intern(text); }

  llvm::ArrayRef<Property> propertiesOf(PropertySpan span) const {
    return llvm::ArrayRef<Property>(properties).slice(span.first, span.end - span.first);
  }
  /// The property `name` of an element, or null.
  const Value *property(PropertySpan span, llvm::StringRef name) const;
  /// The same with its source range, or null.
  const Property *findProperty(PropertySpan span, llvm::StringRef name) const;

  // Distinct structure. Each node stands for all of its replicas; figures of
  // a node are those of one replica.

  /// `b[1..8]` for a node of 8 replicas; `b3` for `b[3..3]`; `abilene`.
  std::string runName(Index node) const;
  /// `s[1..86].b[1..8]`: the node's path with each replicated level as its
  /// range (the plain path when no level is replicated); "" for NoIndex.
  std::string runPath(Index node) const;
  /// How messages name a node: "hall `s[1..86].b[1..8].h[1..4]`".
  std::string describe(Index node) const;
  /// The top-level node (usually a site) above `node`, or `node` itself.
  Index topLevelOf(Index node) const;
  /// The replicas of `node` in one replica of `ancestor`, which is `node`
  /// itself (1) or one of its ancestors; NoIndex: the whole design
  /// (instances).
  uint64_t replicasWithin(Index node, Index ancestor) const;
  /// The structures directly inside `node` (NoIndex: the top-level ones), in
  /// design order.
  std::vector<Index> children(Index node) const;
  /// The racks of a run in the whole design: its count × its parent's instances.
  uint64_t racksInDesign(const RackRun &run) const;

  // Replicas, for outputs that name each one (a schedule task per building,
  // an OCI subnet per hall, a BOM line per site, `--expand`).

  /// Every replica of `node`, in design order.
  ReplicaRange replicas(Index node) const;
  /// The replicas of `node` inside `ancestor` (a replica of `node` itself or
  /// of one of its ancestors), in design order.
  ReplicaRange replicasIn(Index node, Replica ancestor) const;
  /// The replica of the parent that holds `replica`; {NoIndex, 0} at the top.
  Replica parentOf(Replica replica) const;
  /// The replica of `ancestor` (an ancestor of replica.node, or the node
  /// itself) that holds `replica`.
  Replica ancestorOf(Replica replica, Index ancestor) const;
  /// `b3`.
  std::string nameOf(Replica replica) const;
  /// `abilene.b3.h1`.
  std::string pathOf(Replica replica) const;

  /// The number of racks in the whole design.
  uint64_t rackCount() const;

private:
  TextSet texts_;
};

} // namespace sgd::model

#endif
