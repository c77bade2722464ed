#ifndef SGD_SEMA_EXPREVALUATOR_H
#define SGD_SEMA_EXPREVALUATOR_H

#include "ast/Expr.h"
#include "diagnostics/DiagnosticEngine.h"
#include "sema/ValueType.h"

#include "llvm/Support/Error.h"

#include <optional>

namespace sgd::sema {

/// What names mean where an expression is evaluated: constants in a
/// constant; parameters, constants, catalog entries, zones and named blocks
/// in an attribute value.
class NameResolver {
public:
  virtual ~NameResolver() = default;
  /// The value of a name, or nothing after reporting why there is none (or
  /// when its definition already reported).
  virtual std::optional<Value> resolveName(const ast::NameExpr &name) = 0;
  /// The value of `base.member` (`nvidia.gb200_nvl72`), or nothing after
  /// reporting.
  virtual std::optional<Value> resolveMember(const ast::MemberExpr &member) = 0;
  /// Reports an expression not available here (indexing, lambdas, `where`).
  virtual void reportUnavailable(const ast::Expr &expr) = 0;
};

/// Evaluates expressions exactly, with units: literals, arithmetic,
/// comparisons, `and`/`or`/`not`, `if`, lists, and the functions ceil, floor,
/// round, abs, min and max. Errors (unknown units, dimension mismatches,
/// division by zero, overflow) are reported at their cause; a failed
/// subexpression fails the whole expression without further reports.
class ExprEvaluator {
public:
  explicit ExprEvaluator(DiagnosticEngine &diagnostics) : diagnostics_(diagnostics) {}

  std::optional<Value> evaluate(const ast::Expr &expr, NameResolver &names);

  /// Reports a units::UnitError under the code of its kind.
  void reportUnitError(llvm::Error error, SourceRange at);

private:
  DiagnosticEngine &diagnostics_;

  std::optional<Value> evaluateBinary(const ast::BinaryExpr &binary, NameResolver &names);
  std::optional<Value> evaluateCall(const ast::CallExpr &call, NameResolver &names);
  std::optional<Value> quantityResult(llvm::Expected<units::Quantity> result, SourceRange at);
};

} // namespace sgd::sema

#endif
