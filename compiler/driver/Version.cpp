#include "driver/Version.h"

namespace sgd::driver {

llvm::StringRef versionString() { return SGD_VERSION; }

} // namespace sgd::driver
