#ifndef SGD_LSP_SERVER_H
#define SGD_LSP_SERVER_H

#include "sema/ModuleLoader.h"

namespace sgd::lsp {

/// `sgdc lsp`: serves the Language Server Protocol over standard input and
/// output until the client says `exit` or closes the input (docs/editors.md).
/// Returns the process exit status: 0 after `shutdown`, else 1.
int runServer(const sema::ModuleSearch &search);

} // namespace sgd::lsp

#endif
