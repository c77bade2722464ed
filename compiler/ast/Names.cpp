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

const Block *bodyOf(const Item &item) {
  using llvm::cast;
  switch (item.kind) {
  case ItemKind::Structure: return cast<StructureItem>(item).body;
  case ItemKind::Component: return &cast<ComponentItem>(item).body;
  case ItemKind::Template: return &cast<TemplateItem>(item).body;
  case ItemKind::Zone: return &cast<ZoneItem>(item).body;
  case ItemKind::Ruleset: return &cast<RulesetItem>(item).body;
  case ItemKind::Schedule: return &cast<ScheduleItem>(item).body;
  case ItemKind::Task: return cast<TaskItem>(item).body;
  case ItemKind::Equipment: return cast<EquipmentItem>(item).body;
  case ItemKind::Import:
  case ItemKind::Const:
  case ItemKind::Comply:
  case ItemKind::Rule:
  case ItemKind::Link:
  case ItemKind::Preorder:
  case ItemKind::Attribute:
    return nullptr;
  }
  llvm_unreachable("unknown item kind");
}

} // namespace sgd::ast
