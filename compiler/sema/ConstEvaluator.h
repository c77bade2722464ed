#ifndef SGD_SEMA_CONSTEVALUATOR_H
#define SGD_SEMA_CONSTEVALUATOR_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"
#include "sema/Value.h"

#include "llvm/ADT/StringMap.h"

#include <optional>

namespace sgd::sema {

/// The `const` declarations of every module, evaluated exactly with units.
/// A constant sees the constants of its own file and of the files it imports
/// by path. Errors (unknown names and units, dimension mismatches, division
/// by zero, overflow, cycles, duplicates) are reported once, at their cause;
/// a constant whose value failed does not report again where it is used.
class ConstEvaluator {
public:
  ConstEvaluator(const ModuleGraph &graph, DiagnosticEngine &diagnostics);

  /// Evaluates every constant, in source order.
  void evaluateAll();

  /// The value of constant `name` of module `module`; nothing when it does
  /// not exist or its value failed.
  const Value *valueOf(unsigned module, llvm::StringRef name);

private:
  enum class State : uint8_t { Pending, Evaluating, Done };
  struct Constant {
    const ast::ConstItem *item;
    State state = State::Pending;
    std::optional<Value> value;
  };

  const ModuleGraph &graph_;
  DiagnosticEngine &diagnostics_;
  std::vector<llvm::StringMap<Constant>> constants_; // per module
  std::vector<const ast::ConstItem *> evaluating_;    // for cycle messages

  const Value *evaluateConstant(Constant &constant, unsigned module);
  std::optional<Value> evaluate(const ast::Expr &expr, unsigned module);
  std::optional<Value> evaluateName(const ast::NameExpr &name, unsigned module);
  std::optional<Value> evaluateBinary(const ast::BinaryExpr &binary, unsigned module);
  std::optional<Value> evaluateCall(const ast::CallExpr &call, unsigned module);
  std::optional<Value> quantityResult(llvm::Expected<units::Quantity> result,
                                      SourceRange at);
  void reportUnitError(llvm::Error error, SourceRange at);
};

} // namespace sgd::sema

#endif
