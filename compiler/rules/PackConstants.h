#ifndef SGD_RULES_PACKCONSTANTS_H
#define SGD_RULES_PACKCONSTANTS_H

// The constants of a rule pack's file, evaluated on first use. Private to
// compiler/rules.

#include "ast/Item.h"
#include "diagnostics/DiagnosticEngine.h"
#include "sema/ExprEvaluator.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <optional>

namespace sgd::rules {

/// Names in a pack's constants and version attributes: the other constants
/// of the pack's file. Constants are computed before the design exists, as
/// in a design's file (E0302 for an unknown name, E0303 for a cycle).
class PackConstants : public sema::NameResolver {
public:
  PackConstants(const llvm::StringMap<const ast::ConstItem *> &items,
                llvm::StringMap<std::optional<model::Value>> &values,
                sema::ExprEvaluator &evaluator, DiagnosticEngine &diagnostics)
      : items_(items), values_(values), evaluator_(evaluator), diagnostics_(diagnostics) {}

  std::optional<model::Value> resolveName(const ast::NameExpr &name) override;

  /// Whether the pack has a constant of this name.
  bool declares(llvm::StringRef name) const { return items_.count(name) != 0; }

  /// The constant's value, evaluated once; nothing when it failed (reported
  /// once, where it is defined or where it fails).
  std::optional<model::Value> valueOf(const ast::ConstItem &item);

  /// The names of the pack's constants, for suggestions.
  std::vector<llvm::StringRef> names() const;

private:
  const llvm::StringMap<const ast::ConstItem *> &items_;
  llvm::StringMap<std::optional<model::Value>> &values_;
  sema::ExprEvaluator &evaluator_;
  DiagnosticEngine &diagnostics_;
  llvm::StringSet<> evaluating_;
};

} // namespace sgd::rules

#endif
