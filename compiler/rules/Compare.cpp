#include "rules/Compare.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <tuple>

namespace sgd::rules {
namespace {

/// What one element's verdict by one rule is keyed by across the two runs.
using VerdictKey = std::tuple<model::Index, std::string, std::string>; // site, rule id, element

std::map<VerdictKey, const Verdict *> byKey(llvm::ArrayRef<Verdict> verdicts) {
  std::map<VerdictKey, const Verdict *> keyed;
  for (const Verdict &verdict : verdicts)
    keyed.emplace(VerdictKey{verdict.site, verdict.rule->id, verdict.element}, &verdict);
  return keyed;
}

std::string outcomeOf(const Verdict *verdict) {
  return verdict ? outcomeName(verdict->outcome, verdict->rule->severity).str()
                 : "not in the pack";
}

/// Judges the design under `base` and then `pins`; nothing when a pin is
/// in error (reported).
std::optional<std::vector<Verdict>> judgeWith(const model::Design &design,
                                              const checks::DesignAnalysis &analysis,
                                              const SourceFiles &files, PackLibrary &library,
                                              llvm::ArrayRef<PackPin> base,
                                              llvm::ArrayRef<PackPin> pins) {
  library.clearPins();
  bool pinned = true;
  for (const PackPin &pin : base)
    pinned &= library.pin(pin);
  for (const PackPin &pin : pins)
    pinned &= library.pin(pin);
  if (!pinned)
    return std::nullopt;
  // The runs' own diagnostics are the design's, reported by the check.
  DiagnosticEngine scratch;
  std::vector<SitePacks> sites = selectPacks(design, library, scratch);
  return runRules(design, analysis, files, sites, scratch);
}

} // namespace

llvm::Expected<PinSet> parsePins(llvm::StringRef text, SourceRange at) {
  PinSet set{text.str(), {}};
  llvm::SmallVector<llvm::StringRef, 4> parts;
  text.split(parts, ',');
  for (llvm::StringRef part : parts) {
    auto [pack, version] = part.trim().split('=');
    pack = pack.trim();
    version = version.trim();
    if (pack.empty() || version.empty() || !part.contains('='))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "`" + text.str() + "` is not a set of pack versions; write PACK=VERSION, as in "
          "de_enefg=2026-draft, several joined by commas");
    set.pins.push_back({pack.str(), version.str(), at});
  }
  return set;
}

bool compareVersions(const model::Design &design, const checks::DesignAnalysis &analysis,
                     const SourceFiles &files, PackLibrary &library,
                     llvm::ArrayRef<PackPin> base, const PinSet &before, const PinSet &after,
                     llvm::raw_ostream &os) {
  std::optional<std::vector<Verdict>> first =
      judgeWith(design, analysis, files, library, base, before.pins);
  std::optional<std::vector<Verdict>> second =
      judgeWith(design, analysis, files, library, base, after.pins);
  library.clearPins();
  for (const PackPin &pin : base)
    library.pin(pin);
  if (!first || !second)
    return false;
  std::map<VerdictKey, const Verdict *> was = byKey(*first), is = byKey(*second);
  std::vector<VerdictKey> keys;
  for (const auto &[key, verdict] : was)
    keys.push_back(key);
  for (const auto &[key, verdict] : is)
    if (!was.count(key))
      keys.push_back(key);
  llvm::sort(keys);
  os << "verdicts from " << before.text << " to " << after.text << ":\n";
  size_t changed = 0, same = 0;
  std::optional<model::Index> shownSite;
  for (const VerdictKey &key : keys) {
    const Verdict *old = was.count(key) ? was[key] : nullptr;
    const Verdict *now = is.count(key) ? is[key] : nullptr;
    if (old && now && old->outcome == now->outcome && old->detail == now->detail) {
      ++same;
      continue;
    }
    ++changed;
    const auto &[site, id, element] = key;
    if (shownSite != site) {
      os << "site " << design.runPath(site) << ":\n";
      shownSite = site;
    }
    const Verdict &any = now ? *now : *old;
    os << "  " << id << (any.rule->scope == Scope::Site ? "" : " (" + element + ")") << ": "
       << outcomeOf(old) << " → " << outcomeOf(now) << "\n";
    for (const auto &[label, verdict] : {std::pair{&before, old}, std::pair{&after, now}})
      if (verdict && !verdict->detail.empty())
        os << "    " << label->text << ": " << verdict->detail << "\n";
  }
  if (changed == 0)
    os << "  no verdict changes\n";
  os << changed << (changed == 1 ? " verdict changes, " : " verdicts change, ") << same
     << (same == 1 ? " stays the same\n" : " stay the same\n");
  return true;
}

} // namespace sgd::rules
