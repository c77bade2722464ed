#ifndef SGD_FORMAT_DOC_H
#define SGD_FORMAT_DOC_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sgd::format {

/// A document to print: text with the places where lines may break, after
/// Wadler's "prettier printer" (and the printer of Prettier, which this one
/// follows). A group is printed on one line when it fits in the line width;
/// otherwise its line breaks are taken. Documents are built in a `DocArena`
/// and referred to by index.
using DocId = uint32_t;

enum class DocKind : uint8_t {
  Text,       // text without line breaks, except in verbatim comments
  Concat,     // the children in order
  Line,       // a space, or a line break when the group breaks
  SoftLine,   // nothing, or a line break when the group breaks
  HardLine,   // always a line break; breaks every enclosing group
  HardLineIndent, // a line break, then `amount` more spaces than the indentation
  Group,      // its child on one line if it fits, else broken
  Indent,     // its child with the indentation raised by `amount`
  Align,      // its child with the indentation set to the column it starts at
  IfBreak,    // children[0] when the enclosing group breaks, else children[1]
  Fill,       // children alternate content, separator (a Line), content, …:
              // as many contents on each line as fit
  LineSuffix, // a trailing comment: printed at the end of the current line
};

struct DocNode {
  DocKind kind = DocKind::Text;
  int amount = 0;          // Indent, HardLineIndent
  bool hasHardLine = false;// a HardLine somewhere inside: groups must break
  std::string text;        // Text, LineSuffix
  std::vector<DocId> children;
};

class DocArena {
public:
  DocId text(std::string text);
  DocId concat(std::vector<DocId> children);
  DocId line() { return leaf(DocKind::Line); }
  DocId softLine() { return leaf(DocKind::SoftLine); }
  DocId hardLine() { return leaf(DocKind::HardLine); }
  DocId hardLineIndent(int extra);
  DocId group(DocId child) { return wrap(DocKind::Group, child); }
  DocId indent(DocId child, int amount);
  DocId align(DocId child) { return wrap(DocKind::Align, child); }
  DocId ifBreak(DocId broken, DocId flat);
  DocId fill(std::vector<DocId> parts);
  DocId lineSuffix(std::string comment);
  DocId empty() { return text(""); }

  const DocNode &node(DocId id) const { return nodes_[id]; }

  /// The width of `id` printed on one line; UINT32_MAX when it cannot be
  /// (it holds a hard line break).
  uint32_t flatWidth(DocId id) const;

private:
  DocId leaf(DocKind kind);
  DocId wrap(DocKind kind, DocId child);
  DocId add(DocNode node);
  std::vector<DocNode> nodes_;
};

/// One printed line: its code and its trailing comment, kept apart so that
/// trailing comments of neighbouring lines can be aligned.
struct PrintedLine {
  std::string code;
  std::string trailing;    // empty: none
  bool verbatim = false;   // a line inside a block comment: printed as it is
};

/// Prints `root` within `width` columns (counted in code points).
std::vector<PrintedLine> printDoc(const DocArena &arena, DocId root, unsigned width);

/// The width of `text` in columns: its code points.
unsigned columns(llvm::StringRef text);

} // namespace sgd::format

#endif
