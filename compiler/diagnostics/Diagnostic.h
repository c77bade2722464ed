#ifndef SGD_DIAGNOSTICS_DIAGNOSTIC_H
#define SGD_DIAGNOSTICS_DIAGNOSTIC_H

#include "base/SourceRange.h"
#include "diagnostics/DiagnosticCode.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd {

/// Context attached to a diagnostic, with its own location ("first defined
/// here"). A note without a range is printed without a source excerpt.
struct DiagNote {
  std::optional<SourceRange> range;
  std::string message;
};

/// A suggested edit: replace `range` with `replacement` (empty range: insert).
struct FixIt {
  SourceRange range;
  std::string replacement;
};

struct Diagnostic {
  DiagCode code;
  Severity severity;
  SourceRange range;
  std::string message;
  std::vector<DiagNote> notes;
  std::optional<FixIt> fixIt;
  /// Set on the diagnostics of compliance rules (code E0500): the rule's own
  /// stable id (`DE-ENEFG-PUE`), which the text and SARIF renderers show in
  /// place of the code, and a one-line summary of the rule for SARIF.
  std::string ruleId;
  std::string ruleSummary;
  /// Set when the project's `[checks] disable` turns this diagnostic's code
  /// or rule off: the justification written there. A suppressed diagnostic
  /// counts for nothing; only SARIF shows it, as a suppressed result.
  std::string suppression;

  bool suppressed() const { return !suppression.empty(); }

  llvm::StringRef id() const {
    return ruleId.empty() ? codeInfo(code).id : llvm::StringRef(ruleId);
  }

  Diagnostic &note(SourceRange at, std::string text) {
    notes.push_back({at, std::move(text)});
    return *this;
  }
  Diagnostic &note(std::string text) {
    notes.push_back({std::nullopt, std::move(text)});
    return *this;
  }
  Diagnostic &fix(SourceRange at, std::string replacement) {
    fixIt = FixIt{at, std::move(replacement)};
    return *this;
  }
};

} // namespace sgd

#endif
