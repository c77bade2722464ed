#include "diagnostics/DiagnosticEngine.h"

#include <algorithm>

namespace sgd {

Diagnostic &DiagnosticEngine::report(DiagCode code, SourceRange range,
                                     std::string message) {
  return diagnostics_.emplace_back(Diagnostic{
      code, codeInfo(code).defaultSeverity, range, std::move(message), {}, {}});
}

void DiagnosticEngine::append(DiagnosticEngine &&other) {
  for (Diagnostic &d : other.diagnostics_)
    diagnostics_.push_back(std::move(d));
  other.diagnostics_.clear();
}

void DiagnosticEngine::denyWarnings() {
  for (Diagnostic &d : diagnostics_)
    if (d.severity == Severity::Warning)
      d.severity = Severity::Error;
}

unsigned DiagnosticEngine::errorCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

unsigned DiagnosticEngine::warningCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Warning; });
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
