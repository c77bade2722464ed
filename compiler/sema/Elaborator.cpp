#include "sema/Elaborator.h"

#include "model/NodeScope.h"
#include "sema/AttributeSchema.h"
#include "sema/ExprEvaluator.h"
#include "sema/RangeBounds.h"
#include "sema/Suggestion.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Casting.h"

#include <algorithm>
#include <array>

namespace sgd::sema {
namespace {

using model::Index;
using model::NoIndex;

static_assert(static_cast<int>(model::Level::Rack) == static_cast<int>(ast::StructureLevel::Rack),
              "the model's levels follow the AST's");
model::Level levelOf(ast::StructureLevel level) { return static_cast<model::Level>(level); }

/// Where an expression is evaluated: the module whose constants and
/// templates it sees, the template parameters bound (inside an instance)
/// and the site whose zones and named blocks it sees.
struct Scope {
  unsigned module;
  const llvm::StringMap<Value> *parameters = nullptr;
  Index site = NoIndex;
};

/// The items of one element's body with the scope they are evaluated in: a
/// template instance has the template's items, then the call site's block.
struct ScopedItems {
  llvm::ArrayRef<const ast::Item *> items;
  Scope scope;
};

/// Kinds of block that group equipment or describe a supply, as opposed to
/// equipment lines whose kind is a component kind.
bool isBlockKind(llvm::StringRef kind) {
  return kind == "power" || kind == "cooling" || kind == "utility" || kind == "substation" ||
         kind == "oci";
}

/// Blocks only a site has.
bool isSiteBlockKind(llvm::StringRef kind) {
  return kind == "utility" || kind == "substation" || kind == "oci";
}

std::string joined(const ast::QualifiedName &name) {
  std::string text;
  for (const ast::Identifier &part : name.parts)
    text += (text.empty() ? "" : ".") + part.text().str();
  return text;
}

class Elaborator {
public:
  Elaborator(const ModuleGraph &graph, ConstEvaluator &constants,
             const ElaborationLimits &limits, DiagnosticEngine &diagnostics,
             const StandardCatalog *standard)
      : graph_(graph), constants_(constants), limits_(limits), diagnostics_(diagnostics),
        standard_(standard), expressions_(diagnostics), components_(graph.modules.size()),
        firstEntry_(graph.modules.size()), templates_(graph.modules.size()) {}

  model::Design run();

private:
  friend class DesignNames;

  const ModuleGraph &graph_;
  ConstEvaluator &constants_;
  const ElaborationLimits &limits_;
  DiagnosticEngine &diagnostics_;
  const StandardCatalog *standard_;
  ExprEvaluator expressions_;
  model::Design design_;
  std::vector<llvm::StringMap<Index>> components_; // per module: entry name → catalog
  std::vector<Index> firstEntry_; // per module: its first entry in the catalog
  std::vector<llvm::StringMap<const ast::TemplateItem *>> templates_; // per module
  llvm::StringMap<Index> topZones_;  // zones and named blocks at the top level of a file
  llvm::StringMap<Index> topBlocks_;
  llvm::DenseMap<Index, llvm::StringMap<Index>> siteZones_;  // site node → zones
  llvm::DenseMap<Index, llvm::StringMap<Index>> siteBlocks_; // site node → named blocks
  // Zones and named blocks of the site being elaborated, registered before
  // its attributes are evaluated so that any item may name them.
  llvm::DenseMap<const ast::Item *, Index> registered_;
  std::vector<const ast::TemplateItem *> templateStack_;
  uint64_t instances_ = 0;
  bool stopped_ = false; // a limit was hit: nothing more is expanded
  // The rack types read last, most recent first, and where: an explicit
  // design names the same few types line after line (`nvidia.gb200_nvl72`,
  // a network rack among them), and the same name read in the same scope is
  // the same entry (names resolve without side effects).
  struct ReadRackType {
    const ast::Expr *written = nullptr;
    Scope scope{};
    Index entry = NoIndex;
  };
  std::array<ReadRackType, 4> recentRackTypes_{};

  // Catalog.
  void collectCatalog();
  void reserveForWrittenStructures();
  void evaluateEntry(Index entry, const ast::ComponentItem &component, unsigned module);
  /// The standard catalog's evaluated entries of `module`, when it keeps them.
  const StandardCatalog::Module *keptEntries(unsigned module) const;
  /// Entry `entry` takes the properties of the standard catalog's `kept`.
  void copyEntry(Index entry, Index kept);
  std::optional<Index> resolveEntry(const ast::QualifiedName &name, const Scope &scope);

  // Values.
  std::optional<Value> evaluate(const ast::Expr &expr, const Scope &scope,
                                const AttributeSchema *schema = nullptr);
  std::vector<model::Property> evaluateAttributes(llvm::StringRef owner,
                                                  llvm::ArrayRef<ScopedItems> sources,
                                                  SourceRange element,
                                                  const std::string &elementName);
  model::PropertySpan commit(std::vector<model::Property> properties);
  Index zoneOf(const std::vector<model::Property> &properties) const;

  // Structure.
  void elaborateTopLevel(unsigned module);
  void elaborateStructure(const ast::StructureItem &structure, Index parent,
                          const Scope &scope);
  void elaborateRacks(const ast::StructureItem &rack, Index parent, const Scope &scope,
                      uint64_t first, uint64_t count);
  /// The `rack_type` entry a rack's type names, else reports why not.
  std::optional<Index> rackTypeOf(const ast::Expr &written, const Scope &scope);
  void elaborateBody(Index node, llvm::ArrayRef<ScopedItems> sources);
  void elaborateItem(const ast::Item &item, Index node, const Scope &scope);
  bool admit(uint64_t count, Index parent, const ast::StructureItem &structure);
  /// Reports E0320 for a range whose numbers do not fit the model's 32 bits.
  bool fitsRange(const ast::StructureItem &item, uint64_t first, uint64_t count);
  std::optional<std::pair<uint64_t, uint64_t>> bounds(const ast::RangeSpec &range,
                                                      const Scope &scope);
  std::optional<llvm::StringMap<Value>> bindArguments(const ast::Instantiation &call,
                                                      const Scope &caller,
                                                      const ast::TemplateItem *&found,
                                                      unsigned &templateModule);
  bool checkParameter(const ast::Parameter &parameter, const Value &value,
                      const ast::Expr &at, const ast::TemplateItem &tmpl);

  // Blocks, equipment, zones, compliance, schedule.
  void registerNames(llvm::ArrayRef<ScopedItems> sources, Index site);
  void elaborateEquipment(const ast::EquipmentItem &item, Index node, Index block,
                          const Scope &scope);
  void elaborateBlock(const ast::EquipmentItem &item, Index node, const Scope &scope);
  void elaborateZone(const ast::ZoneItem &item, Index zone, const Scope &scope);
  void elaborateSchedule(const ast::ScheduleItem &item, Index node, const Scope &scope);
  model::ScheduleTask elaborateTask(const ast::TaskItem &item, const Scope &scope);
  /// Reports E0319: `where` is "in a hall; …" or "at the top level …".
  void notAllowed(const ast::Item &item, llvm::StringRef where);
  std::string placeOf(Index node) const;
};

/// `345 kW` where a voltage is expected: "did you mean `345 kV`?", with the
/// unit's replacement as the fix-it, when a literal's unit is one letter (or
/// its case) away from a unit of the attribute's dimension.
void suggestUnit(Diagnostic &d, const AttributeSchema &schema, const ast::Expr &value) {
  const auto *literal = llvm::dyn_cast<ast::NumberExpr>(&value);
  if (schema.type != AttributeType::Quantity || !literal || literal->unit.empty())
    return;
  if (std::optional<llvm::StringRef> unit = closestUnitOf(literal->unit, schema.dimension);
      unit && *unit != literal->unit)
    d.note("did you mean `" + literal->spelling.str() + " " + unit->str() + "`?")
        .fix(literal->unitRange, unit->str());
}

/// Names in an attribute value, a template argument or a range bound: the
/// template's parameters, then constants, catalog entries declared in the
/// design's files, zones and named blocks of the site; words of the
/// attribute's vocabulary; `module.entry` for standard catalog entries.
class DesignNames : public NameResolver {
public:
  DesignNames(Elaborator &elaborator, const Scope &scope, const AttributeSchema *schema)
      : e_(elaborator), scope_(scope), schema_(schema) {}

  std::optional<Value> resolveName(const ast::NameExpr &name) override {
    llvm::StringRef text = name.name().text();
    bool isWord = schema_ && schema_->type == AttributeType::Symbols;
    if (isWord && llvm::is_contained(vocabulary(), text))
      return Value{model::Symbol{text.str()}};
    if (scope_.parameters)
      if (auto found = scope_.parameters->find(text); found != scope_.parameters->end())
        return found->second;
    std::vector<unsigned> visible = e_.graph_.visibleModules(scope_.module);
    for (unsigned module : visible)
      if (e_.constants_.declares(module, text)) {
        const Value *value = e_.constants_.valueOf(module, text);
        return value ? std::optional<Value>(*value) : std::nullopt;
      }
    for (unsigned module : visible)
      if (auto found = e_.components_[module].find(text); found != e_.components_[module].end())
        return Value{model::Reference{model::Reference::Kind::CatalogEntry, found->second}};
    if (std::optional<Index> zone = find(e_.siteZones_, e_.topZones_, text))
      return Value{model::Reference{model::Reference::Kind::Zone, *zone}};
    if (std::optional<Index> block = find(e_.siteBlocks_, e_.topBlocks_, text))
      return Value{model::Reference{model::Reference::Kind::Block, *block}};
    if (isWord) // not in the vocabulary: the schema check says which words are
      return Value{model::Symbol{text.str()}};
    Diagnostic &d = e_.diagnostics_.report(DiagCode::E0302, name.range,
                                           "unknown name `" + text.str() + "`");
    if (std::optional<std::string> best = closestName(text, candidates(visible)))
      d.note("did you mean `" + *best + "`?");
    return std::nullopt;
  }

  std::optional<Value> resolveMember(const ast::MemberExpr &member, ExprEvaluator &) override {
    const auto *base = llvm::dyn_cast<ast::NameExpr>(member.base);
    if (base)
      for (const Import &import : e_.graph_.modules[scope_.module].imports)
        if (import.isStandard() && import.alias() == base->name().text()) {
          const llvm::StringMap<Index> &entries = e_.components_[import.module];
          const ast::Identifier entryName = member.member();
          if (auto found = entries.find(entryName.text()); found != entries.end())
            return Value{model::Reference{model::Reference::Kind::CatalogEntry, found->second}};
          Diagnostic &d = e_.diagnostics_.report(
              DiagCode::E0302, entryName.range,
              "`" + e_.graph_.modules[import.module].name + "` has no entry `" +
                  entryName.text().str() + "`");
          std::vector<llvm::StringRef> names;
          for (const auto &entry : entries)
            names.push_back(entry.first());
          if (std::optional<std::string> best = closestName(entryName.text(), names))
            d.note("did you mean `" + base->name().text().str() + "." + *best + "`?");
          return std::nullopt;
        }
    e_.diagnostics_.report(DiagCode::E0302, member.range,
                           "`" + (base ? base->name().text().str() : std::string("this")) +
                               "` is not an imported catalog module; a value names a "
                               "catalog entry as `module.entry` after `import std.catalog.module;`");
    return std::nullopt;
  }

private:
  Elaborator &e_;
  const Scope &scope_;
  const AttributeSchema *schema_;

  std::vector<llvm::StringRef> vocabulary() const {
    llvm::SmallVector<llvm::StringRef, 16> words;
    schema_->vocabulary.split(words, ' ', -1, false);
    return {words.begin(), words.end()};
  }

  std::optional<Index> find(const llvm::DenseMap<Index, llvm::StringMap<Index>> &perSite,
                            const llvm::StringMap<Index> &top, llvm::StringRef text) const {
    if (scope_.site != NoIndex) // (NoIndex is DenseMap's empty key)
      if (auto site = perSite.find(scope_.site); site != perSite.end())
        if (auto found = site->second.find(text); found != site->second.end())
          return found->second;
    if (auto found = top.find(text); found != top.end())
      return found->second;
    return std::nullopt;
  }

  std::vector<llvm::StringRef> candidates(llvm::ArrayRef<unsigned> visible) const {
    std::vector<llvm::StringRef> names;
    if (scope_.parameters)
      for (const auto &parameter : *scope_.parameters)
        names.push_back(parameter.first());
    for (unsigned module : visible) {
      llvm::append_range(names, e_.constants_.namesIn(module));
      for (const auto &entry : e_.components_[module])
        names.push_back(entry.first());
    }
    for (const auto *table : {&e_.siteZones_, &e_.siteBlocks_})
      if (scope_.site != NoIndex)
        if (auto site = table->find(scope_.site); site != table->end())
          for (const auto &entry : site->second)
            names.push_back(entry.first());
    for (const auto *table : {&e_.topZones_, &e_.topBlocks_})
      for (const auto &entry : *table)
        names.push_back(entry.first());
    return names;
  }
};

model::Design Elaborator::run() {
  collectCatalog();
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    for (const ast::Item *item : graph_.modules[module].ast->items)
      if (const auto *tmpl = llvm::dyn_cast<ast::TemplateItem>(item))
        templates_[module].try_emplace(tmpl->name.text(), tmpl);
  // Zones and named blocks at the top level of a file are seen from every site.
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    if (!graph_.modules[module].isStandard)
      registerNames({{graph_.modules[module].ast->items, Scope{module}}}, NoIndex);
  reserveForWrittenStructures();
  for (unsigned module = 0; module < graph_.modules.size() && !stopped_; ++module)
    if (!graph_.modules[module].isStandard)
      elaborateTopLevel(module);
  return std::move(design_);
}

// A design written out in full has a node per structure and a rack run per
// rack it writes. Grown by doubling, the rack runs of a dense 15 MB design
// (13 MB of them) would need their old and new buffers at once while the
// syntax is still alive: that was the peak of the whole check. Counted by
// the parser as it made them (ast::File::written), they are allocated once.
// A template's structures are counted once however many times it is
// instantiated; the vectors grow past the count then, as before.
void Elaborator::reserveForWrittenStructures() {
  ast::WrittenStructures written;
  for (const Module &module : graph_.modules)
    if (!module.isStandard)
      written += module.ast->written;
  design_.rackRuns.reserve(written.racks);
  design_.nodes.reserve(written.structures);
}

// --- Catalog -----------------------------------------------------------------

void Elaborator::collectCatalog() {
  llvm::ArrayRef<llvm::StringRef> kinds = componentKinds();
  std::vector<std::pair<const ast::ComponentItem *, unsigned>> entries;
  for (unsigned module = 0; module < graph_.modules.size(); ++module) {
    const Module &source = graph_.modules[module];
    // A kept module's entries are of known kinds (keeping them reported
    // nothing) and named as the standard catalog names them.
    const StandardCatalog::Module *kept = keptEntries(module);
    firstEntry_[module] = static_cast<Index>(design_.catalog.size());
    for (const ast::Item *item : source.ast->items) {
      const auto *component = llvm::dyn_cast<ast::ComponentItem>(item);
      if (!component)
        continue;
      llvm::StringRef kind = component->componentKind.text();
      if (!kept && !llvm::is_contained(kinds, kind)) {
        Diagnostic &d = diagnostics_.report(DiagCode::E0318, component->componentKind.range,
                                            "unknown component kind `" + kind.str() + "`");
        if (std::optional<std::string> best = closestName(kind, kinds))
          d.note("did you mean `" + *best + "`?");
        continue;
      }
      Index index = static_cast<Index>(design_.catalog.size());
      if (!components_[module].try_emplace(component->name.text(), index).second)
        continue; // a duplicate, reported by the name checks
      entries.push_back({component, module});
      if (kept) {
        const model::CatalogEntry &entry =
            standard_->entries().catalog[kept->first + (index - firstEntry_[module])];
        design_.catalog.push_back({entry.kind, entry.qualifiedName, entry.range, {}});
        continue;
      }
      std::string name = component->name.text().str();
      if (source.isStandard)
        name = llvm::StringRef(source.name).rsplit('.').second.str() + "." + name;
      design_.catalog.push_back({design_.save(kind), design_.save(name),
                                 component->name.range, {}});
    }
  }
  // Room for the kept entries' properties at once, not by doubling as the
  // copies come (each doubling moves every property copied before).
  size_t keptProperties = 0;
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    if (const StandardCatalog::Module *kept = keptEntries(module))
      keptProperties += standard_->entries().catalog[kept->end - 1].properties.end -
                        standard_->entries().catalog[kept->first].properties.first;
  design_.properties.reserve(keptProperties);
  for (Index entry = 0; entry < entries.size(); ++entry) {
    unsigned module = entries[entry].second;
    if (const StandardCatalog::Module *kept = keptEntries(module))
      copyEntry(entry, kept->first + (entry - firstEntry_[module]));
    else
      evaluateEntry(entry, *entries[entry].first, module);
  }
}

const StandardCatalog::Module *Elaborator::keptEntries(unsigned module) const {
  return standard_ ? standard_->find(graph_.modules[module]) : nullptr;
}

void Elaborator::copyEntry(Index entry, Index kept) {
  const model::Design &standard = standard_->entries();
  llvm::ArrayRef<model::Property> properties =
      standard.propertiesOf(standard.catalog[kept].properties);
  // Copied in place: no vector of its own to move from (commit).
  auto first = static_cast<Index>(design_.properties.size());
  design_.properties.insert(design_.properties.end(), properties.begin(), properties.end());
  design_.catalog[entry].properties = {first, static_cast<Index>(design_.properties.size())};
}

void Elaborator::evaluateEntry(Index entry, const ast::ComponentItem &component,
                               unsigned module) {
  llvm::StringRef kind = component.componentKind.text();
  std::string what = "`" + kind.str() + "` entry `" + component.name.text().str() + "`";
  Scope scope{module};
  std::vector<model::Property> properties =
      evaluateAttributes(kind, {{component.body.items, scope}}, component.name.range, what);
  for (const ast::Item *item : component.body.items) {
    const auto *block = llvm::dyn_cast<ast::EquipmentItem>(item);
    std::string owner = block ? (kind + "." + block->equipmentKind.text()).str() : "";
    if (llvm::isa<ast::AttributeItem>(item))
      continue;
    if (!block || !isOwner(owner) || block->hasReference || block->count ||
        block->redundancy || !block->body) {
      notAllowed(*item, "in a catalog entry; it holds attributes" +
                            std::string(isOwner((kind + ".oci").str()) ? " and an `oci { }` block" : ""));
      continue;
    }
    for (model::Property &property :
         evaluateAttributes(owner, {{block->body->items, scope}}, block->range,
                            "the `" + block->equipmentKind.text().str() + "` block of " + what)) {
      property.name = design_.save(block->equipmentKind.text().str() + "." + property.name.str());
      properties.push_back(std::move(property));
    }
  }
  design_.catalog[entry].properties = commit(std::move(properties));
}

std::optional<Index> Elaborator::resolveEntry(const ast::QualifiedName &name,
                                              const Scope &scope) {
  if (name.parts.size() == 2) {
    for (const Import &import : graph_.modules[scope.module].imports)
      if (import.isStandard() && import.alias() == name.parts[0].text())
        if (auto found = components_[import.module].find(name.parts[1].text());
            found != components_[import.module].end())
          return found->second;
    return std::nullopt; // reported by the catalog reference check
  }
  if (name.parts.size() == 1)
    for (unsigned module : graph_.visibleModules(scope.module))
      if (auto found = components_[module].find(name.parts[0].text());
          found != components_[module].end())
        return found->second;
  diagnostics_.report(DiagCode::E0302, name.range,
                      "unknown catalog entry `" + joined(name) +
                          "`; name a standard entry as `module.entry` or an entry declared in "
                          "this file or a file it imports");
  return std::nullopt;
}

// --- Values ------------------------------------------------------------------

std::optional<Value> Elaborator::evaluate(const ast::Expr &expr, const Scope &scope,
                                          const AttributeSchema *schema) {
  DesignNames names(*this, scope, schema);
  return expressions_.evaluate(expr, names);
}

std::vector<model::Property> Elaborator::evaluateAttributes(llvm::StringRef owner,
                                                            llvm::ArrayRef<ScopedItems> sources,
                                                            SourceRange element,
                                                            const std::string &elementName) {
  std::vector<model::Property> properties;
  // The names written in any source (even if the value failed: not
  // "missing"); one written again in a later source overrides it. A name
  // written twice in one source is checkDuplicates' E0301, reported before
  // elaboration. SmallSet searches its first 32 names linearly, allocating
  // nothing (a catalog entry's attributes, evaluated again by every
  // compilation that imports the catalog), and the rest in a tree, so that a
  // wildcard block's thousands of names (`crews { … }`) cost n log n, not n².
  llvm::SmallSet<llvm::StringRef, 32> given;
  for (const ScopedItems &source : sources) {
    for (const ast::Item *item : source.items) {
      const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(item);
      if (!attribute)
        continue;
      llvm::StringRef name = attribute->name.text();
      const AttributeSchema *schema = findAttribute(owner, name);
      if (!schema) {
        Diagnostic &d = diagnostics_.report(
            DiagCode::E0315, attribute->name.range,
            "`" + name.str() + "` is not an attribute of " + elementName);
        std::vector<llvm::StringRef> known;
        for (const AttributeSchema &candidate : attributesOf(owner))
          known.push_back(candidate.name);
        if (std::optional<std::string> best = closestName(name, known))
          d.note("did you mean `" + *best + "`?");
        continue;
      }
      // Set by an earlier source: the template, overridden by its instance.
      bool overrides = !given.insert(name).second;
      std::optional<Value> value = evaluate(*attribute->value, source.scope, schema);
      if (!value)
        continue;
      if (std::optional<SchemaViolation> violation = checkValue(*schema, *value)) {
        Diagnostic &d = diagnostics_.report(violation->kind == SchemaViolation::Kind::OutOfRange
                                                ? DiagCode::E0307
                                                : DiagCode::E0316,
                                            attribute->value->range, violation->message);
        if (violation->kind == SchemaViolation::Kind::WrongType)
          suggestUnit(d, *schema, *attribute->value);
        continue;
      }
      if (schema->type == AttributeType::EntryRef) {
        const model::CatalogEntry &entry = design_.catalog[value->reference()->index];
        if (entry.kind != schema->vocabulary) {
          diagnostics_
              .report(DiagCode::E0316, attribute->value->range,
                      "`" + name.str() + "` of " + elementName + " is " +
                          describeSchema(*schema) + "; `" + entry.qualifiedName.str() +
                          "` is a `" + entry.kind.str() + "`")
              .note(entry.range, "`" + entry.qualifiedName.str() + "` is declared here");
          continue;
        }
      }
      // A template instance's own block overrides the template's value.
      // A wildcard schema (`crews { civil = 20; }`) keeps the written name.
      llvm::StringRef propertyName = schema->name == "*" ? design_.save(name) : schema->name;
      model::Property property{propertyName, std::move(*value), attribute->value->range, false};
      auto previous = overrides ? llvm::find_if(properties,
                                                [&](const model::Property &property) {
                                                  return property.name == propertyName;
                                                })
                                : properties.end();
      if (previous != properties.end())
        *previous = std::move(property);
      else
        properties.push_back(std::move(property));
    }
  }
  std::vector<const AttributeSchema *> missing;
  for (const AttributeSchema &schema : attributesOf(owner)) {
    if (schema.name == "*" || given.count(schema.name))
      continue;
    if (schema.required)
      missing.push_back(&schema);
    else if (std::optional<Value> value = defaultValue(schema))
      properties.push_back({schema.name, std::move(*value), element, true});
  }
  if (!missing.empty()) {
    std::string names;
    for (const AttributeSchema *schema : missing)
      names += (names.empty() ? "`" : ", `") + schema->name.str() + "`";
    Diagnostic &d = diagnostics_.report(DiagCode::E0317, element,
                                        elementName + " needs " + names);
    for (const AttributeSchema *schema : missing)
      d.note("`" + schema->name.str() + "` is " + describeSchema(*schema));
  }
  return properties;
}

model::PropertySpan Elaborator::commit(std::vector<model::Property> properties) {
  model::PropertySpan span{static_cast<Index>(design_.properties.size()), 0};
  for (model::Property &property : properties)
    design_.properties.push_back(std::move(property));
  span.end = static_cast<Index>(design_.properties.size());
  return span;
}

Index Elaborator::zoneOf(const std::vector<model::Property> &properties) const {
  for (const model::Property &property : properties)
    if (property.name == "zone")
      if (const model::Reference *reference = property.value.reference())
        return reference->index;
  return NoIndex;
}

// --- Structure ---------------------------------------------------------------

void Elaborator::elaborateTopLevel(unsigned module) {
  Scope scope{module};
  for (const ast::Item *item : graph_.modules[module].ast->items) {
    if (stopped_)
      return;
    switch (item->kind) {
    case ast::ItemKind::Import:
    case ast::ItemKind::Const:
    case ast::ItemKind::Component:
    case ast::ItemKind::Template:
    case ast::ItemKind::Ruleset:
    case ast::ItemKind::Rule:
      break; // declarations: evaluated where they are used
    case ast::ItemKind::Structure:
      elaborateStructure(*llvm::cast<ast::StructureItem>(item), NoIndex, scope);
      break;
    case ast::ItemKind::Attribute:
      notAllowed(*item, "at the top level of a file; attributes belong in a block");
      break;
    default:
      elaborateItem(*item, NoIndex, scope);
    }
  }
}

/// Counts the instances a range adds: `count` in each replica of `parent`.
/// The model stores the range once, but the design stands for every
/// instance, and outputs that name each one (schedule tasks, `--expand`)
/// grow with them.
bool Elaborator::admit(uint64_t count, Index parent, const ast::StructureItem &structure) {
  uint64_t parentInstances = parent == NoIndex ? 1 : design_.nodes[parent].instances;
  uint64_t added = 0;
  uint64_t total = 0;
  bool tooMany = __builtin_mul_overflow(count, parentInstances, &added);
  if (!tooMany && !__builtin_add_overflow(instances_, added, &total) &&
      total <= limits_.maxInstances) {
    instances_ = total;
    return true;
  }
  std::string adds = tooMany ? "more than " + units::withSeparators(UINT64_MAX)
                             : units::withSeparators(added);
  diagnostics_
      .report(DiagCode::E0320, structure.replication ? structure.replication->range
                                                     : structure.name.range,
              "the design expands to more than " + units::withSeparators(limits_.maxInstances) +
                  " structures and racks here (" + units::withSeparators(instances_) +
                  " so far, and this " + structureLevelName(structure.level).str() + " adds " +
                  adds + ")")
      .note("raise the limit with `--max-instances N` if the design is meant to be this large");
  stopped_ = true;
  return false;
}

std::optional<std::pair<uint64_t, uint64_t>> Elaborator::bounds(const ast::RangeSpec &range,
                                                                const Scope &scope) {
  if (!scope.parameters) // outside templates: checked with the constants
    return constants_.rangeBounds(range);
  return checkRangeBounds(range, evaluate(*range.low, scope), evaluate(*range.high, scope),
                          diagnostics_);
}

void Elaborator::elaborateStructure(const ast::StructureItem &structure, Index parent,
                                    const Scope &scope) {
  if (structure.instantiation) {
    llvm::StringRef name = structure.instantiation->templateName.text();
    auto self = llvm::find_if(templateStack_, [&](const ast::TemplateItem *outer) {
      return outer->name.text() == name;
    });
    if (self != templateStack_.end()) {
      std::string chain;
      for (auto it = self; it != templateStack_.end(); ++it)
        chain += "`" + (*it)->name.text().str() + "` → ";
      diagnostics_
          .report(DiagCode::E0321, structure.instantiation->range,
                  "template `" + name.str() + "` instantiates itself (" + chain + "`" +
                      name.str() + "`); templates do not recurse, use a range instead")
          .note((*self)->name.range, "template declared here");
      return;
    }
  }
  model::Level level = levelOf(structure.level);
  llvm::StringRef levelText = ast::structureLevelName(structure.level);
  if (parent != NoIndex && level <= design_.nodes[parent].level) {
    llvm::StringRef parentLevel = model::levelName(design_.nodes[parent].level);
    diagnostics_.report(DiagCode::E0319, structure.name.range,
                        "a " + levelText.str() + " cannot be inside a " + parentLevel.str() +
                            "; the hierarchy is site > building > hall > row > rack");
    return;
  }
  uint64_t first = 1, count = 1;
  if (structure.replication) {
    std::optional<std::pair<uint64_t, uint64_t>> range = bounds(*structure.replication, scope);
    if (!range)
      return;
    first = range->first;
    count = range->second - range->first + 1;
  }
  if (level == model::Level::Rack) {
    elaborateRacks(structure, parent, scope, first, count);
    return;
  }
  if (structure.rackType) {
    diagnostics_.report(DiagCode::E0319, structure.rackType->range,
                        "only racks take a rack type; a " + levelText.str() + " does not");
    return;
  }
  if (!admit(count, parent, structure) || !fitsRange(structure, first, count))
    return;

  const ast::TemplateItem *tmpl = nullptr;
  unsigned templateModule = 0;
  std::optional<llvm::StringMap<Value>> arguments;
  if (structure.instantiation) {
    arguments = bindArguments(*structure.instantiation, scope, tmpl, templateModule);
    if (!arguments)
      return;
  }

  // The replicas of a range are identical but for their names (same
  // template, arguments and body), so the range is elaborated once: one node
  // standing for `count` replicas.
  Index node = static_cast<Index>(design_.nodes.size());
  uint64_t instances = count * (parent == NoIndex ? 1 : design_.nodes[parent].instances);
  design_.nodes.push_back({level, parent, 0, static_cast<Index>(design_.rackRuns.size()), 0,
                           NoIndex, design_.save(structure.name.text()),
                           static_cast<uint32_t>(first), static_cast<uint32_t>(count),
                           structure.replication != nullptr, instances, structure.name.range,
                           {}});
  Scope inner = scope;
  if (level == model::Level::Site)
    inner.site = node;
  llvm::SmallVector<ScopedItems, 2> sources;
  if (tmpl) {
    templateStack_.push_back(tmpl);
    sources.push_back({tmpl->body.items, Scope{templateModule, &*arguments, inner.site}});
  }
  if (structure.body)
    sources.push_back({structure.body->items, inner});
  model::NodeScope replicas(diagnostics_, design_, node);
  elaborateBody(node, sources);
  if (tmpl)
    templateStack_.pop_back();
  design_.nodes[node].subtreeEnd = static_cast<Index>(design_.nodes.size());
  design_.nodes[node].rackRunEnd = static_cast<Index>(design_.rackRuns.size());
}

bool Elaborator::fitsRange(const ast::StructureItem &item, uint64_t first, uint64_t count) {
  if (count <= UINT32_MAX && first <= UINT32_MAX - count)
    return true;
  diagnostics_.report(DiagCode::E0320, item.replication->range,
                      "a range numbers at most 4,294,967,295 " +
                          structureLevelName(item.level).str() + "s; split it into several ranges");
  stopped_ = true;
  return false;
}

void Elaborator::elaborateRacks(const ast::StructureItem &rack, Index parent,
                                const Scope &scope, uint64_t first, uint64_t count) {
  // How messages name the rack; made only for one (an explicit design has a
  // rack line per rack).
  auto what = [&] { return "rack `" + rack.name.text().str() + "`"; };
  if (rack.instantiation) {
    diagnostics_.report(DiagCode::E0319, rack.instantiation->range,
                        "a rack is not a template instance; give its type as `rack " +
                            rack.name.text().str() + " : TYPE;` and use a template for its row");
    return;
  }
  if (!rack.rackType) {
    diagnostics_.report(DiagCode::E0317, rack.name.range,
                        what() + " needs a rack type: `rack " + rack.name.text().str() +
                            " : nvidia.gb200_nvl72;`");
    return;
  }
  std::optional<Index> type = rackTypeOf(*rack.rackType, scope);
  if (!type)
    return;
  if (!admit(count, parent, rack) || !fitsRange(rack, first, count))
    return;
  std::vector<model::Property> properties;
  if (rack.body) {
    properties = evaluateAttributes("rack", {{rack.body->items, scope}}, rack.name.range, what());
    for (const ast::Item *item : rack.body->items)
      if (!llvm::isa<ast::AttributeItem>(item))
        notAllowed(*item, "in a rack; a rack holds attributes only");
  }
  design_.rackRuns.push_back({parent, *type, design_.intern(rack.name.text()),
                              static_cast<uint32_t>(first), static_cast<uint32_t>(count),
                              rack.replication != nullptr, rack.name.range,
                              commit(std::move(properties))});
}

/// Whether two expressions are the same name as written: `a` and `a`, or
/// `a.b` and `a.b`.
bool sameName(const ast::Expr &a, const ast::Expr &b) {
  if (a.kind != b.kind)
    return false;
  if (const auto *name = llvm::dyn_cast<ast::NameExpr>(&a))
    return name->name().text() == llvm::cast<ast::NameExpr>(b).name().text();
  if (const auto *member = llvm::dyn_cast<ast::MemberExpr>(&a)) {
    const auto &other = llvm::cast<ast::MemberExpr>(b);
    return member->member().text() == other.member().text() &&
           sameName(*member->base, *other.base);
  }
  return false;
}

std::optional<Index> Elaborator::rackTypeOf(const ast::Expr &written, const Scope &scope) {
  // Not in a template's body: its scope's arguments live as long as one
  // instance, and the next one's may take their place at the same address.
  bool reusable = scope.parameters == nullptr;
  if (reusable)
    for (auto read = recentRackTypes_.begin(); read != recentRackTypes_.end() && read->written;
         ++read)
      if (read->scope.module == scope.module && read->scope.site == scope.site &&
          sameName(*read->written, written)) {
        std::rotate(recentRackTypes_.begin(), read, read + 1);
        return recentRackTypes_.front().entry;
      }
  std::optional<Value> type = evaluate(written, scope);
  if (!type)
    return std::nullopt;
  const model::Reference *reference = type->reference();
  if (!reference || reference->kind != model::Reference::Kind::CatalogEntry) {
    diagnostics_.report(DiagCode::E0316, written.range,
                        "a rack's type is a `rack_type` catalog entry; this is " +
                            describe(*type));
    return std::nullopt;
  }
  const model::CatalogEntry &entry = design_.catalog[reference->index];
  if (entry.kind != "rack_type") {
    diagnostics_.report(DiagCode::E0322, written.range,
                        "`" + entry.qualifiedName.str() + "` is a `" + entry.kind.str() +
                            "`, not a `rack_type`");
    return std::nullopt;
  }
  if (reusable) {
    std::rotate(recentRackTypes_.begin(), recentRackTypes_.end() - 1, recentRackTypes_.end());
    recentRackTypes_.front() = {&written, scope, reference->index};
  }
  return reference->index;
}

void Elaborator::elaborateBody(Index node, llvm::ArrayRef<ScopedItems> sources) {
  model::Level level = design_.nodes[node].level;
  if (level == model::Level::Site)
    registerNames(sources, node);
  std::string what = model::levelName(level).str() + " `" + design_.runName(node) + "`";
  std::vector<model::Property> properties =
      evaluateAttributes(model::levelName(level), sources, design_.nodes[node].range, what);
  design_.nodes[node].zone = zoneOf(properties);
  design_.nodes[node].properties = commit(std::move(properties));
  for (const ScopedItems &source : sources)
    for (const ast::Item *item : source.items) {
      if (stopped_)
        return;
      if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(item))
        elaborateStructure(*structure, node, source.scope);
      else if (!llvm::isa<ast::AttributeItem>(item))
        elaborateItem(*item, node, source.scope);
    }
}

/// Items other than attributes and structures, in a structure or at the top
/// level (node NoIndex).
void Elaborator::elaborateItem(const ast::Item &item, Index node, const Scope &scope) {
  bool inSite = node != NoIndex && design_.nodes[node].level == model::Level::Site;
  bool siteOrTop = node == NoIndex || inSite;
  switch (item.kind) {
  case ast::ItemKind::Equipment:
    elaborateEquipment(llvm::cast<ast::EquipmentItem>(item), node, NoIndex, scope);
    return;
  case ast::ItemKind::Zone: {
    if (!siteOrTop) {
      notAllowed(item, "in a " + model::levelName(design_.nodes[node].level).str() +
                           "; zones are declared in a site or at the top level");
      return;
    }
    auto found = registered_.find(&item);
    if (found != registered_.end())
      elaborateZone(llvm::cast<ast::ZoneItem>(item), found->second, scope);
    return;
  }
  case ast::ItemKind::Comply: {
    if (!siteOrTop) {
      notAllowed(item, "in a " + model::levelName(design_.nodes[node].level).str() +
                           "; `comply` goes in a site or at the top level");
      return;
    }
    const auto &comply = llvm::cast<ast::ComplyItem>(item);
    model::Compliance compliance{node, {}, {}};
    for (const ast::QualifiedName &pack : comply.packs) {
      compliance.packs.push_back(design_.save(joined(pack)));
      compliance.ranges.push_back(pack.range);
    }
    design_.compliance.push_back(std::move(compliance));
    return;
  }
  case ast::ItemKind::Schedule: {
    // A building's or hall's schedule (also in a template: every replica
    // gets it) names the tasks below its structure.
    bool buildingOrHall = !siteOrTop && (design_.nodes[node].level == model::Level::Building ||
                                         design_.nodes[node].level == model::Level::Hall);
    if (!siteOrTop && !buildingOrHall) {
      notAllowed(item, "in a " + model::levelName(design_.nodes[node].level).str() +
                           "; a schedule goes in a site, building or hall, or at the top level");
      return;
    }
    elaborateSchedule(llvm::cast<ast::ScheduleItem>(item), node, scope);
    return;
  }
  case ast::ItemKind::Ruleset:
  case ast::ItemKind::Rule:
  case ast::ItemKind::Import: // reported by the module loader
    return;
  case ast::ItemKind::Const:
  case ast::ItemKind::Component:
  case ast::ItemKind::Template:
    notAllowed(item, placeOf(node) + "; constants, catalog entries and templates are declared "
                                     "at the top level of a file");
    return;
  case ast::ItemKind::Task:
  case ast::ItemKind::Link:
  case ast::ItemKind::Preorder:
    notAllowed(item, placeOf(node) + "; tasks, links and preorders go in a `schedule { }` block");
    return;
  case ast::ItemKind::Structure:
  case ast::ItemKind::Attribute:
    return; // elaborated by the caller
  }
}

std::optional<llvm::StringMap<Value>>
Elaborator::bindArguments(const ast::Instantiation &call, const Scope &caller,
                          const ast::TemplateItem *&found, unsigned &templateModule) {
  for (unsigned module : graph_.visibleModules(caller.module))
    if (auto tmpl = templates_[module].find(call.templateName.text());
        tmpl != templates_[module].end()) {
      found = tmpl->second;
      templateModule = module;
      break;
    }
  if (!found)
    return std::nullopt; // reported by the template call check
  llvm::ArrayRef<ast::Parameter> parameters = found->parameters;
  std::vector<const ast::Expr *> given(parameters.size(), nullptr);
  size_t positional = 0;
  for (const ast::Argument &argument : call.arguments) {
    if (!argument.hasName) {
      if (positional < given.size())
        given[positional++] = argument.value;
      continue;
    }
    for (size_t i = 0; i < parameters.size(); ++i)
      if (parameters[i].name.text() == argument.name.text())
        given[i] = argument.value;
  }
  llvm::StringMap<Value> bound;
  bool valid = true;
  for (size_t i = 0; i < parameters.size(); ++i) {
    const ast::Expr *value = given[i] ? given[i] : parameters[i].defaultValue;
    if (!value) {
      valid = false; // reported by the template call check
      continue;
    }
    // Arguments are evaluated where the template is called; defaults in the
    // template, where earlier parameters are visible.
    std::optional<Value> result =
        given[i] ? evaluate(*value, caller)
                 : evaluate(*value, Scope{templateModule, &bound, caller.site});
    if (!result || !checkParameter(parameters[i], *result, *value, *found)) {
      valid = false;
      continue;
    }
    bound.try_emplace(parameters[i].name.text(), std::move(*result));
  }
  if (!valid)
    return std::nullopt;
  return bound;
}

bool Elaborator::checkParameter(const ast::Parameter &parameter, const Value &value,
                                const ast::Expr &at, const ast::TemplateItem &tmpl) {
  llvm::StringRef type = parameter.type.text();
  bool matches = false;
  if (std::optional<ValueType> valueType = findValueType(type)) {
    matches = hasType(value, *valueType);
  } else if (type == "zone") {
    matches = value.reference() && value.reference()->kind == model::Reference::Kind::Zone;
  } else if (llvm::is_contained(componentKinds(), type)) {
    const model::Reference *reference = value.reference();
    matches = reference && reference->kind == model::Reference::Kind::CatalogEntry &&
              design_.catalog[reference->index].kind == type;
  } else {
    Diagnostic &d = diagnostics_.report(
        DiagCode::E0310, parameter.type.range,
        "`" + type.str() + "` is not a parameter type; parameters hold values (`int`, "
        "`number`, `power`, `string`, …), zones (`zone`) and catalog entries of a kind "
        "(`rack_type`, `ups`, …)");
    std::vector<llvm::StringRef> kinds = {"zone"};
    llvm::append_range(kinds, componentKinds());
    if (std::optional<std::string> best = closestTypeName(type, kinds))
      d.note("did you mean `" + *best + "`?");
    return false;
  }
  if (matches)
    return true;
  std::string got = describe(value);
  if (const model::Reference *reference = value.reference())
    if (reference->kind == model::Reference::Kind::CatalogEntry)
      got = "`" + design_.catalog[reference->index].qualifiedName.str() + "`, a `" +
            design_.catalog[reference->index].kind.str() + "`";
  diagnostics_
      .report(DiagCode::E0311, at.range,
              "parameter `" + parameter.name.text().str() + "` of `" + tmpl.name.text().str() +
                  "` is declared `" + type.str() + "`, but this is " + got)
      .note(parameter.type.range, "type declared here");
  return false;
}

// --- Blocks, equipment, zones ------------------------------------------------

void Elaborator::registerNames(llvm::ArrayRef<ScopedItems> sources, Index site) {
  llvm::StringMap<Index> &zones = site == NoIndex ? topZones_ : siteZones_[site];
  llvm::StringMap<Index> &blocks = site == NoIndex ? topBlocks_ : siteBlocks_[site];
  for (const ScopedItems &source : sources)
    for (const ast::Item *item : source.items) {
      if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(item)) {
        Index index = static_cast<Index>(design_.zones.size());
        design_.zones.push_back({zone->name.text(), site, NoIndex, zone->name.range, {}});
        zones.try_emplace(zone->name.text(), index);
        registered_[zone] = index;
      } else if (const auto *block = llvm::dyn_cast<ast::EquipmentItem>(item)) {
        if (!isBlockKind(block->equipmentKind.text()) || !block->hasReference ||
            block->reference.parts.size() != 1)
          continue;
        Index index = static_cast<Index>(design_.blocks.size());
        design_.blocks.push_back({block->equipmentKind.text(), block->reference.parts[0].text(), site,
                                  NoIndex, block->range, {}});
        blocks.try_emplace(block->reference.parts[0].text(), index);
        registered_[block] = index;
      }
    }
}

void Elaborator::elaborateEquipment(const ast::EquipmentItem &item, Index node, Index block,
                                    const Scope &scope) {
  llvm::StringRef kind = item.equipmentKind.text();
  if (isBlockKind(kind)) {
    if (block != NoIndex) {
      notAllowed(item, "in another block; blocks hold attributes and equipment lines");
      return;
    }
    elaborateBlock(item, node, scope);
    return;
  }
  if (!llvm::is_contained(componentKinds(), kind)) {
    Diagnostic &d = diagnostics_.report(DiagCode::E0318, item.equipmentKind.range,
                                        "unknown equipment kind `" + kind.str() + "`");
    std::vector<llvm::StringRef> kinds = componentKinds().vec();
    kinds.insert(kinds.end(), {"power", "cooling", "utility", "substation", "oci"});
    if (std::optional<std::string> best = closestName(kind, kinds))
      d.note("did you mean `" + *best + "`?");
    return;
  }
  if (!item.hasReference) {
    diagnostics_.report(DiagCode::E0317, item.equipmentKind.range,
                        "`" + kind.str() + "` needs a catalog entry, as in `" + kind.str() +
                            " power.ups_1250kw * auto;`");
    return;
  }
  std::optional<Index> entry = resolveEntry(item.reference, scope);
  if (!entry)
    return;
  const model::CatalogEntry &catalogEntry = design_.catalog[*entry];
  if (catalogEntry.kind != kind) {
    diagnostics_.report(DiagCode::E0322, item.reference.range,
                        "`" + catalogEntry.qualifiedName.str() + "` is a `" +
                            catalogEntry.kind.str() + "`, not a `" + kind.str() + "`");
    return;
  }
  model::EquipmentGroup group{};
  group.kind = catalogEntry.kind;
  group.entry = *entry;
  group.node = node;
  group.block = block;
  group.range = item.range;
  group.autoCount = !item.count || item.count->isAuto;
  if (item.count) {
    group.countRange = item.count->range;
    if (!item.count->isAuto) {
      std::optional<Value> count = evaluate(*item.count->count, scope);
      if (!count)
        return;
      const units::Quantity *number = count->quantity();
      if (!number || number->dimension != units::dimensions::Ratio ||
          number->value.denominator() != 1 || number->value.isNegative() ||
          number->value.numerator() > UINT32_MAX) {
        diagnostics_.report(DiagCode::E0316, item.count->count->range,
                            "a count of equipment is a whole number, 0 or more; this is " +
                                (number ? units::format(*number) : describe(*count)));
        return;
      }
      group.count = static_cast<uint64_t>(number->value.numerator());
    }
  }
  if (item.redundancy) {
    group.hasRedundancy = true;
    group.redundancy = {item.redundancy->factor, item.redundancy->spare,
                        item.redundancy->sparePerSide, item.redundancy->share,
                        item.redundancy->catcher};
    group.redundancyRange = item.redundancy->range;
  }
  std::vector<model::Property> properties;
  if (item.body) {
    properties = evaluateAttributes("equipment", {{item.body->items, scope}}, item.range,
                                    "`" + kind.str() + "` equipment");
    for (const ast::Item *nested : item.body->items)
      if (!llvm::isa<ast::AttributeItem>(nested))
        notAllowed(*nested, "in an equipment line; its block holds attributes only");
  }
  group.zone = zoneOf(properties);
  if (group.zone == NoIndex && block != NoIndex)
    group.zone = design_.blocks[block].zone;
  group.properties = commit(std::move(properties));
  design_.equipment.push_back(std::move(group));
}

void Elaborator::elaborateBlock(const ast::EquipmentItem &item, Index node, const Scope &scope) {
  llvm::StringRef kind = item.equipmentKind.text();
  bool inSite = node != NoIndex && design_.nodes[node].level == model::Level::Site;
  if (isSiteBlockKind(kind) && node != NoIndex && !inSite) {
    notAllowed(item, "in a " + model::levelName(design_.nodes[node].level).str() + "; `" +
                         kind.str() + "` belongs in a site");
    return;
  }
  if (node != NoIndex && design_.nodes[node].level == model::Level::Row) {
    notAllowed(item, "in a row; `" + kind.str() + "` serves a hall, building or site");
    return;
  }
  if (item.count || item.redundancy) {
    diagnostics_.report(DiagCode::E0319,
                        item.count ? item.count->range : item.redundancy->range,
                        "`" + kind.str() + "` is a block; counts and redundancy go on the "
                        "equipment lines inside it");
    return;
  }
  if (item.hasReference && item.reference.parts.size() != 1) {
    diagnostics_.report(DiagCode::E0319, item.reference.range,
                        "a `" + kind.str() + "` block takes a plain name, not `" +
                            joined(item.reference) + "`");
    return;
  }
  Index index;
  if (auto found = registered_.find(&item); found != registered_.end()) {
    index = found->second;
  } else {
    index = static_cast<Index>(design_.blocks.size());
    design_.blocks.push_back({kind, item.hasReference ? item.reference.parts[0].text() : "",
                              node, NoIndex, item.range, {}});
  }
  std::string owner = kind == "oci" ? "site.oci" : kind.str();
  std::string what = "the `" + kind.str() + "` block";
  llvm::ArrayRef<const ast::Item *> items;
  if (item.body)
    items = item.body->items;
  std::vector<model::Property> properties =
      evaluateAttributes(owner, {{items, scope}}, item.range, what);
  design_.blocks[index].zone = zoneOf(properties);
  design_.blocks[index].properties = commit(std::move(properties));
  for (const ast::Item *nested : items) {
    if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(nested))
      elaborateEquipment(*equipment, node, index, scope);
    else if (!llvm::isa<ast::AttributeItem>(nested))
      notAllowed(*nested, "in " + what + "; it holds attributes and equipment lines");
  }
}

void Elaborator::elaborateZone(const ast::ZoneItem &item, Index zone, const Scope &scope) {
  std::vector<model::Property> properties = evaluateAttributes(
      "zone", {{item.body.items, scope}}, item.name.range, "zone `" + item.name.text().str() + "`");
  design_.zones[zone].inside = NoIndex;
  for (const model::Property &property : properties)
    if (property.name == "inside" && property.value.reference())
      design_.zones[zone].inside = property.value.reference()->index;
  design_.zones[zone].properties = commit(std::move(properties));
  for (const ast::Item *nested : item.body.items)
    if (!llvm::isa<ast::AttributeItem>(nested))
      notAllowed(*nested, "in a zone; a zone holds attributes only");
}

// --- Schedule ----------------------------------------------------------------

void Elaborator::elaborateSchedule(const ast::ScheduleItem &item, Index node,
                                   const Scope &scope) {
  model::Schedule schedule{node, item.range, {}, {}, {}, {}};
  // The calendar, crews and preorders are the site's; a building's or hall's
  // schedule holds tasks and milestones only.
  bool local = node != NoIndex && design_.nodes[node].level != model::Level::Site;
  std::string localPlace =
      local ? "in a " + model::levelName(design_.nodes[node].level).str() +
                  "'s schedule; the calendar, crews and preorders belong in the site's schedule"
            : "";
  if (!local)
    schedule.properties = commit(
        evaluateAttributes("schedule", {{item.body.items, scope}}, item.range, "the schedule"));
  for (const ast::Item *nested : item.body.items) {
    if (local && !llvm::isa<ast::TaskItem>(nested)) {
      notAllowed(*nested, localPlace);
      continue;
    }
    if (const auto *crews = llvm::dyn_cast<ast::EquipmentItem>(nested);
        crews && crews->equipmentKind.text() == "crews" && !crews->hasReference && crews->body) {
      schedule.crews = evaluateAttributes("crews", {{crews->body->items, scope}}, crews->range,
                                          "the crews");
    } else if (const auto *task = llvm::dyn_cast<ast::TaskItem>(nested)) {
      schedule.tasks.push_back(elaborateTask(*task, scope));
    } else if (const auto *preorder = llvm::dyn_cast<ast::PreorderItem>(nested)) {
      std::optional<Index> entry = resolveEntry(preorder->component, scope);
      std::optional<Value> date = evaluate(*preorder->date, scope);
      if (date && !std::holds_alternative<model::Date>(date->data)) {
        diagnostics_.report(DiagCode::E0316, preorder->date->range,
                            "a preorder's date is a date such as `2024-03-01`; this is " +
                                describe(*date));
        continue;
      }
      if (entry && date)
        schedule.preorders.push_back({*entry, std::get<model::Date>(date->data), preorder->range});
    } else if (!llvm::isa<ast::AttributeItem>(nested)) {
      notAllowed(*nested, "in a schedule; it holds attributes, `crews { }`, tasks, milestones and "
                          "preorders");
    }
  }
  design_.schedules.push_back(std::move(schedule));
}

model::ScheduleTask Elaborator::elaborateTask(const ast::TaskItem &item, const Scope &scope) {
  model::ScheduleTask task{design_.save(item.name.text()), item.isMilestone, item.name.range, {},
                           {}};
  llvm::StringRef owner = item.isMilestone ? "milestone" : "task";
  std::string what = owner.str() + " `" + item.name.text().str() + "`";
  llvm::ArrayRef<const ast::Item *> items;
  if (item.body)
    items = item.body->items;
  task.properties = commit(evaluateAttributes(owner, {{items, scope}}, item.name.range, what));
  for (const ast::Item *nested : items) {
    const auto *link = llvm::dyn_cast<ast::LinkItem>(nested);
    if (!link) {
      if (!llvm::isa<ast::AttributeItem>(nested))
        notAllowed(*nested, "in a " + owner.str() + "; it holds attributes and links");
      continue;
    }
    for (const ast::LinkTarget &target : link->targets) {
      model::ScheduleLink result{design_.save(joined(target.task)), link->isBefore, "FS", false,
                                 units::Quantity{}, target.task.range};
      if (target.hasType) {
        llvm::StringRef type = target.type.text();
        if (type != "FS" && type != "SS" && type != "FF" && type != "SF") {
          diagnostics_.report(DiagCode::E0316, target.type.range,
                              "a link type is FS, SS, FF or SF (finish-to-start, …); this is `" +
                                  type.str() + "`");
          continue;
        }
        result.type = type;
      }
      if (target.lag) {
        std::optional<Value> lag = evaluate(*target.lag, scope);
        if (!lag)
          continue;
        const units::Quantity *duration = lag->quantity();
        if (!duration || duration->dimension != units::dimensions::Duration) {
          diagnostics_.report(DiagCode::E0316, target.lag->range,
                              "a link's lag is a duration such as `7 d`; this is " +
                                  describe(*lag));
          continue;
        }
        result.hasLag = true;
        result.lag = target.lagIsNegative ? units::negate(*duration) : *duration;
      }
      task.links.push_back(std::move(result));
    }
  }
  return task;
}

std::string Elaborator::placeOf(Index node) const {
  if (node == NoIndex)
    return "at the top level of a file";
  return "in a " + model::levelName(design_.nodes[node].level).str();
}

void Elaborator::notAllowed(const ast::Item &item, llvm::StringRef where) {
  std::string what;
  switch (item.kind) {
  case ast::ItemKind::Import: what = "an import"; break;
  case ast::ItemKind::Const: what = "a constant"; break;
  case ast::ItemKind::Component: what = "a catalog entry"; break;
  case ast::ItemKind::Template: what = "a template"; break;
  case ast::ItemKind::Structure:
    what = "a " + ast::structureLevelName(llvm::cast<ast::StructureItem>(item).level).str();
    break;
  case ast::ItemKind::Zone: what = "a zone"; break;
  case ast::ItemKind::Comply: what = "`comply`"; break;
  case ast::ItemKind::Ruleset: what = "a ruleset"; break;
  case ast::ItemKind::Rule: what = "a rule"; break;
  case ast::ItemKind::Schedule: what = "a schedule"; break;
  case ast::ItemKind::Task: what = "a task"; break;
  case ast::ItemKind::Link: what = "a link"; break;
  case ast::ItemKind::Preorder: what = "a preorder"; break;
  case ast::ItemKind::Attribute: what = "an attribute"; break;
  case ast::ItemKind::Equipment:
    what = "`" + llvm::cast<ast::EquipmentItem>(item).equipmentKind.text().str() + "`";
    break;
  }
  diagnostics_.report(DiagCode::E0319, item.range, what + " is not allowed " + where.str());
}

} // namespace

model::Design elaborate(const ModuleGraph &graph, ConstEvaluator &constants,
                        const ElaborationLimits &limits, DiagnosticEngine &diagnostics,
                        const StandardCatalog *standard) {
  return Elaborator(graph, constants, limits, diagnostics, standard).run();
}

} // namespace sgd::sema
