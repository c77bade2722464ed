#ifndef SGD_BACKENDS_OUTPUTSET_H
#define SGD_BACKENDS_OUTPUTSET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace sgd::backends {

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
  /// is kept for commit(); the stream then discards what it is given.
  llvm::raw_ostream &open(llvm::StringRef path);

  /// Writes a whole file.
  void add(llvm::StringRef path, llvm::StringRef contents);

  /// The files written so far with their sizes in bytes, in path order.
  const std::map<std::string, uint64_t> &files() const { return files_; }

  /// The files of an in-memory set with their contents, in path order.
  const std::map<std::string, std::string> &contents() const { return contents_; }

  /// Swaps the staged files in as `outputDir`, with a `.sgdc-output` file
  /// that marks the folder as a build's, or returns the first error of
  /// writing them. A folder that exists, is not empty and has no such file
  /// is left alone (an error): it may be anything, `-o src` included.
  llvm::Error commit();

private:
  OutputSet() = default;
  void close();
  void fail(llvm::StringRef path, std::error_code error);

  std::string target_;  // the output folder, dots removed
  std::string staging_; // target_.tmp.PID, created on the first file
  bool staged_ = false;
  bool committed_ = false;
  std::map<std::string, uint64_t> files_;
  std::string relativePath_; // the file the stream writes, as given to open()
  std::string openPath_;     // and in the staging folder
  std::vector<std::string> stagedFiles_; // removed if the process is interrupted
  std::unique_ptr<llvm::raw_fd_ostream> stream_;
  bool inMemory_ = false;
  std::map<std::string, std::string> contents_;           // in memory: every file
  std::unique_ptr<llvm::raw_string_ostream> memoryStream_; // in memory: the open one
  llvm::raw_null_ostream discard_;
  std::optional<std::pair<std::string, std::error_code>> error_;
};

} // namespace sgd::backends

#endif
