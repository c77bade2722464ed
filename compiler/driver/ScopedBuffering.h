#ifndef SGD_DRIVER_SCOPEDBUFFERING_H
#define SGD_DRIVER_SCOPEDBUFFERING_H

#include "llvm/Support/raw_ostream.h"

namespace sgd::driver {

/// Buffers an unbuffered stream (standard error) while it lives: a report
/// written in hundreds of small pieces then leaves in a few writes, not one
/// system call each, which shows when the log is a file or a pipe. 64 KiB,
/// not the file system's block: a build's warnings and summary (about 5 KB)
/// are one write to a log file. Flushed and unbuffered again at the end of
/// the scope. A terminal stays unbuffered (LLVM's preferred buffer size for
/// one is zero).
class ScopedBuffering {
public:
  explicit ScopedBuffering(llvm::raw_ostream &os) : os_(os), wasUnbuffered_(os.GetBufferSize() == 0) {
    if (!wasUnbuffered_)
      return;
    os_.SetBuffered(); // LLVM's preferred size: none for a terminal
    if (os_.GetBufferSize() != 0)
      os_.SetBufferSize(kBytes);
  }
  ~ScopedBuffering() {
    if (wasUnbuffered_)
      os_.SetUnbuffered();
  }
  ScopedBuffering(const ScopedBuffering &) = delete;
  ScopedBuffering &operator=(const ScopedBuffering &) = delete;

private:
  static constexpr size_t kBytes = 64 * 1024;
  llvm::raw_ostream &os_;
  bool wasUnbuffered_;
};

} // namespace sgd::driver

#endif
