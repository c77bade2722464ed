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
class OutputSet {
public:
  /// Adds or replaces a file; `path` is relative to the output folder and
  /// uses `/` (`oci/versions.tf`).
  void add(llvm::StringRef path, std::string contents);

  /// The files, in path order (deterministic).
  const std::map<std::string, std::string> &files() const { return files_; }

  /// Writes every file under `outputDir`, replacing its previous contents,
  /// and a `.sgdc-output` file that marks the folder as a build's. A folder
  /// that exists, is not empty and has no such file is left alone (an
  /// error): it may be anything, `-o src` included.
  llvm::Error commit(llvm::StringRef outputDir) const;

private:
  std::map<std::string, std::string> files_;
};

} // namespace sgd::backends

#endif
