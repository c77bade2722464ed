#include "driver/ProgressLine.h"

#include "base/Utf8.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

namespace sgd::driver {

ProgressLine::ProgressLine(bool enabled) : start_(std::chrono::steady_clock::now()) {
  if (!enabled || !llvm::sys::Process::StandardErrIsDisplayed())
    return;
  if (const char *delay = std::getenv("SGDC_PROGRESS_DELAY_MS")) {
    unsigned milliseconds = 0;
    if (!llvm::StringRef(delay).getAsInteger(10, milliseconds))
      delay_ = std::chrono::milliseconds(milliseconds);
  }
  thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::phase(llvm::StringRef what) {
  std::lock_guard<std::mutex> lock(mutex_);
  phase_ = what.str();
  wake_.notify_one();
}

void ProgressLine::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable())
    thread_.join();
}

void ProgressLine::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  // Nothing until the build has run for the delay, then a redraw every
  // tenth of a second and at each new phase.
  if (wake_.wait_until(lock, start_ + delay_, [this] { return done_; }))
    return;
  while (!done_) {
    draw(std::chrono::steady_clock::now());
    wake_.wait_for(lock, std::chrono::milliseconds(100));
  }
  if (drawnWidth_ != 0) {
    // Erase: back to the start, blanks over the old text, back again.
    llvm::errs() << "\r" << std::string(drawnWidth_, ' ') << "\r";
    llvm::errs().flush();
  }
}

void ProgressLine::draw(std::chrono::steady_clock::time_point now) {
  if (phase_.empty()) // the build has not said what it does yet
    return;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = llvm::formatv("sgdc: {0}… {1:f1} s", phase_, seconds).str();
  size_t width = countCodePoints(line);
  if (width < drawnWidth_)
    line.append(drawnWidth_ - width, ' ');
  llvm::errs() << "\r" << line;
  llvm::errs().flush();
  drawnWidth_ = std::max(width, drawnWidth_);
}

} // namespace sgd::driver
