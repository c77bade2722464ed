#ifndef SGD_BACKENDS_ZIPARCHIVE_H
#define SGD_BACKENDS_ZIPARCHIVE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sgd::backends {

/// A minimal ZIP writer that streams the archive to `out`: entries stored
/// uncompressed, in the order added, every one dated 1980-01-01 00:00 (the
/// earliest DOS date) with mode 0644, so the same files always give the same
/// bytes. No ZIP64: the archive and each entry stay below 4 GiB and 65,535
/// entries.
class ZipArchive {
public:
  explicit ZipArchive(llvm::raw_ostream &out) : out_(out) {}

  /// Writes a file; `name` uses `/` and is stored as given (UTF-8). An error
  /// when the archive would exceed the limits above.
  llvm::Error add(llvm::StringRef name, llvm::StringRef contents);

  /// Writes the central directory that ends the archive.
  llvm::Error finish();

private:
  llvm::raw_ostream &out_;
  uint64_t written_ = 0;    // bytes of the archive so far
  std::string central_;     // the central directory, written by finish()
  uint32_t entries_ = 0;
};

} // namespace sgd::backends

#endif
