#ifndef SGD_TESTS_FUZZ_FUZZSUPPORT_H
#define SGD_TESTS_FUZZ_FUZZSUPPORT_H

// What the fuzz targets share: the invariants every input must keep, checked
// after each run, and a scratch folder for inputs that must be files.
//
// The invariants, after Carbon's driver fuzzer: no crash, no sanitizer
// report, bounded time and memory (libFuzzer's -timeout and -rss_limit_mb,
// run_fuzzers.py); a run that fails prints at least one diagnostic; and every
// diagnostic points inside its file.

#include "base/SourceFiles.h"
#include "diagnostics/DiagnosticEngine.h"
#include "driver/Session.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace sgd::fuzz {

/// Stops the run with a message: libFuzzer saves the input as a crash.
[[noreturn]] inline void violated(llvm::StringRef invariant, llvm::StringRef output = {}) {
  std::fprintf(stderr, "fuzz invariant violated: %.*s\n%.*s\n",
               static_cast<int>(invariant.size()), invariant.data(),
               static_cast<int>(output.size()), output.data());
  std::abort();
}

/// Every diagnostic and note lies inside its file: begin ≤ end ≤ size.
inline void checkRanges(const SourceFiles &files, const DiagnosticEngine &diagnostics) {
  auto inside = [&](const SourceRange &range) {
    if (!range.isValid())
      return;
    if (range.file.index >= files.fileCount())
      violated("a diagnostic names a file that is not registered");
    if (range.begin > range.end || range.end > files.text(range.file).size())
      violated("a diagnostic's range lies outside its file");
  };
  for (const Diagnostic *d : diagnostics.sorted()) {
    inside(d->range);
    for (const DiagNote &note : d->notes)
      if (note.range)
        inside(*note.range);
    if (d->fixIt)
      inside(d->fixIt->range);
  }
}

/// A run that fails (exit status 1 or 2) printed something.
inline void checkFailureExplained(int status, llvm::StringRef printed) {
  if (status != 0 && printed.empty())
    violated("the run failed without printing a diagnostic");
}

/// Prints the session's diagnostics as text and as JSON, into strings, and
/// checks them: inside their files, and printed when the run failed. Returns
/// the exit status the command line would have.
inline int finishAndCheck(driver::Session &session) {
  checkRanges(session.files(), session.diagnostics());
  std::string text, json;
  llvm::raw_string_ostream textStream(text), jsonStream(json);
  driver::OutputOptions options;
  options.color = driver::ColorMode::Never;
  int status = session.finish(options, textStream, jsonStream);
  checkFailureExplained(status, textStream.str());
  options.format = driver::DiagnosticFormat::Json;
  session.finish(options, textStream, jsonStream);
  return status;
}

/// A folder of this process's own, created once, for inputs that must be
/// files (sgd.toml, --prices) and as the folder of in-memory designs, so
/// that their relative imports find nothing of the machine's.
inline const std::string &scratchFolder() {
  static const std::string folder = [] {
    llvm::SmallString<128> path;
    if (llvm::sys::fs::createUniqueDirectory("sgd-fuzz", path))
      violated("cannot create a scratch folder");
    return std::string(path);
  }();
  return folder;
}

/// Writes `data` to `name` in the scratch folder; returns its path.
inline std::string writeScratchFile(llvm::StringRef name, llvm::StringRef data) {
  std::string path = scratchFolder() + "/" + name.str();
  std::error_code error;
  llvm::raw_fd_ostream out(path, error);
  if (error)
    violated("cannot write a scratch file");
  out << data;
  return path;
}

} // namespace sgd::fuzz

#endif
