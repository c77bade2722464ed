#include "backends/OutputSet.h"

#include "base/InputFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"

#include <cerrno>
#include <optional>
#include <set>
#include <signal.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace sgd::backends {
namespace {

llvm::Error writeFile(llvm::StringRef path, llvm::StringRef contents) {
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

// Large writes in few system calls; the default is the file system's block.
constexpr size_t kBufferBytes = 1 << 20;

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

// The process's umask, read rather than set and restored: umask() would
// change it for the other threads meanwhile.
std::optional<unsigned> processUmask() {
  llvm::Expected<fs::file_t> file = fs::openNativeFileForRead("/proc/self/status");
  if (!file) {
    llvm::consumeError(file.takeError());
    return std::nullopt;
  }
  llvm::SmallString<4096> text;
  llvm::Error error = fs::readNativeFileToEOF(*file, text);
  fs::closeFile(*file);
  if (error) {
    llvm::consumeError(std::move(error));
    return std::nullopt;
  }
  llvm::StringRef rest = text.str();
  size_t at = rest.find("\nUmask:");
  unsigned mask = 0;
  if (at == llvm::StringRef::npos ||
      rest.substr(at + 8).ltrim(" \t").take_until([](char c) { return c == '\n'; }).getAsInteger(8, mask))
    return std::nullopt;
  return mask;
}

// A default ACL on the folder gives new entries in it their mode, not the
// umask. Unknown counts as having one.
bool hasDefaultAcl(const std::string &folder) {
  if (::getxattr(folder.c_str(), "system.posix_acl_default", nullptr, 0) >= 0)
    return true;
  return errno != ENODATA && errno != ENOTSUP;
}

std::string markerText(const std::map<std::string, uint64_t> &files) {
  std::string text = kMarkerHeading.str();
  for (const auto &[path, bytes] : files)
    text += path + "\n";
  return text;
}

} // namespace

/// A file of the old output folder, open for reading, whose bytes are
/// compared with those the build writes.
class OutputSet::OldFile {
public:
  OldFile(std::string path, fs::file_t file, fs::UniqueID id, uint64_t size)
      : path_(std::move(path)), file_(file), id_(id), size_(size) {}
  OldFile(OldFile &&other) noexcept
      : path_(std::move(other.path_)), file_(std::exchange(other.file_, fs::kInvalidFile)),
        id_(other.id_), size_(other.size_) {}
  OldFile &operator=(OldFile &&other) noexcept {
    if (this != &other) {
      close();
      path_ = std::move(other.path_);
      file_ = std::exchange(other.file_, fs::kInvalidFile);
      id_ = other.id_;
      size_ = other.size_;
    }
    return *this;
  }
  OldFile(const OldFile &) = delete;
  OldFile &operator=(const OldFile &) = delete;
  ~OldFile() { close(); }

  /// Whether its bytes from `offset` on are `bytes`, and, with `last`, its
  /// end follows them.
  bool holdsAt(uint64_t offset, llvm::StringRef bytes, bool last) {
    char chunk[1 << 16];
    while (!bytes.empty()) {
      size_t part = std::min(bytes.size(), sizeof chunk);
      if (!readAt(offset, chunk, part) || llvm::StringRef(chunk, part) != bytes.take_front(part))
        return false;
      bytes = bytes.drop_front(part);
      offset += part;
    }
    return !last || endsAt(offset);
  }
  /// Whether it ends at `offset`.
  bool endsAt(uint64_t offset) {
    char byte;
    llvm::Expected<size_t> read =
        fs::readNativeFileSlice(file_, llvm::MutableArrayRef<char>(&byte, 1), offset);
    if (!read) {
      llvm::consumeError(read.takeError());
      return false;
    }
    return *read == 0;
  }
  /// Writes its first `size` bytes to `out` (bytes already compared: the
  /// same as the build's).
  bool copyTo(llvm::raw_ostream &out, uint64_t size) {
    char chunk[1 << 16];
    for (uint64_t at = 0; at < size;) {
      size_t part = static_cast<size_t>(std::min<uint64_t>(size - at, sizeof chunk));
      if (!readAt(at, chunk, part))
        return false;
      out.write(chunk, part);
      at += part;
    }
    return true;
  }
  const std::string &path() const { return path_; }
  fs::UniqueID id() const { return id_; }
  /// Its size when it was opened.
  uint64_t size() const { return size_; }

private:
  void close() {
    if (file_ != fs::kInvalidFile)
      fs::closeFile(file_);
  }
  // Exactly `size` bytes from `offset`.
  bool readAt(uint64_t offset, char *into, size_t size) {
    while (size > 0) {
      llvm::Expected<size_t> read =
          fs::readNativeFileSlice(file_, llvm::MutableArrayRef<char>(into, size), offset);
      if (!read) {
        llvm::consumeError(read.takeError());
        return false;
      }
      if (*read == 0)
        return false;
      into += *read;
      offset += *read;
      size -= *read;
    }
    return true;
  }

  std::string path_;
  fs::file_t file_;
  fs::UniqueID id_;
  uint64_t size_;
};

/// A staged file's buffered stream. It creates its file (and the staging
/// folder) on the first write, so that a file the buffer holds whole can be
/// carried over instead (OutputSet::oldFileHolding). A larger file is compared
/// with the old folder's as the buffer fills, and written only from the
/// first byte that differs (the same bytes before it copied from the old
/// file): one that differs nowhere is carried over too (matchedOldFile). It
/// writes while the files together stay within the byte limit and only
/// counts beyond it.
class OutputSet::LimitedFileStream : public llvm::raw_ostream {
public:
  /// `buffer` holds kBufferBytes and outlives the stream.
  LimitedFileStream(OutputSet &set, std::string path, uint64_t allowance, char *buffer)
      : set_(set), path_(std::move(path)), allowance_(allowance) {
    SetBuffer(buffer, kBufferBytes);
  }
  ~LimitedFileStream() override { (void)finish(); }

  /// The whole file, while no byte of it has left the buffer.
  std::optional<llvm::StringRef> wholeFile() const {
    if (file_ || written_ > 0 || GetNumBytesInBuffer() > allowance_)
      return std::nullopt;
    return llvm::StringRef(getBufferStart(), GetNumBytesInBuffer());
  }
  /// The old file, when every byte streamed equals it and it ends there
  /// (the buffer flushed first); otherwise the file is written from here on.
  std::optional<OldFile> matchedOldFile() {
    flush();
    if (!old_)
      return std::nullopt;
    if (!old_->endsAt(written_)) {
      writeFromOldFile();
      return std::nullopt;
    }
    std::optional<OldFile> old = std::move(old_);
    old_.reset();
    return old;
  }
  /// The file is written as the build gives it, not compared.
  void writeAnew() { compare_ = false; }
  /// The file is carried over: what the buffer holds is counted, not written.
  void markCarried() { carried_ = true; }
  /// A file that matched `old` to its end but cannot be carried over: it
  /// is written whole from `old`, which holds its bytes.
  void writeFrom(OldFile old) {
    old_ = std::move(old);
    writeFromOldFile();
  }
  /// Flushes and closes the file (an empty one is created now); the first
  /// error of creating or writing it.
  std::error_code finish() {
    flush();
    if (old_) // compared to the end and not carried over: written after all
      writeFromOldFile();
    if (!carried_ && !file_ && !error_ && !finished_)
      create();
    finished_ = true;
    if (file_) {
      file_->close();
      if (file_->has_error() && !error_)
        error_ = file_->error();
      file_->clear_error();
      file_.reset();
    }
    return error_;
  }

private:
  void create() {
    if (!set_.prepareOpenFile()) {
      error_ = std::make_error_code(std::errc::io_error); // the set keeps the reason
      return;
    }
    file_ = std::make_unique<llvm::raw_fd_ostream>(path_, error_, fs::OF_None);
    if (error_)
      file_.reset();
    else
      file_->SetUnbuffered(); // this stream buffers
  }
  void write_impl(const char *data, size_t size) override {
    if (carried_ || written_ + size > allowance_) {
      allowance_ = 0; // past the limit: nothing more of this file is written
      old_.reset();
      compare_ = false;
      written_ += size;
      return;
    }
    if (compare_) // the first flush
      old_ = set_.oldFileToCompare();
    compare_ = false; // from then on, only the old file decides
    if (old_) {
      if (old_->holdsAt(written_, llvm::StringRef(data, size), /*last=*/false)) {
        written_ += size;
        return;
      }
      writeFromOldFile();
    }
    if (!file_ && !error_)
      create();
    if (file_)
      file_->write(data, size);
    written_ += size;
  }
  uint64_t current_pos() const override { return written_; }
  // What was found equal so far is written from the old file, and the rest
  // as it comes.
  void writeFromOldFile() {
    compare_ = false;
    if (!old_)
      return;
    if (!file_ && !error_)
      create();
    if (file_ && !old_->copyTo(*file_, written_) && !error_)
      error_ = std::make_error_code(std::errc::io_error);
    old_.reset();
  }

  OutputSet &set_;
  std::string path_;
  std::unique_ptr<llvm::raw_fd_ostream> file_; // created on the first write
  std::optional<OldFile> old_; // the old file, equal to every byte so far
  std::error_code error_;
  uint64_t allowance_; // the bytes this file may still write
  uint64_t written_ = 0;
  bool compare_ = true; // the first flush looks for an old file to compare
  bool carried_ = false;
  bool finished_ = false;
};

OutputSet::OutputSet(std::string outputDir) {
  llvm::SmallString<256> target(outputDir);
  llvm::sys::path::remove_dots(target, true);
  target_ = std::string(target);
  std::string suffix = "." + std::to_string(llvm::sys::Process::getProcessId());
  staging_ = target_ + ".tmp" + suffix;
  previous_ = target_ + ".old" + suffix;
}

std::unique_ptr<OutputSet> OutputSet::inMemory() {
  std::unique_ptr<OutputSet> set(new OutputSet());
  set->inMemory_ = true;
  set->maxBytes_ = UINT64_MAX;
  return set;
}

OutputSet::~OutputSet() {
  close();
  for (const std::string &file : stagedFiles_)
    llvm::sys::DontRemoveFileOnSignal(file);
  if (stagingCreated_ && !committed_)
    (void)removeTree(staging_);
}

void OutputSet::fail(std::string message) {
  if (!error_)
    error_ = std::move(message);
}

void OutputSet::fail(llvm::StringRef path, std::error_code error) {
  fail("'" + path.str() + "': " + error.message());
}

uint64_t OutputSet::totalBytes() const {
  return closedBytes_ + (stream_ ? stream_->tell() : 0) +
         (memoryStream_ ? memoryStream_->tell() : 0);
}

void OutputSet::close() {
  std::optional<uint64_t> bytes;
  if (memoryStream_) {
    bytes = memoryStream_->str().size();
    memoryStream_.reset();
  }
  if (stream_) {
    std::optional<llvm::StringRef> whole = stream_->wholeFile();
    std::optional<OldFile> old = whole ? oldFileHolding(*whole) : stream_->matchedOldFile();
    std::optional<Carried> file;
    if (old)
      file = Carried{relativePath_, old->path(), openPath_, old->id()};
    // Before anything is staged the link waits: a rebuild that changes
    // nothing then stages nothing at all (commit).
    if (file && (!stagingCreated_ || linkCarried(*file))) {
      if (!stagingCreated_)
        carried_.push_back(std::move(*file));
      stream_->markCarried();
    } else if (old && !whole) { // streamed: its bytes are the old file's alone
      stream_->writeFrom(std::move(*old));
    } else {
      stream_->writeAnew();
    }
    if (std::error_code error = stream_->finish())
      fail(openPath_, error);
    bytes = stream_->tell();
    stream_.reset();
  }
  if (!bytes)
    return;
  uint64_t &size = files_[relativePath_];
  closedBytes_ = closedBytes_ - size + *bytes; // a file opened again replaces its bytes
  size = *bytes;
}

bool OutputSet::stage() {
  if (staged_)
    return stagingCreated_;
  staged_ = true;
  removeStaleStaging(target_);
  // Our own names must be free: never removed here, whatever they are.
  for (const std::string &ours : {staging_, previous_})
    if (fs::exists(ours) || isLink(ours)) {
      fail("'" + ours + "' is in the way of the build's staging folder; remove it");
      return false;
    }
  llvm::StringRef parent = llvm::sys::path::parent_path(staging_);
  if (!parent.empty())
    if (std::error_code error = fs::create_directories(parent)) {
      fail(staging_, error);
      return false;
    }
  if (std::error_code error = fs::create_directory(staging_, /*IgnoreExisting=*/false)) {
    fail(staging_, error);
    return false;
  }
  stagingCreated_ = true;
  // The marker first (and not removed on a signal): a staging folder left
  // by a killed build is then recognised as one (removeStaleStaging).
  std::string marker = childPath(staging_, kMarker);
  if (llvm::Error error = writeFile(marker, markerText({}))) {
    fail(llvm::toString(std::move(error)));
    return false;
  }
  // The marker is a new file: where it did not get the owner and mode
  // expected of one, what was carried over is copied instead (a new file
  // each) and nothing more is carried. Without an old folder nothing is.
  if (!hasPreviousFolder())
    return true;
  const std::optional<NewEntries> &expected = newEntries();
  bool expectedHeld = expected && expected->holdFor(marker, expected->file);
  if (!expectedHeld)
    newEntries_.reset();
  for (const Carried &file : carried_) {
    if (expectedHeld && linkCarried(file))
      continue;
    // Its bytes were compared when it was closed: the inode compared is the
    // one copied.
    fs::file_status old;
    if (fs::status(file.oldPath, old, /*follow=*/false) || old.getUniqueID() != file.id) {
      fail("'" + file.oldPath + "' changed while the build ran; build again");
      return false;
    }
    std::error_code error = fs::create_directories(llvm::sys::path::parent_path(file.stagedPath));
    if (!error)
      error = fs::copy_file(file.oldPath, file.stagedPath);
    if (error) {
      fail(file.stagedPath, error);
      return false;
    }
    removeOnSignal(file.stagedPath);
  }
  carried_.clear();
  return true;
}

bool OutputSet::prepareOpenFile() {
  if (!stage())
    return false;
  if (std::error_code error = fs::create_directories(llvm::sys::path::parent_path(openPath_))) {
    fail(openPath_, error);
    return false;
  }
  removeOnSignal(openPath_);
  return true;
}

// An interrupted build leaves no staged file behind (its marker and empty
// folders stay, for the next build to remove).
void OutputSet::removeOnSignal(const std::string &stagedFile) {
  llvm::sys::RemoveFileOnSignal(stagedFile);
  stagedFiles_.push_back(stagedFile);
}

// What the staging folder and its files get: the process's umask applied
// to the modes they are created with, its owner, and the group of the
// parent folder where that folder passes its group on (set-group-ID).
// Unknown where the parent folder's default ACL decides the mode instead.
const std::optional<OutputSet::NewEntries> &OutputSet::newEntries() {
  if (newEntriesKnown_)
    return newEntries_;
  newEntriesKnown_ = true;
  std::optional<unsigned> mask = processUmask();
  llvm::StringRef parent = llvm::sys::path::parent_path(target_);
  std::string folder = parent.empty() ? "." : parent.str();
  fs::file_status status;
  if (!mask || fs::status(folder, status, /*follow=*/true) || hasDefaultAcl(folder))
    return newEntries_;
  bool passesGroup = (status.permissions() & fs::set_gid_on_exe) != 0;
  NewEntries entries;
  entries.user = ::geteuid();
  entries.group = passesGroup ? status.getGroup() : ::getegid();
  entries.file = static_cast<fs::perms>((fs::all_read | fs::all_write) & ~*mask);
  entries.folder = static_cast<fs::perms>(((fs::owner_all | fs::group_all) & ~*mask) |
                                          (passesGroup ? fs::set_gid_on_exe : fs::no_perms));
  newEntries_ = entries;
  return newEntries_;
}

bool OutputSet::hasPreviousFolder() {
  if (!previousIsFolder_)
    previousIsFolder_ = isRealFolder(target_);
  return *previousIsFolder_;
}

// A rebuild that changes nothing need not create a file and delete its
// twin: creating an inode, filling its pages and freeing the old ones was
// most of the system time of a small build. The old file is carried over
// instead (linked into the staging folder, or left where it is when nothing
// changed), so it keeps its modification time: make, rsync and file
// watchers see it unchanged. Only when nothing could tell it from a new
// file: the old one is a regular file of the output folder (no symbolic
// link on the way), has no other link, and has the owner and permissions a
// new file gets; it is compared byte for byte.
std::optional<OutputSet::OldFile> OutputSet::oldFileToCompare() {
  if (!hasPreviousFolder())
    return std::nullopt;
  llvm::SmallString<256> old(target_);
  llvm::sys::path::append(old, llvm::sys::path::Style::posix, relativePath_);
  llvm::sys::path::native(old);
  fs::file_status status;
  const std::optional<NewEntries> &expected = newEntries();
  if (fs::status(old, status, /*follow=*/false) || status.type() != fs::file_type::regular_file ||
      status.getLinkCount() != 1 || !expected || !expected->hold(status, expected->file))
    return std::nullopt;
  for (llvm::StringRef folder = llvm::sys::path::parent_path(old); folder.size() > target_.size();
       folder = llvm::sys::path::parent_path(folder))
    if (isLink(folder))
      return std::nullopt;
  llvm::Expected<fs::file_t> file = fs::openNativeFileForRead(old);
  if (!file) {
    llvm::consumeError(file.takeError());
    return std::nullopt;
  }
  OldFile opened(std::string(old), *file, status.getUniqueID(), status.getSize());
  fs::file_status reopened;
  if (fs::status(*file, reopened) || reopened.getUniqueID() != status.getUniqueID())
    return std::nullopt;
  return opened;
}

std::optional<OutputSet::OldFile> OutputSet::oldFileHolding(llvm::StringRef contents) {
  std::optional<OldFile> old = oldFileToCompare();
  if (!old || old->size() != contents.size() || !old->holdsAt(0, contents, /*last=*/true))
    return std::nullopt;
  return old;
}

// The link must name the file compared.
bool OutputSet::linkCarried(const Carried &file) {
  if (fs::create_directories(llvm::sys::path::parent_path(file.stagedPath)) ||
      fs::create_hard_link(file.oldPath, file.stagedPath))
    return false;
  fs::file_status linked;
  if (fs::status(file.stagedPath, linked, /*follow=*/false) || linked.getUniqueID() != file.id) {
    (void)fs::remove(file.stagedPath);
    return false;
  }
  removeOnSignal(file.stagedPath);
  return true;
}

// Every file was carried over (so nothing was staged), and the folder's
// other entries are those a swap would put there, as a new folder's: then
// the swap would change nothing but inode numbers, and is not made.
bool OutputSet::previousIsCurrent() {
  if (error_ || stagingCreated_ || carried_.size() != files_.size() || !hasPreviousFolder())
    return false;
  const std::optional<NewEntries> &expected = newEntries();
  if (!expected || !expected->holdFor(target_, expected->folder))
    return false;
  std::set<std::pair<std::string, bool>> wanted{{kMarker.str(), false}}; // path, is a folder
  for (const auto &[path, bytes] : files_) {
    wanted.insert({path, false});
    for (llvm::StringRef folder = llvm::sys::path::parent_path(path, llvm::sys::path::Style::posix);
         !folder.empty(); folder = llvm::sys::path::parent_path(folder, llvm::sys::path::Style::posix))
      wanted.insert({folder.str(), true});
  }
  // Nothing but those entries: the files are there (carried over), and so
  // are their folders; the marker is checked below.
  std::error_code error;
  std::vector<std::pair<std::string, bool>> entries = entriesBelow(target_, error);
  if (error)
    return false;
  for (const auto &entry : entries)
    if (!wanted.count(entry) ||
        (entry.second && !expected->holdFor(childPath(target_, entry.first), expected->folder)))
      return false;
  std::string marker = childPath(target_, kMarker);
  fs::file_status status;
  if (fs::status(marker, status, /*follow=*/false) || status.type() != fs::file_type::regular_file ||
      status.getLinkCount() != 1 || !expected->hold(status, expected->file))
    return false;
  std::string text = markerText(files_);
  auto buffer = readInputFile(marker, text.size() + 1);
  if (!buffer) {
    llvm::consumeError(buffer.takeError());
    return false;
  }
  return (*buffer)->getBuffer() == text;
}

llvm::raw_ostream &OutputSet::open(llvm::StringRef path) {
  close();
  relativePath_ = path.str();
  if (inMemory_) {
    std::string &text = contents_[relativePath_];
    text.clear();
    memoryStream_ = std::make_unique<llvm::raw_string_ostream>(text);
    return *memoryStream_;
  }
  if (error_)
    return discard_;
  llvm::SmallString<256> file(staging_);
  llvm::sys::path::append(file, llvm::sys::path::Style::posix, path);
  llvm::sys::path::native(file);
  openPath_ = std::string(file);
  // A file opened again is written anew: its first staged file may be a
  // link to the old output's (linkCarried), which must never be written to.
  if (files_.count(relativePath_)) {
    llvm::erase_if(carried_, [&](const Carried &carried) { return carried.relativePath == relativePath_; });
    if (stagingCreated_)
      (void)fs::remove(openPath_);
  }
  uint64_t used = closedBytes_ - (files_.count(relativePath_) ? files_[relativePath_] : 0);
  // One buffer for the files in turn: its pages are touched once, not
  // allocated, faulted in and handed back for every file.
  if (!buffer_)
    buffer_ = std::make_unique_for_overwrite<char[]>(kBufferBytes);
  stream_ = std::make_unique<LimitedFileStream>(
      *this, openPath_, used < maxBytes_ ? maxBytes_ - used : 0, buffer_.get());
  return *stream_;
}

void OutputSet::add(llvm::StringRef path, llvm::StringRef contents) { open(path) << contents; }

llvm::Error OutputSet::commit() {
  close();
  if (inMemory_)
    return llvm::Error::success();
  if (!error_ && totalBytes() <= maxBytes_ && previousIsCurrent()) {
    committed_ = true;
    return llvm::Error::success();
  }
  stage(); // a build with no outputs still writes its marker
  auto discardStaging = [&](llvm::Error error) {
    if (stagingCreated_)
      (void)removeTree(staging_);
    committed_ = true; // nothing left to remove
    return error;
  };
  for (const std::string &file : stagedFiles_)
    llvm::sys::DontRemoveFileOnSignal(file);
  stagedFiles_.clear();
  if (!error_ && totalBytes() > maxBytes_)
    fail("the outputs take " + std::to_string(totalBytes()) + " bytes, more than the " +
         std::to_string(maxBytes_) + " a build may write");
  if (!error_)
    if (llvm::Error error = writeFile(childPath(staging_, kMarker), markerText(files_)))
      fail(llvm::toString(std::move(error)));
  if (error_)
    return discardStaging(llvm::createStringError(std::errc::io_error, "%s", error_->c_str()));
  if (llvm::Error error = checkReplaceable(target_))
    return discardStaging(std::move(error));
  // Swap by renames: the old folder aside, the new one in, the old one away.
  bool hadPrevious = fs::exists(target_);
  if (hadPrevious)
    if (std::error_code error = fs::rename(target_, previous_))
      return discardStaging(llvm::createFileError(target_, error));
  if (std::error_code error = fs::rename(staging_, target_)) {
    if (hadPrevious)
      (void)fs::rename(previous_, target_);
    return discardStaging(llvm::createFileError(target_, error));
  }
  committed_ = true;
  if (hadPrevious)
    (void)removeTree(previous_);
  return llvm::Error::success();
}

} // namespace sgd::backends
