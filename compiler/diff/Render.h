#ifndef SGD_DIFF_RENDER_H
#define SGD_DIFF_RENDER_H

#include "diff/DesignDiff.h"

#include "llvm/Support/raw_ostream.h"

namespace sgd::diff {

/// `sgdc diff`: per changed site its figures, capex, BOM lines and
/// milestones, then the OCI resources and the diagnostics added and fixed
/// (docs/ci.md shows each format).
void printText(const DesignDiff &diff, llvm::raw_ostream &out);

/// The same as Markdown for a pull-request comment (`--format markdown`).
void printMarkdown(const DesignDiff &diff, llvm::raw_ostream &out);

/// The same as JSON (`--format json`): money as exact decimal strings in
/// USD, powers as exact decimal strings in W.
void printJson(const DesignDiff &diff, llvm::raw_ostream &out);

} // namespace sgd::diff

#endif
