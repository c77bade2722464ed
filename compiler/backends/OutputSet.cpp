#include "backends/OutputSet.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::backends {
namespace {

llvm::Error writeFile(llvm::StringRef path, llvm::StringRef contents) {
  if (std::error_code error = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(path)))
    return llvm::createFileError(path, error);
  std::error_code error;
  llvm::raw_fd_ostream out(path, error, llvm::sys::fs::OF_None);
  if (error)
    return llvm::createFileError(path, error);
  out << contents;
  out.close();
  if (out.has_error()) {
    std::error_code writeError = out.error();
    out.clear_error();
    return llvm::createFileError(path, writeError);
  }
  return llvm::Error::success();
}

// Every output folder holds this file, so that a build replaces only a
// folder that a build wrote: `-o src` must not swap a designer's sources away.
constexpr llvm::StringLiteral kMarker = ".sgdc-output";
constexpr llvm::StringLiteral kMarkerText =
    "This folder is written by `sgdc build`; the next build replaces all of it.\n";

// A folder may be replaced when it is absent, empty or marked.
llvm::Error checkReplaceable(llvm::StringRef target) {
  if (!llvm::sys::fs::exists(target))
    return llvm::Error::success();
  if (!llvm::sys::fs::is_directory(target))
    return llvm::createStringError(std::errc::not_a_directory,
                                   "'%s' is a file, not an output folder",
                                   target.str().c_str());
  llvm::SmallString<256> marker(target);
  llvm::sys::path::append(marker, kMarker);
  if (llvm::sys::fs::exists(marker))
    return llvm::Error::success();
  std::error_code error;
  llvm::sys::fs::directory_iterator entry(target, error);
  if (!error && entry == llvm::sys::fs::directory_iterator())
    return llvm::Error::success();
  return llvm::createStringError(
      std::errc::file_exists,
      "'%s' exists and was not written by sgdc (it has no %s file); a build replaces its "
      "output folder as a whole, so it leaves this one alone: choose another folder (-o, or "
      "[outputs] dir in sgd.toml) or remove this one",
      target.str().c_str(), kMarker.data());
}

} // namespace

void OutputSet::add(llvm::StringRef path, std::string contents) {
  files_[path.str()] = std::move(contents);
}

llvm::Error OutputSet::commit(llvm::StringRef outputDir) const {
  llvm::SmallString<256> target(outputDir);
  llvm::sys::path::remove_dots(target, true);
  std::string suffix = "." + std::to_string(llvm::sys::Process::getProcessId());
  std::string staging = (target + ".tmp" + suffix).str();
  std::string previous = (target + ".old" + suffix).str();
  if (llvm::Error error = checkReplaceable(target))
    return error;
  (void)llvm::sys::fs::remove_directories(staging);
  auto discardStaging = [&](llvm::Error error) {
    (void)llvm::sys::fs::remove_directories(staging);
    return error;
  };
  for (const auto &[path, contents] : files_) {
    llvm::SmallString<256> file(staging);
    llvm::sys::path::append(file, llvm::sys::path::Style::posix, path);
    llvm::sys::path::native(file);
    if (llvm::Error error = writeFile(file, contents))
      return discardStaging(std::move(error));
  }
  llvm::SmallString<256> marker(staging);
  llvm::sys::path::append(marker, kMarker);
  if (llvm::Error error = writeFile(marker, kMarkerText))
    return discardStaging(std::move(error));
  // Swap by renames: the old folder aside, the new one in, the old one away.
  bool hadPrevious = llvm::sys::fs::exists(target);
  if (hadPrevious)
    if (std::error_code error = llvm::sys::fs::rename(target, previous))
      return discardStaging(llvm::createFileError(target, error));
  if (std::error_code error = llvm::sys::fs::rename(staging, target)) {
    if (hadPrevious)
      (void)llvm::sys::fs::rename(previous, target);
    return discardStaging(llvm::createFileError(target, error));
  }
  if (hadPrevious)
    (void)llvm::sys::fs::remove_directories(previous);
  return llvm::Error::success();
}

} // namespace sgd::backends
