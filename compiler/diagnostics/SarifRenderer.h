#ifndef SGD_DIAGNOSTICS_SARIFRENDERER_H
#define SGD_DIAGNOSTICS_SARIFRENDERER_H

#include "base/SourceFiles.h"
#include "diagnostics/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sgd {

/// The tool.driver fields of the SARIF run (empty strings are left out), and
/// the folder that file locations are relative to.
struct SarifToolInfo {
  std::string name = "sgdc";
  std::string version;
  std::string informationUri;
  /// The absolute path (links resolved) of the folder whose relative paths
  /// the log's URIs are: the repository root for code scanning
  /// (`--sarif-root`). Empty: the working folder.
  std::string sourceRoot;
};

/// Prints diagnostics as a SARIF 2.1.0 log with one run, for code-scanning
/// services and editors. Every registered code is listed as a rule, so
/// viewers can show a result's explanation. A design file's URI is relative
/// to `sourceRoot` under the base id `%SRCROOT%`, a standard library file's
/// relative to the library under `SGDC_STDLIB`; never an absolute path, so the
/// log and each result's `partialFingerprints` are the same on every machine
/// and checkout. The mapping is described in docs/diagnostics.md.
void renderSarif(llvm::raw_ostream &os, const SourceFiles &files,
                 llvm::ArrayRef<const Diagnostic *> diagnostics, const SarifToolInfo &tool);

} // namespace sgd

#endif
