#include "backends/OutputSet.h"

#include "base/InputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <optional>
#include <set>
#include <signal.h>
#include <vector>

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
// It lists the files the build wrote; a folder that holds anything else
// (notes a designer put there) is not replaced either.
constexpr llvm::StringLiteral kMarker = ".sgdc-output";
constexpr llvm::StringLiteral kMarkerHeading =
    "This folder was written by `sgdc build`. The next build replaces it, unless it holds "
    "files other than these:\n";
// The marker of sgdc before it listed its files: such a folder is replaced
// as a whole, as that marker said.
constexpr llvm::StringLiteral kLegacyMarkerText =
    "This folder is written by `sgdc build`; the next build replaces all of it.\n";

namespace fs = llvm::sys::fs;

// A marker lists a build's files; no build writes a million.
constexpr uint64_t kMaxMarkerBytes = 16 << 20;

std::string childPath(llvm::StringRef folder, llvm::StringRef name) {
  llvm::SmallString<256> path(folder);
  llvm::sys::path::append(path, name);
  return std::string(path);
}

bool isLink(llvm::StringRef path) {
  fs::file_status status;
  return !fs::status(path, status, /*follow=*/false) && status.type() == fs::file_type::symlink_file;
}

bool isRealFolder(llvm::StringRef path) {
  fs::file_status status;
  return !fs::status(path, status, /*follow=*/false) &&
         status.type() == fs::file_type::directory_file;
}

// Everything below `folder` (never through a link: a link is an entry like a
// file), as paths relative to it with `/`, folders after their contents.
// Iterative: a deep tree costs memory, not stack.
std::vector<std::pair<std::string, bool>> entriesBelow(llvm::StringRef folder,
                                                       std::error_code &error) {
  std::vector<std::pair<std::string, bool>> entries; // relative path, is a folder
  std::vector<std::string> folders{""};
  std::vector<std::string> visited;
  while (!folders.empty() && !error) {
    std::string relative = std::move(folders.back());
    folders.pop_back();
    visited.push_back(relative);
    std::string absolute = relative.empty() ? folder.str() : childPath(folder, relative);
    for (fs::directory_iterator it(absolute, error, /*follow_symlinks=*/false), end;
         it != end && !error; it.increment(error)) {
      std::string name = llvm::sys::path::filename(it->path()).str();
      std::string path = relative.empty() ? name : relative + "/" + name;
      if (it->type() == fs::file_type::directory_file)
        folders.push_back(path);
      else
        entries.push_back({path, false});
    }
  }
  // Deepest folders last visited last: remove them first.
  for (auto it = visited.rbegin(); it != visited.rend(); ++it)
    if (!it->empty())
      entries.push_back({*it, true});
  return entries;
}

// Removes `folder` and everything in it without following any link.
std::error_code removeTree(llvm::StringRef folder) {
  std::error_code error;
  std::vector<std::pair<std::string, bool>> entries = entriesBelow(folder, error);
  if (error)
    return error;
  for (const auto &[relative, isFolder] : entries)
    if (std::error_code removed = fs::remove(childPath(folder, relative), /*IgnoreNonExisting=*/true))
      return removed;
  return fs::remove(folder, /*IgnoreNonExisting=*/true);
}

// The files a marker lists; none for a legacy marker, which allows all.
struct MarkerList {
  bool legacy = false;
  std::set<std::string> files;
};

std::optional<MarkerList> readMarker(llvm::StringRef folder) {
  std::string path = childPath(folder, kMarker);
  if (isLink(path) || !fs::is_regular_file(path))
    return std::nullopt;
  auto buffer = readInputFile(path, kMaxMarkerBytes);
  if (!buffer) {
    llvm::consumeError(buffer.takeError());
    return std::nullopt;
  }
  llvm::StringRef text = (*buffer)->getBuffer();
  MarkerList list;
  if (text == kLegacyMarkerText) {
    list.legacy = true;
    return list;
  }
  if (!text.consume_front(kMarkerHeading))
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 32> lines;
  text.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef line : lines)
    list.files.insert(line.str());
  return list;
}

// What a folder that is to be replaced holds that no build wrote: empty when
// it may be replaced. A folder may be replaced when it is absent, empty, or
// marked and holding nothing but the files its marker lists.
llvm::Error checkReplaceable(llvm::StringRef target) {
  if (isLink(target))
    return llvm::createStringError(
        std::errc::file_exists,
        "'%s' is a symbolic link; a build replaces its output folder as a whole and never "
        "writes or deletes through a link: give the folder itself (-o, or [outputs] dir in "
        "sgd.toml)",
        target.str().c_str());
  if (!fs::exists(target))
    return llvm::Error::success();
  if (!fs::is_directory(target))
    return llvm::createStringError(std::errc::not_a_directory,
                                   "'%s' is a file, not an output folder",
                                   target.str().c_str());
  std::error_code error;
  std::vector<std::pair<std::string, bool>> entries = entriesBelow(target, error);
  if (error)
    return llvm::createFileError(target, error);
  if (entries.empty())
    return llvm::Error::success();
  std::optional<MarkerList> marker = readMarker(target);
  if (!marker)
    return llvm::createStringError(
        std::errc::file_exists,
        "'%s' exists and was not written by sgdc (it has no %s file); a build replaces its "
        "output folder as a whole, so it leaves this one alone: choose another folder (-o, or "
        "[outputs] dir in sgd.toml) or remove this one",
        target.str().c_str(), kMarker.data());
  if (marker->legacy)
    return llvm::Error::success();
  std::vector<std::string> foreign;
  for (const auto &[relative, isFolder] : entries)
    if (!isFolder && relative != kMarker && !marker->files.count(relative))
      foreign.push_back(relative);
  if (foreign.empty())
    return llvm::Error::success();
  std::string shown = "'" + foreign.front() + "'";
  if (foreign.size() > 1)
    shown += " and " + std::to_string(foreign.size() - 1) + " more";
  return llvm::createStringError(
      std::errc::file_exists,
      "'%s' holds %s that sgdc did not write; a build replaces its output folder as a whole, "
      "so it leaves this one alone: move %s out, or choose another folder",
      target.str().c_str(), shown.c_str(), foreign.size() == 1 ? "it" : "them");
}

// Whether process `pid` is gone, so that its staging folders are left-overs.
// This process has made none yet: a folder with its number is an older one's.
bool processGone(llvm::StringRef pidText) {
  unsigned long pid = 0;
  if (pidText.getAsInteger(10, pid) || pid == 0 || pid > INT32_MAX)
    return false;
  if (pid == static_cast<unsigned long>(llvm::sys::Process::getProcessId()))
    return true;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// A build that was killed leaves `OUT.tmp.PID` (its staging folder) or
// `OUT.old.PID` (the folder it was replacing) beside the output folder.
// Removed when that process is gone and the folder is a real folder that a
// build wrote (marked; a staging folder is marked before anything else is
// written into it) or empty. Anything else of that name is left alone.
void removeStaleStaging(llvm::StringRef target) {
  llvm::StringRef parent = llvm::sys::path::parent_path(target);
  std::string base = llvm::sys::path::filename(target).str();
  std::error_code error;
  for (fs::directory_iterator it(parent.empty() ? "." : parent, error, false), end;
       it != end && !error; it.increment(error)) {
    llvm::StringRef name = llvm::sys::path::filename(it->path());
    if (!name.consume_front(base) || !(name.consume_front(".tmp.") || name.consume_front(".old.")))
      continue;
    if (!processGone(name) || !isRealFolder(it->path()))
      continue;
    std::error_code listed;
    bool empty = entriesBelow(it->path(), listed).empty() && !listed;
    if (empty || readMarker(it->path()))
      (void)removeTree(it->path());
  }
}

} // namespace

void OutputSet::add(llvm::StringRef path, std::string contents) {
  std::string &file = files_[path.str()];
  totalBytes_ += contents.size() - file.size();
  file = std::move(contents);
}

llvm::Error OutputSet::commit(llvm::StringRef outputDir) const {
  llvm::SmallString<256> target(outputDir);
  llvm::sys::path::remove_dots(target, true);
  std::string suffix = "." + std::to_string(llvm::sys::Process::getProcessId());
  std::string staging = (target + ".tmp" + suffix).str();
  std::string previous = (target + ".old" + suffix).str();
  if (llvm::Error error = checkReplaceable(target))
    return error;
  removeStaleStaging(target);
  // Our own names must be free: never removed here, whatever they are.
  for (const std::string &ours : {staging, previous})
    if (fs::exists(ours) || isLink(ours))
      return llvm::createStringError(std::errc::file_exists,
                                     "'%s' is in the way of the build's staging folder; "
                                     "remove it",
                                     ours.c_str());
  llvm::StringRef parent = llvm::sys::path::parent_path(staging);
  if (!parent.empty())
    if (std::error_code error = fs::create_directories(parent))
      return llvm::createFileError(staging, error);
  if (std::error_code error = fs::create_directory(staging, /*IgnoreExisting=*/false))
    return llvm::createFileError(staging, error);
  auto discardStaging = [&](llvm::Error error) {
    (void)removeTree(staging);
    return error;
  };
  // The marker first: a staging folder left by a killed build is then
  // recognised as one (removeStaleStaging).
  std::string marker = kMarkerHeading.str();
  for (const auto &[path, contents] : files_)
    marker += path + "\n";
  if (llvm::Error error = writeFile(childPath(staging, kMarker), marker))
    return discardStaging(std::move(error));
  for (const auto &[path, contents] : files_) {
    llvm::SmallString<256> file(staging);
    llvm::sys::path::append(file, llvm::sys::path::Style::posix, path);
    llvm::sys::path::native(file);
    if (llvm::Error error = writeFile(file, contents))
      return discardStaging(std::move(error));
  }
  // Swap by renames: the old folder aside, the new one in, the old one away.
  bool hadPrevious = fs::exists(target);
  if (hadPrevious)
    if (std::error_code error = fs::rename(target, previous))
      return discardStaging(llvm::createFileError(target, error));
  if (std::error_code error = fs::rename(staging, target)) {
    if (hadPrevious)
      (void)fs::rename(previous, target);
    return discardStaging(llvm::createFileError(target, error));
  }
  if (hadPrevious)
    (void)removeTree(previous);
  return llvm::Error::success();
}

} // namespace sgd::backends
