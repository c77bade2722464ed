#include "base/SourceFiles.h"

#include <catch2/catch.hpp>

using namespace sgd;

TEST_CASE("offsetOf is the inverse of lineColumn, in code points", "[base][SourceFiles]") {
  SourceFiles files;
  // "é" is two bytes, one column.
  FileId file = files.addBuffer("t.toml", "[a]\nk\xC3\xA9y = 1\n\nlast");
  for (uint32_t offset : {0u, 3u, 4u, 5u, 7u, 8u, 13u, 14u, 15u, 18u}) {
    LineColumn at = files.lineColumn(file, offset);
    CHECK(files.offsetOf(file, at) == offset);
  }
  CHECK(files.offsetOf(file, {2, 3}) == 7); // after "ké"
  CHECK(files.lineColumn(file, 7).column == 3);
}

TEST_CASE("offsetOf stops at the end of the line or the file", "[base][SourceFiles]") {
  SourceFiles files;
  FileId file = files.addBuffer("t.toml", "ab\ncd");
  CHECK(files.offsetOf(file, {1, 40}) == 2);
  CHECK(files.offsetOf(file, {9, 1}) == 5);
}
