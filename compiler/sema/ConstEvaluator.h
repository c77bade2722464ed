#ifndef SGD_SEMA_CONSTEVALUATOR_H
#define SGD_SEMA_CONSTEVALUATOR_H

#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"
#include "sema/ExprEvaluator.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace sgd::sema {

/// The `const` declarations of every module, evaluated exactly with units.
/// A constant sees the constants of its own file and of the files it imports
/// by path. Errors (unknown names and units, dimension mismatches, division
/// by zero, overflow, cycles) are reported once, at their cause;
/// a constant whose value failed does not report again where it is used.
class ConstEvaluator {
public:
  ConstEvaluator(const ModuleGraph &graph, DiagnosticEngine &diagnostics);

  /// Replaces a constant's value before evaluation (`-D name=value`).
  /// `definition` is `const name = value;` parsed from the command line. The
  /// constant is looked up in the entry files first, then in the other files
  /// of the project; the new value must be of the same kind and dimension as
  /// the declared one. Errors are diagnostics.
  void override(const ast::ConstItem &definition);

  /// Evaluates every constant, in source order.
  void evaluateAll();

  /// Evaluates the bounds of every range `name[low..high]` outside templates
  /// (inside, bounds may use parameters and are checked on expansion): both
  /// must be whole numbers, 0 or more, with low ≤ high (E0314).
  void checkRangeBounds();

  /// The bounds of a range found valid by checkRangeBounds.
  std::optional<std::pair<uint64_t, uint64_t>> rangeBounds(const ast::RangeSpec &range) const;

  /// The value of constant `name` of module `module`; nothing when it does
  /// not exist or its value failed.
  const Value *valueOf(unsigned module, llvm::StringRef name);

  /// Whether module `module` declares constant `name`.
  bool declares(unsigned module, llvm::StringRef name) const {
    return constants_[module].count(name) != 0;
  }

  /// The names of the constants of module `module` (for suggestions).
  std::vector<llvm::StringRef> namesIn(unsigned module) const;

private:
  enum class State : uint8_t { Pending, Evaluating, Done };
  struct Constant {
    const ast::ConstItem *item;
    State state = State::Pending;
    std::optional<Value> value;
  };

  /// A constant an attempt found not yet evaluated.
  struct Needed {
    Constant *constant;
    unsigned module;
  };
  /// One attempt at a constant's value (evaluateConstant): its diagnostics,
  /// kept only when it needed no constant that was not evaluated yet.
  struct Attempt {
    DiagnosticEngine diagnostics;
    std::optional<Needed> needed; // the first such constant
  };

  const ModuleGraph &graph_;
  DiagnosticEngine &diagnostics_;
  std::vector<llvm::StringMap<Constant>> constants_; // per module
  Attempt *attempt_ = nullptr;                       // while one runs
  llvm::DenseMap<const ast::RangeSpec *, std::pair<uint64_t, uint64_t>> rangeBounds_;

  /// Where diagnostics go: the running attempt's engine, else the engine.
  DiagnosticEngine &sink();

  const Value *evaluateConstant(Constant &constant, unsigned module);
  void checkRangeBounds(llvm::ArrayRef<const ast::Item *> items, unsigned module);
  void suggestName(Diagnostic &diagnostic, llvm::StringRef wanted,
                   llvm::ArrayRef<unsigned> scopes) const;
  static void suggest(Diagnostic &diagnostic, llvm::StringRef wanted,
                      std::vector<llvm::StringRef> candidates);
  bool checkDeclaredType(const ast::ConstItem &item, const std::optional<Value> &value);
  class ConstantNames;
  std::optional<Value> evaluate(const ast::Expr &expr, unsigned module);
  std::optional<Value> evaluateName(const ast::NameExpr &name, unsigned module);
};

} // namespace sgd::sema

#endif
