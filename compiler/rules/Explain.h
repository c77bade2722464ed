#ifndef SGD_RULES_EXPLAIN_H
#define SGD_RULES_EXPLAIN_H

// Why a rule's requirement does not hold, in words a designer reads: the
// value that breaks it, with its unit, and where the design states it.
// Private to compiler/rules.

#include "rules/RuleNames.h"

#include <string>

namespace sgd::rules {

struct Failure {
  SourceRange at; // where the design states the breaking value; invalid: unknown
  std::string detail;
};

class Explainer {
public:
  Explainer(sema::ExprEvaluator &evaluator, RuleNames &names)
      : evaluator_(evaluator), names_(names) {}

  /// Why `expr`, which evaluated to false or unset, is not true: "`site.pue_design`
  /// is 1.25, must be <= 1.2", "`site.operation_start` is not set".
  Failure explain(const ast::Expr &expr);

  /// A value as a designer writes it: "14.7 MVA", "40 %" (a ratio next to a
  /// percentage), "2026-09-01", "hall s.b1.h1", "not set".
  std::string show(const Value &value, const ast::Expr *besides = nullptr) const;

private:
  sema::ExprEvaluator &evaluator_;
  RuleNames &names_;

  Failure explainComparison(const ast::BinaryExpr &comparison);
  Failure explainFor(const ast::Expr &body, const Value &element);
  /// " (from `site.grid_connection` = 12 MVA)": the design's values a
  /// computed side reads, so that no conversion expression is shown.
  std::string provenance(const ast::Expr &expr);
  std::optional<Value> value(const ast::Expr &expr);
};

} // namespace sgd::rules

#endif
