#ifndef SGD_DIAGNOSTICS_SARIFRENDERER_H
#define SGD_DIAGNOSTICS_SARIFRENDERER_H

#include "base/SourceFiles.h"
#include "diagnostics/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sgd {

/// The tool.driver fields of the SARIF run; empty strings are left out.
struct SarifToolInfo {
  std::string name = "sgdc";
  std::string version;
  std::string informationUri;
};

/// Prints diagnostics as a SARIF 2.1.0 log with one run, for code-scanning
/// services and editors. Every registered code is listed as a rule, so
/// viewers can show a result's explanation. The mapping is described in
/// docs/diagnostics.md.
void renderSarif(llvm::raw_ostream &os, const SourceFiles &files,
                 llvm::ArrayRef<const Diagnostic *> diagnostics, const SarifToolInfo &tool);

} // namespace sgd

#endif
