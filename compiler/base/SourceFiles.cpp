#include "base/SourceFiles.h"

#include "base/Utf8.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace sgd {

FileId SourceFiles::add(std::string displayName,
                        std::shared_ptr<const llvm::MemoryBuffer> buffer, std::string diskPath) {
  FileId id{static_cast<uint32_t>(files_.size())};
  auto entry = std::make_unique<Entry>();
  entry->displayName = std::move(displayName);
  entry->buffer = std::move(buffer);
  entry->diskPath = std::move(diskPath);
  files_.push_back(std::move(entry));
  return id;
}

llvm::Expected<FileId> SourceFiles::addFile(llvm::StringRef path, llvm::StringRef displayName,
                                           uint64_t maxBytes) {
  llvm::StringRef shown = displayName.empty() ? path : displayName;
  auto buffer = readInputFile(path, maxBytes, shown);
  if (!buffer)
    return buffer.takeError();
  // Where it is on disk, resolved now: the working folder may change later.
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real)) {
    real = path;
    (void)llvm::sys::fs::make_absolute(real);
    llvm::sys::path::remove_dots(real, true);
  }
  return add(shown.str(), std::move(*buffer), real.str().str());
}

FileId SourceFiles::addBuffer(llvm::StringRef displayName, llvm::StringRef text) {
  return add(displayName.str(), llvm::MemoryBuffer::getMemBufferCopy(text, displayName), {});
}

FileId SourceFiles::addShared(const SourceFiles &other, FileId file) {
  const Entry &entry = *other.files_[file.index];
  return add(entry.displayName, entry.buffer, entry.diskPath);
}

llvm::StringRef SourceFiles::text(FileId file) const {
  return files_[file.index]->buffer->getBuffer();
}

llvm::StringRef SourceFiles::displayName(FileId file) const {
  return files_[file.index]->displayName;
}

const LineTable &SourceFiles::lines(FileId file) const {
  const Entry &entry = *files_[file.index];
  std::call_once(entry.linesBuilt,
                 [&] { entry.lines = std::make_unique<LineTable>(entry.buffer->getBuffer()); });
  return *entry.lines;
}

llvm::StringRef SourceFiles::diskPath(FileId file) const { return files_[file.index]->diskPath; }

llvm::StringRef SourceFiles::lineText(FileId file, uint32_t offset) const {
  const LineTable &table = lines(file);
  unsigned line = table.lineIndex(offset);
  return text(file).slice(table.lineStart(line), table.lineEnd(line));
}

LineColumn SourceFiles::lineColumn(FileId file, uint32_t offset) const {
  const LineTable &table = lines(file);
  return {table.lineIndex(offset) + 1, table.column(offset)};
}

uint32_t SourceFiles::offsetOf(FileId file, LineColumn at) const {
  const LineTable &table = lines(file);
  llvm::StringRef all = text(file);
  if (at.line == 0)
    return 0;
  if (at.line > table.lineCount())
    return static_cast<uint32_t>(all.size());
  size_t offset = table.lineStart(at.line - 1);
  size_t end = table.lineEnd(at.line - 1);
  // Step over column - 1 code points: a UTF-8 continuation byte is 10xxxxxx.
  for (unsigned column = 1; column < at.column && offset < end; ++column)
    do
      ++offset;
    while (offset < end && (static_cast<unsigned char>(all[offset]) & 0xC0) == 0x80);
  return static_cast<uint32_t>(offset);
}

} // namespace sgd
