#include "diagnostics/DiagnosticEngine.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <tuple>

namespace sgd {

void DiagnosticEngine::countLeftOut(const Diagnostic &d) const {
  LeftOut &counts = leftOut_[d.id().str()];
  if (d.severity == Severity::Error)
    ++counts.errors;
  else if (d.severity == Severity::Warning)
    ++counts.warnings;
  else
    ++counts.notes;
}

void DiagnosticEngine::settleLeftOut() const {
  if (!beyondLimitPending_)
    return;
  beyondLimitPending_ = false;
  countLeftOut(beyondLimit_);
}

DiagnosticEngine::LeftOut DiagnosticEngine::leftOut() const {
  settleLeftOut();
  LeftOut total;
  for (const auto &[id, counts] : leftOut_) {
    total.errors += counts.errors;
    total.warnings += counts.warnings;
    total.notes += counts.notes;
  }
  return total;
}

namespace {

/// 2,752 with thousands separators.
std::string grouped(uint64_t value) {
  std::string digits = std::to_string(value);
  for (size_t at = digits.size(); at > 3; at -= 3)
    digits.insert(at - 3, ",");
  return digits;
}

bool overlaps(const SourceRange &a, const SourceRange &b) {
  // An empty range (an insertion point) covers the byte it stands before.
  return a.file.index == b.file.index && a.begin < std::max(b.end, b.begin + 1) &&
         b.begin < std::max(a.end, a.begin + 1);
}

} // namespace

DiagnosticEngine::InstanceScope::InstanceScope(DiagnosticEngine &engine, uint64_t count,
                                               std::function<std::string()> describePlace)
    : engine_(engine) {
  engine_.scopes_.push_back({count, std::move(describePlace), std::nullopt});
}

DiagnosticEngine::InstanceScope::~InstanceScope() { engine_.scopes_.pop_back(); }

Diagnostic &DiagnosticEngine::report(DiagCode code, SourceRange range,
                                     std::string message) {
  Diagnostic diagnostic{code, codeInfo(code).defaultSeverity, range, std::move(message), {}, {}, {}, {}, {}};
  // While expanding, the same text's problem is one diagnostic whatever its
  // message: its other instances are counted, by place inside an
  // InstanceScope, else by number (endExpansion).
  std::pair<size_t, unsigned> *expanded = nullptr;
  // Beyond the limit, and no repeat check: that would keep a key for each.
  auto leaveOut = [&]() -> Diagnostic & {
    settleLeftOut();
    beyondLimitPending_ = true;
    return beyondLimit_ = std::move(diagnostic);
  };
  bool beyondLimit = limit_ != 0 && diagnostics_.size() >= limit_;
  if (expanding_) {
    if (diagnostic.severity == Severity::Error && range.isValid() &&
        llvm::any_of(errorsBefore_, [&](const SourceRange &error) { return overlaps(error, range); }))
      return repeated_ = std::move(diagnostic);
    auto [seen, added] =
        expanded_.try_emplace({range.file.index, range.begin, range.end, code}, NoKept, 0);
    if (!added) {
      size_t kept = seen->second.first;
      if (kept != NoKept && !scopes_.empty() && instances_.count(kept))
        countInstances(kept, scopes_.back());
      else
        ++seen->second.second;
      return repeated_ = std::move(diagnostic);
    }
    expanded = &seen->second;
  }
  if (beyondLimit)
    return leaveOut(); // kept none: endExpansion() adds no note
  Key key{range.file.index, range.begin, range.end, code, diagnostic.message};
  auto [at, added] = reported_.try_emplace(std::move(key), diagnostics_.size());
  if (!added) {
    // A first report outside any scope stood for no structure: nothing to count.
    if (!scopes_.empty() && instances_.count(at->second))
      countInstances(at->second, scopes_.back());
    return repeated_ = std::move(diagnostic);
  }
  diagnostics_.push_back(std::move(diagnostic));
  if (expanded)
    expanded->first = at->second;
  if (!scopes_.empty())
    countInstances(at->second, scopes_.back());
  return diagnostics_.back();
}

void DiagnosticEngine::countInstances(size_t index, Scope &scope) {
  if (!scope.place)
    scope.place = scope.describePlace();
  Instances &instances = instances_[index];
  if (llvm::any_of(instances.places, [&](const Place &seen) { return seen.name == *scope.place; }))
    return; // the same place again (a site's schedule, reported per replica)
  bool hadNote = instances.total > 1;
  const Place &place = instances.places.emplace_back(Place{scope.count, *scope.place});
  instances.total += place.count;
  if (instances.total <= 1)
    return;
  std::string text = "reported once for ";
  if (instances.places.size() == 1) {
    text += "all " + grouped(instances.total) + " instances of " + place.name;
  } else {
    text += grouped(instances.total) + " instances: ";
    constexpr size_t shown = 4;
    for (size_t i = 0; i < instances.places.size() && i < shown; ++i)
      text += (i ? ", " : "") + instances.places[i].name + " (" +
              grouped(instances.places[i].count) + ")";
    if (instances.places.size() > shown)
      text += " and " + grouped(instances.places.size() - shown) + " more";
  }
  std::vector<DiagNote> &notes = diagnostics_[index].notes;
  if (hadNote)
    notes.front().message = std::move(text);
  else
    notes.insert(notes.begin(), DiagNote{std::nullopt, std::move(text)});
}

void DiagnosticEngine::beginExpansion() {
  expanding_ = true;
  errorsBefore_.clear();
  for (const Diagnostic &d : diagnostics_)
    if (d.severity == Severity::Error && d.range.isValid())
      errorsBefore_.push_back(d.range);
}

void DiagnosticEngine::endExpansion() {
  for (auto &[key, kept] : expanded_)
    if (kept.first != NoKept && kept.second)
      diagnostics_[kept.first].note("reported once: the same problem is in " + std::to_string(kept.second) +
                       (kept.second == 1 ? " more instance" : " more instances") +
                       " of this text (a range or a template makes several)");
  expanded_.clear();
  errorsBefore_.clear();
  expanding_ = false;
}

void DiagnosticEngine::append(DiagnosticEngine &&other) {
  settleLeftOut();
  other.settleLeftOut();
  for (Diagnostic &d : other.diagnostics_) {
    if (limit_ != 0 && diagnostics_.size() >= limit_)
      countLeftOut(d);
    else if (reported_
                 .try_emplace({d.range.file.index, d.range.begin, d.range.end, d.code, d.message},
                              diagnostics_.size())
                 .second)
      diagnostics_.push_back(std::move(d));
  }
  for (const auto &[id, counts] : other.leftOut_) {
    LeftOut &mine = leftOut_[id];
    mine.errors += counts.errors;
    mine.warnings += counts.warnings;
    mine.notes += counts.notes;
  }
  other.diagnostics_.clear();
  other.leftOut_.clear();
}

void DiagnosticEngine::denyWarnings() {
  settleLeftOut();
  for (Diagnostic &d : diagnostics_)
    if (d.severity == Severity::Warning && !d.suppressed())
      d.severity = Severity::Error;
  for (auto &[id, counts] : leftOut_) {
    counts.errors += counts.warnings;
    counts.warnings = 0;
  }
}

unsigned DiagnosticEngine::suppress(llvm::StringRef id, llvm::StringRef justification) {
  settleLeftOut();
  unsigned count = 0;
  for (Diagnostic &d : diagnostics_)
    if (d.id() == id) {
      d.suppression = justification.str();
      ++count;
    }
  // Left out and suppressed: they count for nothing.
  if (auto found = leftOut_.find(id.str()); found != leftOut_.end()) {
    count += found->second.total();
    leftOut_.erase(found);
  }
  return count;
}

unsigned DiagnosticEngine::errorCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) {
                         return d.severity == Severity::Error && !d.suppressed();
                       }) +
         leftOut().errors;
}

unsigned DiagnosticEngine::warningCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) {
                         return d.severity == Severity::Warning && !d.suppressed();
                       }) +
         leftOut().warnings;
}

std::vector<const Diagnostic *> DiagnosticEngine::sorted() const {
  std::vector<const Diagnostic *> result;
  result.reserve(diagnostics_.size());
  for (const Diagnostic &d : diagnostics_)
    result.push_back(&d);
  std::stable_sort(result.begin(), result.end(),
                   [](const Diagnostic *a, const Diagnostic *b) {
                     if (a->range.file.index != b->range.file.index)
                       return a->range.file.index < b->range.file.index;
                     if (a->range.begin != b->range.begin)
                       return a->range.begin < b->range.begin;
                     return a->code < b->code;
                   });
  return result;
}

} // namespace sgd
