#include "format/Doc.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace sgd::format {

unsigned columns(llvm::StringRef text) {
  unsigned count = 0;
  for (unsigned char c : text)
    count += (c & 0xC0) != 0x80; // every byte but UTF-8 continuation bytes
  return count;
}

DocId DocArena::add(DocNode node) {
  for (DocId child : node.children)
    node.hasHardLine |= nodes_[child].hasHardLine;
  nodes_.push_back(std::move(node));
  return static_cast<DocId>(nodes_.size() - 1);
}

DocId DocArena::text(std::string text) {
  DocNode node;
  node.kind = DocKind::Text;
  node.hasHardLine = llvm::StringRef(text).contains('\n');
  node.text = std::move(text);
  return add(std::move(node));
}

DocId DocArena::concat(std::vector<DocId> children) {
  DocNode node;
  node.kind = DocKind::Concat;
  node.children = std::move(children);
  return add(std::move(node));
}

DocId DocArena::leaf(DocKind kind) {
  DocNode node;
  node.kind = kind;
  node.hasHardLine = kind == DocKind::HardLine;
  return add(std::move(node));
}

DocId DocArena::hardLineIndent(int extra) {
  DocNode node;
  node.kind = DocKind::HardLineIndent;
  node.amount = extra;
  node.hasHardLine = true;
  return add(std::move(node));
}

DocId DocArena::wrap(DocKind kind, DocId child) {
  DocNode node;
  node.kind = kind;
  node.children = {child};
  return add(std::move(node));
}

DocId DocArena::indent(DocId child, int amount) {
  DocNode node;
  node.kind = DocKind::Indent;
  node.amount = amount;
  node.children = {child};
  return add(std::move(node));
}

DocId DocArena::ifBreak(DocId broken, DocId flat) {
  DocNode node;
  node.kind = DocKind::IfBreak;
  node.children = {broken, flat};
  // Which branch prints depends on the group, not on what the branches hold.
  DocId id = add(std::move(node));
  nodes_[id].hasHardLine = false;
  return id;
}

DocId DocArena::fill(std::vector<DocId> parts) {
  DocNode node;
  node.kind = DocKind::Fill;
  node.children = std::move(parts);
  return add(std::move(node));
}

DocId DocArena::lineSuffix(std::string comment) {
  DocNode node;
  node.kind = DocKind::LineSuffix;
  node.text = std::move(comment);
  return add(std::move(node));
}

uint32_t DocArena::flatWidth(DocId id) const {
  const DocNode &node = nodes_[id];
  switch (node.kind) {
  case DocKind::Text:
    return node.hasHardLine ? UINT32_MAX : columns(node.text);
  case DocKind::Line:
    return 1;
  case DocKind::SoftLine:
  case DocKind::LineSuffix:
    return 0;
  case DocKind::HardLine:
  case DocKind::HardLineIndent:
    return UINT32_MAX;
  case DocKind::IfBreak:
    return flatWidth(node.children[1]);
  default: {
    uint64_t total = 0;
    for (DocId child : node.children) {
      uint32_t width = flatWidth(child);
      if (width == UINT32_MAX)
        return UINT32_MAX;
      total += width;
    }
    return static_cast<uint32_t>(std::min<uint64_t>(total, UINT32_MAX - 1));
  }
  }
}

namespace {

struct Command {
  int indent;
  bool flat;
  DocId doc;
  size_t fillStart = 0; // Fill: the first part still to print
};

class Printer {
public:
  Printer(const DocArena &arena, unsigned width) : arena_(arena), width_(static_cast<int>(width)) {}

  std::vector<PrintedLine> print(DocId root) {
    stack_.push_back({0, false, root});
    while (!stack_.empty()) {
      Command command = stack_.back();
      stack_.pop_back();
      step(command);
    }
    endLine(0);
    // The last line break is the file's own, added by the caller.
    while (!lines_.empty() && lines_.back().code.empty() && lines_.back().trailing.empty())
      lines_.pop_back();
    return std::move(lines_);
  }

private:
  const DocArena &arena_;
  int width_;
  std::vector<Command> stack_;
  std::vector<PrintedLine> lines_;
  PrintedLine current_;
  int column_ = 0;
  std::vector<std::string> suffixes_;

  void append(const std::string &text) {
    size_t start = 0;
    for (size_t newline; (newline = text.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      current_.code.append(text, start, newline - start);
      current_.verbatim = true; // the line ends inside a block comment
      finishLine();
    }
    current_.code.append(text, start, std::string::npos);
    column_ = static_cast<int>(columns(current_.code));
  }

  void finishLine() {
    if (!current_.verbatim)
      current_.code = llvm::StringRef(current_.code).rtrim(' ').str();
    if (!suffixes_.empty()) {
      current_.trailing = llvm::join(suffixes_, " ");
      suffixes_.clear();
    }
    lines_.push_back(std::move(current_));
    current_ = PrintedLine();
    column_ = 0;
  }

  void endLine(int indent) {
    finishLine();
    current_.code.assign(static_cast<size_t>(std::max(indent, 0)), ' ');
    column_ = indent;
  }

  void pushChildren(const DocNode &node, int indent, bool flat, size_t from = 0) {
    for (size_t i = node.children.size(); i-- > from;)
      stack_.push_back({indent, flat, node.children[i]});
  }

  // Whether `next`, then what is on the stack, fits on the rest of the line
  // up to the first line break that will be taken.
  bool fits(Command next) const {
    int remaining = width_ - column_;
    std::vector<Command> work{next};
    size_t restIndex = stack_.size();
    while (remaining >= 0) {
      if (work.empty()) {
        if (restIndex == 0)
          return true;
        work.push_back(stack_[--restIndex]);
        continue;
      }
      Command command = work.back();
      work.pop_back();
      const DocNode &node = arena_.node(command.doc);
      switch (node.kind) {
      case DocKind::Text:
        if (node.hasHardLine)
          return false;
        remaining -= static_cast<int>(columns(node.text));
        break;
      case DocKind::Concat:
      case DocKind::Fill:
        for (size_t i = node.children.size(); i-- > command.fillStart;)
          work.push_back({command.indent, command.flat, node.children[i]});
        break;
      case DocKind::Indent:
      case DocKind::Align:
        work.push_back({command.indent, command.flat, node.children[0]});
        break;
      case DocKind::Group:
        work.push_back({command.indent, command.flat || !node.hasHardLine, node.children[0]});
        break;
      case DocKind::Line:
        if (!command.flat)
          return true;
        remaining -= 1;
        break;
      case DocKind::SoftLine:
        if (!command.flat)
          return true;
        break;
      case DocKind::HardLine:
      case DocKind::HardLineIndent:
        return true;
      case DocKind::IfBreak:
        work.push_back({command.indent, command.flat, node.children[command.flat ? 1 : 0]});
        break;
      case DocKind::LineSuffix:
        break;
      }
    }
    return false;
  }

  void step(const Command &command) {
    const DocNode &node = arena_.node(command.doc);
    switch (node.kind) {
    case DocKind::Text:
      append(node.text);
      return;
    case DocKind::Concat:
      pushChildren(node, command.indent, command.flat);
      return;
    case DocKind::Indent:
      stack_.push_back({command.indent + node.amount, command.flat, node.children[0]});
      return;
    case DocKind::Align:
      stack_.push_back({column_, command.flat, node.children[0]});
      return;
    case DocKind::Group: {
      bool flat = command.flat ||
                  (!node.hasHardLine && fits({command.indent, true, node.children[0]}));
      stack_.push_back({command.indent, flat, node.children[0]});
      return;
    }
    case DocKind::Line:
      if (command.flat)
        append(" ");
      else
        endLine(command.indent);
      return;
    case DocKind::SoftLine:
      if (!command.flat)
        endLine(command.indent);
      return;
    case DocKind::HardLine:
      endLine(command.indent);
      return;
    case DocKind::HardLineIndent:
      endLine(command.indent + node.amount);
      return;
    case DocKind::IfBreak:
      stack_.push_back({command.indent, command.flat, node.children[command.flat ? 1 : 0]});
      return;
    case DocKind::LineSuffix:
      suffixes_.push_back(node.text);
      return;
    case DocKind::Fill:
      fillStep(command, node);
      return;
    }
  }

  // Prettier's fill: a content stays on the line when it fits; a separator
  // breaks when the content after it would not fit.
  void fillStep(const Command &command, const DocNode &node) {
    size_t at = command.fillStart;
    size_t left = node.children.size() - at;
    if (left == 0)
      return;
    DocId content = node.children[at];
    bool contentFits = fits({command.indent, true, content});
    if (left == 1) {
      stack_.push_back({command.indent, contentFits, content});
      return;
    }
    DocId separator = node.children[at + 1];
    if (left == 2) {
      stack_.push_back({command.indent, contentFits, separator});
      stack_.push_back({command.indent, contentFits, content});
      return;
    }
    DocId next = node.children[at + 2];
    stack_.push_back({command.indent, command.flat, command.doc, at + 2});
    int width = static_cast<int>(arena_.flatWidth(content)) +
                static_cast<int>(arena_.flatWidth(separator)) +
                static_cast<int>(arena_.flatWidth(next));
    bool bothFit = arena_.flatWidth(next) != UINT32_MAX && contentFits &&
                   column_ + width <= width_;
    stack_.push_back({command.indent, bothFit, separator});
    stack_.push_back({command.indent, contentFits, content});
  }
};

} // namespace

std::vector<PrintedLine> printDoc(const DocArena &arena, DocId root, unsigned width) {
  return Printer(arena, width).print(root);
}

} // namespace sgd::format
