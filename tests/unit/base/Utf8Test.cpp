#include "base/SourceFiles.h"
#include "base/Utf8.h"

#include <catch2/catch.hpp>

using namespace sgd;

TEST_CASE("findInvalidUtf8 accepts well-formed text", "[utf8]") {
  CHECK_FALSE(findInvalidUtf8("").has_value());
  CHECK_FALSE(findInvalidUtf8("site abilene { tier = 3; }").has_value());
  CHECK_FALSE(findInvalidUtf8("Zürich – 東京 😀").has_value());
  CHECK_FALSE(findInvalidUtf8("\xF4\x8F\xBF\xBF").has_value()); // U+10FFFF
}

TEST_CASE("findInvalidUtf8 reports the offset of the first bad byte", "[utf8]") {
  CHECK(findInvalidUtf8("ab\xFF").value() == 2);          // never valid
  CHECK(findInvalidUtf8("a\x80").value() == 1);           // lone continuation
  CHECK(findInvalidUtf8("\xC0\xAF").value() == 0);        // overlong '/'
  CHECK(findInvalidUtf8("\xE0\x80\xAF").value() == 0);    // overlong 3-byte
  CHECK(findInvalidUtf8("x\xED\xA0\x80").value() == 1);   // surrogate U+D800
  CHECK(findInvalidUtf8("\xF4\x90\x80\x80").value() == 0); // above U+10FFFF
  CHECK(findInvalidUtf8("ok\xE6\x9D").value() == 2);      // truncated at the end
  CHECK(findInvalidUtf8("\xC3\xA9\xC3").value() == 2);    // valid é, then truncated
}

TEST_CASE("findInvalidUtf8 finds a bad byte anywhere in a long ASCII run", "[utf8]") {
  // ASCII passes eight bytes at a time: put the bad byte (and a valid `é`
  // before it) at every offset of and across those words, and at the end.
  for (size_t at = 0; at < 40; ++at) {
    std::string text(40, 'x');
    CHECK_FALSE(findInvalidUtf8(text).has_value());
    text[at] = '\x80';
    CHECK(findInvalidUtf8(text) == at);
    std::string accented = std::string(at, 'x') + "\xC3\xA9" + std::string(at % 9, 'y');
    CHECK_FALSE(findInvalidUtf8(accented).has_value());
    CHECK(findInvalidUtf8(accented + "\xC3") == accented.size());
  }
}

TEST_CASE("countCodePoints counts characters, not bytes", "[utf8]") {
  CHECK(countCodePoints("") == 0);
  CHECK(countCodePoints("abc") == 3);
  CHECK(countCodePoints("Zürich") == 6);
  CHECK(countCodePoints("東京") == 2);
  CHECK(countCodePoints("😀!") == 2);
}

TEST_CASE("countCodePoints counts every kind of sequence at every offset of a word", "[utf8]") {
  // Eight bytes are counted at once: put each sequence length at each offset
  // of and across those words, and count against one byte at a time.
  for (llvm::StringRef sequence : {"\xC3\xA9", "\xE6\x9D\xB1", "\xF0\x9F\x98\x80"})
    for (size_t at = 0; at < 20; ++at) {
      std::string text = std::string(at, 'x') + sequence.str() + std::string(11, 'y') +
                         sequence.str() + std::string(at % 5, 'z');
      // at + 11 + at % 5 ASCII bytes and two sequences.
      CHECK(countCodePoints(text) == at + 11 + at % 5 + 2);
    }
  // Sixteen 2-byte sequences: two words of continuation bytes, half each.
  std::string accents;
  for (int i = 0; i < 16; ++i)
    accents += "\xC3\xA9";
  CHECK(countCodePoints(accents) == 16);
}

TEST_CASE("isAscii looks at every byte, in and after the words", "[utf8]") {
  CHECK(isAscii(""));
  CHECK(isAscii(std::string(23, '\x7F')));
  for (size_t at = 0; at < 23; ++at) {
    std::string text(23, 'x');
    text[at] = '\x80';
    CHECK_FALSE(isAscii(text));
  }
}

TEST_CASE("wordsAbove stops at the word that holds a byte at or below the bound", "[utf8]") {
  // '\r' is 13: tab (9), LF (10) and CR (13) stop the words; a space (32),
  // '\x0E' and non-ASCII bytes do not.
  CHECK(wordsAbove("", '\r') == 0);
  CHECK(wordsAbove("1234567", '\r') == 0); // no whole word
  std::string passes = std::string(8, ' ') + "\x0E\x0E\xC3\xA9" "abcdxyz";
  CHECK(wordsAbove(passes, '\r') == 16);
  for (char low : {'\t', '\n', '\r', '\0'})
    for (size_t at = 0; at < 24; ++at) {
      std::string text(24, 'x');
      text[at] = low;
      CHECK(wordsAbove(text, '\r') == at / 8 * 8);
    }
}

TEST_CASE("SourceFiles gives code-point columns and line text", "[source]") {
  SourceFiles files;
  FileId id = files.addBuffer("t.sgd", "a = 1;\nname = \"東京\"; x = 2;\r\nlast");
  CHECK(files.displayName(id) == "t.sgd");
  LineColumn first = files.lineColumn(id, 0);
  CHECK(first.line == 1);
  CHECK(first.column == 1);
  // `x` follows two 3-byte characters: byte column 18, code-point column 14.
  llvm::StringRef text = files.text(id);
  auto xOffset = static_cast<uint32_t>(text.find("x ="));
  LineColumn x = files.lineColumn(id, xOffset);
  CHECK(x.line == 2);
  CHECK(x.column == 14);
  CHECK(files.lineText(id, xOffset) == "name = \"東京\"; x = 2;");
  CHECK(files.lineText(id, static_cast<uint32_t>(text.size())) == "last");
  LineColumn end = files.lineColumn(id, static_cast<uint32_t>(text.size()));
  CHECK(end.line == 3);
  CHECK(end.column == 5);
}

TEST_CASE("SourceFiles reports unreadable files as errors", "[source]") {
  SourceFiles files;
  llvm::Expected<FileId> missing = files.addFile("/nonexistent/dir/x.sgd");
  REQUIRE_FALSE(static_cast<bool>(missing));
  std::string message = llvm::toString(missing.takeError());
  CHECK(message == "cannot read `/nonexistent/dir/x.sgd`: no such file or directory");
  CHECK(files.fileCount() == 0);
}
