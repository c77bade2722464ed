#include "base/SourceFiles.h"

#include "base/Utf8.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace sgd {

llvm::Expected<FileId> SourceFiles::addFile(llvm::StringRef path,
                                           llvm::StringRef displayName) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/true);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read '%s': %s",
                                   path.str().c_str(),
                                   buffer.getError().message().c_str());
  FileId id{static_cast<uint32_t>(files_.size())};
  unsigned bufferId = sourceMgr_.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  // Where it is on disk, resolved now: the working folder may change later.
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(path, real)) {
    real = path;
    (void)llvm::sys::fs::make_absolute(real);
    llvm::sys::path::remove_dots(real, true);
  }
  files_.push_back({(displayName.empty() ? path : displayName).str(), bufferId, real.str().str()});
  return id;
}

FileId SourceFiles::addBuffer(llvm::StringRef displayName, llvm::StringRef text) {
  FileId id{static_cast<uint32_t>(files_.size())};
  unsigned bufferId = sourceMgr_.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, displayName), llvm::SMLoc());
  files_.push_back({displayName.str(), bufferId, {}});
  return id;
}

llvm::StringRef SourceFiles::text(FileId file) const {
  return sourceMgr_.getMemoryBuffer(files_[file.index].bufferId)->getBuffer();
}

llvm::StringRef SourceFiles::displayName(FileId file) const {
  return files_[file.index].displayName;
}

llvm::StringRef SourceFiles::diskPath(FileId file) const { return files_[file.index].diskPath; }

llvm::StringRef SourceFiles::lineText(FileId file, uint32_t offset) const {
  llvm::StringRef all = text(file);
  offset = std::min<uint32_t>(offset, all.size());
  // rfind searches the bytes before `offset`.
  size_t start = all.rfind('\n', offset);
  start = start == llvm::StringRef::npos ? 0 : start + 1;
  size_t end = all.find_first_of("\r\n", start);
  if (end == llvm::StringRef::npos)
    end = all.size();
  return all.slice(start, end);
}

LineColumn SourceFiles::lineColumn(FileId file, uint32_t offset) const {
  const Entry &entry = files_[file.index];
  llvm::StringRef all = text(file);
  offset = std::min<uint32_t>(offset, all.size());
  auto [line, byteColumn] = sourceMgr_.getLineAndColumn(
      llvm::SMLoc::getFromPointer(all.data() + offset), entry.bufferId);
  llvm::StringRef before = all.substr(offset - (byteColumn - 1), byteColumn - 1);
  return {line, static_cast<unsigned>(countCodePoints(before) + 1)};
}

uint32_t SourceFiles::offsetOf(FileId file, LineColumn at) const {
  llvm::StringRef all = text(file);
  size_t lineStart = 0;
  for (unsigned line = 1; line < at.line && lineStart < all.size(); ++line) {
    size_t newline = all.find('\n', lineStart);
    lineStart = newline == llvm::StringRef::npos ? all.size() : newline + 1;
  }
  size_t offset = lineStart;
  // Step over column - 1 code points: a UTF-8 continuation byte is 10xxxxxx.
  for (unsigned column = 1; column < at.column && offset < all.size() && all[offset] != '\n';
       ++column)
    do
      ++offset;
    while (offset < all.size() && (static_cast<unsigned char>(all[offset]) & 0xC0) == 0x80);
  return static_cast<uint32_t>(offset);
}

} // namespace sgd
