#ifndef SGD_DIAGNOSTICS_TEXTRENDERER_H
#define SGD_DIAGNOSTICS_TEXTRENDERER_H

#include "base/SourceFiles.h"
#include "diagnostics/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd {

struct TextRenderOptions {
  /// ANSI colors; the driver turns them on for a terminal only.
  bool color = false;
};

/// Prints diagnostics for people, clang style: a `file:line:col: severity[CODE]:
/// message` header, the source line with carets under the range, notes and
/// fix-its, then a summary such as "2 errors and 1 warning generated.".
/// docs/diagnostics.md describes the layout.
void renderText(llvm::raw_ostream &os, const SourceFiles &files,
                llvm::ArrayRef<const Diagnostic *> diagnostics,
                const TextRenderOptions &options);

} // namespace sgd

#endif
