#include "driver/ExitStatus.h"

#include "llvm/Support/Compiler.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

namespace sgd::driver {

int finishProcess(int status) {
  llvm::raw_fd_ostream &out = llvm::outs();
  out.flush();
  if (out.has_error()) {
    std::error_code error = out.error();
    out.clear_error();
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "cannot write the standard output: " << error.message() << "\n";
    status = exitUsage;
  }
  // Nothing more can be said about standard error failing.
  llvm::errs().flush();
  llvm::errs().clear_error();
  std::fflush(nullptr); // CLI11 writes its help and its errors through std::cout
#if LLVM_ADDRESS_SANITIZER_BUILD || LLVM_MEMORY_SANITIZER_BUILD
  return status;
#else
  llvm::sys::Process::Exit(status, /*NoCleanup=*/true);
#endif
}

} // namespace sgd::driver
