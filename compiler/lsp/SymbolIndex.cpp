#include "lsp/SymbolIndex.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Casting.h"

#include <map>

namespace sgd::lsp {

using Names = std::map<std::string, uint32_t, std::less<>>;

struct SymbolIndex::Builder {
  SymbolIndex &index;
  const sema::ModuleGraph &graph;
  std::vector<Names> topLevel;     // per module: what its top level declares
  std::vector<Names> structures;   // per module: structures at any depth
  std::vector<uint32_t> moduleSymbols;
  std::map<const ast::Item *, uint32_t> byItem; // declarations other than parameters
  unsigned module = 0;
  std::vector<const Names *> scopes; // innermost first, then the file's
  const Names *schedule = nullptr;

  Builder(SymbolIndex &index, const sema::ModuleGraph &graph) : index(index), graph(graph) {}

  uint32_t add(Symbol::Kind kind, const ast::Identifier &name, const ast::Item *item) {
    index.symbols_.push_back({kind, name.text().str(), name.range, item, module});
    auto id = static_cast<uint32_t>(index.symbols_.size() - 1);
    if (item && kind != Symbol::Kind::Parameter)
      byItem.emplace(item, id);
    return id;
  }

  void refer(SourceRange range, uint32_t symbol) {
    if (range.isValid())
      index.references_.push_back({range, symbol});
  }

  void run() {
    for (unsigned m = 0; m < graph.modules.size(); ++m) {
      module = m;
      const sema::Module &mod = graph.modules[m];
      index.symbols_.push_back({Symbol::Kind::Module, mod.name, {mod.file, 0, 0}, nullptr, m});
      moduleSymbols.push_back(static_cast<uint32_t>(index.symbols_.size() - 1));
    }
    topLevel.resize(graph.modules.size());
    structures.resize(graph.modules.size());
    for (unsigned m = 0; m < graph.modules.size(); ++m) {
      module = m;
      for (const ast::Item *item : graph.modules[m].ast->items)
        declareTopLevel(*item);
    }
    for (unsigned m = 0; m < graph.modules.size(); ++m) {
      module = m;
      Names file;
      for (unsigned visible : graph.visibleModules(m))
        for (const auto &[name, symbol] : topLevel[visible])
          file.emplace(name, symbol);
      scopes = {&file};
      schedule = nullptr;
      walkItems(graph.modules[m].ast->items);
    }
  }

  void declareTopLevel(const ast::Item &item) {
    using llvm::dyn_cast;
    Names &names = topLevel[module];
    if (const auto *constant = dyn_cast<ast::ConstItem>(&item))
      names.emplace(constant->name.text().str(), add(Symbol::Kind::Constant, constant->name, &item));
    else if (const auto *entry = dyn_cast<ast::ComponentItem>(&item))
      names.emplace(entry->name.text().str(), add(Symbol::Kind::CatalogEntry, entry->name, &item));
    else if (const auto *tmpl = dyn_cast<ast::TemplateItem>(&item))
      names.emplace(tmpl->name.text().str(), declareTemplate(*tmpl));
    else if (const auto *zone = dyn_cast<ast::ZoneItem>(&item))
      names.emplace(zone->name.text().str(), add(Symbol::Kind::Zone, zone->name, &item));
    else if (const auto *ruleset = dyn_cast<ast::RulesetItem>(&item))
      names.emplace(ruleset->name.text().str(), add(Symbol::Kind::Ruleset, ruleset->name, &item));
  }

  // A template and, right after it, its parameters (named arguments of
  // instances in other files refer to them).
  uint32_t declareTemplate(const ast::TemplateItem &tmpl) {
    uint32_t symbol = add(Symbol::Kind::Template, tmpl.name, &tmpl);
    for (const ast::Parameter &parameter : tmpl.parameters)
      add(Symbol::Kind::Parameter, parameter.name, &tmpl);
    return symbol;
  }

  // The parameters of the template whose symbol is `tmpl`, by name.
  Names parametersOf(uint32_t tmpl) const {
    Names parameters;
    for (uint32_t i = tmpl + 1; i < index.symbols_.size() &&
                                index.symbols_[i].kind == Symbol::Kind::Parameter &&
                                index.symbols_[i].item == index.symbols_[tmpl].item;
         ++i)
      parameters.emplace(index.symbols_[i].name, i);
    return parameters;
  }

  // The symbol a declared top-level item got in declareTopLevel().
  std::optional<uint32_t> declared(const ast::Item &item) const {
    auto found = byItem.find(&item);
    return found == byItem.end() ? std::nullopt : std::optional<uint32_t>(found->second);
  }

  std::optional<uint32_t> lookup(llvm::StringRef name) const {
    for (const Names *scope : scopes)
      if (auto found = scope->find(name); found != scope->end())
        return found->second;
    return std::nullopt;
  }

  // The standard module that `alias` names in this module (`power`).
  std::optional<unsigned> standardModule(llvm::StringRef alias) const {
    for (const sema::Import &import : graph.modules[module].imports)
      if (import.isStandard() && import.alias() == alias)
        return import.module;
    return std::nullopt;
  }

  // `power.ups_1250kw` or `pod_network_rack`: a catalog entry, if it is one.
  std::optional<uint32_t> catalogEntry(const ast::QualifiedName &name) {
    if (name.parts.size() == 2) {
      std::optional<unsigned> target = standardModule(name.parts[0].text());
      if (!target)
        return std::nullopt;
      refer(name.parts[0].range, moduleSymbols[*target]);
      auto found = topLevel[*target].find(name.parts[1].text());
      if (found == topLevel[*target].end() ||
          index.symbols_[found->second].kind != Symbol::Kind::CatalogEntry)
        return std::nullopt;
      refer(name.parts[1].range, found->second);
      return found->second;
    }
    if (name.parts.size() == 1)
      if (std::optional<uint32_t> symbol = lookup(name.parts[0].text());
          symbol && index.symbols_[*symbol].kind == Symbol::Kind::CatalogEntry) {
        refer(name.parts[0].range, *symbol);
        return symbol;
      }
    return std::nullopt;
  }

  // Zones and named blocks declared directly in a block: visible in it.
  Names blockNames(llvm::ArrayRef<const ast::Item *> items) {
    Names names;
    for (const ast::Item *item : items) {
      if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(item)) {
        std::optional<uint32_t> known = declared(*item);
        names.emplace(zone->name.text().str(),
                      known ? *known : add(Symbol::Kind::Zone, zone->name, item));
      } else if (const auto *block = llvm::dyn_cast<ast::EquipmentItem>(item)) {
        if (block->hasReference && block->body && block->reference.parts.size() == 1 &&
            !lookupEntry(block->reference.parts[0].text()))
          names.emplace(block->reference.parts[0].text().str(),
                        add(Symbol::Kind::Block, block->reference.parts[0], item));
      }
    }
    return names;
  }

  bool lookupEntry(llvm::StringRef name) const {
    std::optional<uint32_t> symbol = lookup(name);
    return symbol && index.symbols_[*symbol].kind == Symbol::Kind::CatalogEntry;
  }

  void walkItems(llvm::ArrayRef<const ast::Item *> items) {
    Names local = blockNames(items);
    scopes.insert(scopes.begin(), &local);
    for (const ast::Item *item : items)
      walkItem(*item);
    scopes.erase(scopes.begin());
  }

  void walkItem(const ast::Item &item) {
    using llvm::dyn_cast;
    if (const auto *import = dyn_cast<ast::ImportItem>(&item)) {
      for (const sema::Import &resolved : graph.modules[module].imports)
        if (resolved.item == import)
          refer(import->isFile ? import->pathRange : import->module.range,
                moduleSymbols[resolved.module]);
    } else if (const auto *constant = dyn_cast<ast::ConstItem>(&item)) {
      if (!declared(item))
        add(Symbol::Kind::Constant, constant->name, &item);
      walkExpr(constant->value);
    } else if (const auto *entry = dyn_cast<ast::ComponentItem>(&item)) {
      if (!declared(item))
        add(Symbol::Kind::CatalogEntry, entry->name, &item);
      walkItems(entry->body.items);
    } else if (const auto *tmpl = dyn_cast<ast::TemplateItem>(&item)) {
      std::optional<uint32_t> symbol = declared(item);
      Names parameters = parametersOf(symbol ? *symbol : declareTemplate(*tmpl));
      for (const ast::Parameter &parameter : tmpl->parameters)
        walkExpr(parameter.defaultValue);
      scopes.insert(scopes.begin(), &parameters);
      walkItems(tmpl->body.items);
      scopes.erase(scopes.begin());
    } else if (const auto *structure = dyn_cast<ast::StructureItem>(&item)) {
      uint32_t symbol = add(Symbol::Kind::Structure, structure->name, &item);
      structures[module].emplace(structure->name.text().str(), symbol);
      if (structure->replication) {
        walkExpr(structure->replication->low);
        walkExpr(structure->replication->high);
      }
      if (const ast::Instantiation *instance = structure->instantiation) {
        std::optional<uint32_t> tmpl = lookup(instance->templateName.text());
        if (tmpl && index.symbols_[*tmpl].kind == Symbol::Kind::Template) {
          refer(instance->templateName.range, *tmpl);
          // Named arguments name the template's parameters.
          Names parameters = parametersOf(*tmpl);
          for (const ast::Argument &argument : instance->arguments)
            if (auto found = parameters.find(argument.name.text());
                argument.hasName && found != parameters.end())
              refer(argument.name.range, found->second);
        }
        for (const ast::Argument &argument : instance->arguments)
          walkExpr(argument.value);
      }
      walkExpr(structure->rackType);
      if (structure->body)
        walkItems(structure->body->items);
    } else if (const auto *zone = dyn_cast<ast::ZoneItem>(&item)) {
      walkItems(zone->body.items);
    } else if (const auto *comply = dyn_cast<ast::ComplyItem>(&item)) {
      for (const ast::QualifiedName &pack : comply->packs)
        if (pack.parts.size() == 1)
          for (const Names &names : topLevel)
            if (auto found = names.find(pack.parts[0].text());
                found != names.end() && index.symbols_[found->second].kind == Symbol::Kind::Ruleset)
              refer(pack.range, found->second);
    } else if (const auto *ruleset = dyn_cast<ast::RulesetItem>(&item)) {
      if (!declared(item))
        add(Symbol::Kind::Ruleset, ruleset->name, &item);
      walkItems(ruleset->body.items);
    } else if (const auto *rule = dyn_cast<ast::RuleItem>(&item)) {
      for (const ast::RuleClause &clause : rule->clauses)
        walkExpr(clause.condition);
    } else if (const auto *scheduleItem = dyn_cast<ast::ScheduleItem>(&item)) {
      Names tasks;
      for (const ast::Item *inner : scheduleItem->body.items)
        if (const auto *task = dyn_cast<ast::TaskItem>(inner))
          tasks.emplace(task->name.text().str(), add(Symbol::Kind::Task, task->name, inner));
      const Names *outer = schedule;
      schedule = &tasks;
      walkItems(scheduleItem->body.items);
      schedule = outer;
    } else if (const auto *task = dyn_cast<ast::TaskItem>(&item)) {
      if (task->body)
        walkItems(task->body->items);
    } else if (const auto *link = dyn_cast<ast::LinkItem>(&item)) {
      for (const ast::LinkTarget &target : link->targets) {
        linkTarget(target.task);
        walkExpr(target.lag);
      }
    } else if (const auto *preorder = dyn_cast<ast::PreorderItem>(&item)) {
      catalogEntry(preorder->component);
    } else if (const auto *attribute = dyn_cast<ast::AttributeItem>(&item)) {
      walkExpr(attribute->value);
    } else if (const auto *equipment = dyn_cast<ast::EquipmentItem>(&item)) {
      if (equipment->hasReference)
        catalogEntry(equipment->reference);
      if (equipment->count)
        walkExpr(equipment->count->count);
      if (equipment->body)
        walkItems(equipment->body->items);
    }
  }

  // `site_works`: a task of the schedule; `b3.shell`: a task generated for
  // the structure `b3`, a replica of `building b[1..8]`.
  void linkTarget(const ast::QualifiedName &task) {
    const ast::Identifier &first = task.parts.front();
    if (task.parts.size() == 1 && schedule)
      if (auto found = schedule->find(first.text()); found != schedule->end()) {
        refer(first.range, found->second);
        return;
      }
    llvm::StringRef name = first.text();
    for (const Names &names : structures) {
      auto found = names.find(name);
      if (found == names.end())
        found = names.find(name.rtrim("0123456789"));
      if (found != names.end()) {
        refer(first.range, found->second);
        return;
      }
    }
  }

  void walkExpr(const ast::Expr *expr) {
    if (!expr)
      return;
    using llvm::cast;
    switch (expr->kind) {
    case ast::ExprKind::Name: {
      const auto &name = cast<ast::NameExpr>(*expr);
      if (std::optional<uint32_t> symbol = lookup(name.name().text()))
        refer(name.name().range, *symbol);
      return;
    }
    case ast::ExprKind::Member: {
      const auto &member = cast<ast::MemberExpr>(*expr);
      if (const auto *base = llvm::dyn_cast<ast::NameExpr>(member.base))
        if (!lookup(base->name().text()) && standardModule(base->name().text())) {
          const ast::Identifier parts[] = {base->name(), member.member()};
          catalogEntry(ast::QualifiedName{parts, member.range});
          return;
        }
      walkExpr(member.base);
      return;
    }
    case ast::ExprKind::List:
      for (const ast::Expr *element : cast<ast::ListExpr>(*expr).elements)
        walkExpr(element);
      return;
    case ast::ExprKind::Call: {
      const auto &call = cast<ast::CallExpr>(*expr);
      walkExpr(call.callee);
      for (const ast::Argument &argument : call.arguments)
        walkExpr(argument.value);
      return;
    }
    case ast::ExprKind::Index:
      walkExpr(cast<ast::IndexExpr>(*expr).base);
      walkExpr(cast<ast::IndexExpr>(*expr).index);
      return;
    case ast::ExprKind::Unary:
      walkExpr(cast<ast::UnaryExpr>(*expr).operand);
      return;
    case ast::ExprKind::Binary:
      walkExpr(cast<ast::BinaryExpr>(*expr).lhs);
      walkExpr(cast<ast::BinaryExpr>(*expr).rhs);
      return;
    case ast::ExprKind::If:
      walkExpr(cast<ast::IfExpr>(*expr).condition);
      walkExpr(cast<ast::IfExpr>(*expr).thenValue);
      walkExpr(cast<ast::IfExpr>(*expr).elseValue);
      return;
    case ast::ExprKind::Lambda:
      walkExpr(cast<ast::LambdaExpr>(*expr).body);
      return;
    default:
      return;
    }
  }
};

SymbolIndex::SymbolIndex(const sema::ModuleGraph &graph) : graph_(graph) {
  Builder(*this, graph).run();
}

std::optional<uint32_t> SymbolIndex::symbolAt(FileId file, uint32_t offset) const {
  auto covers = [&](SourceRange range) {
    return range.file == file && range.begin <= offset && offset <= range.end &&
           range.end > range.begin;
  };
  for (const Reference &reference : references_)
    if (covers(reference.range))
      return reference.symbol;
  for (uint32_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i].kind != Symbol::Kind::Module && covers(symbols_[i].nameRange))
      return i;
  return std::nullopt;
}

std::vector<SourceRange> SymbolIndex::uses(uint32_t symbol, bool withDeclaration) const {
  std::vector<SourceRange> ranges;
  if (withDeclaration && symbols_[symbol].kind != Symbol::Kind::Module)
    ranges.push_back(symbols_[symbol].nameRange);
  for (const Reference &reference : references_)
    if (reference.symbol == symbol)
      ranges.push_back(reference.range);
  return ranges;
}

std::vector<SymbolIndex::Visible> SymbolIndex::visible(unsigned module, Symbol::Kind kind) const {
  std::vector<Visible> result;
  for (unsigned visible : graph_.visibleModules(module))
    for (uint32_t i = 0; i < symbols_.size(); ++i)
      if (symbols_[i].module == visible && symbols_[i].kind == kind)
        result.push_back({symbols_[i].name, i});
  return result;
}

std::vector<SymbolIndex::Visible> SymbolIndex::visibleEntries(unsigned module) const {
  std::vector<Visible> result = visible(module, Symbol::Kind::CatalogEntry);
  for (const sema::Import &import : graph_.modules[module].imports)
    if (import.isStandard())
      for (uint32_t i = 0; i < symbols_.size(); ++i)
        if (symbols_[i].module == import.module && symbols_[i].kind == Symbol::Kind::CatalogEntry)
          result.push_back({import.alias().str() + "." + symbols_[i].name, i});
  return result;
}

} // namespace sgd::lsp
