#include "base/InputFile.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sgd {

char InputFileError::ID = 0;

namespace {

// What a file that is not a regular one is, for the message.
const char *kindOf(mode_t mode) {
  if (S_ISDIR(mode))
    return "a folder";
  if (S_ISFIFO(mode))
    return "a FIFO (named pipe)";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a regular file";
}

// strerror's "No such file or directory" in the messages' lower case.
std::string reasonOf(int error) {
  std::string reason = std::strerror(error);
  if (reason.size() > 1 && reason[0] >= 'A' && reason[0] <= 'Z' && reason[1] >= 'a' &&
      reason[1] <= 'z')
    reason[0] = static_cast<char>(reason[0] - 'A' + 'a');
  return reason;
}

llvm::Error failure(InputFileProblem problem, std::string message) {
  return llvm::make_error<InputFileError>(problem, std::move(message));
}

} // namespace

std::string formatByteSize(uint64_t bytes) {
  static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) {
    std::string text = std::to_string(bytes);
    return text + (bytes == 1 ? " byte" : " bytes");
  }
  double value = static_cast<double>(bytes);
  unsigned unit = 0;
  for (value /= 1024; value >= 1024 && unit + 1 < std::size(units); value /= 1024)
    ++unit;
  std::string text;
  llvm::raw_string_ostream os(text);
  // Whole numbers as such ("128 MiB"), others with one decimal ("1.5 GiB").
  if (value == static_cast<double>(static_cast<uint64_t>(value)))
    os << static_cast<uint64_t>(value);
  else
    os << llvm::format("%.1f", value);
  os << ' ' << units[unit];
  return os.str();
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readInputFile(llvm::StringRef path, uint64_t maxBytes, llvm::StringRef shownName) {
  std::string shown = (shownName.empty() ? path : shownName).str();
  std::string pathText = path.str();
  // Look before opening: opening a FIFO for reading blocks until a writer
  // comes, and a device may have side effects.
  struct stat status;
  if (::stat(pathText.c_str(), &status) != 0)
    return failure(InputFileProblem::Unreadable,
                   "cannot read `" + shown + "`: " + reasonOf(errno));
  if (!S_ISREG(status.st_mode))
    return failure(InputFileProblem::NotRegular, "cannot read `" + shown + "`: it is " +
                                                     kindOf(status.st_mode) +
                                                     ", not a regular file");
  // O_NONBLOCK: should the path have become a FIFO since, opening it does
  // not wait; fstat below then refuses it.
  int fd = ::open(pathText.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return failure(InputFileProblem::Unreadable,
                   "cannot read `" + shown + "`: " + reasonOf(errno));
  auto closeAnd = [fd](llvm::Error error) {
    ::close(fd);
    return error;
  };
  if (::fstat(fd, &status) != 0)
    return closeAnd(failure(InputFileProblem::Unreadable,
                            "cannot read `" + shown + "`: " + reasonOf(errno)));
  if (!S_ISREG(status.st_mode))
    return closeAnd(failure(InputFileProblem::NotRegular, "cannot read `" + shown +
                                                              "`: it is " +
                                                              kindOf(status.st_mode) +
                                                              ", not a regular file"));
  auto size = static_cast<uint64_t>(status.st_size);
  if (size > maxBytes)
    return closeAnd(failure(
        InputFileProblem::TooLarge,
        "cannot read `" + shown + "`: it has " + formatByteSize(size) + ", more than the " +
            formatByteSize(maxBytes) +
            " an input file may have; raise the limit with `--max-input-size`"));
  // Read, not mapped (IsVolatile): a file truncated while it is mapped would
  // kill the process with SIGBUS. Exactly `size` bytes, even if it grows.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer = llvm::MemoryBuffer::getOpenFile(
      fd, path, size, /*RequiresNullTerminator=*/true, /*IsVolatile=*/true);
  ::close(fd);
  if (!buffer)
    return failure(InputFileProblem::Unreadable,
                   "cannot read `" + shown + "`: " + buffer.getError().message());
  return std::move(*buffer);
}

} // namespace sgd
