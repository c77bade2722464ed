#include "backends/ZipArchive.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/CRC.h"

#include <cstdint>
#include <limits>

namespace sgd::backends {
namespace {

// APPNOTE.TXT (PKWARE) 4.3: little-endian fields.
void put16(std::string &out, uint32_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}
void put32(std::string &out, uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

constexpr uint32_t localHeaderSignature = 0x04034b50;
constexpr uint32_t centralHeaderSignature = 0x02014b50;
constexpr uint32_t endOfCentralDirectorySignature = 0x06054b50;
constexpr uint32_t versionNeeded = 10;                 // 1.0: stored entries
constexpr uint32_t versionMadeBy = (3u << 8) | 20;     // Unix, spec 2.0
constexpr uint32_t dosTime = 0;                        // 00:00:00
constexpr uint32_t dosDate = (0u << 9) | (1u << 5) | 1; // 1980-01-01
constexpr uint32_t utf8Names = 1u << 11;               // general purpose bit 11
constexpr uint32_t unixMode = 0100644;                 // regular file, rw-r--r--

bool isAscii(llvm::StringRef text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80)
      return false;
  return true;
}

} // namespace

llvm::Error ZipArchive::add(llvm::StringRef name, llvm::StringRef contents) {
  constexpr uint64_t limit = std::numeric_limits<uint32_t>::max();
  if (entries_ + 1 >= 0xffff)
    return llvm::createStringError(std::errc::file_too_large,
                                   "a ZIP archive without ZIP64 holds fewer than 65,535 files");
  if (contents.size() >= limit || written_ >= limit || name.size() >= 0xffff)
    return llvm::createStringError(std::errc::file_too_large,
                                   "the ZIP archive would exceed 4 GiB at %s", name.str().c_str());
  uint32_t crc = llvm::crc32(llvm::arrayRefFromStringRef(contents));
  uint32_t size = static_cast<uint32_t>(contents.size());
  uint32_t offset = static_cast<uint32_t>(written_);
  uint32_t flags = isAscii(name) ? 0 : utf8Names;

  std::string local;
  put32(local, localHeaderSignature);
  put16(local, versionNeeded);
  put16(local, flags);
  put16(local, 0); // stored
  put16(local, dosTime);
  put16(local, dosDate);
  put32(local, crc);
  put32(local, size); // compressed
  put32(local, size); // uncompressed
  put16(local, static_cast<uint32_t>(name.size()));
  put16(local, 0); // extra field
  local += name;
  out_ << local << contents;
  written_ += local.size() + contents.size();

  put32(central_, centralHeaderSignature);
  put16(central_, versionMadeBy);
  put16(central_, versionNeeded);
  put16(central_, flags);
  put16(central_, 0);
  put16(central_, dosTime);
  put16(central_, dosDate);
  put32(central_, crc);
  put32(central_, size);
  put32(central_, size);
  put16(central_, static_cast<uint32_t>(name.size()));
  put16(central_, 0); // extra field
  put16(central_, 0); // comment
  put16(central_, 0); // disk number
  put16(central_, 0); // internal attributes
  put32(central_, unixMode << 16);
  put32(central_, offset);
  central_ += name;
  ++entries_;
  return llvm::Error::success();
}

llvm::Error ZipArchive::finish() {
  constexpr uint64_t limit = std::numeric_limits<uint32_t>::max();
  if (written_ + central_.size() >= limit)
    return llvm::createStringError(std::errc::file_too_large,
                                   "the ZIP archive would exceed 4 GiB");
  std::string end;
  put32(end, endOfCentralDirectorySignature);
  put16(end, 0); // this disk
  put16(end, 0); // disk of the central directory
  put16(end, entries_);
  put16(end, entries_);
  put32(end, static_cast<uint32_t>(central_.size()));
  put32(end, static_cast<uint32_t>(written_)); // where the central directory starts
  put16(end, 0); // comment
  out_ << central_ << end;
  written_ += central_.size() + end.size();
  return llvm::Error::success();
}

} // namespace sgd::backends
