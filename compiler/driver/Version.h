#ifndef SGD_DRIVER_VERSION_H
#define SGD_DRIVER_VERSION_H

#include "llvm/ADT/StringRef.h"

namespace sgd::driver {

/// The compiler's version, from the CMake project version.
llvm::StringRef versionString();

} // namespace sgd::driver

#endif
