#include "sema/ExprEvaluator.h"

#include "sema/Suggestion.h"
#include "units/QuantityFormat.h"
#include "units/UnitError.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"

namespace sgd::sema {
namespace {

using units::Quantity;

const std::vector<llvm::StringRef> &functionNames() {
  static const std::vector<llvm::StringRef> names = {
      "ceil", "floor", "round", "abs", "min", "max", "sum",
      "count", "all", "any", "len", "contains", "defined"};
  return names;
}

// Rounds a plain number to an integer in the given direction; ties round
// away from zero.
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
      units::Rational fraction = *units::Rational::fromParts(remainder, value.denominator());
      if (fraction.abs() >= units::Rational(1, 2))
        quotient += negative ? -1 : 1;
    }
  }
  return *units::Rational::fromParts(quotient, 1);
}

const std::string *wordOf(const Value &value) {
  if (const std::string *text = value.text())
    return text;
  if (const model::Symbol *symbol = value.symbol())
    return &symbol->name;
  return nullptr;
}

Value withOrigin(Value value, SourceRange origin) {
  value.origin = origin;
  return value;
}

} // namespace

units::Quantity plainNumber(uint64_t n) {
  return Quantity{units::Rational(static_cast<int64_t>(n)), units::dimensions::Ratio};
}

bool sameValue(const Value &a, const Value &b) {
  const std::string *left = wordOf(a);
  const std::string *right = wordOf(b);
  if (left && right)
    return *left == *right;
  const ValueList *leftList = a.list();
  const ValueList *rightList = b.list();
  if (leftList && rightList)
    return leftList->size() == rightList->size() &&
           std::equal(leftList->begin(), leftList->end(), rightList->begin(), sameValue);
  return a.data == b.data;
}

std::optional<Value> NameResolver::resolveMember(const ast::MemberExpr &member,
                                                 ExprEvaluator &evaluator) {
  std::optional<Value> base = evaluator.evaluateHere(*member.base, *this);
  if (!base)
    return std::nullopt;
  return evaluator.memberOf(*base, member.member(), member, *this);
}

MemberLookup NameResolver::member(const Value &, const ast::Identifier &, const ast::Expr &) {
  return MemberLookup::none();
}

std::nullopt_t ExprEvaluator::fail(DiagCode code, SourceRange at, std::string message) {
  diagnostics_.report(code, at, std::move(message));
  return std::nullopt;
}

std::optional<Value> ExprEvaluator::evaluate(const ast::Expr &expr, NameResolver &names) {
  size_t outerBindings = scopeBindings_, outerElements = scopeElements_;
  scopeBindings_ = bindings_.size();
  scopeElements_ = elements_.size();
  std::optional<Value> result = eval(expr, names);
  scopeBindings_ = outerBindings;
  scopeElements_ = outerElements;
  return result;
}

std::optional<Value> ExprEvaluator::evaluateHere(const ast::Expr &expr, NameResolver &names) {
  return eval(expr, names);
}

std::optional<Value> ExprEvaluator::eval(const ast::Expr &expr, NameResolver &names) {
  using llvm::cast;
  switch (expr.kind) {
  case ast::ExprKind::Number: {
    const auto &number = cast<ast::NumberExpr>(expr);
    return quantityResult(units::parseQuantity(number.spelling, number.unit),
                          number.unit.empty() ? number.range : number.unitRange, {}, names);
  }
  case ast::ExprKind::String: return Value{cast<ast::StringExpr>(expr).value.str()};
  case ast::ExprKind::Date: {
    const auto &date = cast<ast::DateExpr>(expr);
    return Value{Date{date.year, date.month, date.day}};
  }
  case ast::ExprKind::Bool: return Value{cast<ast::BoolExpr>(expr).value};
  case ast::ExprKind::Name: return evalName(cast<ast::NameExpr>(expr), names);
  case ast::ExprKind::List: {
    ValueList elements;
    for (const ast::Expr *element : cast<ast::ListExpr>(expr).elements) {
      std::optional<Value> value = eval(*element, names);
      if (!value)
        return std::nullopt;
      elements.push_back(std::move(*value));
    }
    return Value{std::move(elements)};
  }
  case ast::ExprKind::Member: return names.resolveMember(cast<ast::MemberExpr>(expr), *this);
  case ast::ExprKind::Call: return evalCall(cast<ast::CallExpr>(expr), names);
  case ast::ExprKind::Index: return evalIndex(cast<ast::IndexExpr>(expr), names);
  case ast::ExprKind::Unary: return evalUnary(cast<ast::UnaryExpr>(expr), names);
  case ast::ExprKind::Binary: {
    const auto &binary = cast<ast::BinaryExpr>(expr);
    if (binary.op == ast::BinaryOp::Where)
      return evalWhere(binary, names);
    if (binary.op == ast::BinaryOp::And || binary.op == ast::BinaryOp::Or)
      return evalLogic(binary, names);
    return evalBinary(binary, names);
  }
  case ast::ExprKind::If: {
    const auto &conditional = cast<ast::IfExpr>(expr);
    std::optional<Value> condition = eval(*conditional.condition, names);
    if (!condition || condition->unset())
      return condition;
    if (!condition->truth())
      return fail(names.wrongKindCode(), conditional.condition->range,
                  "the condition of `if` must be a truth value, not " +
                      names.describe(*condition));
    return eval(*condition->truth() ? *conditional.thenValue : *conditional.elseValue, names);
  }
  case ast::ExprKind::Lambda: return Value{model::Lambda{&cast<ast::LambdaExpr>(expr)}};
  }
  llvm_unreachable("unknown expression kind");
}

std::optional<Value> ExprEvaluator::evalName(const ast::NameExpr &name, NameResolver &names) {
  llvm::StringRef text = name.name().text();
  for (size_t i = bindings_.size(); i > scopeBindings_; --i)
    if (bindings_[i - 1].first == text)
      return bindings_[i - 1].second;
  for (size_t i = elements_.size(); i > scopeElements_; --i) {
    MemberLookup found = names.member(elements_[i - 1], name.name(), name);
    if (found.outcome == MemberLookup::Outcome::Found)
      return std::move(found.value);
    if (found.outcome == MemberLookup::Outcome::Failed)
      return std::nullopt;
  }
  return names.resolveName(name);
}

std::optional<Value> ExprEvaluator::memberOf(const Value &base, const ast::Identifier &name,
                                             const ast::Expr &written, NameResolver &names) {
  if (base.unset())
    return base;
  if (const ValueList *list = base.list()) {
    ValueList result;
    for (const Value &entry : *list) {
      std::optional<Value> value = memberOf(entry, name, written, names);
      if (!value)
        return std::nullopt;
      if (const ValueList *inner = value->list()) {
        for (Value nested : *inner) {
          nested.weight *= entry.weight;
          result.push_back(std::move(nested));
        }
      } else if (!value->unset()) {
        value->weight = entry.weight;
        result.push_back(std::move(*value));
      }
    }
    return Value{std::move(result), base.origin};
  }
  MemberLookup found = names.member(base, name, written);
  switch (found.outcome) {
  case MemberLookup::Outcome::Found: return std::move(found.value);
  case MemberLookup::Outcome::Failed: return std::nullopt;
  case MemberLookup::Outcome::NoSuchMember: break;
  }
  return fail(names.unknownNameCode(), name.range,
              names.describe(base) + " has no member `" + name.text().str() + "`");
}

std::optional<Value> ExprEvaluator::evalIndex(const ast::IndexExpr &index, NameResolver &names) {
  std::optional<Value> base = eval(*index.base, names);
  std::optional<Value> at = base ? eval(*index.index, names) : std::nullopt;
  if (!at)
    return std::nullopt;
  if (base->unset())
    return base;
  if (at->unset())
    return at;
  const Quantity *position = at->quantity();
  if (!base->list() || !position || position->dimension != units::dimensions::Ratio ||
      position->value.denominator() != 1 || position->value.isNegative())
    return fail(names.wrongKindCode(), index.range,
                "indexing needs a list and a whole number from 0; this is " +
                    names.describe(*base) + " and " + names.describe(*at));
  const ValueList &list = *base->list();
  if (position->value.numerator() >= static_cast<units::Rational::Int>(list.size()))
    return fail(names.wrongKindCode(), index.index->range,
                "index " + units::format(*position) + " is past the end of a list of " +
                    std::to_string(list.size()) + (list.size() == 1 ? " element" : " elements"));
  return list[static_cast<size_t>(position->value.numerator())];
}

std::optional<Value> ExprEvaluator::evalUnary(const ast::UnaryExpr &unary, NameResolver &names) {
  std::optional<Value> operand = eval(*unary.operand, names);
  if (!operand || operand->unset())
    return operand;
  if (unary.op == ast::UnaryOp::Negate && operand->quantity())
    return Value{units::negate(*operand->quantity()), operand->origin};
  if (unary.op == ast::UnaryOp::Not && operand->truth())
    return Value{!*operand->truth(), operand->origin};
  return fail(names.wrongKindCode(), unary.range,
              std::string(unary.op == ast::UnaryOp::Negate ? "cannot negate "
                                                           : "`not` needs a truth value, not ") +
                  names.describe(*operand));
}

// `and` and `or` decide on one side when they can: `false and x` is false
// even where x is unset (or not evaluated at all).
std::optional<Value> ExprEvaluator::evalLogic(const ast::BinaryExpr &binary, NameResolver &names) {
  bool isAnd = binary.op == ast::BinaryOp::And;
  std::optional<Value> lhs = eval(*binary.lhs, names);
  if (!lhs)
    return std::nullopt;
  if (lhs->truth() && *lhs->truth() != isAnd)
    return lhs;
  std::optional<Value> rhs = eval(*binary.rhs, names);
  if (!rhs)
    return std::nullopt;
  if ((!lhs->truth() && !lhs->unset()) || (!rhs->truth() && !rhs->unset()))
    return fail(names.wrongKindCode(), binary.range,
                "`" + ast::spelling(binary.op).str() + "` needs truth values, not " +
                    names.describe(*lhs) + " and " + names.describe(*rhs));
  if (rhs->truth() && *rhs->truth() != isAnd)
    return rhs;
  return lhs->unset() ? lhs : rhs;
}

std::optional<Value> ExprEvaluator::evalBinary(const ast::BinaryExpr &binary, NameResolver &names) {
  std::optional<Value> lhs = eval(*binary.lhs, names);
  if (!lhs)
    return std::nullopt;
  std::optional<Value> rhs = eval(*binary.rhs, names);
  if (!rhs)
    return std::nullopt;
  if (lhs->unset())
    return lhs;
  if (rhs->unset())
    return rhs;
  SourceRange origin = lhs->origin.isValid() ? lhs->origin : rhs->origin;
  const Quantity *left = lhs->quantity();
  const Quantity *right = rhs->quantity();
  auto mismatch = [&](llvm::StringRef what) {
    return fail(names.wrongKindCode(), binary.range,
                (what + " " + names.describe(*lhs) + " and " + names.describe(*rhs)).str());
  };
  switch (binary.op) {
  case ast::BinaryOp::Add:
  case ast::BinaryOp::Subtract:
  case ast::BinaryOp::Multiply:
  case ast::BinaryOp::Divide:
    if (!left || !right)
      return mismatch("cannot compute `" + ast::spelling(binary.op).str() + "` of");
    switch (binary.op) {
    case ast::BinaryOp::Add: return quantityResult(units::add(*left, *right), binary.range, origin, names);
    case ast::BinaryOp::Subtract:
      return quantityResult(units::subtract(*left, *right), binary.range, origin, names);
    case ast::BinaryOp::Multiply:
      return quantityResult(units::multiply(*left, *right), binary.range, origin, names);
    default: return quantityResult(units::divide(*left, *right), binary.range, origin, names);
    }
  default: break;
  }
  bool equality = binary.op == ast::BinaryOp::Equal || binary.op == ast::BinaryOp::NotEqual;
  std::partial_ordering order = std::partial_ordering::unordered;
  const std::string *leftWord = wordOf(*lhs);
  const std::string *rightWord = wordOf(*rhs);
  if (left && right) {
    llvm::Expected<std::strong_ordering> compared = units::compare(*left, *right);
    if (!compared) {
      reportUnitError(compared.takeError(), binary.range, names);
      return std::nullopt;
    }
    order = *compared;
  } else if (leftWord && rightWord) {
    order = *leftWord <=> *rightWord;
  } else if (lhs->date() && rhs->date()) {
    order = *lhs->date() <=> *rhs->date();
  } else if (equality && lhs->data.index() == rhs->data.index() &&
             (lhs->truth() || lhs->reference())) {
    order = lhs->data == rhs->data ? std::partial_ordering::equivalent
                                   : std::partial_ordering::less;
  } else {
    return mismatch("cannot compare");
  }
  bool result = false;
  switch (binary.op) {
  case ast::BinaryOp::Equal: result = order == 0; break;
  case ast::BinaryOp::NotEqual: result = order != 0; break;
  case ast::BinaryOp::Less: result = order < 0; break;
  case ast::BinaryOp::LessEqual: result = order <= 0; break;
  case ast::BinaryOp::Greater: result = order > 0; break;
  default: result = order >= 0; break;
  }
  return Value{result, origin};
}

std::optional<Value> ExprEvaluator::apply(const ast::Expr &body, const Value &element,
                                          NameResolver &names) {
  const auto *lambda = llvm::dyn_cast<ast::LambdaExpr>(&body);
  std::optional<Value> value;
  if (!lambda) {
    elements_.push_back(element);
    value = eval(body, names);
    elements_.pop_back();
    // A name of a lambda (a constant): apply that.
    if (!value || !value->lambda())
      return value;
    lambda = value->lambda()->expr;
  }
  if (lambda->parameters.size() != 1)
    return fail(names.wrongKindCode(), lambda->range,
                "this lambda takes one parameter, the element: `h => …`");
  bindings_.push_back({lambda->parameters.front().text(), element});
  value = eval(*lambda->body, names);
  bindings_.pop_back();
  return value;
}

void ExprEvaluator::withElement(const ast::Expr &body, const Value &element,
                                llvm::function_ref<void(const ast::Expr &)> action) {
  if (const auto *lambda = llvm::dyn_cast<ast::LambdaExpr>(&body)) {
    if (lambda->parameters.empty()) {
      action(*lambda->body);
      return;
    }
    bindings_.push_back({lambda->parameters.front().text(), element});
    action(*lambda->body);
    bindings_.pop_back();
    return;
  }
  elements_.push_back(element);
  action(body);
  elements_.pop_back();
}

std::optional<Value> ExprEvaluator::evalWhere(const ast::BinaryExpr &binary, NameResolver &names) {
  std::optional<Value> items = eval(*binary.lhs, names);
  if (!items || items->unset())
    return items;
  if (!items->list())
    return fail(names.wrongKindCode(), binary.lhs->range,
                "`where` filters a list; this is " + names.describe(*items));
  ValueList kept;
  for (const Value &item : *items->list()) {
    std::optional<Value> keep = apply(*binary.rhs, item, names);
    if (!keep)
      return std::nullopt;
    if (!keep->truth() && !keep->unset())
      return fail(names.wrongKindCode(), binary.rhs->range,
                  "the condition of `where` must be a truth value, not " + names.describe(*keep));
    if (keep->truth() && *keep->truth())
      kept.push_back(item);
  }
  return Value{std::move(kept), items->origin};
}

std::optional<Value> ExprEvaluator::evalCall(const ast::CallExpr &call, NameResolver &names) {
  const auto *callee = llvm::dyn_cast<ast::NameExpr>(call.callee);
  llvm::StringRef function = callee ? callee->name().text() : "";
  if (!llvm::is_contained(functionNames(), function)) {
    Diagnostic &d = diagnostics_.report(
        names.unknownNameCode(), call.callee->range,
        (callee ? "unknown function `" + function.str() + "`" : std::string("not a function")) +
            "; the functions are ceil, floor, round, abs, min, max, sum, count, all, any, len, "
            "contains and defined");
    if (std::optional<std::string> best = closestName(function, functionNames()))
      d.note("did you mean `" + *best + "`?");
    return std::nullopt;
  }
  for (const ast::Argument &argument : call.arguments)
    if (argument.hasName)
      return fail(names.wrongKindCode(), argument.name.range,
                  "`" + function.str() + "` takes its arguments without names");
  auto arity = [&](size_t low, size_t high) {
    if (call.arguments.size() >= low && call.arguments.size() <= high)
      return true;
    diagnostics_.report(names.wrongKindCode(), call.range,
                        "`" + function.str() + "` takes " +
                            (low == high ? std::to_string(low)
                                         : std::to_string(low) + " or " + std::to_string(high)) +
                            (high == 1 ? " argument" : " arguments"));
    return false;
  };
  bool collection = function == "sum" || function == "count" || function == "all" ||
                    function == "any" || function == "len";
  if (function == "defined" || function == "contains" || collection) {
    bool contains = function == "contains";
    if (!arity(function == "defined" ? 1 : contains ? 2 : 1, function == "defined" ? 1 : 2))
      return std::nullopt;
    std::optional<Value> first = eval(*call.arguments[0].value, names);
    if (!first)
      return std::nullopt;
    if (function == "defined")
      return Value{!first->unset(), first->origin};
    if (first->unset())
      return first;
    if (!first->list())
      return fail(names.wrongKindCode(), call.arguments[0].value->range,
                  "`" + function.str() + (contains ? "` looks in a list" : "` aggregates a list") +
                      "; this is " + names.describe(*first));
    if (!contains)
      return aggregate(call, function, *first->list(), names);
    std::optional<Value> wanted = eval(*call.arguments[1].value, names);
    if (!wanted || wanted->unset())
      return wanted;
    bool found = llvm::any_of(*first->list(),
                              [&](const Value &entry) { return sameValue(entry, *wanted); });
    return Value{found, first->origin};
  }
  // min and max aggregate a list (with a mapping) or take numbers; ceil,
  // floor, round and abs take a number.
  std::vector<Value> arguments;
  for (const ast::Argument &argument : call.arguments) {
    std::optional<Value> value = eval(*argument.value, names);
    if (!value)
      return std::nullopt;
    if (arguments.empty() && (function == "min" || function == "max") &&
        call.arguments.size() <= 2 && value->list())
      return aggregate(call, function, *value->list(), names);
    arguments.push_back(std::move(*value));
  }
  return numeric(call, function, std::move(arguments), names);
}

std::optional<Value> ExprEvaluator::aggregate(const ast::CallExpr &call, llvm::StringRef function,
                                              const ValueList &items, NameResolver &names) {
  const ast::Expr *mapping = call.arguments.size() == 2 ? call.arguments[1].value : nullptr;
  std::vector<Value> values;
  for (const Value &item : items) {
    if (!mapping) {
      values.push_back(item);
      continue;
    }
    std::optional<Value> value = apply(*mapping, item, names);
    if (!value)
      return std::nullopt;
    value->weight = item.weight;
    if (!value->origin.isValid())
      value->origin = item.origin;
    values.push_back(std::move(*value));
  }
  if (function == "len")
    return Value{plainNumber(values.size())};
  if (function == "count" || function == "all" || function == "any") {
    bool predicate = mapping || function != "count";
    uint64_t count = 0;
    for (const Value &value : values) {
      if (!predicate) {
        count += value.weight;
        continue;
      }
      if (value.unset()) {
        if (function == "all")
          return value;
        continue;
      }
      if (!value.truth())
        return fail(names.wrongKindCode(), call.range,
                    "`" + function.str() + "` needs truth values; one is " +
                        names.describe(value));
      if (*value.truth())
        count += value.weight;
      else if (function == "all")
        return Value{false, value.origin};
      if (*value.truth() && function == "any")
        return Value{true, value.origin};
    }
    if (function == "all")
      return Value{true};
    if (function == "any")
      return Value{false};
    return Value{plainNumber(count)};
  }
  // sum, min and max of quantities; unset entries count for nothing.
  std::optional<Quantity> total;
  SourceRange origin;
  for (const Value &value : values) {
    if (value.unset())
      continue;
    const Quantity *quantity = value.quantity();
    if (!quantity)
      return fail(names.wrongKindCode(), call.range,
                  "`" + function.str() + "` needs numbers or quantities; one is " +
                      names.describe(value));
    if (function == "sum") {
      llvm::Expected<Quantity> sum = units::multiply(*quantity, plainNumber(value.weight));
      if (sum && total)
        sum = units::add(*total, *sum);
      if (!sum) {
        reportUnitError(sum.takeError(), call.range, names);
        return std::nullopt;
      }
      total = *sum;
      continue;
    }
    if (!total) {
      total = *quantity;
      origin = value.origin;
      continue;
    }
    llvm::Expected<std::strong_ordering> order = units::compare(*quantity, *total);
    if (!order) {
      reportUnitError(order.takeError(), call.range, names);
      return std::nullopt;
    }
    if (function == "min" ? *order < 0 : *order > 0) {
      total = *quantity;
      origin = value.origin;
    }
  }
  if (!total)
    return function == "sum" ? Value{plainNumber(0)}
                             : Value{model::Unset{"the " + std::string(function == "min"
                                                                           ? "minimum"
                                                                           : "maximum") +
                                                  " of an empty list"}};
  return Value{*total, origin};
}

std::optional<Value> ExprEvaluator::numeric(const ast::CallExpr &call, llvm::StringRef function,
                                            std::vector<Value> arguments, NameResolver &names) {
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i].unset())
      return arguments[i];
    if (!arguments[i].quantity())
      return fail(names.wrongKindCode(), call.arguments[i].value->range,
                  "`" + function.str() + "` takes numbers or quantities; this argument is " +
                      names.describe(arguments[i]));
  }
  if (function == "min" || function == "max") {
    if (arguments.empty())
      return fail(names.wrongKindCode(), call.range,
                  "`" + function.str() + "` needs at least one argument");
    Value best = arguments.front();
    for (const Value &candidate : llvm::drop_begin(arguments)) {
      llvm::Expected<std::strong_ordering> order =
          units::compare(*candidate.quantity(), *best.quantity());
      if (!order) {
        reportUnitError(order.takeError(), call.range, names);
        return std::nullopt;
      }
      if (function == "min" ? *order < 0 : *order > 0)
        best = candidate;
    }
    return best;
  }
  if (arguments.size() != 1)
    return fail(names.wrongKindCode(), call.range,
                "`" + function.str() + "` takes exactly one argument");
  const Quantity &argument = *arguments.front().quantity();
  SourceRange origin = arguments.front().origin;
  if (function == "abs")
    return Value{argument.value.isNegative() ? units::negate(argument) : argument, origin};
  if (argument.dimension != units::dimensions::Ratio)
    return fail(names.wrongKindCode(), call.arguments.front().value->range,
                "`" + function.str() + "` rounds plain numbers; divide by a unit first, as in `" +
                    function.str() + "(load / 1 MW)`; this is " + names.describe(arguments.front()));
  return Value{Quantity{rounded(argument.value, function), units::dimensions::Ratio}, origin};
}

std::optional<Value> ExprEvaluator::quantityResult(llvm::Expected<Quantity> result,
                                                   SourceRange at, SourceRange origin,
                                                   NameResolver &names) {
  if (!result) {
    reportUnitError(result.takeError(), at, names);
    return std::nullopt;
  }
  return withOrigin(Value{*result}, origin);
}

void ExprEvaluator::reportUnitError(llvm::Error error, SourceRange at, NameResolver &names) {
  llvm::handleAllErrors(std::move(error), [&](const units::UnitError &unitError) {
    DiagCode code = names.wrongKindCode();
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
