#include "diagnostics/DiagnosticEngine.h"

#include <algorithm>
#include <tuple>

namespace sgd {

Diagnostic &DiagnosticEngine::report(DiagCode code, SourceRange range,
                                     std::string message) {
  Diagnostic diagnostic{code, codeInfo(code).defaultSeverity, range, std::move(message), {}, {}, {}, {}, {}};
  auto key = std::make_tuple(range.file.index, range.begin, range.end, code, diagnostic.message);
  if (!reported_.insert(std::move(key)).second)
    return repeated_ = std::move(diagnostic);
  return diagnostics_.emplace_back(std::move(diagnostic));
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
