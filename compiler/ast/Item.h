#ifndef SGD_AST_ITEM_H
#define SGD_AST_ITEM_H

#include "ast/Expr.h"

#include "llvm/Support/Casting.h"
#include "llvm/Support/ErrorHandling.h"

namespace sgd::ast {

enum class ItemKind : uint8_t {
  Import, Const, Component, Template, Structure, Zone, Comply, Ruleset, Rule,
  Schedule, Task, Link, Preorder, Attribute, Equipment,
};

llvm::StringRef itemKindName(ItemKind kind);

/// Base of every item: the declarations and statements that make up a file or
/// the body of a block. Which items may appear where is checked by sema.
struct Item {
  // The range first: the kind's byte then ends the base, and a subclass's
  // own first byte (a structure's level, a task's isMilestone) goes in the
  // three bytes of padding after it, which a C++ ABI lets a derived class
  // use. A dense design is mostly StructureItems: 80 -> 72 bytes each.
  SourceRange range;
  const ItemKind kind;

protected:
  Item(ItemKind kind, SourceRange range) : range(range), kind(kind) {}
};

/// What a block holds, in it and in the blocks of its items, as bits: one
/// per ItemKind (`holdsKind`), and one each for replicated structures and
/// template instantiations. A walk that looks for some items only skips the
/// blocks that hold none of them (forEachItemIn): the rows of a design
/// written out in full hold racks and equipment lines, which most of sema's
/// walks pass over.
using BlockContents = uint32_t;
constexpr BlockContents holdsKind(ItemKind kind) { return BlockContents(1) << unsigned(kind); }
constexpr BlockContents kHoldsReplication = BlockContents(1) << 30;
constexpr BlockContents kHoldsInstantiation = BlockContents(1) << 31;
static_assert(unsigned(ItemKind::Equipment) < 30, "a bit per kind below the two others");
/// What a block that was not looked into may hold.
constexpr BlockContents kHoldsAnything = ~BlockContents(0);

/// `{ item* }`; `range` covers both braces.
struct Block {
  llvm::ArrayRef<const Item *> items;
  SourceRange range;
  /// Worked out by the front end for the blocks it parses whole; every bit
  /// for one joined from separately parsed pieces.
  BlockContents contents = kHoldsAnything;
};

/// `import std.catalog.nvidia;` or `import "halls.sgd";`
struct ImportItem : Item {
  ImportItem(SourceRange range, bool isFile, QualifiedName module, llvm::StringRef path,
             SourceRange pathRange)
      : Item(ItemKind::Import, range), isFile(isFile), module(module), path(path),
        pathRange(pathRange) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Import; }

  bool isFile;
  QualifiedName module;  // when !isFile
  llvm::StringRef path;  // when isFile
  SourceRange pathRange; // when isFile
};

/// `const name (: type)? = value;`
struct ConstItem : Item {
  ConstItem(SourceRange range, Identifier name, bool hasType, Identifier type,
            const Expr *value)
      : Item(ItemKind::Const, range), name(name), hasType(hasType), type(type),
        value(value) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Const; }

  Identifier name;
  bool hasType;
  Identifier type;
  const Expr *value;
};

/// `component KIND NAME { ... }`: a catalog entry.
struct ComponentItem : Item {
  ComponentItem(SourceRange range, Identifier componentKind, Identifier name, Block body)
      : Item(ItemKind::Component, range), componentKind(componentKind), name(name),
        body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Component; }

  Identifier componentKind;
  Identifier name;
  Block body;
};

/// `name: type (= default)?`
struct Parameter {
  Identifier name;
  Identifier type;
  const Expr *defaultValue; // null when the parameter is required
};

/// `template NAME(params) { ... }`
struct TemplateItem : Item {
  TemplateItem(SourceRange range, Identifier name, llvm::ArrayRef<Parameter> parameters,
               Block body)
      : Item(ItemKind::Template, range), name(name), parameters(parameters), body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Template; }

  Identifier name;
  llvm::ArrayRef<Parameter> parameters;
  Block body;
};

enum class StructureLevel : uint8_t { Site, Building, Hall, Row, Rack };

llvm::StringRef structureLevelName(StructureLevel level);

/// `[low..high]` after a structure name: the block is replicated.
struct RangeSpec {
  const Expr *low;
  const Expr *high;
  SourceRange range;
};

/// `= template_name(args)` after a structure name.
struct Instantiation {
  Identifier templateName;
  llvm::ArrayRef<Argument> arguments;
  SourceRange range;
};

/// `site|building|hall|row|rack NAME ([lo..hi])? (= tmpl(args))? (: type)? ({...} | ;)`
struct StructureItem : Item {
  StructureItem(SourceRange range, StructureLevel level, Identifier name,
                const RangeSpec *replication, const Instantiation *instantiation,
                const Expr *rackType, const Block *body)
      : Item(ItemKind::Structure, range), level(level), name(name),
        replication(replication), instantiation(instantiation), rackType(rackType),
        body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Structure; }

  StructureLevel level;
  Identifier name;
  const RangeSpec *replication;       // null: a single instance
  const Instantiation *instantiation; // null: not from a template
  const Expr *rackType;               // null unless `: type` was written
  const Block *body;                  // null when the item ends with `;`
};
static_assert(sizeof(StructureItem) == 72, "a structure item packs into 72 bytes");

/// `zone NAME { ... }`
struct ZoneItem : Item {
  ZoneItem(SourceRange range, Identifier name, Block body)
      : Item(ItemKind::Zone, range), name(name), body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Zone; }

  Identifier name;
  Block body;
};

/// `comply pack, pack;`
struct ComplyItem : Item {
  ComplyItem(SourceRange range, llvm::ArrayRef<QualifiedName> packs)
      : Item(ItemKind::Comply, range), packs(packs) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Comply; }

  llvm::ArrayRef<QualifiedName> packs;
};

/// `ruleset NAME "title"? { rule... }`
struct RulesetItem : Item {
  RulesetItem(SourceRange range, Identifier name, bool hasTitle, llvm::StringRef title,
              SourceRange titleRange, Block body)
      : Item(ItemKind::Ruleset, range), name(name), hasTitle(hasTitle), title(title),
        titleRange(titleRange), body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Ruleset; }

  Identifier name;
  bool hasTitle;
  llvm::StringRef title;
  SourceRange titleRange;
  Block body;
};

enum class RuleClauseKind : uint8_t { Scope, Applies, Require, Severity, Message, Cite };

llvm::StringRef ruleClauseKeyword(RuleClauseKind kind);

/// One clause of a rule. Which fields are meaningful depends on `kind`:
/// Scope and Severity use `name`, Applies and Require use `condition`,
/// Message and Cite use `text`.
struct RuleClause {
  RuleClauseKind kind;
  SourceRange range;
  Identifier name;
  const Expr *condition;
  llvm::StringRef text;
};

/// `rule NAME clause* ;`
struct RuleItem : Item {
  RuleItem(SourceRange range, Identifier name, llvm::ArrayRef<RuleClause> clauses)
      : Item(ItemKind::Rule, range), name(name), clauses(clauses) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Rule; }

  Identifier name;
  llvm::ArrayRef<RuleClause> clauses;
};

/// `schedule { ... }`
struct ScheduleItem : Item {
  ScheduleItem(SourceRange range, Block body) : Item(ItemKind::Schedule, range), body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Schedule; }

  Block body;
};

/// `task NAME { ... }` or `milestone NAME { ... }`
struct TaskItem : Item {
  TaskItem(SourceRange range, bool isMilestone, QualifiedName path, Identifier name,
           const Block *body)
      : Item(ItemKind::Task, range), isMilestone(isMilestone), path(path), name(name),
        body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Task; }

  bool isMilestone;
  QualifiedName path; // as written: `b3.h1.mep`, or one part
  Identifier name;    // the parts joined with `.`, over the whole path's range
  const Block *body;  // null when the item ends with `;`
};

/// One target of a link: `b1.energise`, optionally with a link type (FS, SS,
/// FF, SF as written; checked by sema) and a lag `+ 2 weeks`.
struct LinkTarget {
  QualifiedName task;
  bool hasType;
  Identifier type;
  const Expr *lag; // null: no lag
  bool lagIsNegative;
};

/// `after a, b;` or `before c;` inside a task or milestone.
struct LinkItem : Item {
  LinkItem(SourceRange range, bool isBefore, llvm::ArrayRef<LinkTarget> targets)
      : Item(ItemKind::Link, range), isBefore(isBefore), targets(targets) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Link; }

  bool isBefore;
  llvm::ArrayRef<LinkTarget> targets;
};

/// `preorder catalog.item at DATE;`
struct PreorderItem : Item {
  PreorderItem(SourceRange range, QualifiedName component, const Expr *date)
      : Item(ItemKind::Preorder, range), component(component), date(date) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Preorder; }

  QualifiedName component;
  const Expr *date;
};

/// `name = value;`
struct AttributeItem : Item {
  AttributeItem(SourceRange range, Identifier name, const Expr *value)
      : Item(ItemKind::Attribute, range), name(name), value(value) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Attribute; }

  Identifier name;
  const Expr *value;
};

/// `* N` or `* auto` after an equipment reference.
struct CountSpec {
  bool isAuto;
  const Expr *count; // null when isAuto
  SourceRange range;
};

/// `redundancy N`, `N+k`, `N+k catcher`, `2N`, `2N+k`, `2(N+k)` or `xN/y`,
/// N being the units the load needs. Units installed: factor × N + spare, or
/// factor × (N + spare) when the spares are per side (`2(N+k)`: each of two
/// sides is N+k); `xN/y` is x systems each sized for 1/y of the load
/// (distributed redundant, `4N/3`); `N+k catcher` is N blocks and k reserve
/// blocks on a reserve bus (block redundant).
struct Redundancy {
  unsigned factor; // 1, 2, or x of xN/y
  unsigned spare;  // k
  bool sparePerSide;
  unsigned share;  // y of xN/y; 1 otherwise
  bool catcher;    // `N+k catcher`
  SourceRange range;
};

/// `KIND catalog.ref? (* count)? (redundancy spec)? ({...} | ;)`: equipment
/// lines (`ups power.ups_1250kw * auto redundancy 2N;`) and named blocks
/// (`power { }`, `utility ercot_345 { }`).
struct EquipmentItem : Item {
  EquipmentItem(SourceRange range, Identifier equipmentKind, bool hasReference,
                QualifiedName reference, const CountSpec *count,
                const Redundancy *redundancy, const Block *body)
      : Item(ItemKind::Equipment, range), hasReference(hasReference),
        equipmentKind(equipmentKind), reference(reference), count(count),
        redundancy(redundancy), body(body) {}
  static bool classof(const Item *i) { return i->kind == ItemKind::Equipment; }

  bool hasReference; // first: it fills Item's padding (96 bytes, not 104)
  Identifier equipmentKind;
  QualifiedName reference;
  const CountSpec *count;        // null: not written
  const Redundancy *redundancy;  // null: not written
  const Block *body;             // null when the item ends with `;`
};
static_assert(sizeof(EquipmentItem) == 96, "an equipment item packs into 96 bytes");

/// The item's `{ }` body; null for kinds that have none or when it ended
/// with `;`. (Inline: every walk of the AST asks it of every item.)
inline const Block *bodyOf(const Item &item) {
  using llvm::cast;
  switch (item.kind) {
  case ItemKind::Structure:
    return cast<StructureItem>(item).body;
  case ItemKind::Component:
    return &cast<ComponentItem>(item).body;
  case ItemKind::Template:
    return &cast<TemplateItem>(item).body;
  case ItemKind::Zone:
    return &cast<ZoneItem>(item).body;
  case ItemKind::Ruleset:
    return &cast<RulesetItem>(item).body;
  case ItemKind::Schedule:
    return &cast<ScheduleItem>(item).body;
  case ItemKind::Task:
    return cast<TaskItem>(item).body;
  case ItemKind::Equipment:
    return cast<EquipmentItem>(item).body;
  case ItemKind::Import:
  case ItemKind::Const:
  case ItemKind::Comply:
  case ItemKind::Rule:
  case ItemKind::Link:
  case ItemKind::Preorder:
  case ItemKind::Attribute:
    return nullptr;
  }
  llvm_unreachable("unknown item kind");
}

/// What the item is, as BlockContents bits, with all that its body holds.
BlockContents contentsOf(const Item &item);

/// Calls `visit(item)` on every item of `items` and, depth first, on the items
/// of their blocks that hold something of `wanted` (for a walk that looks for
/// those items only; `visit` is still called on every item of the blocks it
/// enters). (Nesting is bounded by the front end, so recursion is.)
template <typename Visit>
void forEachItemIn(BlockContents wanted, llvm::ArrayRef<const Item *> items, Visit &&visit) {
  for (const Item *item : items) {
    visit(*item);
    if (const Block *body = bodyOf(*item); body && (body->contents & wanted))
      forEachItemIn(wanted, body->items, visit);
  }
}

/// Every item, depth first: only a block with no items holds nothing.
template <typename Visit> void forEachItem(llvm::ArrayRef<const Item *> items, Visit &&visit) {
  forEachItemIn(kHoldsAnything, items, visit);
}

/// How many structure items a file writes, at any depth, as the parser made
/// them: enough for sema to reserve the model's nodes and rack runs without
/// a walk of the whole syntax (an explicit design's is tens of megabytes).
/// After a syntax error it may count more than the syntax holds: an item
/// that fails after its body was converted drops the structures in it.
struct WrittenStructures {
  uint64_t racks = 0;      // rack items (each a rack run)
  uint64_t structures = 0; // sites, buildings, halls, rows, … (each a node)

  WrittenStructures &operator+=(const WrittenStructures &other) {
    racks += other.racks;
    structures += other.structures;
    return *this;
  }
  friend bool operator==(const WrittenStructures &, const WrittenStructures &) = default;
};

/// One parsed source file.
struct File {
  FileId id;
  llvm::ArrayRef<const Item *> items;
  WrittenStructures written;
};

} // namespace sgd::ast

#endif
