#include "format/Formatter.h"

#include "base/LineTable.h"
#include "format/Doc.h"
#include "format/TokenCheck.h"
#include "syntax/Parser.h"
#include "syntax/Tokens.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"

#include <algorithm>

namespace sgd::format {
namespace {

// The line breaks in `text`: "\n", "\r\n" and a lone "\r" (LineTable's)
// count one each.
unsigned countLineBreaks(llvm::StringRef text) {
  unsigned breaks = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      ++breaks;
  return breaks;
}

using syntax::Token;
using syntax::TokenKind;

constexpr int indentWidth = 2;
// Continuation lines of an item whose line breaks are kept (it holds a
// comment), outside brackets.
constexpr int continuationIndent = 4;
// Trailing comments of neighbouring lines share a column, unless a line's
// code is wider than this: its comment follows it after two spaces.
constexpr unsigned widestAlignedCode = 60;

// A stretch of tokens printed by a document of its own (a child expression,
// an argument list): [begin, end) in code-token ordinals.
struct Piece {
  uint32_t begin;
  uint32_t end;
  DocId doc;
};

class Formatter {
public:
  Formatter(llvm::StringRef text, const ast::File &file, const FormatOptions &options)
      : text_(text), file_(file), options_(options) {}

  std::string run() {
    scanTokens();
    markRoles();
    DocId root = itemList(file_.items, static_cast<uint32_t>(code_.size()), 0, true);
    std::vector<PrintedLine> lines = printDoc(docs_, root, options_.lineWidth);
    alignTrailingComments(lines);
    std::string out = text_.startswith("\xEF\xBB\xBF") ? "\xEF\xBB\xBF" : "";
    for (const PrintedLine &line : lines) {
      out += line.code;
      if (!line.trailing.empty())
        out += line.trailing;
      out += '\n';
    }
    return out;
  }

private:
  llvm::StringRef text_;
  const ast::File &file_;
  const FormatOptions &options_;
  DocArena docs_;

  std::vector<Token> all_;              // every token, comments included
  std::vector<uint32_t> newlines_;      // line breaks before each token of all_
  std::vector<uint32_t> code_;          // index in all_ of each code token
  // Per code token: own-line comments before it and comments after it on its
  // line (indexes in all_). leading_ has one more entry: the end of the file.
  std::vector<std::vector<uint32_t>> leading_;
  std::vector<std::vector<uint32_t>> trailing_;
  std::vector<uint32_t> match_;         // the other bracket of ( [ { ) ] }
  std::vector<bool> glueBefore_, glueAfter_;
  std::vector<bool> listOpen_;          // `(` of a call or parameter list: not a parenthesis

  // ------------------------------------------------------------ tokens ----

  llvm::StringRef spell(uint32_t ordinal) const {
    return all_[code_[ordinal]].spelling(text_);
  }
  bool is(uint32_t ordinal, llvm::StringRef spelling) const {
    return ordinal < code_.size() && all_[code_[ordinal]].kind == TokenKind::Punctuation &&
           spell(ordinal) == spelling;
  }

  static std::string commentText(llvm::StringRef text, const Token &token) {
    llvm::StringRef spelling = token.spelling(text);
    // Trailing blanks of a line comment are dropped; a block comment is kept
    // byte for byte.
    return (token.kind == TokenKind::LineComment ? spelling.rtrim(" \t\r\f\v") : spelling).str();
  }

  void scanTokens() {
    all_ = syntax::tokenize(text_);
    uint32_t previousEnd = text_.startswith("\xEF\xBB\xBF") ? 3 : 0;
    for (const Token &token : all_) {
      newlines_.push_back(
          static_cast<uint32_t>(countLineBreaks(text_.slice(previousEnd, token.begin))));
      previousEnd = token.end;
    }
    for (uint32_t i = 0; i < all_.size(); ++i)
      if (!all_[i].isComment())
        code_.push_back(i);
    leading_.resize(code_.size() + 1);
    trailing_.resize(code_.size());
    // A comment trails when it follows code (or a trailing comment) on the
    // same line; every other comment stands on its own line before the next
    // code token.
    uint32_t nextCode = 0;     // ordinal of the first code token after i
    bool trailingChain = false; // the token before i is code or trails
    for (uint32_t i = 0; i < all_.size(); ++i) {
      if (!all_[i].isComment()) {
        ++nextCode;
        trailingChain = true;
        continue;
      }
      if (trailingChain && newlines_[i] == 0 && nextCode > 0) {
        trailing_[nextCode - 1].push_back(i);
      } else {
        trailingChain = false;
        leading_[nextCode].push_back(i);
      }
    }
    match_.assign(code_.size(), UINT32_MAX);
    std::vector<uint32_t> open;
    for (uint32_t k = 0; k < code_.size(); ++k) {
      if (all_[code_[k]].kind != TokenKind::Punctuation)
        continue;
      llvm::StringRef s = spell(k);
      if (s == "(" || s == "[" || s == "{") {
        open.push_back(k);
      } else if ((s == ")" || s == "]" || s == "}") && !open.empty()) {
        match_[k] = open.back();
        match_[open.back()] = k;
        open.pop_back();
      }
    }
  }

  // The first code token at or after byte `offset`.
  uint32_t tokenAt(uint32_t offset) const {
    auto it = std::lower_bound(code_.begin(), code_.end(), offset,
                               [&](uint32_t index, uint32_t at) { return all_[index].begin < at; });
    return static_cast<uint32_t>(it - code_.begin());
  }
  // One past the last code token that ends at or before byte `offset`.
  uint32_t tokenEnd(uint32_t offset) const {
    auto it = std::upper_bound(code_.begin(), code_.end(), offset,
                               [&](uint32_t at, uint32_t index) { return at < all_[index].end; });
    return static_cast<uint32_t>(it - code_.begin());
  }
  uint32_t firstAfter(uint32_t from, llvm::StringRef spelling) const {
    uint32_t k = from;
    while (k < code_.size() && !is(k, spelling))
      ++k;
    return k;
  }

  // ------------------------------------------------------------- roles ----

  void markRoles() {
    glueBefore_.assign(code_.size(), false);
    glueAfter_.assign(code_.size(), false);
    listOpen_.assign(code_.size(), false);
    for (uint32_t k = 0; k < code_.size(); ++k) {
      TokenKind kind = all_[code_[k]].kind;
      llvm::StringRef s = spell(k);
      if (kind == TokenKind::UnitSlash) {
        glueBefore_[k] = glueAfter_[k] = true;
        continue;
      }
      if (kind != TokenKind::Punctuation)
        continue;
      if (s == "(" || s == "[" || s == "." || s == "..")
        glueAfter_[k] = true;
      if (s == ")" || s == "]" || s == "," || s == ";" || s == "." || s == "..")
        glueBefore_[k] = true;
    }
    ast::forEachItem(file_.items, [&](const ast::Item &item) { markItem(item); });
  }

  void glueOpen(uint32_t open) {
    if (open < code_.size()) {
      glueBefore_[open] = true;
      listOpen_[open] = true;
    }
  }

  void markItem(const ast::Item &item) {
    using llvm::dyn_cast;
    if (const auto *constant = dyn_cast<ast::ConstItem>(&item)) {
      if (constant->hasType)
        glueBefore_[tokenAt(constant->name.range.end)] = true; // `name: type`
      markExpr(constant->value);
    } else if (const auto *tmpl = dyn_cast<ast::TemplateItem>(&item)) {
      glueOpen(firstAfter(tokenAt(tmpl->name.range.end), "("));
      for (const ast::Parameter &parameter : tmpl->parameters) {
        glueBefore_[tokenAt(parameter.name.range.end)] = true;
        markExpr(parameter.defaultValue);
      }
    } else if (const auto *structure = dyn_cast<ast::StructureItem>(&item)) {
      if (structure->replication) {
        glueBefore_[tokenAt(structure->replication->range.begin)] = true;
        markExpr(structure->replication->low);
        markExpr(structure->replication->high);
      }
      if (const ast::Instantiation *instance = structure->instantiation) {
        glueOpen(firstAfter(tokenAt(instance->templateName.range.end), "("));
        for (const ast::Argument &argument : instance->arguments)
          markExpr(argument.value);
      }
      markExpr(structure->rackType);
    } else if (const auto *rule = dyn_cast<ast::RuleItem>(&item)) {
      for (const ast::RuleClause &clause : rule->clauses)
        markExpr(clause.condition);
    } else if (const auto *link = dyn_cast<ast::LinkItem>(&item)) {
      for (const ast::LinkTarget &target : link->targets)
        markExpr(target.lag);
    } else if (const auto *preorder = dyn_cast<ast::PreorderItem>(&item)) {
      markExpr(preorder->date);
    } else if (const auto *attribute = dyn_cast<ast::AttributeItem>(&item)) {
      markExpr(attribute->value);
    } else if (const auto *equipment = dyn_cast<ast::EquipmentItem>(&item)) {
      if (equipment->count)
        markExpr(equipment->count->count);
      if (equipment->redundancy) {
        // `redundancy 2(N+1)`: the form is written as one word.
        uint32_t first = tokenAt(equipment->redundancy->range.begin);
        uint32_t end = tokenEnd(equipment->redundancy->range.end);
        for (uint32_t k = first + 2; k < end; ++k)
          glueBefore_[k] = true;
      }
    }
  }

  void markExpr(const ast::Expr *expr) {
    if (!expr)
      return;
    using llvm::dyn_cast;
    switch (expr->kind) {
    case ast::ExprKind::List:
      for (const ast::Expr *element : llvm::cast<ast::ListExpr>(expr)->elements)
        markExpr(element);
      return;
    case ast::ExprKind::Member:
      markExpr(llvm::cast<ast::MemberExpr>(expr)->base);
      return;
    case ast::ExprKind::Call: {
      const auto *call = llvm::cast<ast::CallExpr>(expr);
      markExpr(call->callee);
      glueOpen(firstAfter(tokenAt(call->callee->range.end), "("));
      for (const ast::Argument &argument : call->arguments)
        markExpr(argument.value);
      return;
    }
    case ast::ExprKind::Index: {
      const auto *index = llvm::cast<ast::IndexExpr>(expr);
      markExpr(index->base);
      glueBefore_[firstAfter(tokenAt(index->base->range.end), "[")] = true;
      markExpr(index->index);
      return;
    }
    case ast::ExprKind::Unary: {
      const auto *unary = llvm::cast<ast::UnaryExpr>(expr);
      if (unary->op == ast::UnaryOp::Negate)
        glueAfter_[tokenAt(unary->range.begin)] = true;
      markExpr(unary->operand);
      return;
    }
    case ast::ExprKind::Binary: {
      const auto *binary = llvm::cast<ast::BinaryExpr>(expr);
      markExpr(binary->lhs);
      markExpr(binary->rhs);
      return;
    }
    case ast::ExprKind::If: {
      const auto *conditional = llvm::cast<ast::IfExpr>(expr);
      markExpr(conditional->condition);
      markExpr(conditional->thenValue);
      markExpr(conditional->elseValue);
      return;
    }
    case ast::ExprKind::Lambda: {
      const auto *lambda = llvm::cast<ast::LambdaExpr>(expr);
      uint32_t first = tokenAt(lambda->range.begin);
      if (is(first, "("))
        listOpen_[first] = true; // `(a, b) => …`: a parameter list
      markExpr(lambda->body);
      return;
    }
    default:
      return;
    }
  }

  bool spaced(uint32_t left, uint32_t right) const {
    return !glueAfter_[left] && !glueBefore_[right];
  }

  // ------------------------------------------------------------ pieces ----

  // Tokens [begin, end) on one line, with the documents of `pieces` (sorted,
  // inside the range) in place of their tokens.
  DocId span(uint32_t begin, uint32_t end, llvm::ArrayRef<Piece> pieces = {}) {
    std::vector<DocId> parts;
    std::string run;
    uint32_t k = begin;
    auto separate = [&](uint32_t next) {
      if (next > begin && spaced(next - 1, next))
        run += ' ';
    };
    for (const Piece &piece : pieces) {
      for (; k < piece.begin; ++k) {
        separate(k);
        run += spell(k).str();
      }
      separate(piece.begin);
      if (!run.empty())
        parts.push_back(docs_.text(std::move(run)));
      run.clear();
      parts.push_back(piece.doc);
      k = piece.end;
    }
    for (; k < end; ++k) {
      separate(k);
      run += spell(k).str();
    }
    if (!run.empty())
      parts.push_back(docs_.text(std::move(run)));
    return parts.size() == 1 ? parts.front() : docs_.concat(std::move(parts));
  }

  // The tokens of `expr` with the parentheses written around it.
  std::pair<uint32_t, uint32_t> outer(const ast::Expr &expr) const {
    uint32_t begin = tokenAt(expr.range.begin);
    uint32_t end = tokenEnd(expr.range.end);
    while (begin > 0 && end < code_.size() && is(begin - 1, "(") && !listOpen_[begin - 1] &&
           match_[begin - 1] == end)
      --begin, ++end;
    return {begin, end};
  }

  Piece exprPiece(const ast::Expr &expr) {
    auto [begin, end] = outer(expr);
    uint32_t innerBegin = tokenAt(expr.range.begin);
    uint32_t innerEnd = tokenEnd(expr.range.end);
    DocId inner = exprDoc(expr, innerBegin, innerEnd);
    if (begin == innerBegin)
      return {begin, end, inner};
    return {begin, end, span(begin, end, {Piece{innerBegin, innerEnd, inner}})};
  }

  void addPiece(std::vector<Piece> &pieces, const ast::Expr *expr) {
    if (expr)
      pieces.push_back(exprPiece(*expr));
  }

  DocId exprDoc(const ast::Expr &expr, uint32_t begin, uint32_t end) {
    std::vector<Piece> pieces;
    switch (expr.kind) {
    case ast::ExprKind::List:
      return listDoc(llvm::cast<ast::ListExpr>(expr), begin);
    case ast::ExprKind::Member:
      addPiece(pieces, llvm::cast<ast::MemberExpr>(expr).base);
      break;
    case ast::ExprKind::Call: {
      const auto &call = llvm::cast<ast::CallExpr>(expr);
      addPiece(pieces, call.callee);
      uint32_t open = firstAfter(pieces.back().end, "(");
      pieces.push_back(argumentsPiece(open, call.arguments));
      break;
    }
    case ast::ExprKind::Index: {
      const auto &index = llvm::cast<ast::IndexExpr>(expr);
      addPiece(pieces, index.base);
      addPiece(pieces, index.index);
      break;
    }
    case ast::ExprKind::Unary:
      addPiece(pieces, llvm::cast<ast::UnaryExpr>(expr).operand);
      break;
    case ast::ExprKind::Binary: {
      const auto &binary = llvm::cast<ast::BinaryExpr>(expr);
      if (binary.op == ast::BinaryOp::And || binary.op == ast::BinaryOp::Or ||
          binary.op == ast::BinaryOp::Where)
        return chainDoc(binary);
      addPiece(pieces, binary.lhs);
      addPiece(pieces, binary.rhs);
      break;
    }
    case ast::ExprKind::If: {
      const auto &conditional = llvm::cast<ast::IfExpr>(expr);
      addPiece(pieces, conditional.condition);
      addPiece(pieces, conditional.thenValue);
      addPiece(pieces, conditional.elseValue);
      break;
    }
    case ast::ExprKind::Lambda:
      addPiece(pieces, llvm::cast<ast::LambdaExpr>(expr).body);
      break;
    default:
      break;
    }
    return span(begin, end, pieces);
  }

  // `a and b and c`: operands aligned under the first when the chain breaks,
  // each operator at the end of its line.
  DocId chainDoc(const ast::BinaryExpr &chain) {
    std::vector<const ast::Expr *> operands;
    const ast::Expr *left = &chain;
    while (const auto *binary = llvm::dyn_cast<ast::BinaryExpr>(left)) {
      if (binary->op != chain.op || (left != &chain && outer(*left).first != tokenAt(left->range.begin)))
        break;
      operands.push_back(binary->rhs);
      left = binary->lhs;
    }
    operands.push_back(left);
    std::reverse(operands.begin(), operands.end());
    std::vector<DocId> parts;
    for (size_t i = 0; i < operands.size(); ++i) {
      Piece operand = exprPiece(*operands[i]);
      parts.push_back(operand.doc);
      if (i + 1 < operands.size()) {
        uint32_t next = outer(*operands[i + 1]).first;
        // The operator: the only token between two operands.
        std::string op;
        for (uint32_t k = operand.end; k < next; ++k)
          op += (op.empty() ? "" : " ") + spell(k).str();
        parts.push_back(docs_.text(" " + op));
        parts.push_back(docs_.line());
      }
    }
    return docs_.group(docs_.align(docs_.concat(std::move(parts))));
  }

  // The elements of a bracketed list between `open` and its match, split at
  // commas outside inner brackets: [begin, end) of each; an empty last one
  // is a trailing comma.
  std::vector<std::pair<uint32_t, uint32_t>> elements(uint32_t open) const {
    std::vector<std::pair<uint32_t, uint32_t>> result;
    uint32_t close = match_[open];
    uint32_t start = open + 1;
    for (uint32_t k = open + 1; k < close; ++k) {
      if (match_[k] != UINT32_MAX && match_[k] > k) {
        k = match_[k];
        continue;
      }
      if (is(k, ",")) {
        result.push_back({start, k});
        start = k + 1;
      }
    }
    if (start < close)
      result.push_back({start, close});
    return result;
  }

  // `( a, b )`: on one line if it fits, else one element per line, indented,
  // with a trailing comma where the grammar allows one.
  DocId bracketed(uint32_t open, const std::vector<DocId> &items, bool trailingComma,
                  bool fillLine) {
    uint32_t close = match_[open];
    if (items.empty())
      return docs_.text((spell(open) + spell(close)).str());
    std::vector<DocId> body;
    for (size_t i = 0; i < items.size(); ++i) {
      bool last = i + 1 == items.size();
      body.push_back(last ? items[i] : docs_.concat({items[i], docs_.text(",")}));
      if (!last)
        body.push_back(docs_.line());
    }
    // The trailing comma follows the group's decision, not the last line's.
    DocId comma = trailingComma ? docs_.ifBreak(docs_.text(","), docs_.empty()) : docs_.empty();
    DocId inner = docs_.concat(
        {fillLine ? docs_.fill(std::move(body)) : docs_.concat(std::move(body)), comma});
    return docs_.group(docs_.concat({docs_.text(spell(open).str()),
                                     docs_.indent(docs_.concat({docs_.softLine(), inner}),
                                                  indentWidth),
                                     docs_.softLine(), docs_.text(spell(close).str())}));
  }

  Piece argumentsPiece(uint32_t open, llvm::ArrayRef<ast::Argument> arguments) {
    std::vector<DocId> items;
    auto ranges = elements(open);
    for (size_t i = 0; i < ranges.size() && i < arguments.size(); ++i) {
      std::vector<Piece> pieces;
      addPiece(pieces, arguments[i].value);
      items.push_back(span(ranges[i].first, ranges[i].second, pieces));
    }
    return {open, match_[open] + 1, bracketed(open, items, true, false)};
  }

  static bool isSimple(const ast::Expr &expr) {
    switch (expr.kind) {
    case ast::ExprKind::Number:
    case ast::ExprKind::String:
    case ast::ExprKind::Date:
    case ast::ExprKind::Bool:
    case ast::ExprKind::Name:
      return true;
    case ast::ExprKind::Member:
      return isSimple(*llvm::cast<ast::MemberExpr>(expr).base);
    default:
      return false;
    }
  }

  DocId listDoc(const ast::ListExpr &list, uint32_t open) {
    std::vector<DocId> items;
    bool simple = true;
    for (const ast::Expr *element : list.elements) {
      items.push_back(exprPiece(*element).doc);
      simple &= isSimple(*element);
    }
    return bracketed(open, items, true, simple);
  }

  // ------------------------------------------------------------- items ----

  // Whether comments sit inside tokens [first, last]: its line breaks are
  // then kept as written.
  bool hasInnerComments(uint32_t first, uint32_t last) const {
    for (uint32_t k = first; k <= last; ++k)
      if ((k > first && !leading_[k].empty()) || (k < last && !trailing_[k].empty()))
        return true;
    return false;
  }

  // Tokens [first, last] with their line breaks as written and the comments
  // between them: continuation lines indented by their bracket depth.
  DocId preserved(uint32_t first, uint32_t last, const std::vector<uint32_t> &clauseStarts) {
    std::vector<DocId> parts;
    std::string run;
    auto flush = [&] {
      if (!run.empty())
        parts.push_back(docs_.text(std::move(run)));
      run.clear();
    };
    int depth = 0;
    auto breakLine = [&](uint32_t k) {
      flush();
      bool closing = is(k, ")") || is(k, "]");
      int extra = closing ? indentWidth * (depth - 1)
                  : depth > 0 ? indentWidth * depth
                  : llvm::is_contained(clauseStarts, k) ? indentWidth
                                                        : continuationIndent;
      parts.push_back(docs_.hardLineIndent(std::max(extra, 0)));
    };
    for (uint32_t k = first; k <= last; ++k) {
      if (k > first) {
        for (uint32_t comment : leading_[k]) {
          if (newlines_[comment] > 0)
            breakLine(k);
          else
            run += ' ';
          run += commentText(text_, all_[comment]);
        }
        if (newlines_[code_[k]] > 0)
          breakLine(k);
        else if (!leading_[k].empty() || spaced(k - 1, k) ||
                 (!trailing_[k - 1].empty()))
          run += ' ';
      }
      run += spell(k).str();
      if (is(k, "(") || is(k, "["))
        ++depth;
      else if ((is(k, ")") || is(k, "]")) && depth > 0)
        --depth;
      if (k < last)
        for (uint32_t comment : trailing_[k])
          run += " " + commentText(text_, all_[comment]);
    }
    flush();
    return docs_.concat(std::move(parts));
  }

  // The trailing comments after token `k`, as a line suffix.
  void addTrailing(std::vector<DocId> &parts, uint32_t k) {
    if (k >= trailing_.size() || trailing_[k].empty())
      return;
    std::string comments;
    for (uint32_t comment : trailing_[k])
      comments += " " + commentText(text_, all_[comment]);
    parts.push_back(docs_.lineSuffix(comments));
  }

  // Own-line comments, each on a line of its own (two on one source line
  // stay together); a blank line before one is kept.
  void addLeading(std::vector<DocId> &parts, const std::vector<uint32_t> &comments,
                  bool &needBreak, bool blankAllowed) {
    for (size_t i = 0; i < comments.size(); ++i) {
      uint32_t comment = comments[i];
      if (i > 0 && newlines_[comment] == 0) {
        parts.push_back(docs_.text(" " + commentText(text_, all_[comment])));
        continue;
      }
      if (needBreak) {
        parts.push_back(docs_.hardLine());
        if (newlines_[comment] > 1 && (blankAllowed || i > 0))
          parts.push_back(docs_.hardLine());
      }
      parts.push_back(docs_.text(commentText(text_, all_[comment])));
      needBreak = true;
    }
  }

  struct ItemTokens {
    uint32_t first;
    uint32_t last;       // `;` or `}`
    uint32_t open = UINT32_MAX; // `{` of its block
  };

  ItemTokens tokensOf(const ast::Item &item) const {
    ItemTokens tokens{tokenAt(item.range.begin), tokenEnd(item.range.end) - 1};
    if (const ast::Block *body = ast::bodyOf(item))
      tokens.open = tokenAt(body->range.begin);
    return tokens;
  }

  bool isCanonical(const ast::Item &item) const {
    ItemTokens tokens = tokensOf(item);
    return !hasInnerComments(tokens.first,
                             tokens.open != UINT32_MAX ? tokens.open : tokens.last);
  }

  // Items of a block (or the file) and the comments before `close` (the
  // block's `}`, or the end of the file).
  DocId itemList(llvm::ArrayRef<const ast::Item *> items, uint32_t close, int depth,
                 bool topLevel) {
    std::vector<DocId> parts;
    bool needBreak = !topLevel;
    std::vector<unsigned> padding = attributePadding(items);
    for (size_t i = 0; i < items.size(); ++i) {
      const ast::Item &item = *items[i];
      ItemTokens tokens = tokensOf(item);
      const std::vector<uint32_t> &comments = leading_[tokens.first];
      uint32_t firstThing = comments.empty() ? code_[tokens.first] : comments.front();
      bool blank = i > 0 && (newlines_[firstThing] > 1 ||
                             (topLevel && (ast::bodyOf(item) || ast::bodyOf(*items[i - 1]))));
      if (needBreak)
        parts.push_back(docs_.hardLine());
      if (blank)
        parts.push_back(docs_.hardLine());
      bool commentBreak = false;
      addLeading(parts, comments, commentBreak, false);
      if (commentBreak) {
        parts.push_back(docs_.hardLine());
        if (newlines_[code_[tokens.first]] > 1)
          parts.push_back(docs_.hardLine());
      }
      parts.push_back(itemDoc(item, tokens, depth, padding[i]));
      addTrailing(parts, tokens.last);
      needBreak = true;
    }
    if (close < leading_.size()) {
      bool blankAllowed = !items.empty();
      addLeading(parts, leading_[close], needBreak, blankAllowed);
    }
    return docs_.concat(std::move(parts));
  }

  // `=` of consecutive attributes lined up: the spaces after each name.
  std::vector<unsigned> attributePadding(llvm::ArrayRef<const ast::Item *> items) const {
    std::vector<unsigned> padding(items.size(), 0);
    size_t start = 0;
    auto close = [&](size_t end) {
      unsigned widest = 0;
      for (size_t i = start; i < end; ++i)
        widest = std::max(widest, columns(llvm::cast<ast::AttributeItem>(items[i])->name.text()));
      for (size_t i = start; i < end; ++i)
        padding[i] = widest - columns(llvm::cast<ast::AttributeItem>(items[i])->name.text());
    };
    for (size_t i = 0; i < items.size(); ++i) {
      bool attribute = llvm::isa<ast::AttributeItem>(items[i]) && isCanonical(*items[i]);
      uint32_t first = tokenAt(items[i]->range.begin);
      bool joins = attribute && i > start && leading_[first].empty() &&
                   newlines_[code_[first]] < 2 && llvm::isa<ast::AttributeItem>(items[i - 1]) &&
                   isCanonical(*items[i - 1]);
      if (!joins) {
        if (i > start && llvm::isa<ast::AttributeItem>(items[start]) && isCanonical(*items[start]))
          close(i);
        start = i;
      }
    }
    if (start < items.size() && llvm::isa<ast::AttributeItem>(items[start]) &&
        isCanonical(*items[start]))
      close(items.size());
    return padding;
  }

  DocId itemDoc(const ast::Item &item, const ItemTokens &tokens, int depth, unsigned padding) {
    const ast::Block *body = ast::bodyOf(item);
    uint32_t headEnd = body ? tokens.open : tokens.last;
    std::vector<uint32_t> clauseStarts;
    if (const auto *rule = llvm::dyn_cast<ast::RuleItem>(&item))
      for (const ast::RuleClause &clause : rule->clauses)
        clauseStarts.push_back(tokenAt(clause.range.begin));
    DocId head = hasInnerComments(tokens.first, headEnd)
                     ? preserved(tokens.first, headEnd, clauseStarts)
                     : headDoc(item, tokens.first, headEnd + 1, padding);
    if (!body)
      return head;
    return blockDoc(*body, head, tokens, depth);
  }

  DocId blockDoc(const ast::Block &body, DocId head, const ItemTokens &tokens, int depth) {
    uint32_t open = tokens.open;
    uint32_t close = tokens.last;
    bool commentsInside = !trailing_[open].empty() || !leading_[close].empty() ||
                          hasInnerComments(open, close);
    if (body.items.empty() && !commentsInside)
      return docs_.concat({head, docs_.text(" }")});
    if (!commentsInside && oneLine(body, open, close, head, depth)) {
      std::vector<DocId> parts{head};
      for (const ast::Item *item : body.items)
        parts.push_back(docs_.concat({docs_.text(" "), itemDoc(*item, tokensOf(*item), depth + 1, 0)}));
      parts.push_back(docs_.text(" }"));
      return docs_.concat(std::move(parts));
    }
    std::vector<DocId> parts{head};
    addTrailing(parts, open);
    parts.push_back(
        docs_.indent(itemList(body.items, close, depth + 1, false), indentWidth));
    parts.push_back(docs_.hardLine());
    parts.push_back(docs_.text("}"));
    return docs_.concat(std::move(parts));
  }

  // A block written on one line stays on one line when it holds only items
  // without blocks and fits.
  bool oneLine(const ast::Block &body, uint32_t open, uint32_t close, DocId head, int depth) {
    if (containsLineBreak(text_.slice(all_[code_[open]].begin, all_[code_[close]].end)))
      return false;
    uint64_t width = static_cast<uint64_t>(depth) * indentWidth + docs_.flatWidth(head) + 2;
    for (const ast::Item *item : body.items) {
      if (ast::bodyOf(*item) || llvm::isa<ast::RuleItem>(item))
        return false;
      ItemTokens tokens = tokensOf(*item);
      width += 1 + docs_.flatWidth(headDoc(*item, tokens.first, tokens.last + 1, 0));
    }
    return width <= options_.lineWidth;
  }

  // An item's tokens [first, end) up to and including its `;` or `{`.
  DocId headDoc(const ast::Item &item, uint32_t first, uint32_t end, unsigned padding) {
    using llvm::dyn_cast;
    std::vector<Piece> pieces;
    if (const auto *attribute = dyn_cast<ast::AttributeItem>(&item)) {
      addPiece(pieces, attribute->value);
      std::string name = spell(first).str() + std::string(padding, ' ');
      return docs_.concat({docs_.text(name + " "), span(first + 1, end, pieces)});
    }
    if (const auto *constant = dyn_cast<ast::ConstItem>(&item)) {
      addPiece(pieces, constant->value);
    } else if (const auto *tmpl = dyn_cast<ast::TemplateItem>(&item)) {
      uint32_t open = firstAfter(tokenAt(tmpl->name.range.end), "(");
      std::vector<DocId> params;
      auto ranges = elements(open);
      for (size_t i = 0; i < ranges.size() && i < tmpl->parameters.size(); ++i) {
        std::vector<Piece> defaults;
        addPiece(defaults, tmpl->parameters[i].defaultValue);
        params.push_back(span(ranges[i].first, ranges[i].second, defaults));
      }
      pieces.push_back({open, match_[open] + 1, bracketed(open, params, false, false)});
    } else if (const auto *structure = dyn_cast<ast::StructureItem>(&item)) {
      if (structure->replication) {
        addPiece(pieces, structure->replication->low);
        addPiece(pieces, structure->replication->high);
      }
      if (const ast::Instantiation *instance = structure->instantiation)
        pieces.push_back(
            argumentsPiece(firstAfter(tokenAt(instance->templateName.range.end), "("),
                           instance->arguments));
      addPiece(pieces, structure->rackType);
    } else if (const auto *rule = dyn_cast<ast::RuleItem>(&item)) {
      return ruleDoc(*rule, first, end);
    } else if (llvm::isa<ast::LinkItem>(item) || llvm::isa<ast::ComplyItem>(item)) {
      return listItemDoc(item, first, end);
    } else if (const auto *preorder = dyn_cast<ast::PreorderItem>(&item)) {
      addPiece(pieces, preorder->date);
    } else if (const auto *equipment = dyn_cast<ast::EquipmentItem>(&item)) {
      if (equipment->count)
        addPiece(pieces, equipment->count->count);
    }
    return span(first, end, pieces);
  }

  // `rule NAME` and each clause on a line of its own, indented.
  DocId ruleDoc(const ast::RuleItem &rule, uint32_t first, uint32_t end) {
    if (rule.clauses.empty())
      return span(first, end);
    std::vector<DocId> clauses;
    for (const ast::RuleClause &clause : rule.clauses) {
      std::vector<Piece> pieces;
      addPiece(pieces, clause.condition);
      clauses.push_back(docs_.hardLine());
      clauses.push_back(span(tokenAt(clause.range.begin), tokenEnd(clause.range.end), pieces));
    }
    clauses.push_back(span(end - 1, end)); // `;`
    return docs_.concat({span(first, tokenAt(rule.clauses.front().range.begin)),
                         docs_.indent(docs_.concat(std::move(clauses)), indentWidth)});
  }

  // `after a, b SS + 2 d;` and `comply x, y;`: as many names on a line as
  // fit, continuation lines under the first.
  DocId listItemDoc(const ast::Item &item, uint32_t first, uint32_t end) {
    std::vector<const ast::Expr *> lags;
    if (const auto *link = llvm::dyn_cast<ast::LinkItem>(&item))
      for (const ast::LinkTarget &target : link->targets)
        lags.push_back(target.lag);
    std::vector<DocId> parts;
    uint32_t start = first + 1;
    size_t index = 0;
    for (uint32_t k = first + 1; k < end; ++k) {
      if (!is(k, ",") && !is(k, ";"))
        continue;
      std::vector<Piece> pieces;
      if (index < lags.size())
        addPiece(pieces, lags[index]);
      ++index;
      bool last = is(k, ";");
      parts.push_back(docs_.concat({span(start, k, pieces), docs_.text(spell(k).str())}));
      if (!last)
        parts.push_back(docs_.line());
      start = k + 1;
    }
    return docs_.concat({docs_.text(spell(first).str() + " "),
                         docs_.align(docs_.fill(std::move(parts)))});
  }

  // ------------------------------------------------------ final touches ---

  static void alignTrailingComments(std::vector<PrintedLine> &lines) {
    size_t start = 0;
    auto alignRun = [&](size_t end) {
      unsigned column = 0;
      for (size_t i = start; i < end; ++i) {
        unsigned width = columns(lines[i].code);
        if (width <= widestAlignedCode)
          column = std::max(column, width);
      }
      for (size_t i = start; i < end; ++i) {
        unsigned width = columns(lines[i].code);
        unsigned spaces = width <= widestAlignedCode ? column - width + 1 : 1;
        // The comment text starts with one space already.
        lines[i].trailing = std::string(spaces, ' ') + lines[i].trailing;
      }
    };
    for (size_t i = 0; i <= lines.size(); ++i) {
      bool aligned = i < lines.size() && !lines[i].trailing.empty() &&
                     !llvm::StringRef(lines[i].trailing).contains('\n');
      if (!aligned) {
        if (i > start)
          alignRun(i);
        if (i < lines.size() && !lines[i].trailing.empty())
          lines[i].trailing = " " + lines[i].trailing; // a multi-line block comment
        start = i + 1;
      }
    }
  }
};

} // namespace

llvm::Expected<std::string> formatSource(llvm::StringRef text, const ast::File &file,
                                         const FormatOptions &options) {
  std::string formatted = Formatter(text, file, options).run();
  if (std::optional<std::string> difference = compareTokens(text, formatted))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the formatter would change the file's tokens (" +
                                       *difference + "); the file is left as it is");
  return formatted;
}

llvm::Expected<std::optional<std::string>> formatFile(const SourceFiles &files, FileId file,
                                                      DiagnosticEngine &diagnostics,
                                                      const FormatOptions &options) {
  DiagnosticEngine parseDiagnostics;
  ast::AstContext context;
  const ast::File *ast = syntax::parseFile(files, file, context, parseDiagnostics);
  bool failed = parseDiagnostics.hasErrors();
  diagnostics.append(std::move(parseDiagnostics));
  if (failed)
    return std::optional<std::string>();
  llvm::Expected<std::string> formatted = formatSource(files.text(file), *ast, options);
  if (!formatted)
    return formatted.takeError();
  return std::optional<std::string>(std::move(*formatted));
}

} // namespace sgd::format
