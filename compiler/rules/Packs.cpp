// Finding, loading and checking rule packs, and choosing them per site.
#include "rules/Rules.h"

#include "sema/Suggestion.h"
#include "syntax/Parser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <toml++/toml.h>

#include <algorithm>
#include <map>

namespace sgd::rules {

llvm::StringRef scopeName(Scope scope) {
  switch (scope) {
  case Scope::Site: return "site";
  case Scope::Building: return "building";
  case Scope::Hall: return "hall";
  case Scope::Zone: return "zone";
  }
  return "site";
}

namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string ruleId(llvm::StringRef pack, llvm::StringRef rule) {
  std::string id = (pack + "-" + rule).str();
  for (char &c : id)
    c = c == '_' ? '-' : static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return id;
}

} // namespace

struct PackLibrary::Impl {
  sema::ModuleSearch search;
  SourceFiles &files;
  ast::AstContext &context;
  DiagnosticEngine &diagnostics;
  sema::SourceReader *reader;
  std::vector<std::unique_ptr<Pack>> packs;
  llvm::StringMap<const Pack *> byName;
  llvm::StringMap<bool> triedFiles; // pack names looked up in the stdlib
  bool tableLoaded = false;
  std::map<std::string, std::vector<std::string>> countries, regions;

  Impl(const sema::ModuleSearch &search, SourceFiles &files, ast::AstContext &context,
       DiagnosticEngine &diagnostics, sema::SourceReader *reader)
      : search(search), files(files), context(context), diagnostics(diagnostics),
        reader(reader) {}

  std::string compliancePath(llvm::StringRef file) const {
    llvm::SmallString<256> result(*search.stdlibDir);
    path::append(result, "compliance", file);
    return std::string(result);
  }

  /// Registers every ruleset of one parsed file.
  void addFile(FileId file, const ast::File &ast) {
    llvm::StringMap<const ast::ConstItem *> constants;
    for (const ast::Item *item : ast.items)
      if (const auto *constant = llvm::dyn_cast<ast::ConstItem>(item))
        constants[constant->name.text] = constant;
    for (const ast::Item *item : ast.items) {
      const auto *ruleset = llvm::dyn_cast<ast::RulesetItem>(item);
      if (!ruleset || byName.count(ruleset->name.text))
        continue;
      auto pack = std::make_unique<Pack>();
      pack->name = ruleset->name.text.str();
      pack->title = ruleset->hasTitle ? ruleset->title.str() : pack->name;
      pack->file = file;
      pack->item = ruleset;
      pack->constants = constants;
      compileRules(*pack);
      byName[pack->name] = pack.get();
      packs.push_back(std::move(pack));
    }
  }

  void compileRules(Pack &pack) {
    for (const ast::Item *item : pack.item->body.items) {
      const auto *ruleItem = llvm::dyn_cast<ast::RuleItem>(item);
      if (!ruleItem) {
        diagnostics.report(DiagCode::E0502, item->range,
                           "a ruleset holds rules only (`rule NAME scope … require …;`); "
                           "this is a `" + ast::itemKindName(item->kind).str() + "` item");
        continue;
      }
      if (std::optional<Rule> rule = compileRule(pack, *ruleItem))
        pack.rules.push_back(std::move(*rule));
    }
  }

  std::optional<Rule> compileRule(const Pack &pack, const ast::RuleItem &item) {
    Rule rule;
    rule.id = ruleId(pack.name, item.name.text);
    rule.item = &item;
    bool ok = true;
    std::map<ast::RuleClauseKind, SourceRange> seen;
    for (const ast::RuleClause &clause : item.clauses) {
      auto [previous, inserted] = seen.insert({clause.kind, clause.range});
      if (!inserted) {
        diagnostics
            .report(DiagCode::E0502, clause.range,
                    "rule `" + item.name.text.str() + "` has more than one `" +
                        ast::ruleClauseKeyword(clause.kind).str() + "` clause")
            .note(previous->second, "the first one is here");
        ok = false;
        continue;
      }
      switch (clause.kind) {
      case ast::RuleClauseKind::Scope: {
        llvm::StringRef name = clause.name.text;
        if (name == "site") rule.scope = Scope::Site;
        else if (name == "building") rule.scope = Scope::Building;
        else if (name == "hall") rule.scope = Scope::Hall;
        else if (name == "zone") rule.scope = Scope::Zone;
        else {
          Diagnostic &d = diagnostics.report(
              DiagCode::E0503, clause.name.range,
              "`" + name.str() + "` is not a rule scope; the scopes are site, building, hall "
              "and zone");
          if (auto best = sema::closestName(name, {"site", "building", "hall", "zone"}))
            d.note("did you mean `" + *best + "`?");
          ok = false;
        }
        break;
      }
      case ast::RuleClauseKind::Severity: {
        llvm::StringRef name = clause.name.text;
        if (name == "info") rule.severity = Severity::Note;
        else if (name == "warning") rule.severity = Severity::Warning;
        else if (name == "error") rule.severity = Severity::Error;
        else {
          Diagnostic &d = diagnostics.report(
              DiagCode::E0504, clause.name.range,
              "`" + name.str() + "` is not a severity; write info, warning or error");
          if (auto best = sema::closestName(name, {"info", "warning", "error"}))
            d.note("did you mean `" + *best + "`?");
          ok = false;
        }
        break;
      }
      case ast::RuleClauseKind::Applies: rule.applies = clause.condition; break;
      case ast::RuleClauseKind::Require: rule.require = clause.condition; break;
      case ast::RuleClauseKind::Message: rule.message = clause.text.str(); break;
      case ast::RuleClauseKind::Cite: rule.cite = clause.text.str(); break;
      }
    }
    if (!rule.require) {
      diagnostics.report(DiagCode::E0502, item.name.range,
                         "rule `" + item.name.text.str() +
                             "` has no `require` clause: say what must hold");
      ok = false;
    }
    if (rule.message.empty())
      rule.message = "rule `" + item.name.text.str() + "` of `" + pack.name + "` is broken";
    return ok ? std::optional<Rule>(std::move(rule)) : std::nullopt;
  }

  const Pack *loadStandard(llvm::StringRef name) {
    if (!search.stdlibDir || triedFiles.count(name))
      return nullptr;
    triedFiles[name] = true;
    if (name.contains('/') || name.contains('.') || name.empty())
      return nullptr;
    std::string file = compliancePath((name + ".sgd").str());
    if (!fs::is_regular_file(file))
      return nullptr;
    llvm::Expected<sema::ParsedSource> parsed =
        sema::readSource(reader, files, context, file,
                         ("<stdlib>/compliance/" + name + ".sgd").str(), diagnostics);
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      return nullptr;
    }
    addFile(parsed->file, *parsed->ast);
    auto found = byName.find(name);
    return found == byName.end() ? nullptr : found->second;
  }

  void loadTable() {
    if (tableLoaded || !search.stdlibDir)
      return;
    tableLoaded = true;
    toml::table table;
    try {
      table = toml::parse_file(compliancePath("countries.toml"));
    } catch (const toml::parse_error &) {
      return; // no table: no automatic packs (tests/lint checks the file)
    }
    auto read = [](const toml::node_view<toml::node> &section,
                   std::map<std::string, std::vector<std::string>> &into) {
      if (const toml::table *entries = section.as_table())
        for (const auto &[key, value] : *entries)
          if (const toml::array *names = value.as_array())
            for (const toml::node &name : *names)
              if (auto text = name.value<std::string>())
                into[std::string(key.str())].push_back(*text);
    };
    read(table["countries"], countries);
    read(table["regions"], regions);
  }
};

PackLibrary::PackLibrary(const sema::ModuleSearch &search, SourceFiles &files,
                         ast::AstContext &context, DiagnosticEngine &diagnostics,
                         sema::SourceReader *reader)
    : impl_(std::make_unique<Impl>(search, files, context, diagnostics, reader)) {}

PackLibrary::~PackLibrary() = default;

void PackLibrary::addModules(const sema::ModuleGraph &modules) {
  for (const sema::Module &module : modules.modules) {
    if (module.isStandard)
      impl_->triedFiles[llvm::StringRef(module.name).rsplit('.').second] = true;
    impl_->addFile(module.file, *module.ast);
  }
}

const Pack *PackLibrary::find(llvm::StringRef name) {
  auto found = impl_->byName.find(name);
  if (found != impl_->byName.end())
    return found->second;
  return impl_->loadStandard(name);
}

std::vector<const Pack *> PackLibrary::loadAll() {
  std::vector<std::string> names;
  if (impl_->search.stdlibDir) {
    std::error_code error;
    for (fs::directory_iterator it(impl_->compliancePath(""), error), end; it != end && !error;
         it.increment(error))
      if (llvm::StringRef(it->path()).endswith(".sgd"))
        names.push_back(path::stem(it->path()).str());
  }
  llvm::sort(names);
  std::vector<const Pack *> result;
  for (const std::string &name : names)
    if (const Pack *pack = find(name))
      result.push_back(pack);
  return result;
}

std::vector<std::string> PackLibrary::automaticPacks(llvm::StringRef country,
                                                     llvm::StringRef region) {
  impl_->loadTable();
  std::vector<std::string> result;
  if (auto found = impl_->countries.find(country.str()); found != impl_->countries.end())
    result = found->second;
  if (auto found = impl_->regions.find(region.str()); found != impl_->regions.end())
    result.insert(result.end(), found->second.begin(), found->second.end());
  return result;
}

std::string PackLibrary::folder() const { return "<stdlib>/compliance"; }

std::vector<SitePacks> selectPacks(const model::Design &design, PackLibrary &library,
                                   DiagnosticEngine &diagnostics) {
  std::vector<SitePacks> result;
  for (model::Index node = 0; node < design.nodes.size(); ++node) {
    const model::Node &site = design.nodes[node];
    if (site.level != model::Level::Site)
      continue;
    SitePacks packs{node, {}, {}};
    auto add = [&](const Pack *pack, std::string reason) {
      if (llvm::is_contained(packs.packs, pack))
        return;
      packs.packs.push_back(pack);
      packs.reasons.push_back(std::move(reason));
    };
    for (const model::Compliance &compliance : design.compliance) {
      if (compliance.node != node && compliance.node != model::NoIndex)
        continue;
      for (size_t i = 0; i < compliance.packs.size(); ++i) {
        llvm::StringRef name = compliance.packs[i];
        llvm::StringRef shortName = name.contains('.') ? name.rsplit('.').second : name;
        if (const Pack *pack = library.find(shortName)) {
          add(pack, "comply");
          continue;
        }
        diagnostics.report(DiagCode::E0501, compliance.ranges[i],
                           "no rule pack `" + name.str() + "`: neither a `ruleset " +
                               shortName.str() + "` in the design nor " + library.folder() +
                               "/" + shortName.str() + ".sgd");
      }
    }
    auto text = [&](llvm::StringRef name) -> std::string {
      const model::Value *value = design.property(site.properties, name);
      return value && value->text() ? *value->text() : std::string();
    };
    std::string country = text("country"), region = text("region");
    for (const std::string &name : library.automaticPacks(country, region))
      if (const Pack *pack = library.find(name))
        add(pack, region.empty() ? "country " + country
                                 : "country " + country + ", region " + region);
    result.push_back(std::move(packs));
  }
  return result;
}

} // namespace sgd::rules
