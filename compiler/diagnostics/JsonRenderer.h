#ifndef SGD_DIAGNOSTICS_JSONRENDERER_H
#define SGD_DIAGNOSTICS_JSONRENDERER_H

#include "base/SourceFiles.h"
#include "diagnostics/Diagnostic.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd {

/// Prints diagnostics as one JSON document for tools (format version 1,
/// documented field by field in docs/diagnostics.md). Keys come in a fixed
/// order, so equal inputs give byte-identical output.
void renderJson(llvm::raw_ostream &os, const SourceFiles &files,
                llvm::ArrayRef<const Diagnostic *> diagnostics);

} // namespace sgd

#endif
