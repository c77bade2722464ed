#ifndef SGD_DRIVER_PROGRESSLINE_H
#define SGD_DRIVER_PROGRESSLINE_H

#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace sgd::driver {

/// The progress line of a long build on a terminal: once a build has run
/// for `delay` (a second by default), standard error shows what it is doing
/// and for how long ("sgdc: checking the design… 1.4 s"), redrawn in place
/// every tenth of a second and erased when the build is done, so it never
/// mixes with diagnostics. Off when standard error is not a terminal: logs
/// of CI runs get no progress lines.
class ProgressLine {
public:
  /// `SGDC_PROGRESS_DELAY_MS` in the environment replaces the default delay
  /// (tests use 0 to see the line on a fast build).
  explicit ProgressLine(bool enabled);
  ~ProgressLine();
  ProgressLine(const ProgressLine &) = delete;
  ProgressLine &operator=(const ProgressLine &) = delete;

  /// What the build does now ("parsing 2 files").
  void phase(llvm::StringRef what);

  /// Stops and erases the line; call before printing anything to standard
  /// error. The destructor calls it too.
  void finish();

private:
  void run();
  void draw(std::chrono::steady_clock::time_point now);

  std::mutex mutex_;
  std::condition_variable wake_;
  std::string phase_;
  size_t drawnWidth_ = 0; // columns of the line on screen; 0: none
  bool done_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds delay_{1000};
  std::thread thread_;
};

} // namespace sgd::driver

#endif
