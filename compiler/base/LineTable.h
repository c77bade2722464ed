#ifndef SGD_BASE_LINETABLE_H
#define SGD_BASE_LINETABLE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace sgd {

/// The lines of a text, for locations that people read. A line ends at
/// "\n", at "\r\n" or at a lone "\r" (old Mac files), so that every editor's
/// line numbers agree with ours; a byte order mark that starts the text is
/// not part of the first line. Columns count code points; a lookup costs a
/// binary search and counting the line up to the offset, or at most twice
/// kCheckpointBytes on a longer line, so rendering many diagnostics on one
/// long line stays linear.
class LineTable {
public:
  explicit LineTable(llvm::StringRef text);

  /// 0-based line of `offset` (clamped to the text); an offset inside a line
  /// terminator belongs to the line it ends.
  unsigned lineIndex(uint32_t offset) const;
  /// Byte offset where line `index` starts.
  uint32_t lineStart(unsigned index) const { return starts_[index]; }
  /// Byte offset where the text of line `index` ends, before its terminator.
  uint32_t lineEnd(unsigned index) const;
  unsigned lineCount() const { return static_cast<unsigned>(starts_.size()); }

  /// Code points in [lineStart(lineIndex(offset)), offset), plus one: the
  /// 1-based column of `offset`.
  unsigned column(uint32_t offset) const;

  static constexpr uint32_t kCheckpointBytes = 4096;

private:
  /// Code points in [0, offset).
  uint64_t codePointsBefore(uint32_t offset) const;

  llvm::StringRef text_;
  std::vector<uint32_t> starts_;
  /// Code points before every multiple of kCheckpointBytes.
  std::vector<uint64_t> checkpoints_;
};

/// Whether `text` holds a line break ("\n" or "\r"): two tokens are on one
/// line exactly when the text between them has none.
bool containsLineBreak(llvm::StringRef text);

} // namespace sgd

#endif
