#include "syntax/ParseTreeConverter.h"

#include "SgdBaseVisitor.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <typeinfo>

namespace sgd::syntax {
namespace {

using antlr::SgdParser;
using antlr4::ParserRuleContext;
using antlr4::Token;

// Deeper expressions are an error: later phases walk the AST recursively.
constexpr unsigned maxExpressionDepth = 256;

class ParseTreeConverter : public antlr::SgdBaseVisitor {
public:
  explicit ParseTreeConverter(ParseState &state) : state_(state), ctx_(state.context) {}

  // A token the parser matched, not one error recovery conjured up.
  bool isReal(const Token *token) const {
    return token && (!state_.recovered || (token->getTokenIndex() != INVALID_INDEX &&
                                           token->getStartIndex() != INVALID_INDEX));
  }

  // A context the parser completed: present, not failed, with real tokens.
  // After an error-free parse (ParseState::recovered) every context is.
  bool complete(ParserRuleContext *ctx) const {
    return ctx && (!state_.recovered ||
                   (!ctx->exception && isReal(ctx->getStart()) && isReal(ctx->getStop()) &&
                    ctx->getStop()->getTokenIndex() >= ctx->getStart()->getTokenIndex()));
  }

  const ast::Item *item(SgdParser::ItemContext *ctx) {
    // A tree is built only when the text has errors: error recovery may then
    // have put error nodes beside the declaration.
    if (!complete(ctx) || (!ctx->children.empty() && ctx->children.size() != 1))
      return nullptr;
    // The alternative's label says what the declaration is, so it is visited
    // directly: accept() would look the visitor up by dynamic_cast, once per
    // item (an explicit design has an item per rack).
    item_ = nullptr;
    if (ctx->importItem)
      visitImportDecl(ctx->importItem);
    else if (ctx->constItem)
      visitConstDecl(ctx->constItem);
    else if (ctx->componentItem)
      visitComponentDecl(ctx->componentItem);
    else if (ctx->templateItem)
      visitTemplateDecl(ctx->templateItem);
    else if (ctx->structureItem)
      visitStructureDecl(ctx->structureItem);
    else if (ctx->zoneItem)
      visitZoneDecl(ctx->zoneItem);
    else if (ctx->complyItem)
      visitComplyDecl(ctx->complyItem);
    else if (ctx->rulesetItem)
      visitRulesetDecl(ctx->rulesetItem);
    else if (ctx->ruleItem)
      visitRuleDecl(ctx->ruleItem);
    else if (ctx->scheduleItem)
      visitScheduleDecl(ctx->scheduleItem);
    else if (ctx->taskItem)
      visitTaskDecl(ctx->taskItem);
    else if (ctx->linkItem)
      visitLinkDecl(ctx->linkItem);
    else if (ctx->preorderItem)
      visitPreorderDecl(ctx->preorderItem);
    else if (ctx->attributeItem)
      visitAttribute(ctx->attributeItem);
    else if (ctx->equipmentItem)
      visitEquipmentDecl(ctx->equipmentItem);
    return item_;
  }

  // ---------------------------------------------------------------- items --

  antlrcpp::Any visitImportDecl(SgdParser::ImportDeclContext *ctx) override {
    if (ctx->filePath) {
      auto path = stringValue(ctx->filePath);
      if (path)
        item_ = ctx_.make<ast::ImportItem>(range(ctx), true, ast::QualifiedName{},
                                           *path, state_.range(ctx->filePath));
    } else if (auto module = qualifiedName(ctx->modulePath)) {
      item_ = ctx_.make<ast::ImportItem>(range(ctx), false, *module, llvm::StringRef(),
                                         SourceRange{});
    }
    return {};
  }

  antlrcpp::Any visitConstDecl(SgdParser::ConstDeclContext *ctx) override {
    auto nameId = name(ctx->id);
    std::optional<ast::Identifier> type;
    if (ctx->typeName && !(type = name(ctx->typeName)))
      return {};
    const ast::Expr *value = expr(ctx->value);
    if (nameId && value)
      item_ = ctx_.make<ast::ConstItem>(range(ctx), *nameId, type.has_value(),
                                        type.value_or(ast::Identifier{}), value);
    return {};
  }

  antlrcpp::Any visitComponentDecl(SgdParser::ComponentDeclContext *ctx) override {
    auto kind = name(ctx->kind);
    auto nameId = name(ctx->id);
    auto body = block(ctx->body);
    if (kind && nameId && body)
      item_ = ctx_.make<ast::ComponentItem>(range(ctx), *kind, *nameId, *body);
    return {};
  }

  antlrcpp::Any visitTemplateDecl(SgdParser::TemplateDeclContext *ctx) override {
    auto nameId = name(ctx->id);
    std::vector<ast::Parameter> parameters;
    for (SgdParser::ParamContext *param : ctx->params) {
      auto paramName = name(param->id);
      auto type = name(param->typeName);
      const ast::Expr *defaultValue = nullptr;
      if (param->defaultValue && !(defaultValue = expr(param->defaultValue)))
        return {};
      if (!paramName || !type)
        return {};
      parameters.push_back({*paramName, *type, defaultValue});
    }
    auto body = block(ctx->body);
    if (nameId && body)
      item_ = ctx_.make<ast::TemplateItem>(range(ctx), *nameId, ctx_.copy(parameters), *body);
    return {};
  }

  antlrcpp::Any visitStructureDecl(SgdParser::StructureDeclContext *ctx) override {
    auto nameId = name(ctx->id);
    if (!nameId || !isReal(ctx->level))
      return {};
    ast::StructureLevel level;
    switch (ctx->level->getType()) {
    case SgdParser::SITE: level = ast::StructureLevel::Site; break;
    case SgdParser::BUILDING: level = ast::StructureLevel::Building; break;
    case SgdParser::HALL: level = ast::StructureLevel::Hall; break;
    case SgdParser::ROW: level = ast::StructureLevel::Row; break;
    default: level = ast::StructureLevel::Rack; break;
    }
    const ast::RangeSpec *replication = nullptr;
    if (SgdParser::RangeSpecContext *spec = ctx->replication) {
      const ast::Expr *low = expr(spec->low);
      const ast::Expr *high = expr(spec->high);
      if (!low || !high || !complete(spec))
        return {};
      replication = ctx_.make<ast::RangeSpec>(low, high, range(spec));
    }
    const ast::Instantiation *instantiation = nullptr;
    if (SgdParser::InstantiationContext *inst = ctx->inst) {
      auto templateName = name(inst->id);
      auto arguments = argumentList(inst->args);
      if (!templateName || !arguments || !complete(inst))
        return {};
      instantiation = ctx_.make<ast::Instantiation>(*templateName, *arguments, range(inst));
    }
    const ast::Expr *rackType = nullptr;
    if (ctx->rackType && !(rackType = expr(ctx->rackType)))
      return {};
    auto body = optionalBlock(ctx->body);
    if (!body)
      return {};
    item_ = ctx_.make<ast::StructureItem>(range(ctx), level, *nameId, replication,
                                          instantiation, rackType, *body);
    ++(level == ast::StructureLevel::Rack ? state_.written.racks : state_.written.structures);
    return {};
  }

  antlrcpp::Any visitZoneDecl(SgdParser::ZoneDeclContext *ctx) override {
    auto nameId = name(ctx->id);
    auto body = block(ctx->body);
    if (nameId && body)
      item_ = ctx_.make<ast::ZoneItem>(range(ctx), *nameId, *body);
    return {};
  }

  antlrcpp::Any visitComplyDecl(SgdParser::ComplyDeclContext *ctx) override {
    std::vector<ast::QualifiedName> packs;
    for (SgdParser::QualifiedNameContext *pack : ctx->packs) {
      auto converted = qualifiedName(pack);
      if (!converted)
        return {};
      packs.push_back(*converted);
    }
    item_ = ctx_.make<ast::ComplyItem>(range(ctx), ctx_.copy(packs));
    return {};
  }

  antlrcpp::Any visitRulesetDecl(SgdParser::RulesetDeclContext *ctx) override {
    auto nameId = name(ctx->id);
    std::optional<llvm::StringRef> title;
    if (ctx->title && !(title = stringValue(ctx->title)))
      return {};
    auto body = block(ctx->body);
    if (nameId && body)
      item_ = ctx_.make<ast::RulesetItem>(
          range(ctx), *nameId, title.has_value(), title.value_or(llvm::StringRef()),
          ctx->title ? state_.range(ctx->title) : SourceRange{}, *body);
    return {};
  }

  antlrcpp::Any visitRuleDecl(SgdParser::RuleDeclContext *ctx) override {
    auto nameId = name(ctx->id);
    if (!nameId)
      return {};
    std::vector<ast::RuleClause> clauses;
    for (SgdParser::RuleClauseContext *clause : ctx->clauses) {
      clause_.reset();
      if (complete(clause))
        clause->accept(this);
      if (!clause_)
        return {};
      clauses.push_back(*clause_);
    }
    item_ = ctx_.make<ast::RuleItem>(range(ctx), *nameId, ctx_.copy(clauses));
    return {};
  }

  antlrcpp::Any visitRuleScope(SgdParser::RuleScopeContext *ctx) override {
    if (auto scope = name(ctx->id))
      clause_ = ast::RuleClause{ast::RuleClauseKind::Scope, range(ctx), *scope, nullptr, {}};
    return {};
  }
  antlrcpp::Any visitRuleApplies(SgdParser::RuleAppliesContext *ctx) override {
    if (const ast::Expr *condition = expr(ctx->condition))
      clause_ = ast::RuleClause{ast::RuleClauseKind::Applies, range(ctx), {}, condition, {}};
    return {};
  }
  antlrcpp::Any visitRuleRequire(SgdParser::RuleRequireContext *ctx) override {
    if (const ast::Expr *condition = expr(ctx->condition))
      clause_ = ast::RuleClause{ast::RuleClauseKind::Require, range(ctx), {}, condition, {}};
    return {};
  }
  antlrcpp::Any visitRuleSeverity(SgdParser::RuleSeverityContext *ctx) override {
    if (auto severity = name(ctx->id))
      clause_ = ast::RuleClause{ast::RuleClauseKind::Severity, range(ctx), *severity, nullptr, {}};
    return {};
  }
  antlrcpp::Any visitRuleMessage(SgdParser::RuleMessageContext *ctx) override {
    if (auto text = stringValue(ctx->text))
      clause_ = ast::RuleClause{ast::RuleClauseKind::Message, range(ctx), {}, nullptr, *text};
    return {};
  }
  antlrcpp::Any visitRuleCite(SgdParser::RuleCiteContext *ctx) override {
    if (auto text = stringValue(ctx->text))
      clause_ = ast::RuleClause{ast::RuleClauseKind::Cite, range(ctx), {}, nullptr, *text};
    return {};
  }

  antlrcpp::Any visitScheduleDecl(SgdParser::ScheduleDeclContext *ctx) override {
    if (auto body = block(ctx->body))
      item_ = ctx_.make<ast::ScheduleItem>(range(ctx), *body);
    return {};
  }

  antlrcpp::Any visitTaskDecl(SgdParser::TaskDeclContext *ctx) override {
    auto path = qualifiedName(ctx->id);
    if (!path || !isReal(ctx->kind))
      return {};
    auto body = optionalBlock(ctx->body);
    if (!body)
      return {};
    std::string joined;
    for (const ast::Identifier &part : path->parts)
      joined += (joined.empty() ? "" : ".") + part.text().str();
    ast::Identifier nameId{path->parts.size() == 1 ? path->parts.front().text() : ctx_.save(joined),
                           path->range};
    item_ = ctx_.make<ast::TaskItem>(range(ctx), ctx->kind->getType() == SgdParser::MILESTONE,
                                     *path, nameId, *body);
    return {};
  }

  antlrcpp::Any visitLinkDecl(SgdParser::LinkDeclContext *ctx) override {
    if (!isReal(ctx->direction))
      return {};
    std::vector<ast::LinkTarget> targets;
    for (SgdParser::LinkTargetContext *target : ctx->targets) {
      auto task = qualifiedName(target->task);
      if (!task || !complete(target))
        return {};
      const ast::Expr *lag = nullptr;
      if (target->lag && !(lag = expr(target->lag)))
        return {};
      bool hasType = isReal(target->linkType);
      targets.push_back({*task, hasType,
                         hasType ? identifier(target->linkType) : ast::Identifier{}, lag,
                         target->sign && target->sign->getType() == SgdParser::MINUS});
    }
    item_ = ctx_.make<ast::LinkItem>(range(ctx), ctx->direction->getType() == SgdParser::BEFORE,
                                     ctx_.copy(targets));
    return {};
  }

  antlrcpp::Any visitPreorderDecl(SgdParser::PreorderDeclContext *ctx) override {
    auto component = qualifiedName(ctx->component);
    const ast::Expr *date = expr(ctx->date);
    if (component && date)
      item_ = ctx_.make<ast::PreorderItem>(range(ctx), *component, date);
    return {};
  }

  antlrcpp::Any visitAttribute(SgdParser::AttributeContext *ctx) override {
    auto nameId = name(ctx->id);
    const ast::Expr *value = expr(ctx->value);
    if (nameId && value)
      item_ = ctx_.make<ast::AttributeItem>(range(ctx), *nameId, value);
    return {};
  }

  antlrcpp::Any visitEquipmentDecl(SgdParser::EquipmentDeclContext *ctx) override {
    if (!isReal(ctx->kind))
      return {};
    std::optional<ast::QualifiedName> reference;
    if (ctx->ref && !(reference = qualifiedName(ctx->ref)))
      return {};
    const ast::CountSpec *count = nullptr;
    if (SgdParser::CountSpecContext *spec = ctx->count) {
      if (!complete(spec))
        return {};
      if (spec->autoCount) {
        count = ctx_.make<ast::CountSpec>(true, nullptr, range(spec));
      } else {
        const ast::Expr *value = expr(spec->value);
        if (!value)
          return {};
        count = ctx_.make<ast::CountSpec>(false, value, range(spec));
      }
    }
    const ast::Redundancy *redundancyNode = nullptr;
    if (SgdParser::RedundancySpecContext *spec = ctx->redundancy) {
      auto converted = redundancy(spec);
      if (!converted)
        return {};
      redundancyNode = ctx_.make<ast::Redundancy>(*converted);
    }
    auto body = optionalBlock(ctx->body);
    if (!body)
      return {};
    item_ = ctx_.make<ast::EquipmentItem>(range(ctx), identifier(ctx->kind),
                                          reference.has_value(),
                                          reference.value_or(ast::QualifiedName{}), count,
                                          redundancyNode, *body);
    return {};
  }

  // ---------------------------------------------------------- expressions --

  const ast::Expr *expr(SgdParser::ExprContext *ctx) { return convertExpression(ctx); }

  antlrcpp::Any visitNegateExpr(SgdParser::NegateExprContext *ctx) override {
    if (const ast::Expr *operand = expr(ctx->operand))
      expr_ = ctx_.make<ast::UnaryExpr>(range(ctx), ast::UnaryOp::Negate, operand);
    return {};
  }

  antlrcpp::Any visitNotExpr(SgdParser::NotExprContext *ctx) override {
    if (const ast::Expr *operand = expr(ctx->operand))
      expr_ = ctx_.make<ast::UnaryExpr>(range(ctx), ast::UnaryOp::Not, operand);
    return {};
  }

  antlrcpp::Any visitMultiplyExpr(SgdParser::MultiplyExprContext *ctx) override {
    return binary(ctx, ctx->op, ctx->lhs, ctx->rhs);
  }
  antlrcpp::Any visitAddExpr(SgdParser::AddExprContext *ctx) override {
    return binary(ctx, ctx->op, ctx->lhs, ctx->rhs);
  }
  antlrcpp::Any visitCompareExpr(SgdParser::CompareExprContext *ctx) override {
    return binary(ctx, ctx->op, ctx->lhs, ctx->rhs);
  }
  antlrcpp::Any visitAndExpr(SgdParser::AndExprContext *ctx) override {
    return binary(ctx, ctx->op, ctx->lhs, ctx->rhs);
  }
  antlrcpp::Any visitOrExpr(SgdParser::OrExprContext *ctx) override {
    return binary(ctx, ctx->op, ctx->lhs, ctx->rhs);
  }
  antlrcpp::Any visitWhereExpr(SgdParser::WhereExprContext *ctx) override {
    return binary(ctx, ctx->op, ctx->lhs, ctx->rhs);
  }

  antlrcpp::Any visitIfExpr(SgdParser::IfExprContext *ctx) override {
    const ast::Expr *condition = expr(ctx->condition);
    const ast::Expr *thenValue = condition ? expr(ctx->thenValue) : nullptr;
    const ast::Expr *elseValue = thenValue ? expr(ctx->elseValue) : nullptr;
    if (elseValue)
      expr_ = ctx_.make<ast::IfExpr>(range(ctx), condition, thenValue, elseValue);
    return {};
  }

  antlrcpp::Any visitLambdaExpr(SgdParser::LambdaExprContext *ctx) override {
    std::vector<ast::Identifier> parameters;
    for (SgdParser::NameContext *param : ctx->params->names) {
      auto paramName = name(param);
      if (!paramName)
        return {};
      parameters.push_back(*paramName);
    }
    if (const ast::Expr *body = expr(ctx->body))
      expr_ = ctx_.make<ast::LambdaExpr>(range(ctx), ctx_.copy(parameters), body);
    return {};
  }

  antlrcpp::Any visitMemberExpr(SgdParser::MemberExprContext *ctx) override {
    const ast::Expr *base = expr(ctx->base);
    auto member = name(ctx->member);
    if (base && member)
      expr_ = ctx_.make<ast::MemberExpr>(range(ctx), base, *member);
    return {};
  }

  antlrcpp::Any visitCallExpr(SgdParser::CallExprContext *ctx) override {
    const ast::Expr *callee = expr(ctx->callee);
    auto arguments = callee ? argumentList(ctx->args) : std::nullopt;
    if (arguments)
      expr_ = ctx_.make<ast::CallExpr>(range(ctx), callee, *arguments);
    return {};
  }

  antlrcpp::Any visitIndexExpr(SgdParser::IndexExprContext *ctx) override {
    const ast::Expr *base = expr(ctx->base);
    const ast::Expr *index = base ? expr(ctx->index) : nullptr;
    if (index)
      expr_ = ctx_.make<ast::IndexExpr>(range(ctx), base, index);
    return {};
  }

  antlrcpp::Any visitNumberLiteral(SgdParser::NumberLiteralContext *ctx) override {
    Token *number = ctx->value;
    llvm::StringRef spelling = state_.spelling(number);
    if (spelling.back() == '_' || spelling.contains("__") || spelling.contains("_.") ||
        spelling.contains("._")) {
      state_.diagnostics.report(DiagCode::E0108, state_.range(number),
                                "malformed number `" + spelling.str() +
                                    "`: underscores may only separate digits");
      return {};
    }
    llvm::StringRef unit;
    SourceRange unitRange;
    if (SgdParser::UnitContext *unitCtx = ctx->suffix) {
      if (!complete(unitCtx))
        return {};
      std::string text;
      for (const Token *part : unitCtx->parts)
        text += state_.spelling(part);
      unit = ctx_.save(text);
      unitRange = range(unitCtx);
    }
    expr_ = ctx_.make<ast::NumberExpr>(range(ctx), spelling, unit, unitRange);
    return {};
  }

  antlrcpp::Any visitStringLiteral(SgdParser::StringLiteralContext *ctx) override {
    if (auto value = stringValue(ctx->value))
      expr_ = ctx_.make<ast::StringExpr>(range(ctx), *value);
    return {};
  }

  antlrcpp::Any visitDateLiteral(SgdParser::DateLiteralContext *ctx) override {
    llvm::StringRef text = state_.spelling(ctx->value);
    int year = 0;
    unsigned month = 0, day = 0;
    text.substr(0, 4).getAsInteger(10, year);
    text.substr(5, 2).getAsInteger(10, month);
    text.substr(8, 2).getAsInteger(10, day);
    std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                     std::chrono::day(day)};
    if (!date.ok()) {
      state_.diagnostics.report(DiagCode::E0108, range(ctx),
                                "`" + text.str() + "` is not a calendar date");
      return {};
    }
    expr_ = ctx_.make<ast::DateExpr>(range(ctx), year, month, day);
    return {};
  }

  antlrcpp::Any visitBoolLiteral(SgdParser::BoolLiteralContext *ctx) override {
    expr_ = ctx_.make<ast::BoolExpr>(range(ctx), ctx->value->getType() == SgdParser::TRUE);
    return {};
  }

  antlrcpp::Any visitNameRef(SgdParser::NameRefContext *ctx) override {
    if (auto nameId = name(ctx->id))
      expr_ = ctx_.make<ast::NameExpr>(*nameId);
    return {};
  }

  antlrcpp::Any visitListLiteral(SgdParser::ListLiteralContext *ctx) override {
    std::vector<const ast::Expr *> elements;
    for (SgdParser::ExprContext *element : ctx->elements) {
      const ast::Expr *converted = expr(element);
      if (!converted)
        return {};
      elements.push_back(converted);
    }
    expr_ = ctx_.make<ast::ListExpr>(range(ctx), ctx_.copy(elements));
    return {};
  }

  antlrcpp::Any visitParenExpr(SgdParser::ParenExprContext *ctx) override {
    // Parentheses only group; the node keeps the inner expression's range.
    expr_ = expr(ctx->inner);
    return {};
  }

private:
  ParseState &state_;
  ast::AstContext &ctx_;
  const ast::Item *item_ = nullptr;
  const ast::Expr *expr_ = nullptr;
  std::optional<ast::RuleClause> clause_;
  unsigned expressionDepth_ = 0;
  bool reportedTooDeep_ = false;

  SourceRange range(ParserRuleContext *ctx) const { return state_.range(ctx); }

  ast::Identifier identifier(const Token *token) const {
    return {state_.spelling(token), state_.range(token)};
  }

  std::optional<ast::Identifier> name(SgdParser::NameContext *ctx) const {
    if (!complete(ctx))
      return std::nullopt;
    return identifier(ctx->getStart());
  }

  std::optional<ast::QualifiedName> qualifiedName(SgdParser::QualifiedNameContext *ctx) {
    if (!complete(ctx))
      return std::nullopt;
    std::vector<ast::Identifier> parts;
    for (SgdParser::NameContext *part : ctx->parts) {
      auto converted = name(part);
      if (!converted)
        return std::nullopt;
      parts.push_back(*converted);
    }
    return ast::QualifiedName{ctx_.copy(parts), range(ctx)};
  }

  std::optional<ast::Block> block(SgdParser::BlockContext *ctx) {
    if (!complete(ctx) || !isReal(ctx->close))
      return std::nullopt;
    // A large block's items were parsed on their own (see Parser.cpp).
    if (state_.splice && state_.begin(ctx->getStart()) == state_.splice->openBrace)
      return ast::Block{state_.splice->items, range(ctx)};
    std::vector<const ast::Item *> items;
    ast::BlockContents contents = 0;
    for (SgdParser::ItemContext *child : ctx->items)
      if (const ast::Item *converted = ParseTreeConverter::item(child)) {
        items.push_back(converted);
        contents |= ast::contentsOf(*converted);
      }
    return ast::Block{ctx_.copy(items), range(ctx), contents};
  }

  // An optional `{ }` body: null when absent, nothing when it is incomplete.
  std::optional<const ast::Block *> optionalBlock(SgdParser::BlockContext *ctx) {
    if (!ctx)
      return static_cast<const ast::Block *>(nullptr);
    auto converted = block(ctx);
    if (!converted)
      return std::nullopt;
    return ctx_.make<ast::Block>(*converted);
  }

  std::optional<llvm::ArrayRef<ast::Argument>> argumentList(SgdParser::ArgListContext *ctx) {
    if (!ctx)
      return llvm::ArrayRef<ast::Argument>();
    std::vector<ast::Argument> arguments;
    for (SgdParser::ArgContext *arg : ctx->args) {
      std::optional<ast::Identifier> argName;
      if (arg->id && !(argName = name(arg->id)))
        return std::nullopt;
      const ast::Expr *value = expr(arg->value);
      if (!value)
        return std::nullopt;
      arguments.push_back({argName.has_value(), argName.value_or(ast::Identifier{}), value});
    }
    return ctx_.copy(arguments);
  }

  std::optional<ast::Redundancy> redundancy(SgdParser::RedundancySpecContext *ctx) {
    // A part ANTLR conjured while recovering is not real: its error is out.
    auto absentOrReal = [&](Token *token) { return !token || isReal(token); };
    if (!complete(ctx) || !isReal(ctx->base) || !absentOrReal(ctx->factor) ||
        !absentOrReal(ctx->spare) || !absentOrReal(ctx->sideSpare) ||
        !absentOrReal(ctx->share) || !absentOrReal(ctx->catcher))
      return std::nullopt;
    llvm::StringRef base = state_.spelling(ctx->base);
    if (base != "N") {
      state_.diagnostics.report(
          DiagCode::E0107, state_.range(ctx->base),
          "redundancy is counted from `N`, the units the load needs; found `" + base.str() +
              "`; write N, N+1, N+1 catcher, 2N, 2N+1, 2(N+1) or 4N/3");
      return std::nullopt;
    }
    if (ctx->catcher && state_.spelling(ctx->catcher) != "catcher") {
      state_.diagnostics.report(DiagCode::E0107, state_.range(ctx->catcher),
                                "after N+k only `catcher` may follow (block redundant: N "
                                "blocks and k reserve blocks); found `" +
                                    state_.spelling(ctx->catcher).str() + "`");
      return std::nullopt;
    }
    unsigned factor = 1, spare = 0, share = 1;
    if (ctx->factor && ctx->share) {
      // xN/y, distributed redundant: x systems, any y of which carry the load.
      if (state_.spelling(ctx->factor).getAsInteger(10, factor) ||
          state_.spelling(ctx->share).getAsInteger(10, share) || share < 2 ||
          factor != share + 1) {
        SourceRange form = state_.range(ctx->factor, ctx->share);
        state_.diagnostics.report(DiagCode::E0107, form,
                                  "distributed redundancy is xN/y with x = y + 1 and y at "
                                  "least 2 (`3N/2`, `4N/3`): x systems, any y of which carry "
                                  "the load; found `" +
                                      state_.fileText.slice(form.begin, form.end).str() + "`");
        return std::nullopt;
      }
      return ast::Redundancy{factor, 0, false, share, false, range(ctx)};
    }
    if (ctx->factor && state_.spelling(ctx->factor) != "2") {
      state_.diagnostics.report(DiagCode::E0107, state_.range(ctx->factor),
                                "only 2N, 2N+k and 2(N+k) multiply the units (and xN/y "
                                "divides them); found `" +
                                    state_.spelling(ctx->factor).str() + "`");
      return std::nullopt;
    }
    if (ctx->factor)
      factor = 2;
    Token *spareToken = ctx->spare ? ctx->spare : ctx->sideSpare;
    if (spareToken && (state_.spelling(spareToken).getAsInteger(10, spare) || spare == 0)) {
      state_.diagnostics.report(DiagCode::E0107, state_.range(spareToken),
                                "spare units in N+k must be a whole number of at least 1; "
                                "found `" + state_.spelling(spareToken).str() + "`");
      return std::nullopt;
    }
    return ast::Redundancy{factor, spare, ctx->sideSpare != nullptr, 1, ctx->catcher != nullptr,
                           range(ctx)};
  }

  antlrcpp::Any binary(ParserRuleContext *ctx, Token *op, SgdParser::ExprContext *lhsCtx,
                       SgdParser::ExprContext *rhsCtx) {
    const ast::Expr *lhs = expr(lhsCtx);
    const ast::Expr *rhs = lhs ? expr(rhsCtx) : nullptr;
    if (!rhs || !isReal(op))
      return {};
    ast::BinaryOp kind;
    switch (op->getType()) {
    case SgdParser::STAR: kind = ast::BinaryOp::Multiply; break;
    case SgdParser::SLASH: kind = ast::BinaryOp::Divide; break;
    case SgdParser::PLUS: kind = ast::BinaryOp::Add; break;
    case SgdParser::MINUS: kind = ast::BinaryOp::Subtract; break;
    case SgdParser::EQEQ: kind = ast::BinaryOp::Equal; break;
    case SgdParser::NEQ: kind = ast::BinaryOp::NotEqual; break;
    case SgdParser::LT: kind = ast::BinaryOp::Less; break;
    case SgdParser::LE: kind = ast::BinaryOp::LessEqual; break;
    case SgdParser::GT: kind = ast::BinaryOp::Greater; break;
    case SgdParser::GE: kind = ast::BinaryOp::GreaterEqual; break;
    case SgdParser::AND: kind = ast::BinaryOp::And; break;
    case SgdParser::OR: kind = ast::BinaryOp::Or; break;
    default: kind = ast::BinaryOp::Where; break;
    }
    expr_ = ctx_.make<ast::BinaryExpr>(range(ctx), kind, state_.range(op), lhs, rhs);
    return {};
  }

  // Converts any expression-like context with a depth limit, so deeply nested
  // input is an error, not a stack overflow later.
  const ast::Expr *convertExpression(ParserRuleContext *ctx) {
    if (!complete(ctx))
      return nullptr;
    if (expressionDepth_ >= maxExpressionDepth) {
      if (!reportedTooDeep_)
        state_.diagnostics
            .report(DiagCode::E0112, range(ctx),
                    llvm::formatv("expression nested more than {0} levels deep",
                                  maxExpressionDepth)
                        .str())
            .note(kFixedNestingLimit.str());
      reportedTooDeep_ = true;
      return nullptr;
    }
    ++expressionDepth_;
    expr_ = nullptr;
    // The two expressions of every rack line (`nvidia.gb200_nvl72`) are
    // visited directly: accept() finds this visitor by a dynamic_cast, some
    // 230 instructions, where a type_info that matches compares by address.
    const std::type_info &type = typeid(*ctx);
    if (type == typeid(SgdParser::NameRefContext))
      visitNameRef(static_cast<SgdParser::NameRefContext *>(ctx));
    else if (type == typeid(SgdParser::MemberExprContext))
      visitMemberExpr(static_cast<SgdParser::MemberExprContext *>(ctx));
    else
      ctx->accept(this);
    --expressionDepth_;
    const ast::Expr *result = expr_;
    expr_ = nullptr;
    return result;
  }

  // The value of a string literal token, escapes resolved. Reports malformed
  // escapes and returns nothing for them.
  std::optional<llvm::StringRef> stringValue(Token *token) {
    if (!isReal(token))
      return std::nullopt;
    llvm::StringRef quotedText = state_.spelling(token);
    llvm::StringRef body = quotedText.drop_front();
    if (body.endswith("\""))
      body = body.drop_back(); // an unterminated string has no closing quote
    if (!body.contains('\\'))
      return body;
    std::string value;
    uint32_t bodyOffset = state_.begin(token) + 1;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] != '\\') {
        value += body[i];
        continue;
      }
      char escape = i + 1 < body.size() ? body[i + 1] : '\0';
      size_t escapeLength = 2;
      switch (escape) {
      case 'n': value += '\n'; break;
      case 't': value += '\t'; break;
      case 'r': value += '\r'; break;
      case '"': value += '"'; break;
      case '\\': value += '\\'; break;
      case 'u': {
        size_t close = body.find('}', i);
        unsigned codePoint = 0;
        if (i + 2 < body.size() && body[i + 2] == '{' && close != llvm::StringRef::npos &&
            !body.slice(i + 3, close).getAsInteger(16, codePoint) && close > i + 3 &&
            codePoint <= 0x10FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
          char buffer[4];
          char *out = buffer;
          llvm::ConvertCodePointToUTF8(codePoint, out);
          value.append(buffer, out);
          escapeLength = close - i + 1;
          break;
        }
        escapeLength = close == llvm::StringRef::npos ? 2 : close - i + 1;
        [[fallthrough]];
      }
      default: {
        uint32_t at = bodyOffset + static_cast<uint32_t>(i);
        state_.diagnostics.report(
            DiagCode::E0108, {state_.file, at, at + static_cast<uint32_t>(escapeLength)},
            "unknown escape `" + body.substr(i, escapeLength).str() +
                "` in string; use \\\", \\\\, \\n, \\t, \\r or \\u{hex}");
        return std::nullopt;
      }
      }
      i += escapeLength - 1;
    }
    return ctx_.save(value);
  }

};

} // namespace

std::vector<const ast::Item *> convertItems(const std::vector<SgdParser::ItemContext *> &items,
                                            ParseState &state) {
  ParseTreeConverter converter(state);
  std::vector<const ast::Item *> result;
  result.reserve(items.size());
  for (SgdParser::ItemContext *item : items)
    if (const ast::Item *converted = converter.item(item))
      result.push_back(converted);
  return result;
}

} // namespace sgd::syntax
