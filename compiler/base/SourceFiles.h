#ifndef SGD_BASE_SOURCEFILES_H
#define SGD_BASE_SOURCEFILES_H

#include "base/InputFile.h"
#include "base/LineTable.h"
#include "base/SourceRange.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sgd {

/// Line and column of a byte offset, both 1-based. The column counts Unicode
/// code points from the start of the line, so it matches what an editor shows
/// for non-ASCII text. Lines end at LF, CRLF or a lone CR (LineTable).
struct LineColumn {
  unsigned line = 0;
  unsigned column = 0;
};

/// Owns the text of every source file of a compilation. Files are registered
/// once and never moved, so StringRefs into their text stay valid for the
/// life of this object.
class SourceFiles {
public:
  /// Reads `path` from disk (readInputFile: a regular file of at most
  /// `maxBytes`); the error is an InputFileError naming the file.
  /// Diagnostics name the file `displayName`, or `path` when that is empty.
  llvm::Expected<FileId> addFile(llvm::StringRef path, llvm::StringRef displayName = {},
                                 uint64_t maxBytes = kDefaultMaxInputBytes);
  /// Registers in-memory text under a display name (tests, stdin, stdlib).
  FileId addBuffer(llvm::StringRef displayName, llvm::StringRef text);
  /// Registers the text of a file another SourceFiles holds, without a copy
  /// (sema::StdlibCache shares the standard library's files this way).
  FileId addShared(const SourceFiles &other, FileId file);

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

private:
  struct Entry {
    std::string displayName;
    std::shared_ptr<const llvm::MemoryBuffer> buffer;
    std::string diskPath; // resolved when read; empty for buffers
    // Built on the first location asked for: most files never need one.
    mutable std::once_flag linesBuilt;
    mutable std::unique_ptr<LineTable> lines;
  };
  FileId add(std::string displayName, std::shared_ptr<const llvm::MemoryBuffer> buffer,
             std::string diskPath);
  const LineTable &lines(FileId file) const;

  std::vector<std::unique_ptr<Entry>> files_;
};

} // namespace sgd

#endif
