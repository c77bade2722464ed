#include "driver/DisabledRules.h"

#include "sema/Suggestion.h"

#include <set>

namespace sgd::driver {
namespace {

// The ids of the rules that the design's sites use, in sorted order.
std::set<std::string> activeRuleIds(const Session &session) {
  std::set<std::string> ids;
  for (const rules::SitePacks &site : session.sitePacks())
    for (const rules::Pack *pack : site.packs)
      for (const rules::Rule &rule : pack->rules)
        ids.insert(rule.id);
  return ids;
}

// Why `entry` cannot be disabled, or nothing when it can.
std::optional<std::string> refusal(const DisabledRule &entry, const Session &session,
                                   const std::set<std::string> &ruleIds) {
  if (std::optional<DiagCode> code = findCode(entry.id)) {
    if (codeInfo(*code).defaultSeverity != Severity::Error)
      return std::nullopt;
    return "`" + entry.id + "` is an error, which cannot be disabled: only warnings, notes and "
           "compliance rules can";
  }
  if (ruleIds.count(entry.id))
    return std::nullopt;
  // The rules are known only when the compilation got as far as them.
  if (!session.analysis())
    return std::nullopt;
  std::string message = "no rule of this design's packs has the id `" + entry.id + "`";
  std::vector<llvm::StringRef> candidates(ruleIds.begin(), ruleIds.end());
  for (llvm::StringRef id : candidates)
    if (id.equals_insensitive(entry.id))
      return message + "; rule ids are upper case: `" + id.str() + "`";
  if (std::optional<std::string> best = sema::closestName(entry.id, candidates))
    return message + "; did you mean `" + *best + "`?";
  return message;
}

} // namespace

std::vector<DisabledRuleEffect> applyDisabledRules(Session &session,
                                                   llvm::ArrayRef<DisabledRule> disabled) {
  std::set<std::string> ruleIds = activeRuleIds(session);
  std::vector<DisabledRuleEffect> effects;
  for (const DisabledRule &entry : disabled) {
    if (std::optional<std::string> why = refusal(entry, session, ruleIds)) {
      Diagnostic &d =
          session.diagnostics().report(DiagCode::E0902, session.rangeIn(entry.place), *why);
      if (!findCode(entry.id) && session.analysis())
        d.note("`sgdc rules` lists the rules of each site");
      continue;
    }
    effects.push_back({&entry, session.diagnostics().suppress(entry.id, entry.justification)});
  }
  return effects;
}

void printDisabledRules(llvm::ArrayRef<DisabledRuleEffect> effects, llvm::raw_ostream &os) {
  for (const DisabledRuleEffect &effect : effects)
    os << "sgdc: disabled " << effect.rule->id << " (" << effect.suppressed
       << (effect.suppressed == 1 ? " diagnostic" : " diagnostics")
       << "): " << effect.rule->justification << "\n";
}

} // namespace sgd::driver
