#include "base/LineTable.h"
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

TEST_CASE("lines end at LF, CRLF and a lone CR", "[base][SourceFiles]") {
  SourceFiles files;
  // Line 1 ends with CR, line 2 with CRLF, line 3 with LF; line 4 has none.
  FileId file = files.addBuffer("t.sgd", "a = 1;\rbb = 2;\r\nccc = 3;\ndddd");
  llvm::StringRef text = files.text(file);
  auto at = [&](llvm::StringRef needle) { return static_cast<uint32_t>(text.find(needle)); };
  CHECK(files.lineColumn(file, at("bb")).line == 2);
  CHECK(files.lineColumn(file, at("bb")).column == 1);
  CHECK(files.lineColumn(file, at("ccc")).line == 3);
  CHECK(files.lineColumn(file, at("dddd")).line == 4);
  CHECK(files.lineColumn(file, at("= 3")).column == 5);
  CHECK(files.lineText(file, at("a =")) == "a = 1;");
  CHECK(files.lineText(file, at("bb")) == "bb = 2;");
  CHECK(files.lineText(file, at("ccc")) == "ccc = 3;");
  CHECK(files.lineText(file, at("dddd")) == "dddd");
  // A terminator belongs to the line it ends: the CR and the LF of CRLF.
  CHECK(files.lineColumn(file, at("\r")).line == 1);
  CHECK(files.lineColumn(file, at("\r\n")).line == 2);
  CHECK(files.lineColumn(file, at("\r\n") + 1).line == 2);
  CHECK(files.offsetOf(file, {2, 3}) == at(" = 2"));
  CHECK(files.offsetOf(file, {1, 99}) == at("\r")); // the end of line 1
}

TEST_CASE("columns on a very long line are code points", "[base][SourceFiles]") {
  // Longer than several checkpoints of the line table, with multi-byte
  // characters on both sides of a checkpoint.
  std::string line = "x";
  for (int i = 0; i < 5000; ++i)
    line += "\xC3\xA9" "a"; // "éa": 3 bytes, 2 columns
  SourceFiles files;
  FileId file = files.addBuffer("long.sgd", "first\n" + line + "\n");
  uint32_t start = 6;
  for (uint32_t k : {0u, 1000u, 1365u, 1366u, 4999u}) {
    uint32_t offset = start + 1 + 3 * k; // the k-th "é"
    CHECK(files.lineColumn(file, offset).column == 2 + 2 * k);
    CHECK(files.offsetOf(file, {2, 2 + 2 * k}) == offset);
  }
}

TEST_CASE("a line table starts a line after each terminator, at the text's end too",
          "[base][LineTable]") {
  LineTable crAtEnd("a\r");
  CHECK(crAtEnd.lineCount() == 2);
  CHECK(crAtEnd.lineStart(1) == 2);
  LineTable crlfAtEnd("a\r\n");
  CHECK(crlfAtEnd.lineCount() == 2);
  CHECK(crlfAtEnd.lineStart(1) == 3);
  // Tabs and other control bytes below `\r` end no line.
  LineTable blanks("\n\t\f\v\n\r\r\nx");
  CHECK(blanks.lineCount() == 5);
  CHECK(blanks.lineStart(1) == 1);
  CHECK(blanks.lineStart(2) == 5);
  CHECK(blanks.lineStart(3) == 6);
  CHECK(blanks.lineStart(4) == 8);
  CHECK(blanks.lineEnd(1) == 4);
}

TEST_CASE("a line table finds every terminator, whatever its offset in a word",
          "[base][LineTable]") {
  // Text passes eight bytes at a time until a word holds a low byte: put LF,
  // CR and CRLF at every offset, with a tab (low, no terminator) near them.
  for (llvm::StringRef terminator : {"\n", "\r", "\r\n"})
    for (size_t at = 0; at < 20; ++at) {
      std::string text = std::string(at, 'a') + terminator.str() + "b\tc" + terminator.str() +
                         std::string(9, 'd');
      LineTable table(text);
      REQUIRE(table.lineCount() == 3);
      uint32_t second = static_cast<uint32_t>(at + terminator.size());
      CHECK(table.lineStart(1) == second);
      CHECK(table.lineStart(2) == second + 3 + terminator.size());
    }
}

TEST_CASE("containsLineBreak knows CR and LF", "[base][LineTable]") {
  CHECK_FALSE(containsLineBreak("  \t "));
  CHECK(containsLineBreak(" \r "));
  CHECK(containsLineBreak("\n"));
}

TEST_CASE("a byte order mark is not part of the first line", "[base][SourceFiles]") {
  SourceFiles files;
  FileId file = files.addBuffer("bom.sgd", "\xEF\xBB\xBF" "const a = 1;\nb");
  CHECK(files.lineColumn(file, 3).column == 1); // `c`, after the mark
  CHECK(files.lineColumn(file, 9).column == 7); // `a`
  CHECK(files.lineColumn(file, 0).line == 1);
  CHECK(files.lineText(file, 9) == "const a = 1;");
  CHECK(files.offsetOf(file, {1, 1}) == 3);
  CHECK(files.lineColumn(file, 16).line == 2);
}
