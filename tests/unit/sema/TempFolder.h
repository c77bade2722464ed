#ifndef SGD_TESTS_UNIT_SEMA_TEMPFOLDER_H
#define SGD_TESTS_UNIT_SEMA_TEMPFOLDER_H

// A folder of its own for a test's files, removed with everything in it at
// the end of the test.

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <string>

namespace sgd::test {

struct TempFolder {
  llvm::SmallString<128> path;
  TempFolder() { REQUIRE_FALSE(llvm::sys::fs::createUniqueDirectory("sgd-sema", path)); }
  ~TempFolder() { llvm::sys::fs::remove_directories(path); }
  /// Writes `text` to the file `name` in the folder; returns its path.
  std::string write(llvm::StringRef name, llvm::StringRef text) const {
    llvm::SmallString<128> file(path);
    llvm::sys::path::append(file, name);
    std::error_code error;
    llvm::raw_fd_ostream out(file, error);
    REQUIRE_FALSE(error);
    out << text;
    return std::string(file);
  }
};

} // namespace sgd::test

#endif
