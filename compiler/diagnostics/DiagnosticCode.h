#ifndef SGD_DIAGNOSTICS_DIAGNOSTICCODE_H
#define SGD_DIAGNOSTICS_DIAGNOSTICCODE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace sgd {

enum class Severity : uint8_t { Note, Warning, Error };

llvm::StringRef severityName(Severity severity);

enum class DiagCode : uint16_t {
#define DIAGNOSTIC(CODE, SEVERITY, SUMMARY) CODE,
#include "diagnostics/DiagnosticCodes.def"
};

struct DiagCodeInfo {
  DiagCode code;
  llvm::StringRef id;          // "E0101"
  Severity defaultSeverity;
  llvm::StringRef summary;     // one line
  llvm::StringRef explanation; // Markdown, from explanations/CODE.md
};

const DiagCodeInfo &codeInfo(DiagCode code);
/// Every registered code, in registry order.
llvm::ArrayRef<DiagCodeInfo> allCodes();
/// Case-insensitive lookup by id ("e0101" finds E0101).
std::optional<DiagCode> findCode(llvm::StringRef id);

} // namespace sgd

#endif
