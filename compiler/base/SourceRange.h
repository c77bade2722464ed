#ifndef SGD_BASE_SOURCERANGE_H
#define SGD_BASE_SOURCERANGE_H

#include <cstdint>
#include <tuple>

namespace sgd {

/// Identifies one source file registered with SourceFiles. Index 0 is valid.
struct FileId {
  uint32_t index = UINT32_MAX;
  bool isValid() const { return index != UINT32_MAX; }
  friend bool operator==(FileId a, FileId b) = default;
};

/// A half-open byte range [begin, end) in one file. Byte offsets, never code
/// points: columns for humans are computed at rendering time.
struct SourceRange {
  FileId file;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool isValid() const { return file.isValid(); }
  friend bool operator==(const SourceRange &, const SourceRange &) = default;
  friend bool operator<(const SourceRange &a, const SourceRange &b) {
    return std::tie(a.file.index, a.begin, a.end) <
           std::tie(b.file.index, b.begin, b.end);
  }
};

} // namespace sgd

#endif
