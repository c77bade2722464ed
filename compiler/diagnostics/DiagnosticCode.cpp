#include "diagnostics/DiagnosticCode.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

#include <array>
#include <initializer_list>
#include <utility>

namespace sgd {

llvm::StringRef severityName(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  llvm_unreachable("unknown severity");
}

namespace {

llvm::StringRef explanationOf(llvm::StringRef id) {
  // The explanations/*.md files, embedded by EmbedExplanations.cmake. An
  // initializer_list rather than an array so that a folder without any file
  // still compiles: missing explanations are the unit tests' to report.
  static const std::initializer_list<std::pair<llvm::StringRef, llvm::StringRef>>
      embedded = {
#include "Explanations.inc"
      };
  // Sorted by code (EmbedExplanations.cmake): a binary search, since every
  // process looks up all 130 when it first reports or explains anything.
  const auto *found =
      llvm::partition_point(embedded, [&](const auto &entry) { return entry.first < id; });
  return found == embedded.end() || found->first != id ? llvm::StringRef() : found->second;
}

constexpr size_t kCodeCount = 0
#define DIAGNOSTIC(CODE, SEVERITY, SUMMARY) +1
#include "diagnostics/DiagnosticCodes.def"
    ;

const std::array<DiagCodeInfo, kCodeCount> &registry() {
  static const std::array<DiagCodeInfo, kCodeCount> codes = {{
#define DIAGNOSTIC(CODE, SEVERITY, SUMMARY)                                    \
  {DiagCode::CODE, #CODE, Severity::SEVERITY, SUMMARY, explanationOf(#CODE)},
#include "diagnostics/DiagnosticCodes.def"
  }};
  return codes;
}

} // namespace

const DiagCodeInfo &codeInfo(DiagCode code) {
  // Enumerators are declared in registry order, so the value is the index.
  return registry()[static_cast<size_t>(code)];
}

llvm::ArrayRef<DiagCodeInfo> allCodes() { return registry(); }

std::optional<DiagCode> findCode(llvm::StringRef id) {
  for (const DiagCodeInfo &info : registry())
    if (info.id.equals_insensitive(id))
      return info.code;
  return std::nullopt;
}

} // namespace sgd
