#include "diagnostics/DiagnosticEngine.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <tuple>

namespace sgd {

namespace {

bool overlaps(const SourceRange &a, const SourceRange &b) {
  // An empty range (an insertion point) covers the byte it stands before.
  return a.file.index == b.file.index && a.begin < std::max(b.end, b.begin + 1) &&
         b.begin < std::max(a.end, a.begin + 1);
}

} // namespace

Diagnostic &DiagnosticEngine::report(DiagCode code, SourceRange range,
                                     std::string message) {
  Diagnostic diagnostic{code, codeInfo(code).defaultSeverity, range, std::move(message), {}, {}, {}, {}, {}};
  if (expanding_) {
    if (diagnostic.severity == Severity::Error && range.isValid() &&
        llvm::any_of(errorsBefore_, [&](const SourceRange &error) { return overlaps(error, range); }))
      return repeated_ = std::move(diagnostic);
    auto [seen, added] =
        expanded_.try_emplace({range.file.index, range.begin, range.end, code}, nullptr, 0);
    if (!added) {
      ++seen->second.second;
      return repeated_ = std::move(diagnostic);
    }
    auto key = std::make_tuple(range.file.index, range.begin, range.end, code, diagnostic.message);
    if (!reported_.insert(std::move(key)).second)
      return repeated_ = std::move(diagnostic);
    return *(seen->second.first = &diagnostics_.emplace_back(std::move(diagnostic)));
  }
  auto key = std::make_tuple(range.file.index, range.begin, range.end, code, diagnostic.message);
  if (!reported_.insert(std::move(key)).second)
    return repeated_ = std::move(diagnostic);
  return diagnostics_.emplace_back(std::move(diagnostic));
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
    if (kept.first && kept.second)
      kept.first->note("reported once: the same problem is in " + std::to_string(kept.second) +
                       (kept.second == 1 ? " more instance" : " more instances") +
                       " of this text (a range or a template makes several)");
  expanded_.clear();
  errorsBefore_.clear();
  expanding_ = false;
}

void DiagnosticEngine::append(DiagnosticEngine &&other) {
  for (Diagnostic &d : other.diagnostics_)
    if (reported_.insert({d.range.file.index, d.range.begin, d.range.end, d.code, d.message})
            .second)
      diagnostics_.push_back(std::move(d));
  other.diagnostics_.clear();
}

void DiagnosticEngine::denyWarnings() {
  for (Diagnostic &d : diagnostics_)
    if (d.severity == Severity::Warning && !d.suppressed())
      d.severity = Severity::Error;
}

unsigned DiagnosticEngine::suppress(llvm::StringRef id, llvm::StringRef justification) {
  unsigned count = 0;
  for (Diagnostic &d : diagnostics_)
    if (d.id() == id) {
      d.suppression = justification.str();
      ++count;
    }
  return count;
}

unsigned DiagnosticEngine::errorCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) {
                         return d.severity == Severity::Error && !d.suppressed();
                       });
}

unsigned DiagnosticEngine::warningCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) {
                         return d.severity == Severity::Warning && !d.suppressed();
                       });
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
