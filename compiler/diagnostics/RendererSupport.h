#ifndef SGD_DIAGNOSTICS_RENDERERSUPPORT_H
#define SGD_DIAGNOSTICS_RENDERERSUPPORT_H

// Pieces shared by the text, JSON and SARIF renderers; not a public interface.

#include "diagnostics/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"

namespace sgd {

struct SeverityCounts {
  unsigned errors = 0;
  unsigned warnings = 0;
};

SeverityCounts countSeverities(llvm::ArrayRef<const Diagnostic *> diagnostics);

/// A JSON string for text that may not be valid UTF-8 (file names, messages
/// quoting source text): ill-formed bytes become U+FFFD, as JSON requires.
llvm::json::Value jsonString(llvm::StringRef text);

} // namespace sgd

#endif
