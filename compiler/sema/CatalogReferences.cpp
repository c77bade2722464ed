#include "sema/CatalogReferences.h"

#include "sema/Suggestion.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Casting.h"

#include <utility>

namespace sgd::sema {
namespace {

class CatalogChecker {
public:
  CatalogChecker(const ModuleGraph &graph, const ModuleSearch &search,
                 DiagnosticEngine &diagnostics)
      : graph_(graph), search_(search), diagnostics_(diagnostics) {}

  void checkModule(const Module &module) {
    for (const Import &import : module.imports)
      if (import.isStandard())
        aliases_[import.alias()] = &graph_.modules[import.module];
    fileStart_ = SourceRange{module.file, 0, 0};
    lastFound_ = {};
    checkItems(module.ast->items);
  }

private:
  const ModuleGraph &graph_;
  const ModuleSearch &search_;
  DiagnosticEngine &diagnostics_;
  llvm::StringMap<const Module *> aliases_;
  // Unknown or unimported module names already reported in this file: once
  // per name, not once per reference.
  llvm::StringSet<> reportedModules_;
  SourceRange fileStart_;
  // The reference found last (module name, entry name) in this file: rows of
  // racks name one entry line after line, each of which was a linear search
  // of the module's items.
  std::pair<llvm::StringRef, llvm::StringRef> lastFound_;

  void checkItems(llvm::ArrayRef<const ast::Item *> items) {
    ast::forEachItem(items, [&](const ast::Item &item) {
      if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(&item);
          equipment && equipment->hasReference && equipment->reference.parts.size() == 2)
        check(equipment->reference.parts[0], equipment->reference.parts[1]);
      if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(&item))
        if (const auto *member = llvm::dyn_cast_or_null<ast::MemberExpr>(structure->rackType))
          if (const auto *base = llvm::dyn_cast<ast::NameExpr>(member->base))
            check(base->name(), member->member());
      if (const auto *preorder = llvm::dyn_cast<ast::PreorderItem>(&item);
          preorder && preorder->component.parts.size() == 2)
        check(preorder->component.parts[0], preorder->component.parts[1]);
    });
  }

  void check(const ast::Identifier &moduleName, const ast::Identifier &entry) {
    if (!lastFound_.first.empty() && lastFound_.first == moduleName.text() &&
        lastFound_.second == entry.text())
      return;
    auto alias = aliases_.find(moduleName.text());
    if (alias == aliases_.end()) {
      reportUnimported(moduleName);
      return;
    }
    llvm::ArrayRef<const ast::Item *> items = alias->second->ast->items;
    auto isEntry = [&](const ast::Item *item) {
      const auto *component = llvm::dyn_cast<ast::ComponentItem>(item);
      return component && component->name.text() == entry.text();
    };
    // Found at once on every line that names an entry; the names for a
    // suggestion are gathered only when it is not.
    if (llvm::any_of(items, isEntry)) {
      lastFound_ = {moduleName.text(), entry.text()};
      return;
    }
    std::vector<llvm::StringRef> entries;
    for (const ast::Item *item : items)
      if (const auto *component = llvm::dyn_cast<ast::ComponentItem>(item))
        entries.push_back(component->name.text());
    Diagnostic &d = diagnostics_.report(DiagCode::E0302, entry.range,
                                        "`" + moduleName.text().str() + "` has no entry `" +
                                            entry.text().str() + "`");
    if (std::optional<std::string> suggestion = closestName(entry.text(), entries))
      d.note("did you mean `" + moduleName.text().str() + "." + *suggestion + "`?");
  }

  // `cooling.x` without `import std.catalog.cooling;`: name the import.
  void reportUnimported(const ast::Identifier &moduleName) {
    if (!reportedModules_.insert(moduleName.text()).second)
      return;
    if (std::optional<std::string> module = findStandardModule(moduleName.text())) {
      diagnostics_
          .report(DiagCode::E0312, moduleName.range,
                  "`" + moduleName.text().str() + "` is not imported; add `import " + *module +
                      ";` at the top of the file")
          .fix(fileStart_, "import " + *module + ";\n");
      return;
    }
    std::vector<llvm::StringRef> imported;
    for (const auto &alias : aliases_)
      imported.push_back(alias.first());
    Diagnostic &d = diagnostics_.report(
        DiagCode::E0302, moduleName.range,
        "unknown module `" + moduleName.text().str() + "`: catalog entries are written "
        "`module.entry` with a module the file imports");
    if (std::optional<std::string> suggestion = closestName(moduleName.text(), imported))
      d.note("did you mean `" + *suggestion + "`?");
  }

  // The standard module whose last part is `alias` (std.catalog.cooling for
  // `cooling`), the first in sorted order if several match.
  std::optional<std::string> findStandardModule(llvm::StringRef alias) const {
    for (const std::string &name : standardModuleNames(search_))
      if (llvm::StringRef(name).rsplit('.').second == alias)
        return name;
    return std::nullopt;
  }
};

} // namespace

void checkCatalogReferences(const ModuleGraph &graph, const ModuleSearch &search,
                            unsigned module, DiagnosticEngine &diagnostics) {
  CatalogChecker(graph, search, diagnostics).checkModule(graph.modules[module]);
}

} // namespace sgd::sema
