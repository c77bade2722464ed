#include "rules/Explain.h"

#include "units/QuantityFormat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FormatVariadic.h"

namespace sgd::rules {
namespace {

/// The first number with a unit in `expr` (`10 %` in `if … then 20 % else
/// 10 %`).
const ast::NumberExpr *unitLiteral(const ast::Expr *expr) {
  if (!expr)
    return nullptr;
  if (const auto *number = llvm::dyn_cast<ast::NumberExpr>(expr))
    return number->unit.empty() ? nullptr : number;
  if (const auto *binary = llvm::dyn_cast<ast::BinaryExpr>(expr)) {
    const ast::NumberExpr *found = unitLiteral(binary->lhs);
    return found ? found : unitLiteral(binary->rhs);
  }
  if (const auto *conditional = llvm::dyn_cast<ast::IfExpr>(expr)) {
    const ast::NumberExpr *found = unitLiteral(conditional->thenValue);
    return found ? found : unitLiteral(conditional->elseValue);
  }
  if (const auto *unary = llvm::dyn_cast<ast::UnaryExpr>(expr))
    return unitLiteral(unary->operand);
  return nullptr;
}

/// A name or a chain of members and indexes: it reads as what it is.
bool isReference(const ast::Expr &expr) {
  if (llvm::isa<ast::NameExpr>(expr))
    return true;
  if (const auto *member = llvm::dyn_cast<ast::MemberExpr>(&expr))
    return isReference(*member->base);
  if (const auto *index = llvm::dyn_cast<ast::IndexExpr>(&expr))
    return isReference(*index->base);
  return false;
}

bool isLiteral(const ast::Expr &expr) {
  if (llvm::isa<ast::NumberExpr, ast::StringExpr, ast::DateExpr, ast::BoolExpr>(expr))
    return true;
  if (const auto *unary = llvm::dyn_cast<ast::UnaryExpr>(&expr))
    return isLiteral(*unary->operand);
  if (const auto *list = llvm::dyn_cast<ast::ListExpr>(&expr))
    return llvm::all_of(list->elements, [](const ast::Expr *e) { return isLiteral(*e); });
  return false;
}

/// The values of the design a computed expression reads (members of its
/// elements, not the pack's constants), outside lambdas, outermost first:
/// `site.grid_connection` in `site.grid_connection * unity_power_factor`.
void collectReferences(const ast::Expr &expr, std::vector<const ast::Expr *> &found) {
  if (isReference(expr)) {
    if (!llvm::isa<ast::NameExpr>(expr))
      found.push_back(&expr);
    return;
  }
  switch (expr.kind) {
  case ast::ExprKind::Binary: {
    const auto &binary = llvm::cast<ast::BinaryExpr>(expr);
    collectReferences(*binary.lhs, found);
    if (binary.op != ast::BinaryOp::Where)
      collectReferences(*binary.rhs, found);
    break;
  }
  case ast::ExprKind::Unary:
    collectReferences(*llvm::cast<ast::UnaryExpr>(expr).operand, found);
    break;
  case ast::ExprKind::If: {
    const auto &conditional = llvm::cast<ast::IfExpr>(expr);
    collectReferences(*conditional.condition, found);
    collectReferences(*conditional.thenValue, found);
    collectReferences(*conditional.elseValue, found);
    break;
  }
  case ast::ExprKind::Call:
    for (const ast::Argument &argument : llvm::cast<ast::CallExpr>(expr).arguments)
      collectReferences(*argument.value, found);
    break;
  default: break;
  }
}

} // namespace

std::optional<Value> Explainer::value(const ast::Expr &expr) {
  return evaluator_.evaluateHere(expr, names_);
}

std::string Explainer::show(const Value &value, const ast::Expr *besides) const {
  if (value.unset())
    return "not set";
  if (const units::Quantity *quantity = value.quantity()) {
    // A ratio compared with a percentage reads as one: 40 %, not 0.4.
    if (const ast::NumberExpr *literal = unitLiteral(besides);
        literal && quantity->dimension == units::dimensions::Ratio) {
      if (llvm::Expected<std::string> text = units::formatIn(*quantity, literal->unit))
        return *text;
      else
        llvm::consumeError(text.takeError());
    }
    return units::format(*quantity);
  }
  if (const bool *truth = value.truth())
    return *truth ? "true" : "false";
  if (const std::string *text = value.text())
    return "\"" + *text + "\"";
  if (const model::Symbol *symbol = value.symbol())
    return symbol->name;
  if (const model::Date *date = value.date())
    return llvm::formatv("{0:d4}-{1:d2}-{2:d2}", date->year, date->month, date->day).str();
  if (const Reference *element = value.reference())
    return names_.describeElement(*element);
  if (value.lambda())
    return "a lambda";
  std::string text = "[";
  for (const Value &entry : *value.list())
    text += (text.size() > 1 ? ", " : "") + show(entry);
  return text + "]";
}

std::string Explainer::provenance(const ast::Expr &expr) {
  std::vector<const ast::Expr *> references;
  collectReferences(expr, references);
  std::vector<std::string> shown;
  for (const ast::Expr *reference : references) {
    std::optional<Value> read = value(*reference);
    if (!read || read->list() || read->lambda())
      continue;
    std::string text = "`" + names_.sourceText(*reference).str() + "` = " + show(*read, &expr);
    if (!llvm::is_contained(shown, text))
      shown.push_back(std::move(text));
  }
  return shown.empty() ? "" : " (from " + llvm::join(shown, ", ") + ")";
}

Failure Explainer::explainComparison(const ast::BinaryExpr &comparison) {
  std::optional<Value> lhs = value(*comparison.lhs);
  std::optional<Value> rhs = lhs ? value(*comparison.rhs) : std::nullopt;
  if (!rhs)
    return {};
  std::string op = ast::spelling(comparison.op).str();
  std::string left = show(*lhs, comparison.rhs);
  std::string detail = isReference(*comparison.lhs)
                           ? "`" + names_.sourceText(*comparison.lhs).str() + "` is " + left
                           : "it is " + left + provenance(*comparison.lhs);
  detail += ", must be " + op + " " + show(*rhs, comparison.rhs);
  if (isReference(*comparison.rhs))
    detail += " (`" + names_.sourceText(*comparison.rhs).str() + "`)";
  else if (!isLiteral(*comparison.rhs))
    detail += provenance(*comparison.rhs);
  return {lhs->origin.isValid() ? lhs->origin : rhs->origin, detail};
}

Failure Explainer::explain(const ast::Expr &expr) {
  std::optional<Value> result = value(expr);
  if (result && result->unset())
    return {result->origin, result->unset()->what + " is not set"};
  if (const auto *binary = llvm::dyn_cast<ast::BinaryExpr>(&expr)) {
    switch (binary->op) {
    case ast::BinaryOp::And: {
      std::optional<Value> lhs = value(*binary->lhs);
      if (lhs && !(lhs->truth() && *lhs->truth()))
        return explain(*binary->lhs);
      return explain(*binary->rhs);
    }
    case ast::BinaryOp::Or: {
      Failure left = explain(*binary->lhs);
      Failure right = explain(*binary->rhs);
      return {left.at.isValid() ? left.at : right.at, left.detail + ", and " + right.detail};
    }
    case ast::BinaryOp::Equal:
    case ast::BinaryOp::NotEqual:
    case ast::BinaryOp::Less:
    case ast::BinaryOp::LessEqual:
    case ast::BinaryOp::Greater:
    case ast::BinaryOp::GreaterEqual:
      if (Failure failure = explainComparison(*binary); !failure.detail.empty())
        return failure;
      break;
    default: break;
    }
  }
  if (const auto *call = llvm::dyn_cast<ast::CallExpr>(&expr)) {
    const auto *callee = llvm::dyn_cast<ast::NameExpr>(call->callee);
    llvm::StringRef function = callee ? callee->name().text() : "";
    if (function == "all" && call->arguments.size() == 2) {
      std::optional<Value> items = value(*call->arguments[0].value);
      if (items && items->list())
        for (const Value &item : *items->list()) {
          std::optional<Value> holds = evaluator_.apply(*call->arguments[1].value, item, names_);
          if (holds && !(holds->truth() && *holds->truth())) {
            Failure inner = explainFor(*call->arguments[1].value, item);
            return {inner.at.isValid() ? inner.at : item.origin,
                    "for " + show(item) + ", " + inner.detail};
          }
        }
    }
    if (function == "contains" && call->arguments.size() == 2) {
      const ast::Expr &listExpr = *call->arguments[0].value;
      const ast::Expr &wantedExpr = *call->arguments[1].value;
      std::optional<Value> list = value(listExpr);
      std::optional<Value> wanted = value(wantedExpr);
      if (list && wanted) {
        // `contains(permitted_areas, site.planning_area)`: the design's value
        // is what is wrong, so the message starts with it and points at it.
        if (llvm::isa<ast::MemberExpr>(wantedExpr) && !list->origin.isValid())
          return {wanted->origin, "`" + names_.sourceText(wantedExpr).str() + "` is " +
                                      show(*wanted) + ", not one of `" +
                                      names_.sourceText(listExpr).str() + "`"};
        return {list->origin.isValid() ? list->origin : wanted->origin,
                "`" + names_.sourceText(listExpr).str() + "` does not contain " + show(*wanted)};
      }
    }
    if (function == "defined" && call->arguments.size() == 1)
      return {{}, "`" + names_.sourceText(*call->arguments[0].value).str() + "` is not set"};
    if (function == "any" && call->arguments.size() == 2)
      return {{}, "no element of `" + names_.sourceText(*call->arguments[0].value).str() +
                      "` has `" + names_.sourceText(*call->arguments[1].value).str() + "`"};
  }
  if (const auto *unary = llvm::dyn_cast<ast::UnaryExpr>(&expr))
    if (unary->op == ast::UnaryOp::Not) {
      std::optional<Value> operand = value(*unary->operand);
      return {operand ? operand->origin : SourceRange{},
              "`" + names_.sourceText(*unary->operand).str() + "` holds"};
    }
  return {result ? result->origin : SourceRange{},
          "`" + names_.sourceText(expr).str() + "` is " + (result ? show(*result) : "false")};
}

Failure Explainer::explainFor(const ast::Expr &body, const Value &element) {
  Failure failure;
  evaluator_.withElement(body, element, [&](const ast::Expr &inner) { failure = explain(inner); });
  return failure;
}

} // namespace sgd::rules
