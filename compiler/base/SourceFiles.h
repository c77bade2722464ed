#ifndef SGD_BASE_SOURCEFILES_H
#define SGD_BASE_SOURCEFILES_H

#include "base/SourceRange.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>
#include <vector>

namespace sgd {

/// Line and column of a byte offset, both 1-based. The column counts Unicode
/// code points from the start of the line, so it matches what an editor shows
/// for non-ASCII text.
struct LineColumn {
  unsigned line = 0;
  unsigned column = 0;
};

/// Owns the text of every source file of a compilation, on top of
/// llvm::SourceMgr. Files are registered once and never moved, so StringRefs
/// into their text stay valid for the life of this object.
class SourceFiles {
public:
  /// Reads `path` from disk; the error names the path and the reason.
  /// Diagnostics name the file `displayName`, or `path` when that is empty.
  llvm::Expected<FileId> addFile(llvm::StringRef path, llvm::StringRef displayName = {});
  /// Registers in-memory text under a display name (tests, stdin, stdlib).
  FileId addBuffer(llvm::StringRef displayName, llvm::StringRef text);

  llvm::StringRef text(FileId file) const;
  llvm::StringRef displayName(FileId file) const;
  /// The absolute path of a file read from disk, links resolved; "" for a
  /// buffer.
  llvm::StringRef diskPath(FileId file) const;
  size_t fileCount() const { return files_.size(); }

  LineColumn lineColumn(FileId file, uint32_t offset) const;
  /// The byte offset of a line and column (as lineColumn() counts them);
  /// past the end of its line or file, the end of that line or file.
  uint32_t offsetOf(FileId file, LineColumn at) const;
  /// The text of the line holding `offset`, without its line terminator.
  llvm::StringRef lineText(FileId file, uint32_t offset) const;

  llvm::SourceMgr &sourceMgr() { return sourceMgr_; }

private:
  struct Entry {
    std::string displayName;
    unsigned bufferId;
    std::string diskPath;
  };
  llvm::SourceMgr sourceMgr_;
  std::vector<Entry> files_;
};

} // namespace sgd

#endif
