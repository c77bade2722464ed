#include "backends/OutputSet.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"

namespace sgd::backends {
namespace {

// Every output folder holds this file, so that a build replaces only a
// folder that a build wrote: `-o src` must not swap a designer's sources away.
constexpr llvm::StringLiteral kMarker = ".sgdc-output";
constexpr llvm::StringLiteral kMarkerText =
    "This folder is written by `sgdc build`; the next build replaces all of it.\n";

// Large writes in few system calls; the default is the file system's block.
constexpr size_t kBufferBytes = 1 << 20;

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

OutputSet::OutputSet(std::string outputDir) {
  llvm::SmallString<256> target(outputDir);
  llvm::sys::path::remove_dots(target, true);
  target_ = std::string(target);
  staging_ = target_ + ".tmp." + std::to_string(llvm::sys::Process::getProcessId());
}

std::unique_ptr<OutputSet> OutputSet::inMemory() {
  std::unique_ptr<OutputSet> set(new OutputSet());
  set->inMemory_ = true;
  return set;
}

OutputSet::~OutputSet() {
  close();
  for (const std::string &file : stagedFiles_)
    llvm::sys::DontRemoveFileOnSignal(file);
  if (staged_ && !committed_)
    (void)llvm::sys::fs::remove_directories(staging_);
}

void OutputSet::fail(llvm::StringRef path, std::error_code error) {
  if (!error_)
    error_.emplace(path.str(), error);
}

void OutputSet::close() {
  if (memoryStream_) {
    files_[relativePath_] = memoryStream_->str().size();
    memoryStream_.reset();
  }
  if (!stream_)
    return;
  stream_->close();
  if (stream_->has_error()) {
    fail(openPath_, stream_->error());
    stream_->clear_error();
  }
  files_[relativePath_] = stream_->tell();
  stream_.reset();
}

llvm::raw_ostream &OutputSet::open(llvm::StringRef path) {
  close();
  if (inMemory_) {
    relativePath_ = path.str();
    std::string &text = contents_[relativePath_];
    text.clear();
    memoryStream_ = std::make_unique<llvm::raw_string_ostream>(text);
    return *memoryStream_;
  }
  if (!staged_) {
    (void)llvm::sys::fs::remove_directories(staging_); // left by a killed build of this pid
    staged_ = true;
  }
  llvm::SmallString<256> file(staging_);
  llvm::sys::path::append(file, llvm::sys::path::Style::posix, path);
  llvm::sys::path::native(file);
  relativePath_ = path.str();
  openPath_ = std::string(file);
  if (error_)
    return discard_;
  if (std::error_code error =
          llvm::sys::fs::create_directories(llvm::sys::path::parent_path(file))) {
    fail(openPath_, error);
    return discard_;
  }
  std::error_code error;
  auto stream = std::make_unique<llvm::raw_fd_ostream>(openPath_, error, llvm::sys::fs::OF_None);
  if (error) {
    fail(openPath_, error);
    return discard_;
  }
  // An interrupted build leaves no staged file behind (its empty folders
  // may stay).
  llvm::sys::RemoveFileOnSignal(openPath_);
  stagedFiles_.push_back(openPath_);
  stream->SetBufferSize(kBufferBytes);
  stream_ = std::move(stream);
  return *stream_;
}

void OutputSet::add(llvm::StringRef path, llvm::StringRef contents) { open(path) << contents; }

llvm::Error OutputSet::commit() {
  close();
  if (inMemory_)
    return llvm::Error::success();
  if (!staged_) {
    (void)llvm::sys::fs::remove_directories(staging_);
    staged_ = true;
    if (std::error_code error = llvm::sys::fs::create_directories(staging_))
      fail(staging_, error);
  }
  auto discardStaging = [&](llvm::Error error) {
    (void)llvm::sys::fs::remove_directories(staging_);
    committed_ = true; // nothing left to remove
    return error;
  };
  if (!error_) {
    open(kMarker) << kMarkerText;
    close();
    files_.erase(std::string(kMarker));
  }
  for (const std::string &file : stagedFiles_)
    llvm::sys::DontRemoveFileOnSignal(file);
  stagedFiles_.clear();
  if (error_)
    return discardStaging(llvm::createFileError(error_->first, error_->second));
  if (llvm::Error error = checkReplaceable(target_))
    return discardStaging(std::move(error));
  // Swap by renames: the old folder aside, the new one in, the old one away.
  std::string previous = target_ + ".old." + std::to_string(llvm::sys::Process::getProcessId());
  bool hadPrevious = llvm::sys::fs::exists(target_);
  if (hadPrevious)
    if (std::error_code error = llvm::sys::fs::rename(target_, previous))
      return discardStaging(llvm::createFileError(target_, error));
  if (std::error_code error = llvm::sys::fs::rename(staging_, target_)) {
    if (hadPrevious)
      (void)llvm::sys::fs::rename(previous, target_);
    return discardStaging(llvm::createFileError(target_, error));
  }
  committed_ = true;
  if (hadPrevious)
    (void)llvm::sys::fs::remove_directories(previous);
  return llvm::Error::success();
}

} // namespace sgd::backends
