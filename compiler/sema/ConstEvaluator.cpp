#include "sema/ConstEvaluator.h"

#include "sema/Suggestion.h"
#include "sema/ValueType.h"
#include "units/Decimal.h"
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

ConstEvaluator::ConstEvaluator(const ModuleGraph &graph, DiagnosticEngine &diagnostics)
    : graph_(graph), diagnostics_(diagnostics), constants_(graph.modules.size()) {
  for (unsigned module = 0; module < graph.modules.size(); ++module) {
    for (const ast::Item *item : graph.modules[module].ast->items) {
      const auto *constant = llvm::dyn_cast<ast::ConstItem>(item);
      if (!constant)
        continue;
      // A second definition is reported by checkDuplicates; the first counts.
      constants_[module].try_emplace(constant->name.text,
                                     Constant{constant, State::Pending, std::nullopt});
    }
  }
}

void ConstEvaluator::evaluateAll() {
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    for (const ast::Item *item : graph_.modules[module].ast->items)
      if (const auto *constant = llvm::dyn_cast<ast::ConstItem>(item))
        if (auto found = constants_[module].find(constant->name.text);
            found != constants_[module].end() && found->second.item == constant)
          evaluateConstant(found->second, module);
}

void ConstEvaluator::evaluateComponentAttributes() {
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    for (const ast::Item *item : graph_.modules[module].ast->items)
      if (const auto *component = llvm::dyn_cast<ast::ComponentItem>(item))
        ast::forEachItem(component->body.items, [&](const ast::Item &nested) {
          if (const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(&nested))
            evaluate(*attribute->value, module);
        });
}

void ConstEvaluator::checkRangeBounds() {
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    checkRangeBounds(graph_.modules[module].ast->items, module);
}

void ConstEvaluator::checkRangeBounds(llvm::ArrayRef<const ast::Item *> items,
                                      unsigned module) {
  for (const ast::Item *item : items) {
    if (llvm::isa<ast::TemplateItem>(item))
      continue;
    const auto *structure = llvm::dyn_cast<ast::StructureItem>(item);
    if (structure && structure->replication) {
      std::optional<units::Rational> low = wholeBound(*structure->replication->low, module);
      std::optional<units::Rational> high = wholeBound(*structure->replication->high, module);
      if (low && high && *high < *low)
        diagnostics_.report(DiagCode::E0314, structure->replication->range,
                            "the range is empty: its upper bound " + units::formatDecimal(*high) +
                                " is below its lower bound " + units::formatDecimal(*low));
      else if (low && high && high->numerator() <= UINT64_MAX)
        rangeBounds_[structure->replication] = {static_cast<uint64_t>(low->numerator()),
                                                static_cast<uint64_t>(high->numerator())};
    }
    if (const ast::Block *body = ast::bodyOf(*item))
      checkRangeBounds(body->items, module);
  }
}

std::optional<std::pair<uint64_t, uint64_t>>
ConstEvaluator::rangeBounds(const ast::RangeSpec &range) const {
  auto found = rangeBounds_.find(&range);
  if (found == rangeBounds_.end())
    return std::nullopt;
  return found->second;
}

std::optional<units::Rational> ConstEvaluator::wholeBound(const ast::Expr &bound,
                                                          unsigned module) {
  std::optional<Value> value = evaluate(bound, module);
  if (!value)
    return std::nullopt;
  const units::Quantity *number = value->quantity();
  if (!number || number->dimension != units::dimensions::Ratio ||
      number->value.denominator() != 1 || number->value.isNegative()) {
    diagnostics_.report(DiagCode::E0314, bound.range,
                        "range bounds are whole numbers, 0 or more; this is " +
                            (number && number->dimension == units::dimensions::Ratio
                                 ? units::format(*number)
                                 : describe(*value)));
    return std::nullopt;
  }
  return number->value;
}

const Value *ConstEvaluator::valueOf(unsigned module, llvm::StringRef name) {
  auto found = constants_[module].find(name);
  if (found == constants_[module].end())
    return nullptr;
  return evaluateConstant(found->second, module);
}

const Value *ConstEvaluator::evaluateConstant(Constant &constant, unsigned module) {
  if (constant.state == State::Done)
    return constant.value ? &*constant.value : nullptr;
  if (constant.state == State::Evaluating) {
    // The cycle runs from this constant's first appearance on the stack.
    auto first = llvm::find(evaluating_, constant.item);
    std::string cycle;
    for (auto it = first; it != evaluating_.end(); ++it)
      cycle += "`" + (*it)->name.text.str() + "` → ";
    cycle += "`" + constant.item->name.text.str() + "`";
    diagnostics_.report(DiagCode::E0303, constant.item->name.range,
                        "constant `" + constant.item->name.text.str() +
                            "` depends on itself: " + cycle);
    constant.state = State::Done; // failed; reported once
    return nullptr;
  }
  constant.state = State::Evaluating;
  evaluating_.push_back(constant.item);
  std::optional<Value> value = evaluate(*constant.item->value, module);
  evaluating_.pop_back();
  if (constant.state == State::Done) // a cycle through it was reported
    return nullptr;
  constant.state = State::Done;
  if (constant.item->hasType && !checkDeclaredType(*constant.item, value))
    value.reset();
  constant.value = std::move(value);
  return constant.value ? &*constant.value : nullptr;
}

bool ConstEvaluator::checkDeclaredType(const ast::ConstItem &item,
                                       const std::optional<Value> &value) {
  llvm::StringRef typeName = item.type.text;
  std::optional<ValueType> type = findValueType(typeName);
  if (!type) {
    Diagnostic &d = diagnostics_.report(
        DiagCode::E0310, item.type.range,
        "`" + typeName.str() + "` is not a type a constant can have; constants hold numbers "
        "(`int`, `number`), quantities (`power`, `length`, …), `bool`, `string`, `date` and "
        "`list`");
    std::vector<std::string> names = valueTypeNames();
    std::vector<llvm::StringRef> candidates(names.begin(), names.end());
    suggest(d, typeName, candidates);
    return false;
  }
  if (value && !hasType(*value, *type)) {
    const units::Quantity *number = value->quantity();
    std::string what = type->kind == ValueType::Kind::Integer && number &&
                               number->dimension == units::dimensions::Ratio
                           ? units::format(*number) + " is not a whole number"
                           : "is " + describe(*value);
    diagnostics_
        .report(DiagCode::E0311, item.value->range,
                "constant `" + item.name.text.str() + "` is declared `" + typeName.str() +
                    "`, but its value " + what)
        .note(item.type.range, "type declared here");
    return false;
  }
  return true;
}

std::optional<Value> ConstEvaluator::evaluate(const ast::Expr &expr, unsigned module) {
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
    return evaluateName(cast<ast::NameExpr>(expr), module);
  case ast::ExprKind::List: {
    ValueList elements;
    for (const ast::Expr *element : cast<ast::ListExpr>(expr).elements) {
      std::optional<Value> value = evaluate(*element, module);
      if (!value)
        return std::nullopt;
      elements.push_back(std::move(*value));
    }
    return Value{std::move(elements)};
  }
  case ast::ExprKind::Unary: {
    const auto &unary = cast<ast::UnaryExpr>(expr);
    std::optional<Value> operand = evaluate(*unary.operand, module);
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
    return evaluateBinary(cast<ast::BinaryExpr>(expr), module);
  case ast::ExprKind::If: {
    const auto &conditional = cast<ast::IfExpr>(expr);
    std::optional<Value> condition = evaluate(*conditional.condition, module);
    if (!condition)
      return std::nullopt;
    if (!condition->truth()) {
      diagnostics_.report(DiagCode::E0305, conditional.condition->range,
                          "the condition of `if` must be a truth value, not " +
                              describe(*condition));
      return std::nullopt;
    }
    return evaluate(*condition->truth() ? *conditional.thenValue : *conditional.elseValue,
                    module);
  }
  case ast::ExprKind::Call:
    return evaluateCall(cast<ast::CallExpr>(expr), module);
  case ast::ExprKind::Member:
  case ast::ExprKind::Index:
  case ast::ExprKind::Lambda:
    diagnostics_.report(DiagCode::E0308, expr.range,
                        "a constant's value must be computed from literals and other "
                        "constants; this is not available in a constant");
    return std::nullopt;
  }
  llvm_unreachable("unknown expression kind");
}

std::optional<Value> ConstEvaluator::evaluateName(const ast::NameExpr &name, unsigned module) {
  llvm::StringRef text = name.name.text;
  std::vector<unsigned> scopes = graph_.visibleModules(module);
  for (unsigned scope : scopes) {
    auto found = constants_[scope].find(text);
    if (found == constants_[scope].end())
      continue;
    const Value *value = evaluateConstant(found->second, scope);
    if (!value)
      return std::nullopt; // reported where the constant is defined
    return *value;
  }
  Diagnostic &d = diagnostics_.report(DiagCode::E0302, name.range,
                                      "unknown name `" + text.str() + "`");
  suggestName(d, text, scopes);
  return std::nullopt;
}

void ConstEvaluator::suggestName(Diagnostic &diagnostic, llvm::StringRef wanted,
                                 llvm::ArrayRef<unsigned> scopes) const {
  std::vector<llvm::StringRef> names;
  for (unsigned scope : scopes)
    for (const auto &entry : constants_[scope])
      names.push_back(entry.first());
  suggest(diagnostic, wanted, names);
}

void ConstEvaluator::suggest(Diagnostic &diagnostic, llvm::StringRef wanted,
                             std::vector<llvm::StringRef> candidates) {
  if (std::optional<std::string> best = closestName(wanted, std::move(candidates)))
    diagnostic.note("did you mean `" + *best + "`?");
}

void ConstEvaluator::override(const ast::ConstItem &definition) {
  llvm::StringRef name = definition.name.text;
  // Entry files first (they come first in the graph), then the project's
  // other files; never the standard library.
  std::vector<unsigned> scopes;
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    if (!graph_.modules[module].isStandard)
      scopes.push_back(module);
  for (unsigned module : scopes) {
    auto found = constants_[module].find(name);
    if (found == constants_[module].end())
      continue;
    Constant &constant = found->second;
    std::optional<Value> value = evaluate(*definition.value, module);
    const Value *declared = evaluateConstant(constant, module);
    bool sameKind = value && declared && value->data.index() == declared->data.index() &&
                    (!value->quantity() ||
                     value->quantity()->dimension == declared->quantity()->dimension);
    if (value && declared && !sameKind) {
      diagnostics_
          .report(DiagCode::E0309, definition.value->range,
                  "`-D " + name.str() + "` gives " + describe(*value) + ", but the constant is " +
                      describe(*declared))
          .note(constant.item->value->range, "declared here");
      value.reset();
    }
    constant.state = State::Done;
    constant.value = std::move(value);
    return;
  }
  Diagnostic &d = diagnostics_.report(DiagCode::E0302, definition.name.range,
                                      "`-D` names no constant: there is no `" + name.str() +
                                          "` in the project");
  suggestName(d, name, scopes);
}

std::optional<Value> ConstEvaluator::evaluateBinary(const ast::BinaryExpr &binary,
                                                    unsigned module) {
  std::optional<Value> lhs = evaluate(*binary.lhs, module);
  if (!lhs)
    return std::nullopt;
  std::optional<Value> rhs = evaluate(*binary.rhs, module);
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
    } else if (lhs->data.index() == rhs->data.index() && !lhs->truth() &&
               !std::holds_alternative<ValueList>(lhs->data)) {
      if (const auto *text = std::get_if<std::string>(&lhs->data))
        order = *text <=> std::get<std::string>(rhs->data);
      else
        order = std::get<Date>(lhs->data) <=> std::get<Date>(rhs->data);
    } else if (lhs->truth() && rhs->truth() &&
               (binary.op == ast::BinaryOp::Equal || binary.op == ast::BinaryOp::NotEqual)) {
      order = *lhs->truth() == *rhs->truth() ? std::partial_ordering::equivalent
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
    diagnostics_.report(DiagCode::E0308, binary.range,
                        "`where` filters the elements of the design; it is not available "
                        "in a constant");
    return std::nullopt;
  }
  llvm_unreachable("unknown binary operator");
}

// ceil, floor, round and abs of plain numbers; min and max of quantities of
// one dimension.
std::optional<Value> ConstEvaluator::evaluateCall(const ast::CallExpr &call, unsigned module) {
  const auto *callee = llvm::dyn_cast<ast::NameExpr>(call.callee);
  llvm::StringRef function = callee ? callee->name.text : "";
  bool rounding = function == "ceil" || function == "floor" || function == "round";
  bool extreme = function == "min" || function == "max";
  if (!rounding && !extreme && function != "abs") {
    diagnostics_.report(DiagCode::E0308, call.callee->range,
                        "constants can call ceil, floor, round, abs, min and max only");
    return std::nullopt;
  }
  std::vector<units::Quantity> arguments;
  for (const ast::Argument &argument : call.arguments) {
    std::optional<Value> value = evaluate(*argument.value, module);
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

std::optional<Value> ConstEvaluator::quantityResult(llvm::Expected<units::Quantity> result,
                                                    SourceRange at) {
  if (!result) {
    reportUnitError(result.takeError(), at);
    return std::nullopt;
  }
  return Value{*result};
}

void ConstEvaluator::reportUnitError(llvm::Error error, SourceRange at) {
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
