#ifndef SGD_BACKENDS_OUTPUTSET_H
#define SGD_BACKENDS_OUTPUTSET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace sgd::backends {

/// The most bytes one build may write unless `--max-output-size` says
/// otherwise (E0910, docs/limits.md).
constexpr uint64_t kDefaultMaxOutputBytes = 1ull << 30;

/// The files one build produces, written atomically. Each output is streamed
/// through a buffered writer into a staging folder beside the output folder
/// as the backends produce it, so no output is held in memory to the end;
/// commit() then replaces the old folder by renames only. A build that
/// fails, or that is not committed, leaves the previous output folder as it
/// was and removes its staging folder.
class OutputSet {
public:
  explicit OutputSet(std::string outputDir);
  /// A set that writes nothing and keeps each file in memory, for a command
  /// that reads what a build would write (`sgdc diff`: the OCI files).
  static std::unique_ptr<OutputSet> inMemory();
  ~OutputSet();
  OutputSet(const OutputSet &) = delete;
  OutputSet &operator=(const OutputSet &) = delete;

  /// A buffered stream into a new file of the output; `path` is relative to
  /// the output folder and uses `/` (`oci/versions.tf`). It stays valid
  /// until the next open(), add() or commit(). An error (the disk is full)
  /// is kept for commit(); the stream then discards what it is given. So
  /// does every stream once the files together pass the byte limit: they are
  /// still counted (totalBytes()), not written.
  llvm::raw_ostream &open(llvm::StringRef path);

  /// Writes a whole file.
  void add(llvm::StringRef path, llvm::StringRef contents);

  /// The most bytes all files together may take (kDefaultMaxOutputBytes).
  void setMaxBytes(uint64_t bytes) { maxBytes_ = bytes; }
  /// The bytes of all the files together, written or beyond the limit.
  uint64_t totalBytes() const;

  /// The files written so far with their sizes in bytes, in path order.
  const std::map<std::string, uint64_t> &files() const { return files_; }

  /// The files of an in-memory set with their contents, in path order.
  const std::map<std::string, std::string> &contents() const { return contents_; }

  /// Swaps the staged files in as `outputDir`, with a `.sgdc-output` file
  /// that marks the folder as a build's and lists its files, or returns the
  /// first error of writing them. When the folder holds exactly what the
  /// build would put there (every file carried over, the same marker, no
  /// other entry, the owner and modes of new ones), it is left as it is:
  /// nothing is staged or swapped. Nothing a build did not write is ever
  /// deleted: a folder that is not empty and has no such file (it may be
  /// anything, `-o src` included), a marked folder that holds files its
  /// marker does not list, and a symbolic link are left alone (an error).
  /// Staging folders of a killed build (`OUT.tmp.PID`, `OUT.old.PID`) are
  /// removed when the first file is staged, if their process is gone and
  /// they are marked or empty. Beyond the byte limit, nothing is committed.
  llvm::Error commit();

private:
  class LimitedFileStream;
  /// The owner and permissions an entry this build creates gets.
  struct NewEntries {
    uint32_t user = 0, group = 0;
    llvm::sys::fs::perms file{}, folder{};
    /// Whether an entry of this status has them, with `mode`.
    bool hold(const llvm::sys::fs::file_status &status, llvm::sys::fs::perms mode) const {
      return status.getUser() == user && status.getGroup() == group &&
             status.permissions() == mode;
    }
    /// Whether the entry at `path` (not followed) has them, with `mode`.
    bool holdFor(llvm::StringRef path, llvm::sys::fs::perms mode) const {
      llvm::sys::fs::file_status status;
      return !llvm::sys::fs::status(path, status, /*follow=*/false) && hold(status, mode);
    }
  };
  /// A file of the old output folder that holds what the build wrote.
  struct Carried {
    std::string relativePath;
    std::string oldPath;
    std::string stagedPath;
    llvm::sys::fs::UniqueID id;
  };

  OutputSet() = default;
  void close();
  void fail(std::string message);
  void fail(llvm::StringRef path, std::error_code error);
  /// Creates the staging folder with its marker, once, and links the files
  /// carried over so far into it; false if it failed.
  bool stage();
  /// Makes the staging folder and the open file's folder in it; false (the
  /// error kept) if it failed.
  bool prepareOpenFile();
  /// The previous output's file of the open path, open for reading, when
  /// nothing but its bytes could tell it from a new file.
  class OldFile;
  std::optional<OldFile> oldFileToCompare();
  /// That file, when it holds exactly `contents`.
  std::optional<OldFile> oldFileHolding(llvm::StringRef contents);
  /// Whether the output folder exists as a folder (not a link), looked at once.
  bool hasPreviousFolder();
  /// Registers a staged file, removed if the process is interrupted.
  void removeOnSignal(const std::string &stagedFile);
  /// Puts a carried file into the staging folder; false if it could not.
  bool linkCarried(const Carried &file);
  /// The old output folder holds what commit() would swap in: every file
  /// carried over, its marker with the same text, nothing else.
  bool previousIsCurrent();
  /// What an entry the build creates gets, computed once; none where that
  /// cannot be known, and nothing is then carried over.
  const std::optional<NewEntries> &newEntries();

  std::string target_;   // the output folder, dots removed
  std::string staging_;  // target_.tmp.PID, created on the first file not carried over
  std::string previous_; // target_.old.PID, the old folder while swapping
  bool staged_ = false;          // stage() has run
  bool stagingCreated_ = false;  // and created staging_, which is ours to remove
  bool committed_ = false;
  bool newEntriesKnown_ = false;
  std::optional<NewEntries> newEntries_; // none where unknown
  std::optional<bool> previousIsFolder_; // target_ is a folder, not a link
  std::vector<Carried> carried_; // linked into staging_ once it exists
  std::map<std::string, uint64_t> files_;
  uint64_t maxBytes_ = kDefaultMaxOutputBytes;
  uint64_t closedBytes_ = 0;  // the files closed so far
  std::string relativePath_; // the file the stream writes, as given to open()
  std::string openPath_;     // and in the staging folder
  std::vector<std::string> stagedFiles_; // removed if the process is interrupted
  std::unique_ptr<char[]> buffer_; // the open file's, shared in turn
  std::unique_ptr<LimitedFileStream> stream_;
  bool inMemory_ = false;
  std::map<std::string, std::string> contents_;           // in memory: every file
  std::unique_ptr<llvm::raw_string_ostream> memoryStream_; // in memory: the open one
  llvm::raw_null_ostream discard_;
  std::optional<std::string> error_; // the first error, for commit()
};

} // namespace sgd::backends

#endif
