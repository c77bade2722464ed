#ifndef SGD_DRIVER_SCOPEDBUFFERING_H
#define SGD_DRIVER_SCOPEDBUFFERING_H

#include "llvm/Support/raw_ostream.h"

namespace sgd::driver {

/// Buffers an unbuffered stream (standard error) while it lives: a report
/// written in hundreds of small pieces then leaves in a few writes, not one
/// system call each, which shows when the log is a file or a pipe. Flushed
/// and unbuffered again at the end of the scope. A terminal stays unbuffered
/// (LLVM's preferred buffer size for one is zero).
class ScopedBuffering {
public:
  explicit ScopedBuffering(llvm::raw_ostream &os) : os_(os), wasUnbuffered_(os.GetBufferSize() == 0) {
    if (wasUnbuffered_)
      os_.SetBuffered();
  }
  ~ScopedBuffering() {
    if (wasUnbuffered_)
      os_.SetUnbuffered();
  }
  ScopedBuffering(const ScopedBuffering &) = delete;
  ScopedBuffering &operator=(const ScopedBuffering &) = delete;

private:
  llvm::raw_ostream &os_;
  bool wasUnbuffered_;
};

} // namespace sgd::driver

#endif
