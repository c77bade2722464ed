#include "sema/DuplicateCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Casting.h"

namespace sgd::sema {
namespace {

// Expanding a range beyond this many names is left to the expansion phase,
// which enforces the instance limits.
constexpr uint64_t maxRangeExpansion = 100000;

// Where a name of a scope is first defined.
struct FirstDefinition {
  SourceRange range;
  bool fromRange;
};

std::optional<ast::Identifier> declaredName(const ast::Item &item) {
  using namespace llvm;
  switch (item.kind) {
  case ast::ItemKind::Const: return cast<ast::ConstItem>(item).name;
  case ast::ItemKind::Component: return cast<ast::ComponentItem>(item).name;
  case ast::ItemKind::Template: return cast<ast::TemplateItem>(item).name;
  case ast::ItemKind::Structure: return cast<ast::StructureItem>(item).name;
  case ast::ItemKind::Zone: return cast<ast::ZoneItem>(item).name;
  case ast::ItemKind::Ruleset: return cast<ast::RulesetItem>(item).name;
  case ast::ItemKind::Rule: return cast<ast::RuleItem>(item).name;
  case ast::ItemKind::Task: return cast<ast::TaskItem>(item).name;
  default: return std::nullopt;
  }
}

// The names a scope has defined so far, each with its first definition.
// Most scopes hold a few (an entry's attributes, a hall's rows), and every
// compilation checks the imported standard modules again: a name written in
// the source (which outlives the check) is searched for linearly, without
// the allocation per name of a hash map, up to kLinear of them; the rest,
// and the names a range makes up (`b3` of `b[1..8]`), go to a hash map.
template <typename First> class ScopeNames {
public:
  /// The first definition of `name`, and whether it is this one (`first`,
  /// recorded). `inSource`: `name` is text of the source.
  std::pair<const First *, bool> define(llvm::StringRef name, bool inSource, First first) {
    // Names of a scope often differ only at the end (`k9`, `k10`, `k11`):
    // comparing the last bytes first spares most calls to memcmp.
    auto found = llvm::find_if(linear_, [&](const auto &seen) {
      llvm::StringRef known = seen.first;
      return known.size() == name.size() && (name.empty() || known.back() == name.back()) &&
             known == name;
    });
    if (found != linear_.end())
      return {&found->second, false};
    if (inSource && linear_.size() < kLinear && hashed_.find(name) == hashed_.end()) {
      linear_.push_back({name, first});
      return {&linear_.back().second, true};
    }
    auto [entry, inserted] = hashed_.try_emplace(name, first);
    return {&entry->second, inserted};
  }

private:
  static constexpr unsigned kLinear = 32;
  llvm::SmallVector<std::pair<llvm::StringRef, First>, kLinear> linear_;
  llvm::StringMap<First> hashed_;
};

// Calls `define(name, range, fromRange)` for each name an item defines in
// its scope (without a vector and a string per item: every compilation
// checks the imported standard modules again).
template <typename Define>
void forEachDefinition(const ast::Item &item, const ConstEvaluator &evaluator, Define define) {
  std::optional<ast::Identifier> name = declaredName(item);
  if (!name)
    return;
  const auto *structure = llvm::dyn_cast<ast::StructureItem>(&item);
  if (!structure || !structure->replication) {
    define(name->text(), name->range, false);
    return;
  }
  auto bounds = evaluator.rangeBounds(*structure->replication);
  if (!bounds || bounds->second - bounds->first >= maxRangeExpansion)
    return;
  for (uint64_t index = bounds->first; index <= bounds->second; ++index)
    define(name->text().str() + std::to_string(index), name->range, true);
}

// How a block's owner is named in messages: "site `abilene`", "`power`".
std::string scopeLabel(const ast::Item &item) {
  if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(&item))
    return structureLevelName(structure->level).str() + " `" + structure->name.text().str() + "`";
  if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(&item))
    return "`" + equipment->equipmentKind.text().str() + "`";
  if (llvm::isa<ast::ScheduleItem>(item))
    return "`schedule`";
  std::optional<ast::Identifier> name = declaredName(item);
  return itemKindName(item.kind).str() + " `" + (name ? name->text().str() : "") + "`";
}

class DuplicateChecker {
public:
  DuplicateChecker(const ConstEvaluator &evaluator, DiagnosticEngine &diagnostics)
      : evaluator_(evaluator), diagnostics_(diagnostics) {}

  /// `owner`: the item whose body `items` is; null for a file's items. It
  /// is named (scopeLabel) only in a diagnostic.
  void checkScope(llvm::ArrayRef<const ast::Item *> items, const ast::Item *owner) {
    auto scopeName = [&] { return owner ? scopeLabel(*owner) : std::string("this file"); };
    ScopeNames<FirstDefinition> declarations;
    ScopeNames<SourceRange> attributes;
    for (const ast::Item *item : items) {
      forEachDefinition(*item, evaluator_, [&](llvm::StringRef name, SourceRange range,
                                               bool fromRange) {
        auto [first, inserted] =
            declarations.define(name, !fromRange, FirstDefinition{range, fromRange});
        if (!inserted)
          diagnostics_
              .report(DiagCode::E0301, range,
                      "`" + name.str() + "` is already defined in " + scopeName())
              .note(first->range,
                    first->fromRange ? "first defined here, by this range" : "first defined here");
      });
      if (const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(item)) {
        auto [first, inserted] =
            attributes.define(attribute->name.text(), true, attribute->name.range);
        if (!inserted)
          diagnostics_
              .report(DiagCode::E0301, attribute->name.range,
                      "`" + attribute->name.text().str() + "` is already set in " + scopeName())
              .note(*first, "first set here");
      }
      if (const ast::Block *body = ast::bodyOf(*item))
        checkScope(body->items, item);
    }
  }

private:
  const ConstEvaluator &evaluator_;
  DiagnosticEngine &diagnostics_;
};

} // namespace

void checkDuplicates(const ModuleGraph &graph, const ConstEvaluator &evaluator,
                     DiagnosticEngine &diagnostics, const StandardCatalog *standard) {
  DuplicateChecker checker(evaluator, diagnostics);
  for (const Module &module : graph.modules)
    if (!standard || !standard->find(module))
      checker.checkScope(module.ast->items, nullptr);
}

} // namespace sgd::sema
