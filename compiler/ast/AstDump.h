#ifndef SGD_AST_ASTDUMP_H
#define SGD_AST_ASTDUMP_H

#include "ast/Item.h"
#include "base/SourceFiles.h"

#include "llvm/Support/raw_ostream.h"

namespace sgd::ast {

/// Prints `file` as an indented tree, one node per line with its source range
/// as `@line:col-line:col`. The output depends only on the source text, so it
/// is what golden tests compare (`sgdc dump ast`).
void dumpAst(llvm::raw_ostream &os, const SourceFiles &files, const File &file);

} // namespace sgd::ast

#endif
