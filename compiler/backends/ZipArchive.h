#ifndef SGD_BACKENDS_ZIPARCHIVE_H
#define SGD_BACKENDS_ZIPARCHIVE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sgd::backends {

/// A minimal ZIP writer: entries stored uncompressed, in the order added,
/// every one dated 1980-01-01 00:00 (the earliest DOS date) with mode 0644,
/// so the same files always give the same bytes. No ZIP64: the archive and
/// each entry stay below 4 GiB and 65,535 entries.
class ZipArchive {
public:
  /// Adds a file; `name` uses `/` and is stored as given (UTF-8).
  void add(llvm::StringRef name, llvm::StringRef contents);

  /// The archive's bytes, or an error when it exceeds the limits above.
  llvm::Expected<std::string> finish() const;

private:
  struct Entry {
    std::string name;
    std::string contents;
  };
  std::vector<Entry> entries_;
};

} // namespace sgd::backends

#endif
