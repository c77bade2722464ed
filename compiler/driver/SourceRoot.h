#ifndef SGD_DRIVER_SOURCEROOT_H
#define SGD_DRIVER_SOURCEROOT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace sgd::driver {

/// The folder that SARIF file locations are relative to, as an absolute
/// path with links resolved: `option` (`--sarif-root DIR`) when given, else
/// the top of the git work tree around the working folder (the nearest
/// folder at or above it that holds `.git`, a folder or, in a worktree or
/// submodule, a file), else the working folder. Call before `-C DIR`
/// changes the working folder: the root belongs to where sgdc was started.
std::string sarifSourceRoot(llvm::StringRef option);

} // namespace sgd::driver

#endif
