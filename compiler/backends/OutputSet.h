#ifndef SGD_BACKENDS_OUTPUTSET_H
#define SGD_BACKENDS_OUTPUTSET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace sgd::backends {

/// The files one build produces, held in memory until the whole build has
/// succeeded, then written atomically: into a temporary folder beside the
/// output folder, which replaces the old one by renames only. A failure at
/// any point leaves the previous output folder as it was.
/// The most bytes one build may write unless `--max-output-size` says
/// otherwise (E0910, docs/limits.md).
constexpr uint64_t kDefaultMaxOutputBytes = 1ull << 30;

class OutputSet {
public:
  /// Adds or replaces a file; `path` is relative to the output folder and
  /// uses `/` (`oci/versions.tf`).
  void add(llvm::StringRef path, std::string contents);

  /// The files, in path order (deterministic).
  const std::map<std::string, std::string> &files() const { return files_; }
  /// The bytes of all the files together.
  uint64_t totalBytes() const { return totalBytes_; }

  /// Writes every file under `outputDir`, replacing its previous contents,
  /// and a `.sgdc-output` file that marks the folder as a build's and lists
  /// its files. Nothing a build did not write is ever deleted: a folder that
  /// is not empty and has no such file (it may be anything, `-o src`
  /// included), a marked folder that holds files its marker does not list,
  /// and a symbolic link are left alone (an error). Staging folders of a
  /// killed build (`OUT.tmp.PID`, `OUT.old.PID`) are removed first, when
  /// their process is gone and they are marked or empty.
  llvm::Error commit(llvm::StringRef outputDir) const;

private:
  std::map<std::string, std::string> files_;
  uint64_t totalBytes_ = 0;
};

} // namespace sgd::backends

#endif
