// Judging the sites by their packs: each rule for each element of its scope,
// with sema's expression evaluator over the model's values.
#include "rules/Rules.h"

#include "rules/Explain.h"

#include "model/NodeScope.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace sgd::rules {
namespace {

using model::Index;
using model::NoIndex;

/// The elements of a site a rule of this scope is evaluated for.
std::vector<Reference> scopeElements(const model::Design &design, Index site, Scope scope) {
  std::vector<Reference> elements;
  const model::Node &node = design.nodes[site];
  switch (scope) {
  case Scope::Site: elements.push_back({Reference::Kind::Node, site}); break;
  case Scope::Building:
  case Scope::Hall: {
    model::Level level = scope == Scope::Hall ? model::Level::Hall : model::Level::Building;
    for (Index at = site + 1; at < node.subtreeEnd; ++at)
      if (design.nodes[at].level == level)
        elements.push_back({Reference::Kind::Node, at});
    break;
  }
  case Scope::Zone:
    for (Index zone = 0; zone < design.zones.size(); ++zone)
      if (design.zones[zone].node == site || design.zones[zone].node == NoIndex)
        elements.push_back({Reference::Kind::Zone, zone});
    break;
  }
  return elements;
}

std::string severityWord(Severity severity) {
  return severity == Severity::Note ? "info" : severityName(severity).str();
}

/// A value some rules of a pack need to decide whether they apply, left out
/// by the design: reported once (W0508) with the rules it leaves undecided.
struct Undecided {
  std::string what;
  SourceRange at;
  std::vector<std::string> rules;
};

/// Judges one element by one rule; reports and returns the verdict, or
/// nothing when the rule's expressions are in error (reported).
std::optional<Verdict> judge(const Rule &rule, const Pack &pack, const Reference &element,
                             sema::ExprEvaluator &evaluator, RuleNames &names,
                             DiagnosticEngine &diagnostics, std::vector<Undecided> &undecided) {
  Verdict verdict{0, &pack, &rule, names.describeElement(element), Verdict::Outcome::Holds, ""};
  auto truthOf = [&](const ast::Expr &expr, llvm::StringRef clause) -> std::optional<Value> {
    std::optional<Value> value = evaluator.evaluate(expr, names);
    if (value && !value->truth() && !value->unset()) {
      diagnostics.report(DiagCode::E0506, expr.range,
                         "`" + clause.str() + "` must be a truth value, not " +
                             names.describe(*value));
      return std::nullopt;
    }
    return value;
  };
  if (rule.applies) {
    std::optional<Value> applies = truthOf(*rule.applies, "applies");
    if (!applies)
      return std::nullopt;
    if (const model::Unset *unset = applies->unset()) {
      verdict.outcome = Verdict::Outcome::CannotJudge;
      verdict.detail = unset->what + " is not set";
      if (!unset->date)
        return verdict;
      auto known = llvm::find_if(undecided, [&](const Undecided &u) { return u.what == unset->what; });
      if (known == undecided.end())
        undecided.push_back({unset->what, names.rangeOf(element), {rule.id}});
      else if (!llvm::is_contained(known->rules, rule.id))
        known->rules.push_back(rule.id);
      return verdict;
    }
    if (!*applies->truth()) {
      verdict.outcome = Verdict::Outcome::DoesNotApply;
      return verdict;
    }
  }
  std::optional<Value> holds = truthOf(*rule.require, "require");
  if (!holds)
    return std::nullopt;
  if (holds->truth() && *holds->truth())
    return verdict;
  Failure failure = Explainer(evaluator, names).explain(*rule.require);
  // Point into the design, never into the pack.
  SourceRange at = failure.at.isValid() && failure.at.file != rule.file ? failure.at
                                                                         : names.rangeOf(element);
  std::string subject = rule.scope == Scope::Site ? "" : verdict.element + ": ";
  // `require false`: an obligation reported wherever the rule applies.
  bool obligation = llvm::isa<ast::BoolExpr>(rule.require);
  const model::Design &design = names.design();
  model::NodeScope replicas(diagnostics, design,
                            element.kind == Reference::Kind::Zone
                                ? design.zones[element.index].node
                                : element.index);
  Diagnostic &d = diagnostics.report(
      DiagCode::E0500, at, subject + rule.message + (obligation ? "" : " (" + failure.detail + ")"));
  d.severity = rule.severity;
  d.ruleId = rule.id;
  d.ruleSummary = rule.message;
  std::string version = versionText(pack);
  d.note(rule.item->name.range,
         "rule " + rule.id + " of pack `" + pack.name + "` (" + pack.title +
             (version.empty() ? "" : ", " + version) + "), " + severityWord(rule.severity) +
             (rule.cite.empty() ? "" : "; source: " + rule.cite));
  verdict.outcome = Verdict::Outcome::Broken;
  verdict.detail = obligation ? "" : failure.detail;
  return verdict;
}

void reportUndecided(const Pack &pack, const Undecided &undecided,
                     DiagnosticEngine &diagnostics) {
  size_t n = undecided.rules.size();
  diagnostics.report(DiagCode::W0508, undecided.at,
                     undecided.what + " is not set: " +
                         (n == 1 ? "a rule" : std::to_string(n) + " rules") + " of pack `" +
                         pack.name + "` cannot decide whether " +
                         (n == 1 ? "it applies (" : "they apply (") +
                         llvm::join(undecided.rules, ", ") + "); state it");
}

} // namespace

llvm::StringRef outcomeName(Verdict::Outcome outcome, Severity severity) {
  switch (outcome) {
  case Verdict::Outcome::DoesNotApply: return "does not apply";
  case Verdict::Outcome::CannotJudge: return "cannot be judged";
  case Verdict::Outcome::Holds: return "passes";
  case Verdict::Outcome::Broken:
    return severity == Severity::Error     ? "fails (error)"
           : severity == Severity::Warning ? "fails (warning)"
                                           : "applies (info)";
  }
  return "";
}

std::vector<Verdict> runRules(const model::Design &design,
                              const checks::DesignAnalysis &analysis, const SourceFiles &files,
                              llvm::ArrayRef<SitePacks> sites, DiagnosticEngine &diagnostics) {
  sema::ExprEvaluator evaluator(diagnostics);
  std::map<const Pack *, llvm::StringMap<std::optional<Value>>> constantValues;
  std::vector<Verdict> verdicts;
  for (const SitePacks &site : sites) {
    for (const Pack *pack : site.packs) {
      PackConstants constants(pack->constants, constantValues[pack], evaluator, diagnostics);
      RuleNames names(design, analysis, files, constants, diagnostics);
      std::vector<Undecided> undecided;
      for (const Rule &rule : pack->rules) {
        for (const Reference &element : scopeElements(design, site.site, rule.scope)) {
          names.scope.clear();
          names.scope.push_back({"site", names.element(Reference::Kind::Node, site.site)});
          if (rule.scope == Scope::Hall)
            for (Index at = element.index; at != NoIndex; at = design.nodes[at].parent)
              if (design.nodes[at].level == model::Level::Building)
                names.scope.push_back({"building", names.element(Reference::Kind::Node, at)});
          names.scope.push_back({scopeName(rule.scope), names.element(element.kind, element.index)});
          std::optional<Verdict> verdict =
              judge(rule, *pack, element, evaluator, names, diagnostics, undecided);
          if (!verdict)
            break; // reported; the rule is in error for every element
          verdict->site = site.site;
          verdicts.push_back(std::move(*verdict));
        }
      }
      for (const Undecided &entry : undecided)
        reportUndecided(*pack, entry, diagnostics);
    }
  }
  return verdicts;
}

void printRules(const model::Design &design, const SourceFiles &files,
                llvm::ArrayRef<SitePacks> sites, llvm::raw_ostream &os) {
  // A replicated site once: its replicas are judged by the same packs.
  for (const SitePacks &site : sites) {
    os << "site " << design.runName(site.site) << ":";
    if (site.packs.empty())
      os << " no rule packs";
    os << "\n";
    for (size_t i = 0; i < site.packs.size(); ++i) {
      const Pack &pack = *site.packs[i];
      std::string version = versionText(pack);
      os << "  pack " << pack.name << " \"" << pack.title << "\""
         << (version.empty() ? "" : ", " + version) << " (" << site.reasons[i] << "; "
         << files.displayName(pack.file) << ")\n";
      for (const Rule &rule : pack.rules) {
        os << "    " << rule.id << " [" << severityWord(rule.severity) << ", per "
           << scopeName(rule.scope) << "]: " << rule.message << "\n";
        if (!rule.cite.empty())
          os << "      source: " << rule.cite << "\n";
      }
    }
  }
}

bool explainRule(PackLibrary &library, const SourceFiles &files, llvm::StringRef id,
                 llvm::raw_ostream &os) {
  for (const Pack *pack : library.loadAll())
    for (const Rule &rule : pack->rules) {
      if (!llvm::StringRef(rule.id).equals_insensitive(id))
        continue;
      LineColumn at = files.lineColumn(rule.file, rule.item->range.begin);
      std::string version = versionText(*pack);
      os << rule.id << " (" << severityWord(rule.severity) << ", per " << scopeName(rule.scope)
         << "): rule `" << rule.item->name.text() << "` of pack `" << pack->name << "` ("
         << pack->title << (version.empty() ? "" : ", " + version) << ")\n\n"
         << rule.message << "\n\n";
      if (!rule.cite.empty())
        os << "Source: " << rule.cite << "\n\n";
      os << "Defined in " << files.displayName(rule.file) << ":" << at.line << ":\n\n```sgd\n"
         << files.text(rule.file).slice(rule.item->range.begin, rule.item->range.end)
         << "\n```\n";
      return true;
    }
  return false;
}

} // namespace sgd::rules
