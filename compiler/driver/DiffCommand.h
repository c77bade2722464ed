#ifndef SGD_DRIVER_DIFFCOMMAND_H
#define SGD_DRIVER_DIFFCOMMAND_H

#include "sema/ModuleLoader.h"

#include <string>

namespace sgd::driver {

/// What `sgdc diff` takes.
struct DiffFlags {
  /// Each side: a design file, a project folder (its sgd.toml), or a git
  /// revision of the project of the current folder (`HEAD~1`).
  std::string before;
  std::string after;
  std::string format = "text"; // text, json or markdown
  unsigned jobs = 1;
};

/// `sgdc diff OLD NEW`: compiles both sides in-process as `sgdc build`
/// would (without writing anything) and prints what changed: per site the
/// racks, GPUs, IT load, peak demand, capex by category, every BOM line and
/// milestone (with its slip and what sets its date), then the OCI resources
/// added, changed and removed and the diagnostics added and fixed.
/// Exit status: 0 no changes, 1 changes, 2 a side cannot be read.
int runDiff(const DiffFlags &flags, const sema::ModuleSearch &search);

} // namespace sgd::driver

#endif
