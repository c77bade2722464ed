#include "backends/OutputSet.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <string>

using namespace sgd;
namespace fs = llvm::sys::fs;

namespace {

// A fresh folder for one test, removed with what it holds at the end.
struct TempFolder {
  llvm::SmallString<128> path;
  TempFolder() { REQUIRE(!fs::createUniqueDirectory("sgd-outputset", path)); }
  ~TempFolder() { (void)fs::remove_directories(path); }
  std::string child(llvm::StringRef name) const {
    llvm::SmallString<128> file(path);
    llvm::sys::path::append(file, name);
    return std::string(file);
  }
};

std::string contents(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  REQUIRE(buffer);
  return (*buffer)->getBuffer().str();
}

fs::UniqueID identity(const std::string &path) {
  fs::file_status status;
  REQUIRE(!fs::status(path, status, /*follow=*/false));
  return status.getUniqueID();
}

void build(const std::string &out, std::initializer_list<std::pair<const char *, const char *>> files) {
  backends::OutputSet outputs(out);
  for (const auto &[name, text] : files)
    outputs.open(name) << text;
  REQUIRE(!llvm::errorToBool(outputs.commit()));
}

} // namespace

TEST_CASE("a rebuild carries an unchanged output over and writes a changed one", "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"same.csv", "a,b\n1,2\n"}, {"changed.csv", "x\n1\n"}, {"oci/main.tf.json", "{}\n"}});
  fs::UniqueID same = identity(out + "/same.csv"), changed = identity(out + "/changed.csv"),
               nested = identity(out + "/oci/main.tf.json");

  build(out, {{"same.csv", "a,b\n1,2\n"}, {"changed.csv", "x\n2\n"}, {"oci/main.tf.json", "{}\n"}});
  // The same bytes keep their file; one byte more or less gets a new one.
  CHECK(identity(out + "/same.csv") == same);
  CHECK(identity(out + "/oci/main.tf.json") == nested);
  CHECK(identity(out + "/changed.csv") != changed);
  CHECK(contents(out + "/changed.csv") == "x\n2\n");
  CHECK(contents(out + "/same.csv") == "a,b\n1,2\n");
}

TEST_CASE("a file opened again is written anew, never through the old output's file", "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"bom.csv", "old\n"}});
  fs::UniqueID old = identity(out + "/bom.csv");

  backends::OutputSet outputs(out);
  outputs.open("bom.csv") << "old\n"; // carried over: a link to out/bom.csv
  outputs.open("bom.csv") << "new\n"; // written anew, not through that link
  outputs.open("other.csv") << "x\n";
  // Until the commit the old folder is as it was.
  CHECK(contents(out + "/bom.csv") == "old\n");
  REQUIRE(!llvm::errorToBool(outputs.commit()));
  CHECK(contents(out + "/bom.csv") == "new\n");
  CHECK(identity(out + "/bom.csv") != old);
}

TEST_CASE("a build that is not committed leaves carried files as they were", "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"bom.csv", "kept\n"}, {"capex.csv", "kept too\n"}});
  {
    backends::OutputSet outputs(out);
    outputs.open("bom.csv") << "kept\n";
    outputs.open("capex.csv") << "kept too\n";
  } // no commit: the staging folder goes, with its links
  CHECK(contents(out + "/bom.csv") == "kept\n");
  CHECK(contents(out + "/capex.csv") == "kept too\n");
  fs::file_status status;
  REQUIRE(!fs::status(out + "/bom.csv", status));
  CHECK(status.getLinkCount() == 1);
}
