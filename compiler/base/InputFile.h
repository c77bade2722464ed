#ifndef SGD_BASE_INPUTFILE_H
#define SGD_BASE_INPUTFILE_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sgd {

/// The most bytes one input file (a design, sgd.toml, a price list) may have
/// unless `--max-input-size` says otherwise (docs/limits.md). sgdc holds about
/// ten times a design's size in memory while it checks it.
constexpr uint64_t kDefaultMaxInputBytes = 128ull << 20;

/// Why an input file was not read.
enum class InputFileProblem : uint8_t {
  Unreadable, // missing, no permission, an I/O error
  NotRegular, // a FIFO, a device, a socket, a folder
  TooLarge,   // above the size limit
};

/// An input file that was not read. The message names the file and says why
/// in a designer's terms: "cannot read `x.sgd`: it is a FIFO (named pipe), not
/// a regular file".
class InputFileError : public llvm::ErrorInfo<InputFileError> {
public:
  static char ID;
  InputFileError(InputFileProblem problem, std::string message)
      : problem(problem), message(std::move(message)) {}

  void log(llvm::raw_ostream &os) const override { os << message; }
  std::error_code convertToErrorCode() const override { return llvm::inconvertibleErrorCode(); }

  InputFileProblem problem;
  std::string message;
};

/// Reads an input file: only a regular file (after links) of at most
/// `maxBytes`. Anything else is refused before it is read — a FIFO would
/// block, `/dev/zero` would never end — with an InputFileError. `shownName`
/// is how messages name the file (the path when empty).
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readInputFile(llvm::StringRef path, uint64_t maxBytes, llvm::StringRef shownName = {});

/// "128 MiB", "1.5 GiB", "4,096 bytes": a size limit as messages show it.
std::string formatByteSize(uint64_t bytes);

} // namespace sgd

#endif
