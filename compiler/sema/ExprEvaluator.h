#ifndef SGD_SEMA_EXPREVALUATOR_H
#define SGD_SEMA_EXPREVALUATOR_H

#include "ast/Expr.h"
#include "diagnostics/DiagnosticEngine.h"
#include "sema/ValueType.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <utility>
#include <vector>

namespace sgd::sema {

class ExprEvaluator;

/// What a member lookup found: the value, a failure already reported, or no
/// member of that name (not reported: the caller decides).
struct MemberLookup {
  enum class Outcome : uint8_t { Found, Failed, NoSuchMember };
  Outcome outcome = Outcome::NoSuchMember;
  Value value;

  static MemberLookup found(Value value) { return {Outcome::Found, std::move(value)}; }
  static MemberLookup failed() { return {Outcome::Failed, {}}; }
  static MemberLookup none() { return {}; }
};

/// What names mean where an expression is evaluated, and how errors there
/// are coded: constants in a constant; parameters, constants, catalog
/// entries, zones and named blocks in an attribute value; the elements of
/// the design and a pack's constants in a rule. Lambda parameters and the
/// members of the element a `where` or an aggregate looks at are the
/// evaluator's own business.
class NameResolver {
public:
  virtual ~NameResolver() = default;

  /// The value of a free name, or nothing after reporting why there is none
  /// (or when its definition already reported).
  virtual std::optional<Value> resolveName(const ast::NameExpr &name) = 0;

  /// The value of `base.member`, or nothing after reporting. By default the
  /// base is evaluated and its member looked up with member() (mapped over
  /// a list); an attribute value overrides it for `module.entry`.
  virtual std::optional<Value> resolveMember(const ast::MemberExpr &member,
                                             ExprEvaluator &evaluator);

  /// The member `name` of `base`, an element of the design; `written` is
  /// the expression that asks for it (for messages). None by default.
  virtual MemberLookup member(const Value &base, const ast::Identifier &name,
                              const ast::Expr &written);

  /// What a value is, for messages ("power (kW)"; a rule names the element:
  /// "hall s.b1.h1").
  virtual std::string describe(const Value &value) const { return model::describe(value); }

  /// The code of an unknown name, member or function (E0302; E0505 in rules).
  virtual DiagCode unknownNameCode() const { return DiagCode::E0302; }
  /// The code of a value of the wrong kind or dimension (E0305; E0506 in rules).
  virtual DiagCode wrongKindCode() const { return DiagCode::E0305; }
};

/// The one evaluator of the language: constants, attribute values and rules
/// all evaluate with it, exactly and with units. Literals, arithmetic,
/// comparisons, `and`/`or` (deciding on one side when they can), `not`, `if`,
/// lists, indexing, lambdas, `where`, members, and the functions ceil,
/// floor, round, abs, min, max, sum, count, all, any, len, contains and
/// defined. An unset value (Unset) stays unset through arithmetic and
/// comparisons. Errors (unknown units, dimension mismatches, division by
/// zero, overflow, values of the wrong kind) are reported at their cause
/// under the resolver's codes; a failed subexpression fails the whole
/// expression without further reports.
class ExprEvaluator {
public:
  explicit ExprEvaluator(DiagnosticEngine &diagnostics) : diagnostics_(diagnostics) {}

  /// Evaluates `expr` in a scope of its own: lambda parameters and elements
  /// bound by an enclosing evaluation are not visible (a constant evaluated
  /// on demand from inside a lambda does not see the lambda's parameter).
  std::optional<Value> evaluate(const ast::Expr &expr, NameResolver &names);

  /// Evaluates a subexpression of an expression being evaluated, seeing the
  /// parameters and elements bound now (withElement()).
  std::optional<Value> evaluateHere(const ast::Expr &expr, NameResolver &names);

  /// Evaluates `body` for one element of a list: a lambda binds its
  /// parameter; any other expression sees the element's members by their
  /// names (`site.racks where gpus > 0`) and may be a lambda value.
  std::optional<Value> apply(const ast::Expr &body, const Value &element, NameResolver &names);

  /// Calls `action` with the expression apply() evaluates for `element` (a
  /// lambda's body), while the element is bound as apply() binds it.
  void withElement(const ast::Expr &body, const Value &element,
                   llvm::function_ref<void(const ast::Expr &)> action);

  /// `base.name` of a value: looked up with the resolver's member(), mapped
  /// over a list (lists of lists flatten, weights multiply); an unset base
  /// stays unset; an element without that member is reported.
  std::optional<Value> memberOf(const Value &base, const ast::Identifier &name,
                                const ast::Expr &written, NameResolver &names);

  /// Reports a units::UnitError under the code of its kind (a dimension
  /// mismatch under the resolver's wrong-kind code).
  void reportUnitError(llvm::Error error, SourceRange at, NameResolver &names);

private:
  DiagnosticEngine &diagnostics_;
  /// Lambda parameters bound now, innermost last, and the elements whose
  /// members are in scope; a scope sees only those from its first entries.
  std::vector<std::pair<llvm::StringRef, Value>> bindings_;
  std::vector<Value> elements_;
  size_t scopeBindings_ = 0;
  size_t scopeElements_ = 0;

  std::optional<Value> eval(const ast::Expr &expr, NameResolver &names);
  std::optional<Value> evalName(const ast::NameExpr &name, NameResolver &names);
  std::optional<Value> evalIndex(const ast::IndexExpr &index, NameResolver &names);
  std::optional<Value> evalUnary(const ast::UnaryExpr &unary, NameResolver &names);
  std::optional<Value> evalBinary(const ast::BinaryExpr &binary, NameResolver &names);
  std::optional<Value> evalLogic(const ast::BinaryExpr &binary, NameResolver &names);
  std::optional<Value> evalWhere(const ast::BinaryExpr &binary, NameResolver &names);
  std::optional<Value> evalCall(const ast::CallExpr &call, NameResolver &names);
  std::optional<Value> aggregate(const ast::CallExpr &call, llvm::StringRef function,
                                 const ValueList &items, NameResolver &names);
  std::optional<Value> numeric(const ast::CallExpr &call, llvm::StringRef function,
                               std::vector<Value> arguments, NameResolver &names);
  std::optional<Value> quantityResult(llvm::Expected<units::Quantity> result, SourceRange at,
                                      SourceRange origin, NameResolver &names);
  std::nullopt_t fail(DiagCode code, SourceRange at, std::string message);
};

/// Whether two values are equal, as `==` and `contains` compare them: a
/// word of a vocabulary (`cctv`) equals the string of its name.
bool sameValue(const Value &a, const Value &b);

/// A plain number (a ratio) of value n.
units::Quantity plainNumber(uint64_t n);

} // namespace sgd::sema

#endif
