#include "ast/AstDump.h"

#include "llvm/Support/Casting.h"
#include "llvm/Support/Format.h"

namespace sgd::ast {
namespace {

class AstDumper {
public:
  AstDumper(llvm::raw_ostream &os, const SourceFiles &files) : os_(os), files_(files) {}

  void dumpFile(const File &file) {
    os_ << "file " << files_.displayName(file.id) << "\n";
    for (const Item *item : file.items)
      dumpItem(*item, 1);
  }

private:
  llvm::raw_ostream &os_;
  const SourceFiles &files_;

  // Starts a node line: indentation and the node's label.
  llvm::raw_ostream &open(unsigned depth) {
    os_.indent(depth * 2);
    return os_;
  }

  void location(SourceRange range) {
    LineColumn begin = files_.lineColumn(range.file, range.begin);
    LineColumn end = files_.lineColumn(range.file, range.end);
    os_ << " @" << begin.line << ":" << begin.column << "-" << end.line << ":"
        << end.column << "\n";
  }

  void qualified(const QualifiedName &name) {
    for (size_t i = 0; i < name.parts.size(); ++i)
      os_ << (i ? "." : "") << name.parts[i].text();
  }

  // Quotes a string value; UTF-8 is printed as is, so dumps stay readable.
  void quoted(llvm::StringRef text) {
    os_ << '"';
    for (unsigned char c : text) {
      switch (c) {
      case '"': os_ << "\\\""; break;
      case '\\': os_ << "\\\\"; break;
      case '\n': os_ << "\\n"; break;
      case '\t': os_ << "\\t"; break;
      case '\r': os_ << "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F)
          os_ << llvm::format("\\u{%X}", c);
        else
          os_ << c;
      }
    }
    os_ << '"';
  }

  void dumpBlock(const Block &block, unsigned depth) {
    for (const Item *item : block.items)
      dumpItem(*item, depth);
  }

  void dumpArguments(llvm::ArrayRef<Argument> arguments, unsigned depth) {
    for (const Argument &argument : arguments) {
      if (argument.hasName) {
        open(depth) << "arg " << argument.name.text();
        location(argument.name.range);
        dumpExpr(*argument.value, depth + 1);
      } else {
        dumpExpr(*argument.value, depth);
      }
    }
  }

  void dumpItem(const Item &item, unsigned depth) {
    using llvm::cast;
    switch (item.kind) {
    case ItemKind::Import: {
      const auto &import = cast<ImportItem>(item);
      open(depth) << "import ";
      if (import.isFile)
        quoted(import.path);
      else
        qualified(import.module);
      location(item.range);
      return;
    }
    case ItemKind::Const: {
      const auto &constant = cast<ConstItem>(item);
      open(depth) << "const " << constant.name.text();
      if (constant.hasType)
        os_ << ": " << constant.type.text();
      location(item.range);
      dumpExpr(*constant.value, depth + 1);
      return;
    }
    case ItemKind::Component: {
      const auto &component = cast<ComponentItem>(item);
      open(depth) << "component " << component.componentKind.text() << " "
                  << component.name.text();
      location(item.range);
      dumpBlock(component.body, depth + 1);
      return;
    }
    case ItemKind::Template: {
      const auto &tmpl = cast<TemplateItem>(item);
      open(depth) << "template " << tmpl.name.text();
      location(item.range);
      for (const Parameter &parameter : tmpl.parameters) {
        open(depth + 1) << "param " << parameter.name.text() << ": " << parameter.type.text();
        location(parameter.name.range);
        if (parameter.defaultValue)
          dumpExpr(*parameter.defaultValue, depth + 2);
      }
      dumpBlock(tmpl.body, depth + 1);
      return;
    }
    case ItemKind::Structure: {
      const auto &structure = cast<StructureItem>(item);
      open(depth) << structureLevelName(structure.level) << " " << structure.name.text();
      location(item.range);
      if (structure.replication) {
        open(depth + 1) << "range";
        location(structure.replication->range);
        dumpExpr(*structure.replication->low, depth + 2);
        dumpExpr(*structure.replication->high, depth + 2);
      }
      if (structure.instantiation) {
        open(depth + 1) << "instantiate " << structure.instantiation->templateName.text();
        location(structure.instantiation->range);
        dumpArguments(structure.instantiation->arguments, depth + 2);
      }
      if (structure.rackType) {
        open(depth + 1) << "type";
        location(structure.rackType->range);
        dumpExpr(*structure.rackType, depth + 2);
      }
      if (structure.body)
        dumpBlock(*structure.body, depth + 1);
      return;
    }
    case ItemKind::Zone: {
      const auto &zone = cast<ZoneItem>(item);
      open(depth) << "zone " << zone.name.text();
      location(item.range);
      dumpBlock(zone.body, depth + 1);
      return;
    }
    case ItemKind::Comply: {
      open(depth) << "comply ";
      llvm::ArrayRef<QualifiedName> packs = cast<ComplyItem>(item).packs;
      for (size_t i = 0; i < packs.size(); ++i) {
        os_ << (i ? ", " : "");
        qualified(packs[i]);
      }
      location(item.range);
      return;
    }
    case ItemKind::Ruleset: {
      const auto &ruleset = cast<RulesetItem>(item);
      open(depth) << "ruleset " << ruleset.name.text();
      if (ruleset.hasTitle) {
        os_ << " ";
        quoted(ruleset.title);
      }
      location(item.range);
      dumpBlock(ruleset.body, depth + 1);
      return;
    }
    case ItemKind::Rule: {
      const auto &rule = cast<RuleItem>(item);
      open(depth) << "rule " << rule.name.text();
      location(item.range);
      for (const RuleClause &clause : rule.clauses) {
        open(depth + 1) << ruleClauseKeyword(clause.kind);
        switch (clause.kind) {
        case RuleClauseKind::Scope:
        case RuleClauseKind::Severity:
          os_ << " " << clause.name.text();
          location(clause.range);
          break;
        case RuleClauseKind::Message:
        case RuleClauseKind::Cite:
          os_ << " ";
          quoted(clause.text);
          location(clause.range);
          break;
        case RuleClauseKind::Applies:
        case RuleClauseKind::Require:
          location(clause.range);
          dumpExpr(*clause.condition, depth + 2);
          break;
        }
      }
      return;
    }
    case ItemKind::Schedule:
      open(depth) << "schedule";
      location(item.range);
      dumpBlock(llvm::cast<ScheduleItem>(item).body, depth + 1);
      return;
    case ItemKind::Task: {
      const auto &task = cast<TaskItem>(item);
      open(depth) << (task.isMilestone ? "milestone " : "task ") << task.name.text();
      location(item.range);
      if (task.body)
        dumpBlock(*task.body, depth + 1);
      return;
    }
    case ItemKind::Link: {
      const auto &link = cast<LinkItem>(item);
      open(depth) << (link.isBefore ? "before" : "after");
      location(item.range);
      for (const LinkTarget &target : link.targets) {
        open(depth + 1) << "target ";
        qualified(target.task);
        if (target.hasType)
          os_ << " " << target.type.text();
        if (target.lag)
          os_ << (target.lagIsNegative ? " lag -" : " lag +");
        location(target.task.range);
        if (target.lag)
          dumpExpr(*target.lag, depth + 2);
      }
      return;
    }
    case ItemKind::Preorder: {
      const auto &preorder = cast<PreorderItem>(item);
      open(depth) << "preorder ";
      qualified(preorder.component);
      location(item.range);
      dumpExpr(*preorder.date, depth + 1);
      return;
    }
    case ItemKind::Attribute: {
      const auto &attribute = cast<AttributeItem>(item);
      open(depth) << "attribute " << attribute.name.text();
      location(item.range);
      dumpExpr(*attribute.value, depth + 1);
      return;
    }
    case ItemKind::Equipment: {
      const auto &equipment = cast<EquipmentItem>(item);
      open(depth) << "equipment " << equipment.equipmentKind.text();
      if (equipment.hasReference) {
        os_ << " ";
        qualified(equipment.reference);
      }
      if (equipment.count && equipment.count->isAuto)
        os_ << " * auto";
      if (const Redundancy *redundancy = equipment.redundancy) {
        os_ << " redundancy ";
        if (redundancy->factor != 1)
          os_ << redundancy->factor << (redundancy->sparePerSide ? "(" : "");
        os_ << "N";
        if (redundancy->spare)
          os_ << "+" << redundancy->spare;
        if (redundancy->sparePerSide)
          os_ << ")";
        if (redundancy->share != 1)
          os_ << "/" << redundancy->share;
        if (redundancy->catcher)
          os_ << " catcher";
      }
      location(item.range);
      if (equipment.count && !equipment.count->isAuto) {
        open(depth + 1) << "count";
        location(equipment.count->range);
        dumpExpr(*equipment.count->count, depth + 2);
      }
      if (equipment.body)
        dumpBlock(*equipment.body, depth + 1);
      return;
    }
    }
  }

  void dumpExpr(const Expr &expr, unsigned depth) {
    using llvm::cast;
    switch (expr.kind) {
    case ExprKind::Number: {
      const auto &number = cast<NumberExpr>(expr);
      open(depth) << "number " << number.spelling;
      if (!number.unit.empty())
        os_ << " " << number.unit;
      break;
    }
    case ExprKind::String:
      open(depth) << "string ";
      quoted(cast<StringExpr>(expr).value);
      break;
    case ExprKind::Date: {
      const auto &date = cast<DateExpr>(expr);
      open(depth) << "date "
                  << llvm::format("%04d-%02u-%02u", date.year, date.month, date.day);
      break;
    }
    case ExprKind::Bool:
      open(depth) << "bool " << (cast<BoolExpr>(expr).value ? "true" : "false");
      break;
    case ExprKind::Name:
      open(depth) << "name " << cast<NameExpr>(expr).name().text();
      break;
    case ExprKind::List:
      open(depth) << "list";
      location(expr.range);
      for (const Expr *element : cast<ListExpr>(expr).elements)
        dumpExpr(*element, depth + 1);
      return;
    case ExprKind::Member: {
      const auto &member = cast<MemberExpr>(expr);
      open(depth) << "member " << member.member().text();
      location(expr.range);
      dumpExpr(*member.base, depth + 1);
      return;
    }
    case ExprKind::Call: {
      const auto &call = cast<CallExpr>(expr);
      open(depth) << "call";
      location(expr.range);
      dumpExpr(*call.callee, depth + 1);
      dumpArguments(call.arguments, depth + 1);
      return;
    }
    case ExprKind::Index: {
      const auto &index = cast<IndexExpr>(expr);
      open(depth) << "index";
      location(expr.range);
      dumpExpr(*index.base, depth + 1);
      dumpExpr(*index.index, depth + 1);
      return;
    }
    case ExprKind::Unary: {
      const auto &unary = cast<UnaryExpr>(expr);
      open(depth) << (unary.op == UnaryOp::Negate ? "unary -" : "unary not");
      location(expr.range);
      dumpExpr(*unary.operand, depth + 1);
      return;
    }
    case ExprKind::Binary: {
      const auto &binary = cast<BinaryExpr>(expr);
      open(depth) << "binary " << spelling(binary.op);
      location(expr.range);
      dumpExpr(*binary.lhs, depth + 1);
      dumpExpr(*binary.rhs, depth + 1);
      return;
    }
    case ExprKind::If: {
      const auto &conditional = cast<IfExpr>(expr);
      open(depth) << "if";
      location(expr.range);
      dumpExpr(*conditional.condition, depth + 1);
      dumpExpr(*conditional.thenValue, depth + 1);
      dumpExpr(*conditional.elseValue, depth + 1);
      return;
    }
    case ExprKind::Lambda: {
      const auto &lambda = cast<LambdaExpr>(expr);
      open(depth) << "lambda";
      for (const Identifier &parameter : lambda.parameters)
        os_ << " " << parameter.text();
      location(expr.range);
      dumpExpr(*lambda.body, depth + 1);
      return;
    }
    }
    location(expr.range);
  }
};

} // namespace

void dumpAst(llvm::raw_ostream &os, const SourceFiles &files, const File &file) {
  AstDumper(os, files).dumpFile(file);
}

} // namespace sgd::ast
