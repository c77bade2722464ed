#ifndef SGD_RULES_RULENAMES_H
#define SGD_RULES_RULENAMES_H

// What names mean in a rule: the elements of the design with their members
// (docs/language.md §9), the rule's scope names and its pack's constants.
// Private to compiler/rules.

#include "base/SourceFiles.h"
#include "checks/DesignAnalysis.h"
#include "model/Design.h"
#include "rules/PackConstants.h"
#include "sema/ExprEvaluator.h"

#include <string>
#include <utility>
#include <vector>

namespace sgd::rules {

using model::Reference;
using model::Value;

class RuleNames : public sema::NameResolver {
public:
  RuleNames(const model::Design &design, const checks::DesignAnalysis &analysis,
            const SourceFiles &files, PackConstants &constants, DiagnosticEngine &diagnostics)
      : design_(design), analysis_(analysis), files_(files), constants_(constants),
        diagnostics_(diagnostics) {}

  /// The names of the rule's scope: `site`, `building` in a hall rule, and
  /// the scope's own name (`hall`, `zone`) bound to the element judged.
  std::vector<std::pair<llvm::StringRef, Value>> scope;

  std::optional<Value> resolveName(const ast::NameExpr &name) override;
  sema::MemberLookup member(const Value &base, const ast::Identifier &name,
                            const ast::Expr &written) override;
  std::string describe(const Value &value) const override;
  DiagCode unknownNameCode() const override { return DiagCode::E0505; }
  DiagCode wrongKindCode() const override { return DiagCode::E0506; }

  /// An element of the design as a value, with its place in the source.
  Value element(Reference::Kind kind, model::Index index) const;
  SourceRange rangeOf(const Reference &element) const;
  /// "hall s.b1.h1", "rack s.b1.h1.r1.k[1..12]", "zone data_hall".
  std::string describeElement(const Reference &element) const;
  /// The expression as written.
  llvm::StringRef sourceText(const ast::Expr &expr) const;
  const model::Design &design() const { return design_; }

private:
  const model::Design &design_;
  const checks::DesignAnalysis &analysis_;
  const SourceFiles &files_;
  PackConstants &constants_;
  DiagnosticEngine &diagnostics_;

  std::optional<Value> members(const Reference &element, llvm::StringRef name,
                               const ast::Expr &written);
  std::optional<Value> nodeMember(model::Index index, llvm::StringRef name,
                                  const ast::Expr &written);
  /// The attribute `name` of an element of schema owner `owner`: its value
  /// where the design states it, unset where the schema has it but the
  /// design leaves it out, nothing where the owner has no such attribute.
  std::optional<Value> property(model::PropertySpan span, llvm::StringRef owner,
                                llvm::StringRef name, const ast::Expr &written) const;
  Value unset(const ast::Expr &written, llvm::StringRef why = "") const;
  /// The elements as a list taken inside one replica of `within` (NoIndex:
  /// the design): an element of a replicated node is an entry per replica,
  /// as a design without ranges would list it.
  Value listOf(const std::vector<Reference> &elements, model::Index within) const;
  model::Index zoneOf(model::Index node) const;
};

} // namespace sgd::rules

#endif
