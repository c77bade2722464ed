#include "base/LineTable.h"

#include "base/Utf8.h"

#include <algorithm>

namespace sgd {

LineTable::LineTable(llvm::StringRef text) : text_(text) {
  // A byte order mark is not part of the first line: editors do not show it.
  starts_.push_back(text.startswith(kByteOrderMark) ? kByteOrderMark.size() : 0);
  size_t at = 0;
  while (at < text.size()) {
    // Both terminators are below every printable byte: eight bytes at a time
    // while none is at or below '\r', then the eight that hold one, one by one.
    at += wordsAbove(text.drop_front(at), '\r');
    for (size_t stop = std::min(at + 8, text.size()); at < stop; ++at) {
      char c = text[at];
      if (c != '\n' && c != '\r')
        continue;
      if (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n')
        ++at; // CRLF is one terminator
      starts_.push_back(static_cast<uint32_t>(at + 1));
    }
  }
  checkpoints_.reserve(text.size() / kCheckpointBytes + 1);
  uint64_t counted = 0;
  for (size_t at = 0; at < text.size(); at += kCheckpointBytes) {
    checkpoints_.push_back(counted);
    counted += countCodePoints(text.substr(at, kCheckpointBytes));
  }
}

unsigned LineTable::lineIndex(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  // The last line starting at or before `offset` (the first for an offset
  // inside a byte order mark).
  auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return after == starts_.begin() ? 0 : static_cast<unsigned>(after - starts_.begin() - 1);
}

uint32_t LineTable::lineEnd(unsigned index) const {
  if (index + 1 >= starts_.size())
    return static_cast<uint32_t>(text_.size());
  uint32_t next = starts_[index + 1];
  // The terminator: "\n", "\r" or "\r\n".
  uint32_t end = next - 1;
  if (text_[end] == '\n' && end > starts_[index] && text_[end - 1] == '\r')
    --end;
  return end;
}

uint64_t LineTable::codePointsBefore(uint32_t offset) const {
  if (checkpoints_.empty())
    return 0;
  size_t checkpoint = std::min<size_t>(offset / kCheckpointBytes, checkpoints_.size() - 1);
  size_t from = checkpoint * kCheckpointBytes;
  return checkpoints_[checkpoint] + countCodePoints(text_.slice(from, offset));
}

unsigned LineTable::column(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  uint32_t start = starts_[lineIndex(offset)];
  if (offset <= start)
    return 1;
  // A line shorter than a checkpoint's span is counted directly: through the
  // checkpoints a column costs counting from the checkpoint before each end,
  // which for a text under kCheckpointBytes is the whole text up to it.
  if (offset - start <= kCheckpointBytes)
    return static_cast<unsigned>(countCodePoints(text_.slice(start, offset)) + 1);
  return static_cast<unsigned>(codePointsBefore(offset) - codePointsBefore(start) + 1);
}

bool containsLineBreak(llvm::StringRef text) {
  return text.find_first_of("\r\n") != llvm::StringRef::npos;
}

} // namespace sgd
