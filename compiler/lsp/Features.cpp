#include "lsp/Features.h"

#include "checks/QuantityMath.h"
#include "checks/Summary.h"
#include "model/Aggregates.h"
#include "model/ModelDump.h"
#include "sema/AttributeSchema.h"
#include "syntax/Tokens.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"
#include "units/Unit.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Casting.h"

#include <regex>

namespace sgd::lsp {
namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

// LSP enumerations (the protocol's numbers).
enum SymbolKindNumber { SkModule = 2, SkNamespace = 3, SkPackage = 4, SkClass = 5,
                        SkFunction = 12, SkConstant = 14, SkObject = 19, SkStruct = 23,
                        SkEvent = 24 };
enum CompletionKindNumber { CkVariable = 6, CkClass = 7, CkModule = 9, CkProperty = 10,
                            CkUnit = 11, CkKeyword = 14, CkFunction = 3, CkEnumMember = 20 };

bool covers(SourceRange range, FileId file, uint32_t offset) {
  return range.file == file && range.begin <= offset && offset <= range.end;
}

llvm::StringRef sourceOf(const FileView &view, SourceRange range) {
  return view.result.session->files().text(range.file).slice(range.begin, range.end);
}

// The owner of the attributes of a block (sema/Attributes.def): from the
// block's first word, its name, the kind of an enclosing catalog entry and
// whether a site encloses it.
std::string ownerFor(llvm::StringRef word, llvm::StringRef second, llvm::StringRef entryKind,
                     bool insideSite) {
  if (word == "component")
    return second.str();
  if (word == "template") // the level of its instances: see templateOwner()
    return ("template " + second).str();
  for (llvm::StringRef fixed : {"site", "building", "hall", "row", "rack", "zone", "schedule",
                                "task", "milestone"})
    if (word == fixed)
      return word.str();
  if (!entryKind.empty())
    return (entryKind + "." + word).str();
  if (word == "oci" && insideSite)
    return "site.oci";
  return sema::isOwner(word) ? word.str() : "equipment";
}

// A template's body takes the attributes of what it is instantiated as: the
// level of the structures that name it (`hall h = gpu_hall(…)` makes it a
// hall's). Other owners are returned as they are.
std::string resolveTemplate(const SymbolIndex &index, std::string owner) {
  llvm::StringRef name = owner;
  if (!name.consume_front("template "))
    return owner;
  for (const Symbol &symbol : index.symbols())
    if (symbol.kind == Symbol::Kind::Structure)
      if (const ast::Instantiation *instance =
              llvm::cast<ast::StructureItem>(symbol.item)->instantiation)
        if (instance->templateName.text() == name)
          return ast::structureLevelName(llvm::cast<ast::StructureItem>(symbol.item)->level).str();
  return owner;
}

// The items enclosing `offset`, outermost first, and the innermost item.
struct Enclosing {
  std::vector<const ast::Item *> chain;
};

void findEnclosing(llvm::ArrayRef<const ast::Item *> items, FileId file, uint32_t offset,
                   Enclosing &found) {
  for (const ast::Item *item : items) {
    if (!covers(item->range, file, offset))
      continue;
    found.chain.push_back(item);
    if (const ast::Block *body = ast::bodyOf(*item))
      findEnclosing(body->items, file, offset, found);
    return;
  }
}

// The owner of attributes written directly in `chain.back()`'s block.
std::string ownerOfBlock(llvm::ArrayRef<const ast::Item *> chain) {
  llvm::StringRef entryKind;
  bool insideSite = false;
  std::string owner;
  for (const ast::Item *item : chain) {
    llvm::StringRef word, second;
    if (const auto *entry = llvm::dyn_cast<ast::ComponentItem>(item)) {
      word = "component";
      second = entry->componentKind.text();
    } else if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(item)) {
      word = ast::structureLevelName(structure->level);
    } else if (llvm::isa<ast::ZoneItem>(item)) {
      word = "zone";
    } else if (llvm::isa<ast::ScheduleItem>(item)) {
      word = "schedule";
    } else if (const auto *task = llvm::dyn_cast<ast::TaskItem>(item)) {
      word = task->isMilestone ? "milestone" : "task";
    } else if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(item)) {
      word = equipment->equipmentKind.text();
    } else if (const auto *tmpl = llvm::dyn_cast<ast::TemplateItem>(item)) {
      word = "template";
      second = tmpl->name.text();
    } else {
      word = ast::itemKindName(item->kind);
    }
    owner = ownerFor(word, second, item == chain.front() || owner.find('.') != std::string::npos
                                       ? llvm::StringRef()
                                       : entryKind,
                     insideSite);
    if (llvm::isa<ast::ComponentItem>(item))
      entryKind = llvm::cast<ast::ComponentItem>(item)->componentKind.text();
    if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(item))
      insideSite |= structure->level == ast::StructureLevel::Site;
  }
  return owner;
}

std::string schemaMarkdown(const sema::AttributeSchema &schema) {
  std::string text = "**" + schema.name.str() + "** of `" + schema.owner.str() + "`: " +
                     sema::describeSchema(schema) + "\n\n" + schema.description.str();
  if (schema.required)
    text += "\n\nRequired.";
  else if (!schema.defaultValue.empty())
    text += "\n\nDefault: `" + schema.defaultValue.str() + "`.";
  return text;
}

// The attributes of an item's block as written.
std::string writtenAttributes(const FileView &view, const ast::Block &body) {
  std::string text;
  for (const ast::Item *item : body.items)
    if (const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(item))
      text += "  " + attribute->name.text().str() + " = " +
              sourceOf(view, attribute->value->range).str() + ";\n";
  return text;
}

std::string entryHover(const FileView &view, const Symbol &symbol) {
  const auto *item = llvm::cast<ast::ComponentItem>(symbol.item);
  std::string text = "```sgd\ncomponent " + item->componentKind.text().str() + " " + symbol.name +
                     "\n```\n";
  const model::Design *design = view.result.session->design();
  if (design)
    for (const model::CatalogEntry &entry : design->catalog)
      if (entry.range == symbol.nameRange) {
        text += "`" + entry.qualifiedName.str() + "`, evaluated (defaults in italics):\n\n";
        for (const model::Property &property : design->propertiesOf(entry.properties)) {
          std::string value = model::formatValue(*design, property.value);
          text += "- " + property.name.str() + " = " +
                  (property.isDefault ? "*" + value + "*" : "`" + value + "`") + "\n";
        }
        return text;
      }
  return text + "```sgd\n" + writtenAttributes(view, item->body) + "```\n";
}

std::string structureHover(const FileView &view, const Symbol &symbol) {
  const auto *item = llvm::cast<ast::StructureItem>(symbol.item);
  std::string text = "**" + ast::structureLevelName(item->level).str() + "** `" + symbol.name +
                     "`";
  const model::Design *design = view.result.session->design();
  const checks::DesignAnalysis *analysis = view.result.session->analysis();
  if (!design || !analysis)
    return text + "\n\nThe figures appear once the design checks without errors.";
  std::vector<model::Index> nodes;
  for (model::Index node = 0; node < design->nodes.size(); ++node)
    if (design->nodes[node].range == symbol.nameRange)
      nodes.push_back(node);
  std::vector<model::Index> runs;
  for (model::Index run = 0; run < design->rackRuns.size(); ++run)
    if (design->rackRuns[run].range == symbol.nameRange)
      runs.push_back(run);
  if (!runs.empty()) {
    uint64_t racks = 0;
    for (model::Index run : runs)
      racks += design->racksInDesign(design->rackRuns[run]);
    const model::CatalogEntry &type = design->catalog[design->rackRuns[runs.front()].rackType];
    return text + ": " + units::withSeparators(racks) + " racks of `" +
           type.qualifiedName.str() + "` in the design";
  }
  if (nodes.empty())
    return text + "\n\nNot part of the checked design (a template's, expanded where it is used).";
  // A range is one node standing for its replicas (docs/architecture.md); a
  // template's structure is one node per place it is used.
  model::Index first = nodes.front();
  uint64_t instances = 0;
  for (model::Index node : nodes)
    instances += design->nodes[node].instances;
  model::Replica firstReplica{first, 0};
  model::Replica lastReplica{nodes.back(), design->nodes[nodes.back()].instances - 1};
  if (instances > 1)
    text += " — " + units::withSeparators(instances) + " instances (" +
            design->pathOf(firstReplica) + " … " + design->pathOf(lastReplica) +
            "); figures of " + design->pathOf(firstReplica);
  else
    text += " (" + design->pathOf(firstReplica) + ")";
  model::RackTotals totals = model::rackTotals(*design, first);
  text += "\n\n- racks: " + units::withSeparators(totals.racks);
  for (const auto &[entry, count] : totals.racksByType)
    text += (entry == totals.racksByType.begin()->first ? " (" : ", ") +
            units::withSeparators(count) + " × " + design->catalog[entry].qualifiedName.str();
  if (!totals.racksByType.empty())
    text += ")";
  text += "\n- GPUs: " + units::withSeparators(totals.gpus);
  text += "\n- " + checks::figuresLine(analysis->nodes[first]);
  std::string equipment;
  for (model::Index line = 0; line < analysis->equipment.size(); ++line)
    if (design->equipment[line].node == first)
      equipment += "\n- " + checks::equipmentLine(*design, line, analysis->equipment[line]);
  if (!equipment.empty())
    text += "\n\nEquipment:" + equipment;
  if (instances > 1) {
    uint64_t racks = 0;
    units::Quantity it = checks::times(analysis->nodes[first].itPower, design->nodes[first].instances);
    for (size_t i = 0; i < nodes.size(); ++i) {
      uint64_t replicas = design->nodes[nodes[i]].instances;
      racks += model::rackTotals(*design, nodes[i]).racks * replicas;
      if (i > 0)
        it = checks::plus(it, checks::times(analysis->nodes[nodes[i]].itPower, replicas));
    }
    text += "\n\nAll " + units::withSeparators(instances) + ": " +
            units::withSeparators(racks) + " racks, IT load " + units::format(it);
  }
  return text;
}

std::string symbolHover(const FileView &view, const Symbol &symbol) {
  auto declaration = [&](SourceRange range) {
    return "```sgd\n" + sourceOf(view, range).str() + "\n```";
  };
  switch (symbol.kind) {
  case Symbol::Kind::CatalogEntry:
    return entryHover(view, symbol);
  case Symbol::Kind::Structure:
    return structureHover(view, symbol);
  case Symbol::Kind::Constant:
    return declaration(symbol.item->range);
  case Symbol::Kind::Template: {
    const auto *tmpl = llvm::cast<ast::TemplateItem>(symbol.item);
    return declaration({tmpl->range.file, tmpl->range.begin, tmpl->body.range.begin}) ;
  }
  case Symbol::Kind::Parameter: {
    for (const ast::Parameter &parameter :
         llvm::cast<ast::TemplateItem>(symbol.item)->parameters)
      if (parameter.name.range == symbol.nameRange)
        return "parameter `" + symbol.name + ": " + parameter.type.text().str() + "` of template `" +
               llvm::cast<ast::TemplateItem>(symbol.item)->name.text().str() + "`";
    return "";
  }
  case Symbol::Kind::Zone: {
    const auto *zone = llvm::cast<ast::ZoneItem>(symbol.item);
    return "```sgd\nzone " + symbol.name + " {\n" + writtenAttributes(view, zone->body) + "}\n```";
  }
  case Symbol::Kind::Module:
    return "module `" + symbol.name + "`";
  case Symbol::Kind::Task:
    return (llvm::cast<ast::TaskItem>(symbol.item)->isMilestone ? "milestone `" : "task `") +
           symbol.name + "`";
  case Symbol::Kind::Block:
    return "`" + llvm::cast<ast::EquipmentItem>(symbol.item)->equipmentKind.text().str() + " " +
           symbol.name + "`";
  case Symbol::Kind::Ruleset:
    return "rule pack `" + symbol.name + "`";
  }
  return "";
}

Value markdown(std::string text, const FileView &view, SourceRange range) {
  return Object{{"contents", Object{{"kind", "markdown"}, {"value", std::move(text)}}},
                {"range", rangeOf(view.text, range.begin, range.end, view.encoding)}};
}

} // namespace

Value location(const CheckResult &result, const Workspace &workspace, SourceRange range,
               PositionEncoding encoding) {
  std::string path = result.pathOf(range.file);
  if (path.empty())
    return nullptr;
  llvm::StringRef text = workspace.textOf(result, range.file);
  return Object{{"uri", uriOf(path)}, {"range", rangeOf(text, range.begin, range.end, encoding)}};
}

Value hover(const FileView &view, uint32_t offset) {
  const SymbolIndex &index = *view.result.index;
  if (std::optional<uint32_t> id = index.symbolAt(view.file, offset)) {
    std::string text = symbolHover(view, index.symbol(*id));
    if (!text.empty()) {
      // The range hovered: the reference or declaration under the cursor.
      for (SourceRange use : index.uses(*id, true))
        if (covers(use, view.file, offset))
          return markdown(std::move(text), view, use);
    }
  }
  Enclosing enclosing;
  findEnclosing(view.result.session->modules().modules[view.module].ast->items, view.file,
                offset, enclosing);
  if (enclosing.chain.empty())
    return nullptr;
  if (const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(enclosing.chain.back()))
    if (covers(attribute->name.range, view.file, offset)) {
      std::string owner = resolveTemplate(
          *view.result.index, ownerOfBlock(llvm::ArrayRef(enclosing.chain).drop_back()));
      if (const sema::AttributeSchema *schema = sema::findAttribute(owner, attribute->name.text()))
        return markdown(schemaMarkdown(*schema), view, attribute->name.range);
    }
  return nullptr;
}

Value definition(const FileView &view, const Workspace &workspace, uint32_t offset) {
  std::optional<uint32_t> id = view.result.index->symbolAt(view.file, offset);
  if (!id)
    return nullptr;
  return location(view.result, workspace, view.result.index->symbol(*id).nameRange,
                  view.encoding);
}

Value references(const FileView &view, const Workspace &workspace, uint32_t offset,
                 bool withDeclaration) {
  Array locations;
  if (std::optional<uint32_t> id = view.result.index->symbolAt(view.file, offset))
    for (SourceRange use : view.result.index->uses(*id, withDeclaration)) {
      Value place = location(view.result, workspace, use, view.encoding);
      if (place.kind() != Value::Null)
        locations.push_back(std::move(place));
    }
  return locations;
}

// ------------------------------------------------------------- completion --

namespace {

struct CompletionContext {
  std::vector<syntax::Token> tokens; // before the cursor, the word being typed excluded
  llvm::StringRef text;
  uint32_t wordBegin; // where the word being typed starts (the cursor when none)
};

Object item(llvm::StringRef label, int kind, llvm::StringRef detail = "",
            llvm::StringRef documentation = "") {
  Object result{{"label", label.str()}, {"kind", kind}};
  if (!detail.empty())
    result["detail"] = detail.str();
  if (!documentation.empty())
    result["documentation"] = Object{{"kind", "markdown"}, {"value", documentation.str()}};
  return result;
}

// The first word and the name of the item that starts after `end`'s last
// `;`, `{` or `}`, and the tokens of that item so far.
llvm::ArrayRef<syntax::Token> currentItem(const CompletionContext &context) {
  llvm::ArrayRef<syntax::Token> tokens = context.tokens;
  size_t start = tokens.size();
  while (start > 0) {
    llvm::StringRef s = tokens[start - 1].spelling(context.text);
    if (tokens[start - 1].kind == syntax::TokenKind::Punctuation &&
        (s == ";" || s == "{" || s == "}"))
      break;
    --start;
  }
  return tokens.drop_front(start);
}

// The owner of the block the cursor is in, from the headers of the blocks
// that enclose it.
std::string ownerAt(const CompletionContext &context) {
  std::vector<std::pair<llvm::StringRef, llvm::StringRef>> headers; // innermost first
  int depth = 0;
  llvm::ArrayRef<syntax::Token> tokens = context.tokens;
  for (size_t i = tokens.size(); i-- > 0;) {
    if (tokens[i].kind != syntax::TokenKind::Punctuation)
      continue;
    llvm::StringRef s = tokens[i].spelling(context.text);
    if (s == "}") {
      ++depth;
    } else if (s == "{") {
      if (depth > 0) {
        --depth;
        continue;
      }
      size_t start = i;
      while (start > 0) {
        llvm::StringRef p = tokens[start - 1].spelling(context.text);
        if (tokens[start - 1].kind == syntax::TokenKind::Punctuation &&
            (p == ";" || p == "{" || p == "}"))
          break;
        --start;
      }
      if (start < i)
        headers.push_back({tokens[start].spelling(context.text),
                           start + 1 < i ? tokens[start + 1].spelling(context.text) : ""});
    }
  }
  std::string owner;
  llvm::StringRef entryKind;
  bool insideSite = false;
  for (size_t i = headers.size(); i-- > 0;) {
    auto [word, second] = headers[i];
    owner = ownerFor(word, second, owner.empty() || owner.find('.') != std::string::npos
                                       ? llvm::StringRef()
                                       : entryKind,
                     insideSite);
    if (word == "component")
      entryKind = second;
    insideSite |= word == "site";
  }
  return owner;
}

void addEntries(Array &items, const FileView &view, llvm::StringRef kind) {
  for (const SymbolIndex::Visible &entry : view.result.index->visibleEntries(view.module)) {
    const auto *component = llvm::cast<ast::ComponentItem>(view.result.index->symbol(entry.symbol).item);
    if (kind.empty() || component->componentKind.text() == kind)
      items.push_back(item(entry.written, CkClass, component->componentKind.text()));
  }
}

} // namespace

Value completion(const FileView &view, llvm::StringRef text, uint32_t offset) {
  CompletionContext context{{}, text, offset};
  for (const syntax::Token &token : syntax::tokenize(text.take_front(offset))) {
    if (token.isComment() || token.kind == syntax::TokenKind::String) {
      if (token.end >= offset && !(token.kind == syntax::TokenKind::String &&
                                   token.end > token.begin + 1 &&
                                   token.spelling(text).endswith("\"")))
        return Array(); // inside a comment or a string
      continue;
    }
    context.tokens.push_back(token);
  }
  // The word being typed is not part of the context.
  if (!context.tokens.empty() && context.tokens.back().end == offset &&
      context.tokens.back().kind != syntax::TokenKind::Punctuation &&
      context.tokens.back().kind != syntax::TokenKind::UnitSlash) {
    context.wordBegin = context.tokens.back().begin;
    context.tokens.pop_back();
    // `power.` before the word: part of a qualified name being typed.
    while (context.tokens.size() >= 2 &&
           context.tokens.back().spelling(text) == "." &&
           context.tokens.back().end == context.wordBegin) {
      context.wordBegin = context.tokens[context.tokens.size() - 2].begin;
      context.tokens.resize(context.tokens.size() - 2);
    }
  }
  Array items;
  llvm::ArrayRef<syntax::Token> current = currentItem(context);
  auto spelling = [&](size_t i) { return current[i].spelling(text); };
  const syntax::Token *previous = context.tokens.empty() ? nullptr : &context.tokens.back();

  // A unit after a number on the same line.
  if (previous && (previous->kind == syntax::TokenKind::Number) &&
      !text.slice(previous->end, offset).contains('\n')) {
    for (const units::Unit &unit : units::allUnits())
      items.push_back(item(unit.symbol, CkUnit, units::describeDimension(unit.dimension)));
    return items;
  }
  if (!current.empty() && spelling(0) == "import") {
    for (const std::string &module : sema::standardModuleNames(view.search))
      items.push_back(item(module, CkModule));
    return items;
  }
  // An equipment line's catalog entry: `ups |`.
  if (current.size() == 1 && current[0].kind == syntax::TokenKind::Identifier &&
      llvm::is_contained(sema::componentKinds(), spelling(0))) {
    addEntries(items, view, spelling(0));
    return items;
  }
  if (current.size() == 1 && spelling(0) == "preorder") {
    addEntries(items, view, "");
    return items;
  }
  // `rack k : |`
  if (current.size() >= 3 && spelling(0) == "rack" && previous->spelling(text) == ":") {
    addEntries(items, view, "rack_type");
    return items;
  }
  // `NAME = |`: what the attribute takes.
  if (current.size() == 2 && previous->spelling(text) == "=") {
    llvm::StringRef name = spelling(0);
    const sema::AttributeSchema *schema =
        sema::findAttribute(resolveTemplate(*view.result.index, ownerAt(context)), name);
    if ((schema && schema->type == sema::AttributeType::ZoneRef) || name == "zone" ||
        name == "inside") {
      for (const Symbol &symbol : view.result.index->symbols())
        if (symbol.kind == Symbol::Kind::Zone)
          items.push_back(item(symbol.name, CkEnumMember, "zone"));
    } else if (schema && schema->type == sema::AttributeType::RackTypeRef) {
      addEntries(items, view, "rack_type");
    } else if (schema && schema->type == sema::AttributeType::Symbols) {
      llvm::SmallVector<llvm::StringRef, 16> words;
      schema->vocabulary.split(words, ' ');
      for (llvm::StringRef word : words)
        items.push_back(item(word, CkEnumMember, name));
    }
    return items;
  }
  // `hall h[1..4] = |`: a template.
  if (current.size() >= 3 && previous->spelling(text) == "=" &&
      llvm::is_contained(std::initializer_list<llvm::StringRef>{"site", "building", "hall", "row",
                                                                "rack"},
                         spelling(0))) {
    for (const SymbolIndex::Visible &tmpl :
         view.result.index->visible(view.module, Symbol::Kind::Template))
      items.push_back(item(tmpl.written, CkFunction, "template"));
    return items;
  }
  // The start of an item: the attributes the block takes, then keywords.
  if (current.empty()) {
    std::string owner = resolveTemplate(*view.result.index, ownerAt(context));
    for (const sema::AttributeSchema &schema : sema::attributesOf(owner)) {
      if (schema.name == "*")
        continue;
      Object attribute = item(schema.name, CkProperty, sema::describeSchema(schema),
                              schemaMarkdown(schema));
      attribute["insertText"] = (schema.name + " = ").str();
      items.push_back(std::move(attribute));
    }
    for (const char *keyword : {"site", "building", "hall", "row", "rack", "zone", "component",
                                "template", "const", "import", "comply", "schedule", "task",
                                "milestone", "after", "before", "preorder"})
      items.push_back(item(keyword, CkKeyword));
    return items;
  }
  return items;
}

// ---------------------------------------------------------------- symbols --

namespace {

Value symbolsOf(const FileView &view, llvm::ArrayRef<const ast::Item *> items) {
  Array result;
  for (const ast::Item *item : items) {
    std::string name, detail;
    int kind = 0;
    SourceRange selection;
    if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(item)) {
      name = structure->name.text().str();
      detail = ast::structureLevelName(structure->level).str();
      if (structure->replication)
        name += sourceOf(view, structure->replication->range).str();
      kind = SkStruct;
      selection = structure->name.range;
    } else if (const auto *entry = llvm::dyn_cast<ast::ComponentItem>(item)) {
      name = entry->name.text().str();
      detail = entry->componentKind.text().str();
      kind = SkClass;
      selection = entry->name.range;
    } else if (const auto *tmpl = llvm::dyn_cast<ast::TemplateItem>(item)) {
      name = tmpl->name.text().str();
      detail = "template";
      kind = SkFunction;
      selection = tmpl->name.range;
    } else if (const auto *constant = llvm::dyn_cast<ast::ConstItem>(item)) {
      name = constant->name.text().str();
      detail = "const";
      kind = SkConstant;
      selection = constant->name.range;
    } else if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(item)) {
      name = zone->name.text().str();
      detail = "zone";
      kind = SkNamespace;
      selection = zone->name.range;
    } else if (const auto *ruleset = llvm::dyn_cast<ast::RulesetItem>(item)) {
      name = ruleset->name.text().str();
      detail = "ruleset";
      kind = SkPackage;
      selection = ruleset->name.range;
    } else if (const auto *rule = llvm::dyn_cast<ast::RuleItem>(item)) {
      name = rule->name.text().str();
      detail = "rule";
      kind = SkEvent;
      selection = rule->name.range;
    } else if (const auto *task = llvm::dyn_cast<ast::TaskItem>(item)) {
      name = task->name.text().str();
      detail = task->isMilestone ? "milestone" : "task";
      kind = SkEvent;
      selection = task->name.range;
    } else if (llvm::isa<ast::ScheduleItem>(item)) {
      name = "schedule";
      kind = SkModule;
      selection = {item->range.file, item->range.begin, item->range.begin + 8};
    } else if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(item)) {
      if (!equipment->body && !equipment->hasReference)
        continue;
      name = equipment->equipmentKind.text().str();
      if (equipment->hasReference)
        name += " " + sourceOf(view, equipment->reference.range).str();
      kind = SkObject;
      selection = equipment->equipmentKind.range;
    } else {
      continue;
    }
    Object symbol{{"name", name},
                  {"kind", kind},
                  {"range", rangeOf(view.text, item->range.begin, item->range.end, view.encoding)},
                  {"selectionRange",
                   rangeOf(view.text, selection.begin, selection.end, view.encoding)}};
    if (!detail.empty())
      symbol["detail"] = detail;
    if (const ast::Block *body = ast::bodyOf(*item)) {
      Value children = symbolsOf(view, body->items);
      if (!children.getAsArray()->empty())
        symbol["children"] = std::move(children);
    }
    result.push_back(std::move(symbol));
  }
  return result;
}

} // namespace

Value documentSymbols(const FileView &view) {
  return symbolsOf(view, view.result.session->modules().modules[view.module].ast->items);
}

// ----------------------------------------------------------- code actions --

Value codeActions(const FileView &view, uint32_t begin, uint32_t end) {
  Array actions;
  static const std::regex suggestion("did you mean `([A-Za-z_][A-Za-z0-9_.]*)`\\?$");
  static const std::regex name("^[A-Za-z_][A-Za-z0-9_.]*$");
  for (const Diagnostic *d : view.result.session->diagnostics().sorted()) {
    if (d->range.file != view.file || d->range.end < begin || d->range.begin > end ||
        d->suppressed())
      continue;
    std::vector<std::pair<std::string, FixIt>> fixes;
    if (d->fixIt) {
      std::string replacement = llvm::StringRef(d->fixIt->replacement).trim().str();
      fixes.push_back({(d->fixIt->range.begin == d->fixIt->range.end ? "Insert `"
                                                                     : "Replace with `") +
                           replacement + "`",
                       *d->fixIt});
    }
    // "did you mean `x`?", in a note or at the end of the message, names
    // what the diagnostic's range should say.
    std::string written = sourceOf(view, d->range).str();
    std::vector<std::string> texts{d->message};
    for (const DiagNote &note : d->notes)
      texts.push_back(note.message);
    for (const std::string &text : texts) {
      std::smatch match;
      if (!std::regex_search(text, match, suggestion) || !std::regex_match(written, name))
        continue;
      std::string wanted = match[1].str();
      // `power.ups_1250kx` marked at `ups_1250kx` and meant as
      // `power.ups_1250kw`: the part before the range stays.
      llvm::StringRef before = view.text.take_front(d->range.begin);
      for (size_t dot = wanted.rfind('.'); dot != std::string::npos;
           dot = dot ? wanted.rfind('.', dot - 1) : std::string::npos) {
        if (before.endswith(wanted.substr(0, dot + 1))) {
          wanted = wanted.substr(dot + 1);
          break;
        }
        if (dot == 0)
          break;
      }
      if (wanted != written)
        fixes.push_back({"Change `" + written + "` to `" + wanted + "`",
                         FixIt{d->range, wanted}});
    }
    for (auto &[title, fix] : fixes) {
      Object edit{{"range", rangeOf(view.text, fix.range.begin, fix.range.end, view.encoding)},
                  {"newText", fix.replacement}};
      Object diagnostic{
          {"range", rangeOf(view.text, d->range.begin, d->range.end, view.encoding)},
          {"message", d->message},
          {"code", d->id().str()}};
      actions.push_back(Object{
          {"title", title},
          {"kind", "quickfix"},
          {"isPreferred", true},
          {"diagnostics", Array{std::move(diagnostic)}},
          {"edit", Object{{"changes", Object{{uriOf(view.path), Array{std::move(edit)}}}}}}});
    }
  }
  return actions;
}

} // namespace sgd::lsp
