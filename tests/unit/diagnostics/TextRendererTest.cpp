#include "DiagnosticTestSupport.h"

#include "diagnostics/DiagnosticEngine.h"
#include "diagnostics/TextRenderer.h"

#include <catch2/catch.hpp>

using namespace sgd;
using sgd::test::after;
using sgd::test::rangeOf;

namespace {

std::string render(const SourceFiles &files, const DiagnosticEngine &engine,
                   bool color = false) {
  std::string out;
  llvm::raw_string_ostream os(out);
  renderText(os, files, engine.sorted(), TextRenderOptions{color});
  return os.str();
}

} // namespace

TEST_CASE("text: missing token with a fix-it, clang style", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("campus.sgd", "site abilene {\n  it_power = 132 kW\n}\n");
  DiagnosticEngine engine;
  SourceRange missing = after(files, file, "132 kW");
  engine.report(DiagCode::E0101, missing, "expected ';' after the value of `it_power`")
      .fix(missing, ";");

  CHECK(render(files, engine) ==
        "campus.sgd:2:20: error[E0101]: expected ';' after the value of `it_power`\n"
        "    2 |   it_power = 132 kW\n"
        "      |                    ^\n"
        "      |                    ;\n"
        "1 error generated.\n");
}

TEST_CASE("text: carets line up after accented and CJK text", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("names.sgd", "site z {\n  name = \"Zürich – 東京\"; x\n}\n");
  DiagnosticEngine engine;
  // Columns count code points (東 is column 20); the padding counts display
  // width (東 and 京 take two columns each).
  engine.report(DiagCode::E0105, rangeOf(files, file, "東京"), "wide");
  engine.report(DiagCode::E0110, rangeOf(files, file, "x"), "after");

  CHECK(render(files, engine) ==
        "names.sgd:2:20: error[E0105]: wide\n"
        "    2 |   name = \"Zürich – 東京\"; x\n"
        "      |                    ^~~~\n"
        "names.sgd:2:25: error[E0110]: after\n"
        "    2 |   name = \"Zürich – 東京\"; x\n"
        "      |                           ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: tabs before the caret are copied", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("tabs.sgd", "site s {\n\tups\t= 1; bad\n}\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0102, rangeOf(files, file, "bad"), "unexpected `bad`");

  CHECK(render(files, engine) ==
        "tabs.sgd:2:11: error[E0102]: unexpected `bad`\n"
        "    2 | \tups\t= 1; bad\n"
        "      | \t   \t     ^~~\n"
        "1 error generated.\n");
}

TEST_CASE("text: a range at the end of the file points past the last character",
          "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("eof.sgd", "tier = 3");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0101, after(files, file, "3"), "expected ';'");

  CHECK(render(files, engine) ==
        "eof.sgd:1:9: error[E0101]: expected ';'\n"
        "    1 | tier = 3\n"
        "      |         ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: a range over a line break points past the end of the line", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("eol.sgd", "a = 1\nb = 2\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0101, rangeOf(files, file, "\n"), "expected ';'");

  CHECK(render(files, engine) ==
        "eol.sgd:1:6: error[E0101]: expected ';'\n"
        "    1 | a = 1\n"
        "      |      ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: a multi-line range is underlined to the end of its first line",
          "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("block.sgd", "site s {\n  tier = 3;\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0106, {file, 0, static_cast<uint32_t>(files.text(file).size())},
                "unclosed block");

  CHECK(render(files, engine) ==
        "block.sgd:1:1: error[E0106]: unclosed block\n"
        "    1 | site s {\n"
        "      | ^~~~~~~~\n"
        "1 error generated.\n");
}

TEST_CASE("text: notes, with and without a location, share the gutter width", "[text]") {
  std::string text = "const hall_racks = 96;\n" + std::string(12343, '\n') +
                     "const hall_racks = 48;\n";
  SourceFiles files;
  FileId file = files.addBuffer("big.sgd", text);
  DiagnosticEngine engine;
  engine.report(DiagCode::E0102, rangeOf(files, file, "48"), "`hall_racks` is defined twice")
      .note(rangeOf(files, file, "96"), "first defined here")
      .note("remove one of the two definitions");

  CHECK(render(files, engine) ==
        "big.sgd:12345:20: error[E0102]: `hall_racks` is defined twice\n"
        " 12345 | const hall_racks = 48;\n"
        "       |                    ^~\n"
        "big.sgd:1:20: note: first defined here\n"
        "     1 | const hall_racks = 96;\n"
        "       |                    ^~\n"
        "note: remove one of the two definitions\n"
        "1 error generated.\n");
}

TEST_CASE("text: a fix-it elsewhere than the primary line is not shown", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("fix.sgd", "tier = 3\npue = 1.2;\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0102, rangeOf(files, file, "pue"), "unexpected `pue`")
      .fix(after(files, file, "3"), ";");
  engine.report(DiagCode::E0102, rangeOf(files, file, "1.2"), "deletion").fix(
      rangeOf(files, file, "1.2"), "");

  CHECK(render(files, engine) ==
        "fix.sgd:2:1: error[E0102]: unexpected `pue`\n"
        "    2 | pue = 1.2;\n"
        "      | ^~~\n"
        "fix.sgd:2:7: error[E0102]: deletion\n"
        "    2 | pue = 1.2;\n"
        "      |       ^~~\n"
        "2 errors generated.\n");
}

TEST_CASE("text: bytes a terminal cannot show are replaced, carets stay aligned",
          "[text]") {
  SourceFiles files;
  // 0xFC is `ü` in Latin-1; U+200B is a zero-width space.
  FileId file = files.addBuffer("bad.sgd", "city = \"Z\xFCrich\"; \xE2\x80\x8B x\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0001, rangeOf(files, file, "\xFC"), "not UTF-8");
  engine.report(DiagCode::E0110, rangeOf(files, file, "x"), "after");

  CHECK(render(files, engine) ==
        "bad.sgd:1:10: error[E0001]: not UTF-8\n"
        "    1 | city = \"Z\uFFFDrich\"; \uFFFD x\n"
        "      |          ^\n"
        "bad.sgd:1:20: error[E0110]: after\n"
        "    1 | city = \"Z\uFFFDrich\"; \uFFFD x\n"
        "      |                    ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: a diagnostic without a location prints its header only", "[text]") {
  SourceFiles files;
  DiagnosticEngine engine;
  engine.report(DiagCode::E0001, SourceRange{}, "standard input is not UTF-8");

  CHECK(render(files, engine) ==
        "error[E0001]: standard input is not UTF-8\n"
        "1 error generated.\n");
}

TEST_CASE("text: the summary counts errors and warnings", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("s.sgd", "a b c\n");
  auto warn = [&](DiagnosticEngine &engine, llvm::StringRef at) {
    engine.report(DiagCode::E0102, rangeOf(files, file, at), "w").severity = Severity::Warning;
  };
  auto lastLine = [&](const DiagnosticEngine &engine) {
    // The rendered text must outlive the StringRefs into it.
    std::string rendered = render(files, engine);
    llvm::StringRef out = llvm::StringRef(rendered).rtrim('\n');
    return out.rsplit('\n').second.str();
  };

  DiagnosticEngine none;
  CHECK(render(files, none).empty());

  DiagnosticEngine oneWarning;
  warn(oneWarning, "a");
  CHECK(lastLine(oneWarning) == "1 warning generated.");

  DiagnosticEngine mixed;
  mixed.report(DiagCode::E0102, rangeOf(files, file, "a"), "e");
  mixed.report(DiagCode::E0102, rangeOf(files, file, "b"), "e");
  warn(mixed, "c");
  CHECK(lastLine(mixed) == "2 errors and 1 warning generated.");
  CHECK(render(files, mixed).find("s.sgd:1:5: warning[E0102]: w\n") != std::string::npos);
}

TEST_CASE("text: escape codes appear with color only", "[text]") {
  SourceFiles files;
  FileId file = files.addBuffer("c.sgd", "site s { tier = 3 }\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0101, after(files, file, "3"), "expected ';'")
      .note(rangeOf(files, file, "site"), "in this site");
  engine.report(DiagCode::E0102, rangeOf(files, file, "}"), "w").severity = Severity::Warning;

  std::string colored = render(files, engine, /*color=*/true);
  CHECK_THAT(colored, Catch::Contains("\x1b[1mc.sgd:1:18: \x1b[0m"));
  CHECK_THAT(colored, Catch::Contains("\x1b[0;1;31merror[E0101]\x1b[0m"));
  CHECK_THAT(colored, Catch::Contains("\x1b[0;1;35mwarning[E0102]\x1b[0m"));
  CHECK_THAT(colored, Catch::Contains("\x1b[0;1;36mnote\x1b[0m"));
  CHECK_THAT(colored, Catch::Contains("\x1b[0;1;32m^~~~\x1b[0m"));

  // A stream with colors already on must still get plain text.
  std::string plain;
  llvm::raw_string_ostream os(plain);
  os.enable_colors(true);
  renderText(os, files, engine.sorted(), TextRenderOptions{});
  CHECK(os.str().find('\x1b') == std::string::npos);
  CHECK_THAT(plain, Catch::StartsWith("c.sgd:1:18: error[E0101]: expected ';'\n"));
}

TEST_CASE("text: a long line is shown as a window around the range", "[text]") {
  // 300 times "1 + " then "bad;": 1,204 columns before `bad`.
  std::string body;
  for (int i = 0; i < 300; ++i)
    body += "1 + ";
  SourceFiles files;
  FileId file = files.addBuffer("long.sgd", "const x = " + body + "bad;\nnext\n");
  DiagnosticEngine engine;
  engine.report(DiagCode::E0302, rangeOf(files, file, "bad"), "unknown name `bad`");
  engine.report(DiagCode::E0110, rangeOf(files, file, "const"), "at the start");

  // The window: 60 code points before `bad` and 160 in all, cut with "…";
  // at the start of the line, the first 160.
  std::string line = "const x = " + body + "bad;";
  size_t bad = line.find("bad");
  std::string around = "\u2026" + line.substr(bad - 60) + "\n";
  std::string start = line.substr(0, 160) + "\u2026\n";
  CHECK(render(files, engine) ==
        "long.sgd:1:1: error[E0110]: at the start\n"
        "    1 | " + start +
        "      | ^~~~~\n"
        "long.sgd:1:1211: error[E0302]: unknown name `bad`\n"
        "    1 | " + around +
        "      | " + std::string(61, ' ') + "^~~\n"
        "2 errors generated.\n");
}

TEST_CASE("text: errors on one huge line print a bounded excerpt each", "[text]") {
  // 4,000 unmatched `}` on one line: each excerpt is a window, so the output
  // grows linearly with the number of errors, not with errors × line length.
  SourceFiles files;
  FileId file = files.addBuffer("braces.sgd", std::string(4000, '}') + "\n");
  DiagnosticEngine engine;
  engine.setLimit(0); // keep them all
  for (uint32_t at = 0; at < 4000; ++at)
    engine.report(DiagCode::E0111, {file, at, at + 1}, "unmatched `}`");
  std::string out = render(files, engine);
  CHECK(out.size() < 4000 * 450);
  CHECK_THAT(out, Catch::Contains("braces.sgd:1:4000: error[E0111]: unmatched `}`\n"
                                  "    1 | \u2026" + std::string(61, '}') + "\n"
                                  "      |  " + std::string(60, ' ') + "^\n"));
}
