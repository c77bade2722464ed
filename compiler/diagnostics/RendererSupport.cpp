#include "diagnostics/RendererSupport.h"

namespace sgd {

SeverityCounts countSeverities(llvm::ArrayRef<const Diagnostic *> diagnostics) {
  SeverityCounts counts;
  for (const Diagnostic *diagnostic : diagnostics) {
    if (diagnostic->severity == Severity::Error)
      ++counts.errors;
    else if (diagnostic->severity == Severity::Warning)
      ++counts.warnings;
  }
  return counts;
}

llvm::json::Value jsonString(llvm::StringRef text) {
  if (llvm::json::isUTF8(text))
    return text.str();
  return llvm::json::fixUTF8(text);
}

} // namespace sgd
