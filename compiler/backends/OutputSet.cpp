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
  if (files_.empty())
    if (std::error_code error = llvm::sys::fs::create_directories(staging))
      return discardStaging(llvm::createFileError(staging, error));
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
