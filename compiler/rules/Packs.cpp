// Finding, loading and checking rule packs and their versions, and choosing
// them per site.
#include "rules/Rules.h"

#include "base/InputFile.h"
#include "rules/PackConstants.h"
#include "sema/ExprEvaluator.h"
#include "sema/StdlibCache.h"
#include "sema/Suggestion.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
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

std::string versionText(const Pack &pack) {
  if (pack.version.empty())
    return "";
  std::string text = "version " + pack.version;
  if (pack.effective)
    text += llvm::formatv(" of {0:d4}-{1:d2}-{2:d2}", pack.effective->year,
                          pack.effective->month, pack.effective->day)
                .str();
  return pack.draft ? text + ", a draft" : text;
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
  sema::ExprEvaluator evaluator;
  std::vector<std::unique_ptr<Pack>> packs;
  llvm::StringMap<const Pack *> inForce;            // the version find() answers unpinned
  std::map<std::string, std::vector<const Pack *>> byVersion; // name → every version loaded
  llvm::StringMap<const Pack *> pinned;
  llvm::StringSet<> triedFiles;    // pack names looked up in the stdlib
  llvm::StringSet<> triedVersions; // pack names whose versions folder was read
  llvm::StringSet<> designPacks;   // rulesets declared in the design's files
  bool tableLoaded = false;
  std::map<std::string, std::vector<std::string>> countries, regions;

  Impl(const sema::ModuleSearch &search, SourceFiles &files, ast::AstContext &context,
       DiagnosticEngine &diagnostics, sema::SourceReader *reader)
      : search(search), files(files), context(context), diagnostics(diagnostics),
        reader(reader), evaluator(diagnostics) {}

  std::string compliancePath(llvm::StringRef file) const {
    llvm::SmallString<256> result(*search.stdlibDir);
    path::append(result, "compliance", file);
    return std::string(result);
  }

  /// Registers every ruleset of one parsed file; the first of a name is the
  /// version in force unless the file is one of versions/.
  void addFile(FileId file, const ast::File &ast, bool inForceFile = true) {
    llvm::StringMap<const ast::ConstItem *> constants;
    for (const ast::Item *item : ast.items)
      if (const auto *constant = llvm::dyn_cast<ast::ConstItem>(item))
        constants.try_emplace(constant->name.text(), constant);
    for (const ast::Item *item : ast.items) {
      const auto *ruleset = llvm::dyn_cast<ast::RulesetItem>(item);
      if (!ruleset || (inForceFile && inForce.count(ruleset->name.text())))
        continue;
      auto pack = std::make_unique<Pack>();
      pack->name = ruleset->name.text().str();
      pack->title = ruleset->hasTitle ? ruleset->title.str() : pack->name;
      pack->file = file;
      pack->item = ruleset;
      pack->constants = constants;
      std::string base = compilePack(*pack);
      if (!base.empty())
        inherit(*pack, base);
      std::vector<const Pack *> &versions = byVersion[pack->name];
      if (llvm::any_of(versions, [&](const Pack *other) { return other->version == pack->version; }))
        continue; // a second file of the same version: the first counts
      versions.push_back(pack.get());
      if (inForceFile)
        inForce[pack->name] = pack.get();
      packs.push_back(std::move(pack));
    }
  }

  /// The rules and version attributes of a ruleset; returns its `base`.
  std::string compilePack(Pack &pack) {
    llvm::StringMap<std::optional<model::Value>> values;
    PackConstants names(pack.constants, values, evaluator, diagnostics);
    std::string base;
    for (const ast::Item *item : pack.item->body.items) {
      if (const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(item)) {
        readVersionAttribute(pack, *attribute, names, base);
        continue;
      }
      const auto *ruleItem = llvm::dyn_cast<ast::RuleItem>(item);
      if (!ruleItem) {
        diagnostics.report(DiagCode::E0502, item->range,
                           "a ruleset holds rules (`rule NAME scope … require …;`) and its "
                           "`version`, `effective`, `draft` and `base`; this is a `" +
                               ast::itemKindName(item->kind).str() + "` item");
        continue;
      }
      if (std::optional<Rule> rule = compileRule(pack, *ruleItem))
        pack.rules.push_back(std::move(*rule));
    }
    return base;
  }

  void readVersionAttribute(Pack &pack, const ast::AttributeItem &attribute,
                            PackConstants &names, std::string &base) {
    llvm::StringRef name = attribute.name.text();
    static const std::vector<llvm::StringRef> known = {"version", "effective", "draft", "base"};
    if (!llvm::is_contained(known, name)) {
      Diagnostic &d = diagnostics.report(
          DiagCode::E0502, attribute.name.range,
          "a ruleset takes the attributes `version`, `effective`, `draft` and `base`, not `" +
              name.str() + "`");
      if (std::optional<std::string> best = sema::closestName(name, known))
        d.note("did you mean `" + *best + "`?");
      return;
    }
    std::optional<model::Value> value = evaluator.evaluate(*attribute.value, names);
    if (!value)
      return;
    bool text = name == "version" || name == "base";
    bool fits = text ? value->text() != nullptr
                     : name == "effective" ? value->date() != nullptr : value->truth() != nullptr;
    if (!fits) {
      diagnostics.report(DiagCode::E0502, attribute.value->range,
                         "`" + name.str() + "` of a ruleset is " +
                             (text ? "a string (\"2023\")"
                                   : name == "effective" ? "a date (2023-11-18)"
                                                         : "true or false") +
                             ", not " + model::describe(*value));
      return;
    }
    if (name == "version")
      pack.version = *value->text();
    else if (name == "base")
      base = *value->text();
    else if (name == "effective")
      pack.effective = *value->date();
    else
      pack.draft = *value->truth();
  }

  /// A version that starts from `base`: the base's rules, each replaced by
  /// a rule of the same name in this version, then this version's new rules.
  void inherit(Pack &pack, const std::string &base) {
    const Pack *from = version(pack.name, base);
    if (!from && loadStandard(pack.name)) // a design's version of a standard pack
      from = version(pack.name, base);
    if (!from) {
      diagnostics.report(DiagCode::E0507, pack.item->name.range,
                         "version `" + pack.version + "` of rule pack `" + pack.name +
                             "` starts from version `" + base + "`, which there is not");
      return;
    }
    std::vector<Rule> own = std::move(pack.rules);
    pack.rules.clear();
    for (const Rule &rule : from->rules) {
      auto replaced = llvm::find_if(own, [&](const Rule &mine) { return mine.id == rule.id; });
      pack.rules.push_back(replaced == own.end() ? rule : *replaced);
    }
    for (Rule &rule : own)
      if (!llvm::any_of(from->rules, [&](const Rule &theirs) { return theirs.id == rule.id; }))
        pack.rules.push_back(std::move(rule));
      // The base's constants stay visible to the rules it gives.
    for (const auto &entry : from->constants)
      pack.constants.try_emplace(entry.first(), entry.second);
  }

  std::optional<Rule> compileRule(const Pack &pack, const ast::RuleItem &item) {
    Rule rule;
    rule.id = ruleId(pack.name, item.name.text());
    rule.item = &item;
    rule.file = pack.file;
    bool ok = true;
    std::map<ast::RuleClauseKind, SourceRange> seen;
    for (const ast::RuleClause &clause : item.clauses) {
      auto [previous, inserted] = seen.insert({clause.kind, clause.range});
      if (!inserted) {
        diagnostics
            .report(DiagCode::E0502, clause.range,
                    "rule `" + item.name.text().str() + "` has more than one `" +
                        ast::ruleClauseKeyword(clause.kind).str() + "` clause")
            .note(previous->second, "the first one is here");
        ok = false;
        continue;
      }
      switch (clause.kind) {
      case ast::RuleClauseKind::Scope: {
        llvm::StringRef name = clause.name.text();
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
        llvm::StringRef name = clause.name.text();
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
                         "rule `" + item.name.text().str() +
                             "` has no `require` clause: say what must hold");
      ok = false;
    }
    if (rule.message.empty())
      rule.message = "rule `" + item.name.text().str() + "` of `" + pack.name + "` is broken";
    return ok ? std::optional<Rule>(std::move(rule)) : std::nullopt;
  }

  /// A pack file of the standard library at `relative` below its folder
  /// (`compliance/de_enefg.sgd`): from the cache when the process keeps one,
  /// else read through the reader when there is one, within the input size
  /// limits; null when it cannot be read.
  const ast::File *parse(const std::string &relative, FileId &id) {
    if (const sema::StdlibCache::File *cached =
            search.cache ? search.cache->find(relative) : nullptr) {
      id = cached->file;
      return cached->ast;
    }
    llvm::SmallString<256> file(*search.stdlibDir);
    path::append(file, path::Style::posix, relative);
    llvm::Expected<sema::ParsedSource> parsed =
        sema::readSource(reader, files, context, std::string(file), "<stdlib>/" + relative,
                         diagnostics, search.maxInputBytes, search.maxItemBytes,
                         search.pool);
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      return nullptr;
    }
    id = parsed->file;
    return parsed->ast;
  }

  static bool isPackName(llvm::StringRef name) {
    return !name.empty() && !name.contains('/') && !name.contains('.');
  }

  const Pack *loadStandard(llvm::StringRef name) {
    if (!search.stdlibDir || !triedFiles.insert(name).second || !isPackName(name))
      return nullptr;
    std::string file = compliancePath((name + ".sgd").str());
    if (!fs::is_regular_file(file))
      return nullptr;
    FileId id;
    if (const ast::File *ast = parse(("compliance/" + name + ".sgd").str(), id))
      addFile(id, *ast);
    auto found = inForce.find(name);
    return found == inForce.end() ? nullptr : found->second;
  }

  /// Reads `versions/NAME/*.sgd`, in the order of their names, once.
  void loadVersions(llvm::StringRef name) {
    // A ruleset of the design has no other versions.
    if (!search.stdlibDir || !isPackName(name) || designPacks.count(name) ||
        !triedVersions.insert(name).second)
      return;
    loadStandard(name); // the version in force first: others may start from it
    std::string folder = compliancePath(("versions/" + name).str());
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; it != end && !error; it.increment(error))
      if (llvm::StringRef(it->path()).endswith(".sgd"))
        names.push_back(path::filename(it->path()).str());
    llvm::sort(names);
    for (const std::string &file : names) {
      FileId id;
      if (const ast::File *ast = parse(("compliance/versions/" + name + "/" + file).str(), id))
        addFile(id, *ast, /*inForceFile=*/false);
    }
  }

  const Pack *version(llvm::StringRef name, llvm::StringRef wanted) {
    auto found = byVersion.find(name.str());
    if (found == byVersion.end())
      return nullptr;
    for (const Pack *pack : found->second)
      if (pack->version == wanted)
        return pack;
    return nullptr;
  }

  void loadTable() {
    if (tableLoaded || !search.stdlibDir)
      return;
    tableLoaded = true;
    toml::table table;
    // Read as every input is: a regular file within the size limit.
    std::string path = compliancePath("countries.toml");
    auto text = readInputFile(path, search.maxInputBytes);
    if (!text) {
      llvm::consumeError(text.takeError());
      return; // no table: no automatic packs (tests/lint checks the file)
    }
    try {
      table = toml::parse((*text)->getBuffer(), path);
    } catch (const toml::parse_error &) {
      return;
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
      impl_->triedFiles.insert(llvm::StringRef(module.name).rsplit('.').second);
    else
      for (const ast::Item *item : module.ast->items)
        if (const auto *ruleset = llvm::dyn_cast<ast::RulesetItem>(item))
          impl_->designPacks.insert(ruleset->name.text());
    impl_->addFile(module.file, *module.ast);
  }
}

bool PackLibrary::pin(const PackPin &pin) {
  if (!find(pin.pack)) {
    impl_->diagnostics.report(DiagCode::E0501, pin.at,
                              "no rule pack `" + pin.pack + "` to pin to a version: neither a "
                              "`ruleset " + pin.pack + "` in the design nor " + folder() + "/" +
                                  pin.pack + ".sgd");
    return false;
  }
  std::vector<const Pack *> known = versions(pin.pack);
  auto chosen = llvm::find_if(known, [&](const Pack *pack) { return pack->version == pin.version; });
  if (chosen == known.end()) {
    std::vector<std::string> names;
    for (const Pack *pack : known)
      names.push_back("`" + pack->version + "`");
    Diagnostic &d = impl_->diagnostics.report(
        DiagCode::E0507, pin.at,
        "rule pack `" + pin.pack + "` has no version `" + pin.version + "`; " +
            (names.size() == 1 ? "its version is " : "its versions are ") +
            (names.size() <= 1 ? llvm::join(names, "")
                               : llvm::join(llvm::ArrayRef(names).drop_back(), ", ") + " and " +
                                     names.back()));
    std::vector<llvm::StringRef> candidates;
    for (const Pack *pack : known)
      candidates.push_back(pack->version);
    if (std::optional<std::string> best = sema::closestName(pin.version, candidates))
      d.note("did you mean `" + *best + "`?");
    return false;
  }
  impl_->pinned[pin.pack] = *chosen;
  return true;
}

void PackLibrary::clearPins() { impl_->pinned.clear(); }

const Pack *PackLibrary::find(llvm::StringRef name) {
  if (auto pinned = impl_->pinned.find(name); pinned != impl_->pinned.end())
    return pinned->second;
  if (auto found = impl_->inForce.find(name); found != impl_->inForce.end())
    return found->second;
  return impl_->loadStandard(name);
}

std::vector<const Pack *> PackLibrary::versions(llvm::StringRef name) {
  impl_->loadVersions(name);
  std::vector<const Pack *> result;
  if (const Pack *current = impl_->inForce.lookup(name))
    result.push_back(current);
  if (auto found = impl_->byVersion.find(name.str()); found != impl_->byVersion.end())
    for (const Pack *pack : found->second)
      if (!llvm::is_contained(result, pack))
        result.push_back(pack);
  return result;
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
  // A site that states neither is judged by no pack of the table: not read.
  if (country.empty() && region.empty())
    return {};
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
