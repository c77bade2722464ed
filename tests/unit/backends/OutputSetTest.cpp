#include "backends/OutputSet.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <string>
#include <sys/stat.h>
#include <unistd.h>

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

TEST_CASE("a rebuild that changes nothing leaves the output folder as it is", "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
  fs::UniqueID folder = identity(out), marker = identity(out + "/.sgdc-output");

  build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
  // Not swapped: the folder and its marker are the ones the first build made.
  CHECK(identity(out) == folder);
  CHECK(identity(out + "/.sgdc-output") == marker);

  // A file fewer: swapped, the dropped file gone, the other carried over.
  fs::UniqueID bom = identity(out + "/bom.csv");
  build(out, {{"bom.csv", "a\n"}});
  CHECK(identity(out) != folder);
  CHECK(!fs::exists(out + "/oci"));
  CHECK(identity(out + "/bom.csv") == bom);
  CHECK(contents(out + "/.sgdc-output").find("oci/main.tf.json") == std::string::npos);
}

TEST_CASE("a folder that differs from a new one in anything but its files' bytes is swapped",
          "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
  fs::file_status made;
  REQUIRE(!fs::status(out, made));

  SECTION("the folder's permissions") {
    REQUIRE(!fs::setPermissions(out, fs::owner_all));
    fs::UniqueID folder = identity(out);
    build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
    fs::file_status status;
    REQUIRE(!fs::status(out, status));
    CHECK(identity(out) != folder);
    CHECK(status.permissions() == made.permissions());
  }
  SECTION("a subfolder's permissions") {
    REQUIRE(!fs::setPermissions(out + "/oci", fs::owner_all));
    fs::UniqueID folder = identity(out);
    build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
    CHECK(identity(out) != folder);
  }
  SECTION("an empty folder the build did not make") {
    REQUIRE(!fs::create_directory(out + "/extra"));
    fs::UniqueID folder = identity(out);
    build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
    CHECK(identity(out) != folder);
    CHECK(!fs::exists(out + "/extra"));
  }
  SECTION("the marker's text") {
    // The same files listed in another order: the same size, other bytes.
    std::string listed = contents(out + "/.sgdc-output");
    size_t bom = listed.find("bom.csv\n");
    REQUIRE(bom != std::string::npos);
    std::string reordered = listed.substr(0, bom) + "oci/main.tf.json\nbom.csv\n";
    REQUIRE(reordered.size() == listed.size());
    {
      std::error_code error;
      llvm::raw_fd_ostream marker(out + "/.sgdc-output", error);
      REQUIRE(!error);
      marker << reordered;
    }
    fs::UniqueID folder = identity(out);
    build(out, {{"bom.csv", "a\n"}, {"oci/main.tf.json", "{}\n"}});
    CHECK(identity(out) != folder);
    CHECK(contents(out + "/.sgdc-output") == listed);
  }
}

TEST_CASE("a file carried over before the umask changed is copied as a new file", "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"a.csv", "x\n"}, {"b.csv", "y\n"}});
  fs::UniqueID a = identity(out + "/a.csv");

  backends::OutputSet outputs(out);
  outputs.open("a.csv") << "x\n";
  outputs.open("b.csv") << "z\n"; // a.csv closed: carried over, waits to be linked
  mode_t mask = ::umask(077);
  // b.csv is staged when closed: the marker gets mode 0600, not the 0644
  // expected when a.csv was carried over.
  outputs.open("c.csv") << "w\n";
  llvm::Error committed = outputs.commit();
  ::umask(mask);
  REQUIRE(!llvm::errorToBool(std::move(committed)));
  // a.csv matched the old file but would not look like a new one: copied.
  fs::file_status status;
  REQUIRE(!fs::status(out + "/a.csv", status));
  CHECK(identity(out + "/a.csv") != a);
  CHECK(status.permissions() == (fs::owner_read | fs::owner_write));
  CHECK(contents(out + "/a.csv") == "x\n");
  CHECK(contents(out + "/b.csv") == "z\n");
}

TEST_CASE("a carried file that is gone by the time the build stages is an error",
          "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  build(out, {{"a.csv", "x\n"}, {"b.csv", "y\n"}, {"c.csv", "w\n"}});

  backends::OutputSet outputs(out);
  outputs.open("a.csv") << "x\n";
  outputs.open("b.csv") << "y\n"; // a.csv closed: carried over, waits to be linked
  REQUIRE(!fs::remove(out + "/a.csv"));
  outputs.open("c.csv") << "z\n"; // staged when closed: a.csv can be neither linked nor copied
  std::string message = llvm::toString(outputs.commit());
  CHECK(message.find("a.csv' changed while the build ran") != std::string::npos);
  CHECK(contents(out + "/b.csv") == "y\n");
  CHECK(contents(out + "/c.csv") == "w\n");
  CHECK(!fs::exists(out + ".tmp." + std::to_string(::getpid())));
}

namespace {

// A file larger than the 1 MiB buffer, so that it is streamed: its bytes
// from `seed`, and `size` of them.
std::string largeFile(size_t size, char seed) {
  std::string text(size, ' ');
  for (size_t i = 0; i < size; ++i)
    text[i] = static_cast<char>('a' + (i * 7 + static_cast<size_t>(seed)) % 26);
  return text;
}

} // namespace

TEST_CASE("a streamed file is carried over when every byte is the old file's",
          "[backends][outputs]") {
  TempFolder temp;
  std::string out = temp.child("out");
  std::string big = largeFile(3 << 20, 'x');
  {
    backends::OutputSet outputs(out);
    outputs.open("schedule.xml") << big;
    outputs.open("bom.csv") << "a\n";
    REQUIRE(!llvm::errorToBool(outputs.commit()));
  }
  fs::UniqueID folder = identity(out), file = identity(out + "/schedule.xml");

  SECTION("the same bytes: the folder is left as it is") {
    backends::OutputSet outputs(out);
    outputs.open("schedule.xml") << big;
    outputs.open("bom.csv") << "a\n";
    REQUIRE(!llvm::errorToBool(outputs.commit()));
    CHECK(identity(out) == folder);
    CHECK(identity(out + "/schedule.xml") == file);
  }
  SECTION("the same bytes beside a changed file: linked into the new folder") {
    backends::OutputSet outputs(out);
    outputs.open("bom.csv") << "b\n"; // staged first
    outputs.open("schedule.xml") << big;
    REQUIRE(!llvm::errorToBool(outputs.commit()));
    CHECK(identity(out) != folder);
    CHECK(identity(out + "/schedule.xml") == file);
    CHECK(contents(out + "/bom.csv") == "b\n");
  }
  // Each of these differs from the old file somewhere past the first
  // buffer: the bytes before come from the old file, the rest as written.
  std::string changed = big;
  changed[(3 << 20) - 10] = '#';
  std::string longer = big + "tail";
  std::string shorter = big.substr(0, (2 << 20) + 5);
  for (const std::string *text : {&changed, &longer, &shorter}) {
    DYNAMIC_SECTION("a file of " << text->size() << " bytes, not the old one's") {
      backends::OutputSet outputs(out);
      outputs.open("schedule.xml") << *text;
      outputs.open("bom.csv") << "a\n";
      REQUIRE(!llvm::errorToBool(outputs.commit()));
      CHECK(identity(out + "/schedule.xml") != file);
      CHECK(contents(out + "/schedule.xml") == *text);
      CHECK(contents(out + "/bom.csv") == "a\n");
    }
  }
}
