#include "diagnostics/TextRenderer.h"

#include "base/Utf8.h"
#include "diagnostics/RendererSupport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>
#include <string>

namespace sgd {
namespace {

/// Line numbers take at least this many columns, as in clang, so that the
/// gutter does not shift between the diagnostics of most files.
constexpr unsigned kMinLineNumberWidth = 4;

/// Shown in place of ill-formed UTF-8 and of control characters: both would
/// otherwise garble the terminal or take no column of their own.
constexpr llvm::StringLiteral kReplacementCharacter = "\xEF\xBF\xBD";

/// A source line is shown whole up to this many code points; a longer one
/// (minified, generated, a megabyte of NUL bytes) as a window of this many
/// around the range, cut with "…", so that every diagnostic prints a bounded
/// excerpt and a thousand errors on one line print in linear time.
constexpr size_t kMaxExcerptCodePoints = 160;
/// Code points shown before the range in a window, for context.
constexpr size_t kContextBefore = 60;
constexpr llvm::StringLiteral kEllipsis = "\xE2\x80\xA6";

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The byte offset `count` code points after `offset` in `line` (or its end).
size_t codePointsForward(llvm::StringRef line, size_t offset, size_t count) {
  for (; count > 0 && offset < line.size(); --count)
    do
      ++offset;
    while (offset < line.size() && isContinuationByte(line[offset]));
  return offset;
}

/// The byte offset `count` code points before `offset` in `line` (or 0).
size_t codePointsBack(llvm::StringRef line, size_t offset, size_t count) {
  for (; count > 0 && offset > 0; --count)
    do
      --offset;
    while (offset > 0 && isContinuationByte(line[offset]));
  return offset;
}

/// The part [begin, end) of a line that an excerpt shows, in bytes.
struct ExcerptWindow {
  size_t begin = 0;
  size_t end = 0;
};

/// The whole line when it is short; else kMaxExcerptCodePoints code points
/// from its start when `focus` lies among the first ones, or from
/// kContextBefore code points before `focus`. Costs O(window), not O(line).
ExcerptWindow windowAround(llvm::StringRef line, size_t focus) {
  size_t firstWindowEnd = codePointsForward(line, 0, kMaxExcerptCodePoints);
  if (firstWindowEnd == line.size())
    return {0, line.size()};
  size_t begin = focus + kContextBefore < firstWindowEnd ? 0
                                                          : codePointsBack(line, focus, kContextBefore);
  return {begin, codePointsForward(line, begin, kMaxExcerptCodePoints)};
}

/// One code point of a source line as a terminal shows it.
struct ShownCodePoint {
  size_t offset;         // of its first byte in the line
  llvm::StringRef shown; // the code point itself, or kReplacementCharacter
  unsigned width;        // terminal columns; a tab counts 1 but is copied
  bool isTab() const { return shown == "\t"; }
};

/// The code points of an excerpt's window: at most kMaxExcerptCodePoints in
/// valid UTF-8, so they stay on the stack (a heap block per excerpt line
/// showed in the fuzz targets' profiles, each filled and quarantined by
/// AddressSanitizer).
using ShownLine = llvm::SmallVector<ShownCodePoint, kMaxExcerptCodePoints>;

ShownLine splitLine(llvm::StringRef line) {
  ShownLine codePoints;
  size_t offset = 0;
  while (offset < line.size()) {
    unsigned length = llvm::getNumBytesForUTF8(static_cast<llvm::UTF8>(line[offset]));
    llvm::StringRef bytes = line.substr(offset, length);
    ShownCodePoint codePoint{offset, bytes, 1};
    if (bytes.size() != length || findInvalidUtf8(bytes)) {
      // Resynchronize on the next byte, as the lexer does.
      length = 1;
      codePoint.shown = kReplacementCharacter;
    } else if (!codePoint.isTab()) {
      int width = llvm::sys::unicode::columnWidthUTF8(bytes);
      if (width < 0)
        codePoint.shown = kReplacementCharacter;
      else
        codePoint.width = width;
    }
    codePoints.push_back(codePoint);
    offset += length;
  }
  return codePoints;
}

/// Fills the columns of `codePoint` with `fill`; a tab is copied so that the
/// terminal expands it exactly as in the source line above.
void appendColumns(std::string &out, const ShownCodePoint &codePoint, char fill) {
  if (codePoint.isTab())
    out += '\t';
  else
    out.append(codePoint.width, fill);
}

/// Blank columns up to the code point that starts at byte `offset`.
std::string indentTo(llvm::ArrayRef<ShownCodePoint> line, size_t offset) {
  std::string indent;
  for (const ShownCodePoint &codePoint : line) {
    if (codePoint.offset >= offset)
      break;
    appendColumns(indent, codePoint, ' ');
  }
  return indent;
}

/// `^` under the first code point of [begin, end) and `~` under the rest; a
/// lone `^` for an empty range.
std::string underline(llvm::ArrayRef<ShownCodePoint> line, size_t begin, size_t end) {
  std::string marks = "^";
  bool first = true;
  for (const ShownCodePoint &codePoint : line) {
    if (codePoint.offset < begin || codePoint.offset >= end)
      continue;
    if (!first)
      appendColumns(marks, codePoint, '~');
    else if (codePoint.width > 1) // the rest of a wide first character
      marks.append(codePoint.width - 1, '~');
    first = false;
  }
  return marks;
}

llvm::raw_ostream::Colors severityColor(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return llvm::raw_ostream::CYAN;
  case Severity::Warning:
    return llvm::raw_ostream::MAGENTA;
  case Severity::Error:
    return llvm::raw_ostream::RED;
  }
  llvm_unreachable("unknown severity");
}

class DiagnosticPrinter {
public:
  DiagnosticPrinter(llvm::raw_ostream &os, const SourceFiles &files, bool color)
      : os_(os), files_(files), color_(color) {}

  void print(const Diagnostic &diagnostic) {
    unsigned width = lineNumberWidth(diagnostic);
    printEntry(diagnostic.range.isValid() ? &diagnostic.range : nullptr, diagnostic.severity,
               diagnostic.id(), diagnostic.message,
               diagnostic.fixIt ? &*diagnostic.fixIt : nullptr, width);
    for (const DiagNote &note : diagnostic.notes)
      printEntry(note.range ? &*note.range : nullptr, Severity::Note, /*code=*/"",
                 note.message, /*fixIt=*/nullptr, width);
  }

private:
  /// One width for every excerpt of a diagnostic, so that their bars line up.
  unsigned lineNumberWidth(const Diagnostic &diagnostic) const {
    unsigned largestLine = 0;
    auto consider = [&](const SourceRange &range) {
      if (range.isValid())
        largestLine = std::max(largestLine, files_.lineColumn(range.file, range.begin).line);
    };
    consider(diagnostic.range);
    for (const DiagNote &note : diagnostic.notes)
      if (note.range)
        consider(*note.range);
    return std::max<unsigned>(kMinLineNumberWidth, std::to_string(largestLine).size());
  }

  /// The header of a diagnostic or a note, and the excerpt when it has a
  /// range.
  void printEntry(const SourceRange *range, Severity severity, llvm::StringRef code,
                  llvm::StringRef message, const FixIt *fixIt, unsigned width) {
    LineColumn at;
    if (range) {
      at = files_.lineColumn(range->file, range->begin);
      setColor(llvm::raw_ostream::SAVEDCOLOR);
      os_ << files_.displayName(range->file) << ':' << at.line << ':' << at.column << ": ";
      resetColor();
    }
    setColor(severityColor(severity));
    os_ << severityName(severity);
    if (!code.empty())
      os_ << '[' << code << ']';
    resetColor();
    setColor(llvm::raw_ostream::SAVEDCOLOR);
    os_ << ": " << message;
    resetColor();
    os_ << '\n';
    if (range)
      printExcerpt(*range, at.line, fixIt, width);
  }

  /// The first line of `range` with the range underlined, and the fix-it's
  /// text under that when it starts on the same line. A long line is shown
  /// as a window around the range (windowAround).
  void printExcerpt(const SourceRange &range, unsigned lineNumber, const FixIt *fixIt,
                    unsigned width) {
    llvm::StringRef text = files_.text(range.file);
    llvm::StringRef line = files_.lineText(range.file, range.begin);
    size_t lineStart = line.data() - text.data();
    size_t begin = std::min<size_t>(range.begin, text.size()) - lineStart;
    ExcerptWindow window = windowAround(line, begin);
    bool cutBefore = window.begin > 0, cutAfter = window.end < line.size();
    llvm::StringRef shown = line.slice(window.begin, window.end);
    // Offsets from here on are relative to the window; multi-line ranges are
    // underlined to the end of their first line, long ones to the window's.
    size_t rangeEnd = range.end > lineStart ? range.end - lineStart : 0;
    size_t end = std::max(std::min(rangeEnd, window.end), begin) - window.begin;
    begin -= window.begin;
    ShownLine codePoints = splitLine(shown);
    // The "…" before a cut line takes one column of its own.
    std::string lead = cutBefore ? " " : "";

    os_ << ' ' << llvm::format_decimal(lineNumber, width) << " |";
    if (!line.empty())
      os_ << ' ';
    if (cutBefore)
      os_ << kEllipsis;
    for (const ShownCodePoint &codePoint : codePoints)
      os_ << codePoint.shown;
    if (cutAfter)
      os_ << kEllipsis;
    os_ << '\n';

    std::string gutter = std::string(width + 2, ' ') + "| ";
    os_ << gutter << lead << indentTo(codePoints, begin);
    setColor(llvm::raw_ostream::GREEN);
    os_ << underline(codePoints, begin, end);
    resetColor();
    os_ << '\n';

    if (!fixIt || fixIt->range.file != range.file || fixIt->replacement.empty() ||
        llvm::StringRef(fixIt->replacement).contains('\n') ||
        fixIt->range.begin < lineStart + window.begin ||
        fixIt->range.begin > lineStart + window.end)
      return;
    os_ << gutter << lead << indentTo(codePoints, fixIt->range.begin - lineStart - window.begin);
    setColor(llvm::raw_ostream::GREEN, /*bold=*/false);
    os_ << fixIt->replacement;
    resetColor();
    os_ << '\n';
  }

  void setColor(llvm::raw_ostream::Colors color, bool bold = true) {
    if (color_)
      os_.changeColor(color, bold);
  }
  void resetColor() {
    if (color_)
      os_.resetColor();
  }

  llvm::raw_ostream &os_;
  const SourceFiles &files_;
  bool color_;
};

std::string countOf(unsigned count, llvm::StringRef noun) {
  return std::to_string(count) + ' ' + noun.str() + (count == 1 ? "" : "s");
}

void printSummary(llvm::raw_ostream &os, SeverityCounts counts) {
  if (counts.errors && counts.warnings)
    os << countOf(counts.errors, "error") << " and " << countOf(counts.warnings, "warning");
  else if (counts.errors)
    os << countOf(counts.errors, "error");
  else if (counts.warnings)
    os << countOf(counts.warnings, "warning");
  else
    return;
  os << " generated.\n";
}

} // namespace

void renderText(llvm::raw_ostream &os, const SourceFiles &files,
                llvm::ArrayRef<const Diagnostic *> diagnostics,
                const TextRenderOptions &options) {
  // String and file streams ignore changeColor until colors are enabled.
  if (options.color)
    os.enable_colors(true);
  DiagnosticPrinter printer(os, files, options.color);
  for (const Diagnostic *diagnostic : diagnostics)
    printer.print(*diagnostic);
  printSummary(os, countSeverities(diagnostics));
}

} // namespace sgd
