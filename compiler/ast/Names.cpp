// Spellings of AST enumerations, shared by the dumper and diagnostics, and
// small queries over items.
#include "ast/Item.h"

#include "llvm/Support/Casting.h"

namespace sgd::ast {

llvm::StringRef spelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Multiply: return "*";
  case BinaryOp::Divide: return "/";
  case BinaryOp::Add: return "+";
  case BinaryOp::Subtract: return "-";
  case BinaryOp::Equal: return "==";
  case BinaryOp::NotEqual: return "!=";
  case BinaryOp::Less: return "<";
  case BinaryOp::LessEqual: return "<=";
  case BinaryOp::Greater: return ">";
  case BinaryOp::GreaterEqual: return ">=";
  case BinaryOp::And: return "and";
  case BinaryOp::Or: return "or";
  case BinaryOp::Where: return "where";
  }
  llvm_unreachable("unknown binary operator");
}

llvm::StringRef itemKindName(ItemKind kind) {
  switch (kind) {
  case ItemKind::Import: return "import";
  case ItemKind::Const: return "const";
  case ItemKind::Component: return "component";
  case ItemKind::Template: return "template";
  case ItemKind::Structure: return "structure";
  case ItemKind::Zone: return "zone";
  case ItemKind::Comply: return "comply";
  case ItemKind::Ruleset: return "ruleset";
  case ItemKind::Rule: return "rule";
  case ItemKind::Schedule: return "schedule";
  case ItemKind::Task: return "task";
  case ItemKind::Link: return "link";
  case ItemKind::Preorder: return "preorder";
  case ItemKind::Attribute: return "attribute";
  case ItemKind::Equipment: return "equipment";
  }
  llvm_unreachable("unknown item kind");
}

llvm::StringRef structureLevelName(StructureLevel level) {
  switch (level) {
  case StructureLevel::Site: return "site";
  case StructureLevel::Building: return "building";
  case StructureLevel::Hall: return "hall";
  case StructureLevel::Row: return "row";
  case StructureLevel::Rack: return "rack";
  }
  llvm_unreachable("unknown structure level");
}

llvm::StringRef ruleClauseKeyword(RuleClauseKind kind) {
  switch (kind) {
  case RuleClauseKind::Scope: return "scope";
  case RuleClauseKind::Applies: return "applies";
  case RuleClauseKind::Require: return "require";
  case RuleClauseKind::Severity: return "severity";
  case RuleClauseKind::Message: return "message";
  case RuleClauseKind::Cite: return "cite";
  }
  llvm_unreachable("unknown rule clause");
}

BlockContents contentsOf(const Item &item) {
  BlockContents contents = holdsKind(item.kind);
  if (const auto *structure = llvm::dyn_cast<StructureItem>(&item)) {
    if (structure->replication)
      contents |= kHoldsReplication;
    if (structure->instantiation)
      contents |= kHoldsInstantiation;
  }
  if (const Block *body = bodyOf(item))
    contents |= body->contents;
  return contents;
}

} // namespace sgd::ast
