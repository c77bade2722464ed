// The main of a fuzz target in the normal build (GCC, no libFuzzer): runs
// LLVMFuzzerTestOneInput once on each file named on the command line, as
// libFuzzer would, so that ctest replays tests/fuzz/regressions/ and the
// seed corpus. A broken invariant aborts; a crash is a crash.
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  int runs = 0;
  for (int i = 1; i < argc; ++i) {
    auto buffer = llvm::MemoryBuffer::getFile(argv[i], /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!buffer) {
      llvm::errs() << "cannot read " << argv[i] << ": " << buffer.getError().message() << "\n";
      return 1;
    }
    llvm::StringRef input = (*buffer)->getBuffer();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.data()), input.size());
    ++runs;
  }
  llvm::outs() << "ok: " << runs << " input(s) replayed\n";
  return 0;
}
