#ifndef SGD_DIAGNOSTICS_DIAGNOSTICENGINE_H
#define SGD_DIAGNOSTICS_DIAGNOSTICENGINE_H

#include "diagnostics/Diagnostic.h"

#include <deque>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace sgd {

/// Collects the diagnostics of one compilation. Phases report into it and go
/// on; nothing is printed until the driver renders the sorted list.
class DiagnosticEngine {
public:
  /// Adds a diagnostic with the code's default severity. The returned
  /// reference stays valid for adding notes and a fix-it. A diagnostic
  /// identical to an earlier one (code, range and message: an error inside a
  /// template expanded many times) is dropped; its notes then go nowhere.
  Diagnostic &report(DiagCode code, SourceRange range, std::string message);

  /// Moves every diagnostic of `other` into this engine (per-file engines of
  /// a parallel front end are merged this way).
  void append(DiagnosticEngine &&other);

  /// Raises every warning that is not suppressed to an error (`--deny
  /// warnings`).
  void denyWarnings();

  /// Suppresses every diagnostic whose id (its code, or its compliance rule's
  /// id) is `id`, recording `justification` on it; returns how many.
  unsigned suppress(llvm::StringRef id, llvm::StringRef justification);

  /// Errors and warnings that are not suppressed.
  unsigned errorCount() const;
  unsigned warningCount() const;
  bool hasErrors() const { return errorCount() != 0; }

  /// All diagnostics ordered by file, position and code. Stable: diagnostics
  /// at the same place keep the order they were reported in.
  std::vector<const Diagnostic *> sorted() const;

private:
  // deque: references returned by report() survive later reports.
  std::deque<Diagnostic> diagnostics_;
  Diagnostic repeated_; // the last dropped repeat: takes its notes
  std::set<std::tuple<uint32_t, uint32_t, uint32_t, DiagCode, std::string>> reported_;
};

} // namespace sgd

#endif
