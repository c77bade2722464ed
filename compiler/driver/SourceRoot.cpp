#include "driver/SourceRoot.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace sgd::driver {

std::string sarifSourceRoot(llvm::StringRef option) {
  llvm::SmallString<256> here;
  if (!option.empty()) {
    here = option;
  } else if (llvm::sys::fs::current_path(here)) {
    return ".";
  }
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(here, real)) {
    real = here;
    (void)llvm::sys::fs::make_absolute(real);
  }
  if (!option.empty())
    return real.str().str();
  for (llvm::StringRef folder = real; !folder.empty();
       folder = llvm::sys::path::parent_path(folder)) {
    llvm::SmallString<256> git(folder);
    llvm::sys::path::append(git, ".git");
    if (llvm::sys::fs::exists(git))
      return folder.str();
  }
  return real.str().str();
}

} // namespace sgd::driver
