#ifndef SGD_RULES_RULES_H
#define SGD_RULES_RULES_H

// Compliance rules: rule packs (`ruleset` items in stdlib/compliance/ or in
// the design's files), chosen per site by `comply` and by the site's country
// and region, in the version sgd.toml pins, evaluated over the model and the
// checks' derived figures by sema's expression evaluator. Reads the model
// and checks::DesignAnalysis; nothing below includes it.

#include "ast/AstContext.h"
#include "ast/Item.h"
#include "base/SourceFiles.h"
#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "model/Expansion.h"
#include "sema/ModuleGraph.h"
#include "sema/ModuleLoader.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sgd::rules {

/// What a rule is evaluated for, once per element of the site.
enum class Scope : uint8_t { Site, Building, Hall, Zone };

llvm::StringRef scopeName(Scope scope);

/// One checked `rule` of a pack.
struct Rule {
  std::string id;          // DE-ENEFG-PUE: the pack and rule names, upper case, `_` as `-`
  const ast::RuleItem *item;
  FileId file;             // where the rule is written (a base version's file when inherited)
  Scope scope = Scope::Site;
  const ast::Expr *applies = nullptr; // null: always
  const ast::Expr *require = nullptr;
  Severity severity = Severity::Error;
  std::string message;
  std::string cite;
};

/// One version of a `ruleset`. A pack file states its version and the date
/// its source took effect (`version = "2023"; effective = 2023-11-18;`); a
/// draft says `draft = true;` and may start from another version of the pack
/// (`base = "2023";`), whose rules it keeps unless it has a rule of the same
/// name.
struct Pack {
  std::string name;    // de_enefg
  std::string title;   // "Germany — Energieeffizienzgesetz (EnEfG)"
  std::string version; // "2023"; empty for a ruleset of the design without one
  std::optional<model::Date> effective;
  bool draft = false;
  FileId file;
  const ast::RulesetItem *item = nullptr;
  /// Top-level `const` items of the pack's file (and of its base version's),
  /// usable in its rules; evaluated where a rule uses them.
  llvm::StringMap<const ast::ConstItem *> constants;
  std::vector<Rule> rules;
};

/// "version 2023 of 2023-11-18", "version 2026-draft of 2026-04-09, a draft";
/// empty for a pack without a version.
std::string versionText(const Pack &pack);

/// `de_enefg = "2026-draft"`: judge with this version of a pack, and where
/// that is asked (sgd.toml or the command line).
struct PackPin {
  std::string pack;
  std::string version;
  SourceRange at;
};

/// The packs of one site, in order, and why each is active: the same for
/// each replica of a replicated site.
struct SitePacks {
  model::Index site;
  std::vector<const Pack *> packs;
  std::vector<std::string> reasons; // parallel: "comply", "country DE", …
};

/// Finds and loads rule packs: rulesets declared in the design's modules
/// first, then `stdlib/compliance/NAME.sgd` (the version in force) and
/// `stdlib/compliance/versions/NAME/VERSION.sgd` (others); reports malformed
/// rules (E0502 to E0504) when a pack is loaded.
class PackLibrary {
public:
  /// Packs of the standard library are read through `reader` when given.
  PackLibrary(const sema::ModuleSearch &search, SourceFiles &files, ast::AstContext &context,
              DiagnosticEngine &diagnostics, sema::SourceReader *reader = nullptr);
  ~PackLibrary();

  /// Registers the rulesets declared in these modules.
  void addModules(const sema::ModuleGraph &modules);

  /// From now on find(pack) answers the pinned version. An unknown pack is
  /// E0501, an unknown version E0507, at the pin; false then.
  bool pin(const PackPin &pin);

  /// Forgets every pin: find() answers the versions in force again.
  void clearPins();

  /// The pack `name` in its pinned version, else the version in force,
  /// loading it from the standard library on first use; null when there is
  /// none.
  const Pack *find(llvm::StringRef name);

  /// The versions of the standard library's pack `name`, the one in force
  /// first.
  std::vector<const Pack *> versions(llvm::StringRef name);

  /// Every pack of the standard library's compliance folder, loaded, in the
  /// versions in force.
  std::vector<const Pack *> loadAll();

  /// The packs that apply automatically to a site of this country and region
  /// (stdlib/compliance/countries.toml), by name.
  std::vector<std::string> automaticPacks(llvm::StringRef country, llvm::StringRef region);

  /// The pack folder's display name (`<stdlib>/compliance`).
  std::string folder() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Chooses the packs of every site: those named by `comply` in the site or
/// at the top level (an unknown name is E0501), then those of its country
/// and region.
std::vector<SitePacks> selectPacks(const model::Design &design, PackLibrary &library,
                                   DiagnosticEngine &diagnostics);

/// What a rule says about one element of a site.
struct Verdict {
  enum class Outcome : uint8_t { DoesNotApply, CannotJudge, Holds, Broken };
  model::Index site;
  const Pack *pack;
  const Rule *rule;
  std::string element; // "site frankfurt", "hall s.b1.h1"
  Outcome outcome;
  std::string detail; // why: the value that breaks the rule, or the one not set
};

llvm::StringRef outcomeName(Verdict::Outcome outcome, Severity severity);

/// Evaluates every rule of every selected pack for every element of its
/// scope, reporting each broken rule (E0500, with the rule's id) at the
/// value or element that breaks it, with a note at the rule and its source,
/// and each value the design leaves out that some rules need to decide
/// whether they apply (W0508, once per site, pack and value). Returns every
/// verdict, in the order of the sites, packs, rules and elements.
std::vector<Verdict> runRules(const model::Design &design,
                              const checks::DesignAnalysis &analysis, const SourceFiles &files,
                              llvm::ArrayRef<SitePacks> sites, DiagnosticEngine &diagnostics);

/// The `rule_packs` member of model.json and `dump model --format json`:
/// per site (in `form`), the packs it is judged by, their versions, why each
/// applies and its rule ids.
void writePacksJson(const model::Design &design, llvm::ArrayRef<SitePacks> sites,
                    model::ModelForm form, llvm::json::OStream &json);

/// `sgdc rules`: the active rules per site, as text.
void printRules(const model::Design &design, const SourceFiles &files,
                llvm::ArrayRef<SitePacks> sites, llvm::raw_ostream &os);

/// `sgdc explain DE-ENEFG-PUE`: the rule's text and source, or false when no
/// pack of the standard library has a rule of that id.
bool explainRule(PackLibrary &library, const SourceFiles &files, llvm::StringRef id,
                 llvm::raw_ostream &os);

} // namespace sgd::rules

#endif
