#ifndef SGD_DRIVER_PROJECTINIT_H
#define SGD_DRIVER_PROJECTINIT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sgd::driver {

/// `sgdc init [DIR]`: writes a new project into `folder` (created if
/// missing) from the standard library's `init/` files: `sgd.toml`,
/// `campus.sgd` (one site, one GB200 hall, that `sgdc build` builds
/// cleanly) and a `.gitignore` for what builds write (`init/gitignore`: out/,
/// build/ and a build's staging folders). The site and project are named
/// after the folder. Refuses to overwrite an existing `sgd.toml` or
/// `campus.sgd`. Returns the files written.
llvm::Expected<std::vector<std::string>> initProject(llvm::StringRef folder,
                                                     llvm::StringRef stdlibDir);

} // namespace sgd::driver

#endif
