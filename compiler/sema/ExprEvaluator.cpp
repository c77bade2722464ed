#include "sema/ExprEvaluator.h"

#include "units/QuantityFormat.h"
#include "units/UnitError.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"

namespace sgd::sema {
namespace {

bool isPlainNumber(const units::Quantity &quantity) {
  return quantity.dimension == units::dimensions::Ratio;
}

// Rounds a plain number to an integer in the given direction.
units::Rational rounded(const units::Rational &value, llvm::StringRef how) {
  using Int = units::Rational::Int;
  Int quotient = value.numerator() / value.denominator(); // toward zero
  Int remainder = value.numerator() % value.denominator();
  if (remainder != 0) {
    bool negative = value.isNegative();
    if (how == "ceil" && !negative)
      ++quotient;
    else if (how == "floor" && negative)
      --quotient;
    else if (how == "round") {
      // Half away from zero: |remainder| * 2 >= denominator.
      units::Rational fraction = *units::Rational::fromParts(remainder, value.denominator());
      if (fraction.abs() >= units::Rational(1, 2))
        quotient += negative ? -1 : 1;
    }
  }
  return *units::Rational::fromParts(quotient, 1);
}

} // namespace

std::optional<Value> ExprEvaluator::evaluate(const ast::Expr &expr, NameResolver &names) {
  using llvm::cast;
  switch (expr.kind) {
  case ast::ExprKind::Number: {
    const auto &number = cast<ast::NumberExpr>(expr);
    llvm::Expected<units::Quantity> quantity =
        units::parseQuantity(number.spelling, number.unit);
    return quantityResult(std::move(quantity),
                          number.unit.empty() ? number.range : number.unitRange);
  }
  case ast::ExprKind::String:
    return Value{cast<ast::StringExpr>(expr).value.str()};
  case ast::ExprKind::Date: {
    const auto &date = cast<ast::DateExpr>(expr);
    return Value{Date{date.year, date.month, date.day}};
  }
  case ast::ExprKind::Bool:
    return Value{cast<ast::BoolExpr>(expr).value};
  case ast::ExprKind::Name:
    return names.resolveName(cast<ast::NameExpr>(expr));
  case ast::ExprKind::List: {
    ValueList elements;
    for (const ast::Expr *element : cast<ast::ListExpr>(expr).elements) {
      std::optional<Value> value = evaluate(*element, names);
      if (!value)
        return std::nullopt;
      elements.push_back(std::move(*value));
    }
    return Value{std::move(elements)};
  }
  case ast::ExprKind::Unary: {
    const auto &unary = cast<ast::UnaryExpr>(expr);
    std::optional<Value> operand = evaluate(*unary.operand, names);
    if (!operand)
      return std::nullopt;
    if (unary.op == ast::UnaryOp::Negate && operand->quantity())
      return Value{units::negate(*operand->quantity())};
    if (unary.op == ast::UnaryOp::Not && operand->truth())
      return Value{!*operand->truth()};
    diagnostics_.report(DiagCode::E0305, expr.range,
                        std::string(unary.op == ast::UnaryOp::Negate
                                        ? "cannot negate "
                                        : "`not` needs a truth value, not ") +
                            describe(*operand));
    return std::nullopt;
  }
  case ast::ExprKind::Binary:
    return evaluateBinary(cast<ast::BinaryExpr>(expr), names);
  case ast::ExprKind::If: {
    const auto &conditional = cast<ast::IfExpr>(expr);
    std::optional<Value> condition = evaluate(*conditional.condition, names);
    if (!condition)
      return std::nullopt;
    if (!condition->truth()) {
      diagnostics_.report(DiagCode::E0305, conditional.condition->range,
                          "the condition of `if` must be a truth value, not " +
                              describe(*condition));
      return std::nullopt;
    }
    return evaluate(*condition->truth() ? *conditional.thenValue : *conditional.elseValue,
                    names);
  }
  case ast::ExprKind::Call:
    return evaluateCall(cast<ast::CallExpr>(expr), names);
  case ast::ExprKind::Member:
    return names.resolveMember(cast<ast::MemberExpr>(expr));
  case ast::ExprKind::Index:
  case ast::ExprKind::Lambda:
    names.reportUnavailable(expr);
    return std::nullopt;
  }
  llvm_unreachable("unknown expression kind");
}

std::optional<Value> ExprEvaluator::evaluateBinary(const ast::BinaryExpr &binary,
                                                    NameResolver &names) {
  std::optional<Value> lhs = evaluate(*binary.lhs, names);
  if (!lhs)
    return std::nullopt;
  std::optional<Value> rhs = evaluate(*binary.rhs, names);
  if (!rhs)
    return std::nullopt;
  const units::Quantity *left = lhs->quantity();
  const units::Quantity *right = rhs->quantity();
  auto mismatch = [&](llvm::StringRef what) -> std::optional<Value> {
    diagnostics_.report(DiagCode::E0305, binary.range,
                        (what + " " + describe(*lhs) + " and " + describe(*rhs)).str());
    return std::nullopt;
  };
  switch (binary.op) {
  case ast::BinaryOp::Add:
  case ast::BinaryOp::Subtract:
  case ast::BinaryOp::Multiply:
  case ast::BinaryOp::Divide: {
    if (!left || !right)
      return mismatch("cannot compute `" + ast::spelling(binary.op).str() + "` of");
    switch (binary.op) {
    case ast::BinaryOp::Add: return quantityResult(units::add(*left, *right), binary.range);
    case ast::BinaryOp::Subtract:
      return quantityResult(units::subtract(*left, *right), binary.range);
    case ast::BinaryOp::Multiply:
      return quantityResult(units::multiply(*left, *right), binary.range);
    default: return quantityResult(units::divide(*left, *right), binary.range);
    }
  }
  case ast::BinaryOp::Equal:
  case ast::BinaryOp::NotEqual:
  case ast::BinaryOp::Less:
  case ast::BinaryOp::LessEqual:
  case ast::BinaryOp::Greater:
  case ast::BinaryOp::GreaterEqual: {
    std::partial_ordering order = std::partial_ordering::unordered;
    if (left && right) {
      llvm::Expected<std::strong_ordering> compared = units::compare(*left, *right);
      if (!compared) {
        reportUnitError(compared.takeError(), binary.range);
        return std::nullopt;
      }
      order = *compared;
    } else if (lhs->text() && rhs->text()) {
      order = *lhs->text() <=> *rhs->text();
    } else if (std::holds_alternative<Date>(lhs->data) &&
               std::holds_alternative<Date>(rhs->data)) {
      order = std::get<Date>(lhs->data) <=> std::get<Date>(rhs->data);
    } else if (lhs->data.index() == rhs->data.index() &&
               (lhs->truth() || lhs->reference() || lhs->symbol()) &&
               (binary.op == ast::BinaryOp::Equal || binary.op == ast::BinaryOp::NotEqual)) {
      order = lhs->data == rhs->data ? std::partial_ordering::equivalent
                                     : std::partial_ordering::less;
    } else {
      return mismatch("cannot compare");
    }
    switch (binary.op) {
    case ast::BinaryOp::Equal: return Value{order == 0};
    case ast::BinaryOp::NotEqual: return Value{order != 0};
    case ast::BinaryOp::Less: return Value{order < 0};
    case ast::BinaryOp::LessEqual: return Value{order <= 0};
    case ast::BinaryOp::Greater: return Value{order > 0};
    default: return Value{order >= 0};
    }
  }
  case ast::BinaryOp::And:
  case ast::BinaryOp::Or:
    if (!lhs->truth() || !rhs->truth())
      return mismatch("`" + ast::spelling(binary.op).str() + "` needs truth values, not");
    return Value{binary.op == ast::BinaryOp::And ? *lhs->truth() && *rhs->truth()
                                                 : *lhs->truth() || *rhs->truth()};
  case ast::BinaryOp::Where:
    names.reportUnavailable(binary);
    return std::nullopt;
  }
  llvm_unreachable("unknown binary operator");
}

// ceil, floor, round and abs of plain numbers; min and max of quantities of
// one dimension.
std::optional<Value> ExprEvaluator::evaluateCall(const ast::CallExpr &call, NameResolver &names) {
  const auto *callee = llvm::dyn_cast<ast::NameExpr>(call.callee);
  llvm::StringRef function = callee ? callee->name.text : "";
  bool rounding = function == "ceil" || function == "floor" || function == "round";
  bool extreme = function == "min" || function == "max";
  if (!rounding && !extreme && function != "abs") {
    diagnostics_.report(DiagCode::E0308, call.callee->range,
                        "the functions are ceil, floor, round, abs, min and max");
    return std::nullopt;
  }
  std::vector<units::Quantity> arguments;
  for (const ast::Argument &argument : call.arguments) {
    std::optional<Value> value = evaluate(*argument.value, names);
    if (!value)
      return std::nullopt;
    if (!value->quantity() || argument.hasName) {
      diagnostics_.report(DiagCode::E0305, argument.value->range,
                          "`" + function.str() + "` takes numbers or quantities, without "
                          "names; this argument is " + describe(*value));
      return std::nullopt;
    }
    arguments.push_back(*value->quantity());
  }
  if (extreme) {
    if (arguments.empty()) {
      diagnostics_.report(DiagCode::E0305, call.range,
                          "`" + function.str() + "` needs at least one argument");
      return std::nullopt;
    }
    units::Quantity best = arguments.front();
    for (const units::Quantity &candidate : llvm::drop_begin(arguments)) {
      llvm::Expected<std::strong_ordering> order = units::compare(candidate, best);
      if (!order) {
        reportUnitError(order.takeError(), call.range);
        return std::nullopt;
      }
      if (function == "min" ? *order < 0 : *order > 0)
        best = candidate;
    }
    return Value{best};
  }
  if (arguments.size() != 1) {
    diagnostics_.report(DiagCode::E0305, call.range,
                        "`" + function.str() + "` takes exactly one argument");
    return std::nullopt;
  }
  const units::Quantity &argument = arguments.front();
  if (function == "abs")
    return Value{argument.value.isNegative() ? units::negate(argument) : argument};
  if (!isPlainNumber(argument)) {
    diagnostics_.report(DiagCode::E0305, call.arguments.front().value->range,
                        "`" + function.str() + "` rounds plain numbers; divide by a unit "
                        "first, as in `" + function.str() + "(load / 1 MW)`; this is " +
                            describe(Value{argument}));
    return std::nullopt;
  }
  return Value{units::Quantity{rounded(argument.value, function), units::dimensions::Ratio}};
}

std::optional<Value> ExprEvaluator::quantityResult(llvm::Expected<units::Quantity> result,
                                                    SourceRange at) {
  if (!result) {
    reportUnitError(result.takeError(), at);
    return std::nullopt;
  }
  return Value{*result};
}

void ExprEvaluator::reportUnitError(llvm::Error error, SourceRange at) {
  llvm::handleAllErrors(std::move(error), [&](const units::UnitError &unitError) {
    DiagCode code = DiagCode::E0305;
    switch (unitError.kind()) {
    case units::UnitErrorKind::UnknownUnit: code = DiagCode::E0304; break;
    case units::UnitErrorKind::DivisionByZero: code = DiagCode::E0306; break;
    case units::UnitErrorKind::OutOfRange: code = DiagCode::E0307; break;
    case units::UnitErrorKind::MalformedNumber:
    case units::UnitErrorKind::DimensionMismatch:
    case units::UnitErrorKind::InvalidPowerFactor: break;
    }
    diagnostics_.report(code, at, unitError.message());
  });
}

} // namespace sgd::sema
