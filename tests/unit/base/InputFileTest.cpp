#include "base/InputFile.h"
#include "base/SourceFiles.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace sgd;

namespace {

// A fresh folder under the system's temporary folder, removed at the end.
struct TempFolder {
  llvm::SmallString<128> path;
  TempFolder() { REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("sgd-input", path)); }
  ~TempFolder() { llvm::sys::fs::remove_directories(path); }
  std::string file(llvm::StringRef name) const {
    llvm::SmallString<128> result(path);
    llvm::sys::path::append(result, name);
    return std::string(result);
  }
};

void write(const std::string &path, llvm::StringRef text) {
  std::error_code error;
  llvm::raw_fd_ostream out(path, error);
  REQUIRE_FALSE(error);
  out << text;
}

InputFileProblem problemOf(llvm::Error error, std::string &message) {
  InputFileProblem problem = InputFileProblem::Unreadable;
  llvm::handleAllErrors(std::move(error), [&](const InputFileError &input) {
    problem = input.problem;
    message = input.message;
  });
  return problem;
}

} // namespace

TEST_CASE("a regular file within the limit is read whole", "[base][InputFile]") {
  TempFolder folder;
  write(folder.file("a.sgd"), "const a = 1;\n");
  auto buffer = readInputFile(folder.file("a.sgd"), 13);
  REQUIRE(static_cast<bool>(buffer));
  CHECK((*buffer)->getBuffer() == "const a = 1;\n");
}

TEST_CASE("a FIFO is refused without blocking", "[base][InputFile]") {
  // Opening a FIFO for reading would wait for a writer for ever.
  TempFolder folder;
  std::string fifo = folder.file("pipe.sgd");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto buffer = readInputFile(fifo, kDefaultMaxInputBytes, "pipe.sgd");
  REQUIRE_FALSE(static_cast<bool>(buffer));
  std::string message;
  CHECK(problemOf(buffer.takeError(), message) == InputFileProblem::NotRegular);
  CHECK(message == "cannot read `pipe.sgd`: it is a FIFO (named pipe), not a regular file");
}

TEST_CASE("devices and folders are refused", "[base][InputFile]") {
  // /dev/zero never ends: reading it would exhaust memory.
  auto zero = readInputFile("/dev/zero", kDefaultMaxInputBytes);
  REQUIRE_FALSE(static_cast<bool>(zero));
  std::string message;
  CHECK(problemOf(zero.takeError(), message) == InputFileProblem::NotRegular);
  CHECK(message == "cannot read `/dev/zero`: it is a character device, not a regular file");
  TempFolder folder;
  auto directory = readInputFile(folder.path, kDefaultMaxInputBytes, "d");
  REQUIRE_FALSE(static_cast<bool>(directory));
  CHECK(problemOf(directory.takeError(), message) == InputFileProblem::NotRegular);
  CHECK(message == "cannot read `d`: it is a folder, not a regular file");
}

TEST_CASE("a file above the size limit is refused with the limit", "[base][InputFile]") {
  TempFolder folder;
  write(folder.file("big.sgd"), std::string(2048, ' '));
  auto buffer = readInputFile(folder.file("big.sgd"), 1024, "big.sgd");
  REQUIRE_FALSE(static_cast<bool>(buffer));
  std::string message;
  CHECK(problemOf(buffer.takeError(), message) == InputFileProblem::TooLarge);
  CHECK(message == "cannot read `big.sgd`: it has 2 KiB, more than the 1 KiB an input file "
                   "may have; raise the limit with `--max-input-size`");
  // SourceFiles applies the same rule, and registers nothing.
  SourceFiles files;
  auto added = files.addFile(folder.file("big.sgd"), "big.sgd", 1024);
  REQUIRE_FALSE(static_cast<bool>(added));
  llvm::consumeError(added.takeError());
  CHECK(files.fileCount() == 0);
}

TEST_CASE("a missing file says why", "[base][InputFile]") {
  auto buffer = readInputFile("/nonexistent/x.sgd", kDefaultMaxInputBytes);
  REQUIRE_FALSE(static_cast<bool>(buffer));
  std::string message;
  CHECK(problemOf(buffer.takeError(), message) == InputFileProblem::Unreadable);
  CHECK(message == "cannot read `/nonexistent/x.sgd`: no such file or directory");
}

TEST_CASE("sizes are shown in binary units", "[base][InputFile]") {
  CHECK(formatByteSize(1) == "1 byte");
  CHECK(formatByteSize(1023) == "1023 bytes");
  CHECK(formatByteSize(1024) == "1 KiB");
  CHECK(formatByteSize(128ull << 20) == "128 MiB");
  CHECK(formatByteSize(3ull << 29) == "1.5 GiB");
}
