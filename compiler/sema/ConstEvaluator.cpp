#include "sema/ConstEvaluator.h"

#include "sema/RangeBounds.h"
#include "sema/Suggestion.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"

namespace sgd::sema {

/// Names in a constant: the constants of the module and of the files it
/// imports by path.
class ConstEvaluator::ConstantNames : public NameResolver {
public:
  ConstantNames(ConstEvaluator &evaluator, unsigned module)
      : evaluator_(evaluator), module_(module) {}

  std::optional<Value> resolveName(const ast::NameExpr &name) override {
    return evaluator_.evaluateName(name, module_);
  }
  // Constants are computed before the design exists: nothing has members.
  std::optional<Value> resolveMember(const ast::MemberExpr &member, ExprEvaluator &) override {
    evaluator_.sink().report(
        DiagCode::E0308, member.range,
        "a constant's value must be computed from literals and other constants; a member of "
        "the design or a catalog entry is not available in a constant");
    return std::nullopt;
  }

private:
  ConstEvaluator &evaluator_;
  unsigned module_;
};

std::optional<Value> ConstEvaluator::evaluate(const ast::Expr &expr, unsigned module) {
  ConstantNames names(*this, module);
  return ExprEvaluator(sink()).evaluate(expr, names);
}

DiagnosticEngine &ConstEvaluator::sink() { return attempt_ ? attempt_->diagnostics : diagnostics_; }

ConstEvaluator::ConstEvaluator(const ModuleGraph &graph, DiagnosticEngine &diagnostics)
    : graph_(graph), diagnostics_(diagnostics), constants_(graph.modules.size()) {
  for (unsigned module = 0; module < graph.modules.size(); ++module) {
    for (const ast::Item *item : graph.modules[module].ast->items) {
      const auto *constant = llvm::dyn_cast<ast::ConstItem>(item);
      if (!constant)
        continue;
      // A second definition is reported by checkDuplicates; the first counts.
      constants_[module].try_emplace(constant->name.text(),
                                     Constant{constant, State::Pending, std::nullopt});
    }
  }
}

void ConstEvaluator::evaluateAll() {
  for (unsigned module = 0; module < graph_.modules.size(); ++module)
    for (const ast::Item *item : graph_.modules[module].ast->items)
      if (const auto *constant = llvm::dyn_cast<ast::ConstItem>(item))
        if (auto found = constants_[module].find(constant->name.text());
            found != constants_[module].end() && found->second.item == constant)
          evaluateConstant(found->second, module);
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
      const ast::RangeSpec &range = *structure->replication;
      if (auto bounds = sema::checkRangeBounds(range, evaluate(*range.low, module),
                                               evaluate(*range.high, module), diagnostics_))
        rangeBounds_[&range] = *bounds;
    }
    if (const ast::Block *body = ast::bodyOf(*item);
        body && (body->contents & ast::kHoldsReplication))
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

const Value *ConstEvaluator::valueOf(unsigned module, llvm::StringRef name) {
  auto found = constants_[module].find(name);
  if (found == constants_[module].end())
    return nullptr;
  return evaluateConstant(found->second, module);
}

// Constants are evaluated without recursion, so that a chain of a hundred
// thousand constants, each defined by the next, costs memory, not stack. An
// attempt evaluates a constant's value; a name of a constant not yet
// evaluated ends the attempt (its diagnostics are dropped) and puts that
// constant on an explicit stack, to be evaluated first. The attempt is then
// repeated. An attempt stops at the first such name, exactly where the
// recursive evaluation would have descended, so the results, the order of
// evaluation and the diagnostics are those of evaluating on demand.
const Value *ConstEvaluator::evaluateConstant(Constant &root, unsigned rootModule) {
  if (root.state == State::Done)
    return root.value ? &*root.value : nullptr;
  struct Frame {
    Constant *constant;
    unsigned module;
  };
  std::vector<Frame> stack{{&root, rootModule}};
  root.state = State::Evaluating;
  while (!stack.empty()) {
    Frame top = stack.back();
    Constant &constant = *top.constant;
    Attempt attempt;
    attempt_ = &attempt;
    std::optional<Value> value = evaluate(*constant.item->value, top.module);
    attempt_ = nullptr;
    if (attempt.needed && constant.state != State::Done) {
      Constant &needed = *attempt.needed->constant;
      if (needed.state == State::Pending) {
        needed.state = State::Evaluating;
        stack.push_back({&needed, attempt.needed->module});
        continue;
      }
      // Needed while it is being evaluated: the cycle runs from its frame
      // to the top of the stack. Reported once; the constants of the cycle
      // then see it as failed.
      auto first = llvm::find_if(stack, [&](const Frame &frame) { return frame.constant == &needed; });
      std::string cycle;
      for (auto it = first; it != stack.end(); ++it)
        cycle += "`" + it->constant->item->name.text().str() + "` → ";
      cycle += "`" + needed.item->name.text().str() + "`";
      diagnostics_.report(DiagCode::E0303, needed.item->name.range,
                          "constant `" + needed.item->name.text().str() +
                              "` depends on itself: " + cycle);
      needed.state = State::Done; // failed
      needed.value.reset();
      continue;
    }
    diagnostics_.append(std::move(attempt.diagnostics));
    stack.pop_back();
    if (constant.state == State::Done) // a cycle through it was reported
      continue;
    constant.state = State::Done;
    if (constant.item->hasType && !checkDeclaredType(*constant.item, value))
      value.reset();
    constant.value = std::move(value);
  }
  return root.value ? &*root.value : nullptr;
}

bool ConstEvaluator::checkDeclaredType(const ast::ConstItem &item,
                                       const std::optional<Value> &value) {
  llvm::StringRef typeName = item.type.text();
  std::optional<ValueType> type = findValueType(typeName);
  if (!type) {
    Diagnostic &d = diagnostics_.report(
        DiagCode::E0310, item.type.range,
        "`" + typeName.str() + "` is not a type a constant can have; constants hold numbers "
        "(`int`, `number`), quantities (`power`, `length`, …), `bool`, `string`, `date` and "
        "`list`");
    if (std::optional<std::string> best = closestTypeName(typeName))
      d.note("did you mean `" + *best + "`?");
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
                "constant `" + item.name.text().str() + "` is declared `" + typeName.str() +
                    "`, but its value " + what)
        .note(item.type.range, "type declared here");
    return false;
  }
  return true;
}

std::optional<Value> ConstEvaluator::evaluateName(const ast::NameExpr &name, unsigned module) {
  llvm::StringRef text = name.name().text();
  std::vector<unsigned> scopes = graph_.visibleModules(module);
  for (unsigned scope : scopes) {
    auto found = constants_[scope].find(text);
    if (found == constants_[scope].end())
      continue;
    Constant &constant = found->second;
    if (attempt_ && constant.state != State::Done) {
      // Evaluated first, by evaluateConstant; this attempt is repeated then.
      if (!attempt_->needed)
        attempt_->needed = Needed{&constant, scope};
      return std::nullopt;
    }
    const Value *value = evaluateConstant(constant, scope);
    if (!value)
      return std::nullopt; // reported where the constant is defined
    return *value;
  }
  Diagnostic &d = sink().report(DiagCode::E0302, name.range,
                                "unknown name `" + text.str() + "`");
  suggestName(d, text, scopes);
  return std::nullopt;
}

std::vector<llvm::StringRef> ConstEvaluator::namesIn(unsigned module) const {
  std::vector<llvm::StringRef> names;
  for (const auto &entry : constants_[module])
    names.push_back(entry.first());
  return names;
}

void ConstEvaluator::suggestName(Diagnostic &diagnostic, llvm::StringRef wanted,
                                 llvm::ArrayRef<unsigned> scopes) const {
  std::vector<llvm::StringRef> names;
  for (unsigned scope : scopes)
    llvm::append_range(names, namesIn(scope));
  suggest(diagnostic, wanted, names);
}

void ConstEvaluator::suggest(Diagnostic &diagnostic, llvm::StringRef wanted,
                             std::vector<llvm::StringRef> candidates) {
  if (std::optional<std::string> best = closestName(wanted, std::move(candidates)))
    diagnostic.note("did you mean `" + *best + "`?");
}

void ConstEvaluator::override(const ast::ConstItem &definition) {
  llvm::StringRef name = definition.name.text();
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

} // namespace sgd::sema
