#ifndef SGD_AST_EXPR_H
#define SGD_AST_EXPR_H

#include "base/SourceRange.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cassert>

namespace sgd::ast {

/// A name as written, with its place in the source. 24 bytes where a
/// StringRef and a SourceRange take 32: identifiers are most of the AST of a
/// design written out in full (three of a rack line's four nodes hold one),
/// and the AST is alive while the model is built. The length fits 32 bits:
/// an input file is smaller than 4 GiB (source positions are 32-bit).
class Identifier {
public:
  Identifier() = default;
  Identifier(llvm::StringRef text, SourceRange range)
      : data_(text.data()), size_(static_cast<uint32_t>(text.size())), range(range) {}

  llvm::StringRef text() const { return {data_, size_}; }

private:
  const char *data_ = nullptr;
  uint32_t size_ = 0;

public:
  SourceRange range;
};
static_assert(sizeof(Identifier) == 24, "an identifier packs into 24 bytes");

/// `a.b.c` as written in imports, catalog references and links.
struct QualifiedName {
  llvm::ArrayRef<Identifier> parts;
  SourceRange range;
};

enum class ExprKind : uint8_t {
  Number, String, Date, Bool, Name, List, Member, Call, Index, Unary, Binary,
  If, Lambda,
};

/// Base of every expression node. Nodes live in an AstContext; use
/// llvm::isa/dyn_cast/cast to reach the concrete node.
struct Expr {
  const ExprKind kind;
  SourceRange range;

protected:
  Expr(ExprKind kind, SourceRange range) : kind(kind), range(range) {}
};

/// `96`, `1.25`, `132 kW`, `1500 kg/m2`. The number keeps its spelling (digits
/// and underscores as written) so sema converts it exactly; `unit` is the unit
/// as written without spaces, empty for a plain number.
struct NumberExpr : Expr {
  NumberExpr(SourceRange range, llvm::StringRef spelling, llvm::StringRef unit,
             SourceRange unitRange)
      : Expr(ExprKind::Number, range), spelling(spelling), unit(unit),
        unitRange(unitRange) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Number; }

  llvm::StringRef spelling;
  llvm::StringRef unit;
  SourceRange unitRange;
};

/// A string literal; `value` has its escapes resolved.
struct StringExpr : Expr {
  StringExpr(SourceRange range, llvm::StringRef value)
      : Expr(ExprKind::String, range), value(value) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::String; }

  llvm::StringRef value;
};

/// `2024-06-01`: a valid calendar date (checked by the front end).
struct DateExpr : Expr {
  DateExpr(SourceRange range, int year, unsigned month, unsigned day)
      : Expr(ExprKind::Date, range), year(year), month(month), day(day) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Date; }

  int year;
  unsigned month;
  unsigned day;
};

struct BoolExpr : Expr {
  BoolExpr(SourceRange range, bool value) : Expr(ExprKind::Bool, range), value(value) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Bool; }

  bool value;
};

/// A name alone, `gb200_nvl72` or the `nvidia` of `nvidia.gb200_nvl72`: the
/// expression's range is the name's, so only the text is kept (32 bytes, not
/// 40: a design written out in full names a catalog module on every rack).
struct NameExpr : Expr {
  explicit NameExpr(Identifier name)
      : Expr(ExprKind::Name, name.range), text_(name.text().data()),
        size_(static_cast<uint32_t>(name.text().size())) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Name; }

  Identifier name() const { return Identifier({text_, size_}, range); }

private:
  const char *text_;
  uint32_t size_;
};
static_assert(sizeof(NameExpr) == 32, "a name expression packs into 32 bytes");

struct ListExpr : Expr {
  ListExpr(SourceRange range, llvm::ArrayRef<const Expr *> elements)
      : Expr(ExprKind::List, range), elements(elements) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::List; }

  llvm::ArrayRef<const Expr *> elements;
};

/// `base.member`. The member is a name as written, whose text is its bytes
/// in the expression's file, so its range is kept as its first byte only
/// (40 bytes, not 48: a design written out in full has one on every rack
/// line, `nvidia.gb200_nvl72`). (Not the expression's end: after a syntax
/// error, recovery may leave tokens between the member and that end.)
struct MemberExpr : Expr {
  MemberExpr(SourceRange range, const Expr *base, Identifier member)
      : Expr(ExprKind::Member, range), base(base), memberText_(member.text().data()),
        memberSize_(static_cast<uint32_t>(member.text().size())), memberBegin_(member.range.begin) {
    assert(member.range.file == range.file &&
           member.range.end - member.range.begin == member.text().size() &&
           "the member is a name as written in the expression's file");
  }
  static bool classof(const Expr *e) { return e->kind == ExprKind::Member; }

  Identifier member() const {
    return Identifier({memberText_, memberSize_},
                      {range.file, memberBegin_, memberBegin_ + memberSize_});
  }

  const Expr *base;

private:
  const char *memberText_;
  uint32_t memberSize_;
  uint32_t memberBegin_;
};
static_assert(sizeof(MemberExpr) == 40, "a member expression packs into 40 bytes");

/// One argument of a call or template instantiation: `value` or `name = value`.
struct Argument {
  bool hasName;
  Identifier name; // valid only when hasName
  const Expr *value;
};

struct CallExpr : Expr {
  CallExpr(SourceRange range, const Expr *callee, llvm::ArrayRef<Argument> arguments)
      : Expr(ExprKind::Call, range), callee(callee), arguments(arguments) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Call; }

  const Expr *callee;
  llvm::ArrayRef<Argument> arguments;
};

struct IndexExpr : Expr {
  IndexExpr(SourceRange range, const Expr *base, const Expr *index)
      : Expr(ExprKind::Index, range), base(base), index(index) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Index; }

  const Expr *base;
  const Expr *index;
};

enum class UnaryOp : uint8_t { Negate, Not };

struct UnaryExpr : Expr {
  UnaryExpr(SourceRange range, UnaryOp op, const Expr *operand)
      : Expr(ExprKind::Unary, range), op(op), operand(operand) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Unary; }

  UnaryOp op;
  const Expr *operand;
};

enum class BinaryOp : uint8_t {
  Multiply, Divide, Add, Subtract,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  And, Or,
  Where, // `items where predicate`: the elements for which predicate holds
};

llvm::StringRef spelling(BinaryOp op);

struct BinaryExpr : Expr {
  BinaryExpr(SourceRange range, BinaryOp op, SourceRange opRange, const Expr *lhs,
             const Expr *rhs)
      : Expr(ExprKind::Binary, range), op(op), opRange(opRange), lhs(lhs), rhs(rhs) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Binary; }

  BinaryOp op;
  SourceRange opRange;
  const Expr *lhs;
  const Expr *rhs;
};

/// `if cond then a else b`
struct IfExpr : Expr {
  IfExpr(SourceRange range, const Expr *condition, const Expr *thenValue,
         const Expr *elseValue)
      : Expr(ExprKind::If, range), condition(condition), thenValue(thenValue),
        elseValue(elseValue) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::If; }

  const Expr *condition;
  const Expr *thenValue;
  const Expr *elseValue;
};

/// `x => body` or `(x, y) => body`
struct LambdaExpr : Expr {
  LambdaExpr(SourceRange range, llvm::ArrayRef<Identifier> parameters, const Expr *body)
      : Expr(ExprKind::Lambda, range), parameters(parameters), body(body) {}
  static bool classof(const Expr *e) { return e->kind == ExprKind::Lambda; }

  llvm::ArrayRef<Identifier> parameters;
  const Expr *body;
};

} // namespace sgd::ast

#endif
