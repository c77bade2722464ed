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

void ZipArchive::add(llvm::StringRef name, llvm::StringRef contents) {
  entries_.push_back({name.str(), contents.str()});
}

llvm::Expected<std::string> ZipArchive::finish() const {
  constexpr uint64_t limit = std::numeric_limits<uint32_t>::max();
  if (entries_.size() >= 0xffff)
    return llvm::createStringError(std::errc::file_too_large,
                                   "a ZIP archive without ZIP64 holds fewer than 65,535 files");
  std::string archive;
  std::string central;
  for (const Entry &entry : entries_) {
    if (entry.contents.size() >= limit || archive.size() >= limit || entry.name.size() >= 0xffff)
      return llvm::createStringError(std::errc::file_too_large,
                                     "the ZIP archive would exceed 4 GiB at %s", entry.name.c_str());
    uint32_t crc = llvm::crc32(llvm::arrayRefFromStringRef(entry.contents));
    uint32_t size = static_cast<uint32_t>(entry.contents.size());
    uint32_t offset = static_cast<uint32_t>(archive.size());
    uint32_t flags = isAscii(entry.name) ? 0 : utf8Names;

    put32(archive, localHeaderSignature);
    put16(archive, versionNeeded);
    put16(archive, flags);
    put16(archive, 0); // stored
    put16(archive, dosTime);
    put16(archive, dosDate);
    put32(archive, crc);
    put32(archive, size); // compressed
    put32(archive, size); // uncompressed
    put16(archive, static_cast<uint32_t>(entry.name.size()));
    put16(archive, 0); // extra field
    archive += entry.name;
    archive += entry.contents;

    put32(central, centralHeaderSignature);
    put16(central, versionMadeBy);
    put16(central, versionNeeded);
    put16(central, flags);
    put16(central, 0);
    put16(central, dosTime);
    put16(central, dosDate);
    put32(central, crc);
    put32(central, size);
    put32(central, size);
    put16(central, static_cast<uint32_t>(entry.name.size()));
    put16(central, 0); // extra field
    put16(central, 0); // comment
    put16(central, 0); // disk number
    put16(central, 0); // internal attributes
    put32(central, unixMode << 16);
    put32(central, offset);
    central += entry.name;
  }
  if (archive.size() + central.size() >= limit)
    return llvm::createStringError(std::errc::file_too_large,
                                   "the ZIP archive would exceed 4 GiB");
  uint32_t centralOffset = static_cast<uint32_t>(archive.size());
  archive += central;
  put32(archive, endOfCentralDirectorySignature);
  put16(archive, 0); // this disk
  put16(archive, 0); // disk of the central directory
  put16(archive, static_cast<uint32_t>(entries_.size()));
  put16(archive, static_cast<uint32_t>(entries_.size()));
  put32(archive, static_cast<uint32_t>(central.size()));
  put32(archive, centralOffset);
  put16(archive, 0); // comment
  return archive;
}

} // namespace sgd::backends
