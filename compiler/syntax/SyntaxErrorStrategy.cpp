#include "syntax/SyntaxErrorStrategy.h"

#include "SgdParser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

namespace sgd::syntax {
namespace {

using antlr::SgdParser;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::atn::ATNState;
using antlr4::misc::IntervalSet;

template <typename Context> Context *enclosing(antlr4::tree::ParseTree *node) {
  for (; node; node = node->parent)
    if (auto *match = dynamic_cast<Context *>(node))
      return match;
  return nullptr;
}

bool isItemList(ParserRuleContext *ctx) {
  return dynamic_cast<SgdParser::BlockContext *>(ctx) ||
         dynamic_cast<SgdParser::FileContext *>(ctx);
}

std::string backticked(llvm::StringRef text) {
  constexpr size_t maxShown = 40;
  if (text.size() > maxShown)
    return ("`" + text.take_front(maxShown) + "…`").str();
  return ("`" + text + "`").str();
}

std::string nameOf(SgdParser::NameContext *name) {
  return name ? name->getText() : std::string("?");
}

// How the construct that owns a block is called in messages: site `abilene`.
std::string constructLabel(antlr4::tree::ParseTree *ctx) {
  if (auto *s = dynamic_cast<SgdParser::StructureDeclContext *>(ctx))
    return (s->level ? s->level->getText() : "structure") + " " + backticked(nameOf(s->id));
  if (auto *c = dynamic_cast<SgdParser::ComponentDeclContext *>(ctx))
    return "component " + backticked(nameOf(c->id));
  if (auto *t = dynamic_cast<SgdParser::TemplateDeclContext *>(ctx))
    return "template " + backticked(nameOf(t->id));
  if (auto *z = dynamic_cast<SgdParser::ZoneDeclContext *>(ctx))
    return "zone " + backticked(nameOf(z->id));
  if (auto *r = dynamic_cast<SgdParser::RulesetDeclContext *>(ctx))
    return "ruleset " + backticked(nameOf(r->id));
  if (dynamic_cast<SgdParser::ScheduleDeclContext *>(ctx))
    return "`schedule`";
  if (auto *t = dynamic_cast<SgdParser::TaskDeclContext *>(ctx))
    return (t->kind ? t->kind->getText() : "task") + " " +
           backticked(t->id ? t->id->getText() : std::string("?"));
  if (auto *e = dynamic_cast<SgdParser::EquipmentDeclContext *>(ctx)) {
    std::string label = e->kind ? e->kind->getText() : "";
    if (e->ref)
      label += " " + e->ref->getText();
    return backticked(label);
  }
  return "the enclosing block";
}

bool isExpressionStart(size_t type) {
  switch (type) {
  case SgdParser::NUMBER: case SgdParser::STRING: case SgdParser::DATE:
  case SgdParser::ID: case SgdParser::TRUE: case SgdParser::FALSE:
  case SgdParser::LPAREN: case SgdParser::LBRACKET: case SgdParser::MINUS:
  case SgdParser::NOT: case SgdParser::IF:
    return true;
  default:
    return false;
  }
}

// Keywords that are also names (grammar rule `name`).
bool isNameKeyword(size_t type) {
  switch (type) {
  case SgdParser::SITE: case SgdParser::BUILDING: case SgdParser::HALL:
  case SgdParser::ROW: case SgdParser::RACK: case SgdParser::ZONE:
  case SgdParser::SCHEDULE: case SgdParser::TASK: case SgdParser::MILESTONE:
  case SgdParser::AFTER: case SgdParser::BEFORE: case SgdParser::AT:
  case SgdParser::SCOPE: case SgdParser::MESSAGE: case SgdParser::SEVERITY:
  case SgdParser::CITE: case SgdParser::COMPONENT: case SgdParser::TEMPLATE:
  case SgdParser::RULESET: case SgdParser::RULE: case SgdParser::PREORDER:
  case SgdParser::COMPLY: case SgdParser::REDUNDANCY:
    return true;
  default:
    return false;
  }
}

// Keywords that begin a declaration and are followed by its name.
bool isDeclarationKeyword(size_t type) {
  switch (type) {
  case SgdParser::SITE: case SgdParser::BUILDING: case SgdParser::HALL:
  case SgdParser::ROW: case SgdParser::RACK: case SgdParser::ZONE:
  case SgdParser::COMPONENT: case SgdParser::TEMPLATE: case SgdParser::RULESET:
  case SgdParser::RULE: case SgdParser::TASK: case SgdParser::MILESTONE:
  case SgdParser::CONST:
    return true;
  default:
    return false;
  }
}

bool isItemStart(size_t type) {
  return isDeclarationKeyword(type) || type == SgdParser::IMPORT ||
         type == SgdParser::COMPLY || type == SgdParser::SCHEDULE ||
         type == SgdParser::AFTER || type == SgdParser::BEFORE ||
         type == SgdParser::PREORDER;
}

// Tokens after which a value must follow: `=`, operators, openers, separators.
bool needsOperandAfter(size_t type) {
  switch (type) {
  case SgdParser::ASSIGN: case SgdParser::PLUS: case SgdParser::MINUS:
  case SgdParser::STAR: case SgdParser::SLASH: case SgdParser::EQEQ: case SgdParser::NEQ:
  case SgdParser::LT: case SgdParser::LE: case SgdParser::GT: case SgdParser::GE:
  case SgdParser::AND: case SgdParser::OR: case SgdParser::NOT: case SgdParser::WHERE:
  case SgdParser::IF: case SgdParser::THEN: case SgdParser::ELSE: case SgdParser::ARROW:
  case SgdParser::LPAREN: case SgdParser::LBRACKET: case SgdParser::COMMA:
  case SgdParser::COLON: case SgdParser::DOTDOT: case SgdParser::APPLIES:
  case SgdParser::REQUIRE: case SgdParser::AT:
    return true;
  default:
    return false;
  }
}

std::string describeTokenType(size_t type, const antlr4::dfa::Vocabulary &vocabulary) {
  switch (type) {
  case Token::EOF: return "end of file";
  case SgdParser::ID: return "a name";
  case SgdParser::NUMBER: return "a number";
  case SgdParser::STRING: return "a string";
  case SgdParser::DATE: return "a date";
  case SgdParser::UNIT: return "a unit";
  case SgdParser::UNIT_SLASH: return "`/`";
  default: break;
  }
  std::string literal = vocabulary.getLiteralName(type); // 'site'
  if (literal.size() >= 2)
    return "`" + literal.substr(1, literal.size() - 2) + "`";
  return vocabulary.getDisplayName(type);
}

// The expected set in a designer's words: "a value", "`;` or `{`", "a name".
std::string describeExpected(const IntervalSet &expected,
                             const antlr4::dfa::Vocabulary &vocabulary) {
  std::vector<size_t> types;
  for (ssize_t type : expected.toList())
    types.push_back(static_cast<size_t>(type));
  bool declaration = llvm::count_if(types, [](size_t type) {
                       return isItemStart(type) && !isNameKeyword(type);
                     }) >= 2;
  bool value = llvm::count_if(types, isExpressionStart) >= 3;
  bool name = llvm::is_contained(types, size_t{SgdParser::ID});
  std::vector<std::string> parts;
  if (declaration)
    parts.push_back("a declaration");
  if (value)
    parts.push_back("a value");
  else if (name)
    parts.push_back("a name");
  for (size_t type : types) {
    if ((name && (type == SgdParser::ID || isNameKeyword(type))) ||
        (value && isExpressionStart(type)) || (declaration && isItemStart(type)))
      continue;
    parts.push_back(describeTokenType(type, vocabulary));
  }
  constexpr size_t maxShown = 4;
  if (parts.size() > maxShown) {
    parts.resize(maxShown - 1);
    parts.push_back("another token");
  }
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i)
      text += i + 1 == parts.size() ? " or " : ", ";
    text += parts[i];
  }
  return text;
}

std::string describeFound(const Token *token, const ParseState &state) {
  if (token->getType() == Token::EOF)
    return "end of file";
  if (token->getType() == SgdParser::STRING)
    return "a string";
  return backticked(state.spelling(token));
}

// The innermost `(` or `[` of the current item that has no closer yet.
Token *unclosedOpener(ParserRuleContext *ctx) {
  for (; ctx && !dynamic_cast<SgdParser::ItemContext *>(ctx);
       ctx = dynamic_cast<ParserRuleContext *>(ctx->parent)) {
    std::vector<Token *> open;
    for (antlr4::tree::ParseTree *child : ctx->children) {
      auto *terminal = dynamic_cast<antlr4::tree::TerminalNode *>(child);
      if (!terminal || dynamic_cast<antlr4::tree::ErrorNode *>(child))
        continue;
      size_t type = terminal->getSymbol()->getType();
      if (type == SgdParser::LPAREN || type == SgdParser::LBRACKET)
        open.push_back(terminal->getSymbol());
      else if ((type == SgdParser::RPAREN || type == SgdParser::RBRACKET) && !open.empty())
        open.pop_back();
    }
    if (!open.empty())
      return open.back();
  }
  return nullptr;
}

} // namespace

bool SyntaxErrorStrategy::alreadyReportedFor(antlr4::Parser *parser, Token *offending) {
  if (state_.silenceFrom && state_.begin(offending) >= *state_.silenceFrom)
    return true;
  Token *previous = parser->getTokenStream()->LT(-1);
  if (previous && std::binary_search(state_.explainedTokens.begin(),
                                     state_.explainedTokens.end(),
                                     previous->getTokenIndex()))
    return true;
  if (previous) {
    auto dropped = std::lower_bound(state_.droppedCharacters.begin(),
                                    state_.droppedCharacters.end(), state_.end(previous));
    if (dropped != state_.droppedCharacters.end() && *dropped < state_.begin(offending))
      return true;
  }
  auto tokenIndex = static_cast<ssize_t>(offending->getTokenIndex());
  if (tokenIndex == lastOffendingToken_)
    return true;
  // Errors between items stand alone; errors inside an item are one per item.
  ParserRuleContext *ctx = parser->getContext();
  auto *item = isItemList(ctx) ? nullptr : enclosing<SgdParser::ItemContext>(ctx);
  ssize_t itemStart = item ? static_cast<ssize_t>(item->getStart()->getTokenIndex()) : -1;
  if (item && itemStart == lastItemWithError_)
    return true;
  lastOffendingToken_ = tokenIndex;
  lastItemWithError_ = itemStart;
  return false;
}

void SyntaxErrorStrategy::report(antlr4::Parser *parser, Token *offending, Situation situation,
                                 Token *itemStart) {
  if (alreadyReportedFor(parser, offending))
    return;
  ParserRuleContext *ctx = parser->getContext();
  IntervalSet expected = parser->getExpectedTokens();
  const antlr4::dfa::Vocabulary &vocabulary = parser->getVocabulary();
  Token *previous = parser->getTokenStream()->LT(-1);
  size_t type = offending->getType();
  std::string found = describeFound(offending, state_);
  DiagnosticEngine &diagnostics = state_.diagnostics;

  // End of file inside a block: name the block and point at its `{`.
  if (type == Token::EOF && expected.contains(size_t{SgdParser::RBRACE})) {
    auto *block = enclosing<SgdParser::BlockContext>(ctx);
    std::string owner = block ? constructLabel(block->parent) : "a block";
    Diagnostic &d = diagnostics.report(
        DiagCode::E0106, state_.range(offending),
        llvm::formatv("expected `}` to close the block of {0} before the end of the file",
                      owner)
            .str());
    if (block)
      d.note(state_.range(block->getStart()), "block opened here");
    return;
  }

  // A `)` or `]` is missing: point at the opener too.
  if (expected.contains(size_t{SgdParser::RPAREN}) ||
      expected.contains(size_t{SgdParser::RBRACKET})) {
    if (Token *opener = unclosedOpener(ctx)) {
      bool paren = opener->getType() == SgdParser::LPAREN;
      if (expected.contains(size_t{paren ? SgdParser::RPAREN : SgdParser::RBRACKET})) {
        const char *closer = paren ? "`)`" : "`]`";
        diagnostics
            .report(DiagCode::E0101, state_.range(offending),
                    llvm::formatv("expected {0} to close `{1}`, found {2}", closer,
                                  paren ? "(" : "[", found)
                        .str())
            .note(state_.range(opener), llvm::formatv("`{0}` opened here",
                                                      paren ? "(" : "[").str());
        return;
      }
    }
  }

  if (situation != Situation::Extraneous && expected.contains(size_t{SgdParser::SEMI}) &&
      previous) {
    std::string where;
    bool blockAllowed = expected.contains(size_t{SgdParser::LBRACE});
    if (auto *attribute = enclosing<SgdParser::AttributeContext>(ctx))
      where = " after the value of " + backticked(nameOf(attribute->id));
    else if (auto *constant = enclosing<SgdParser::ConstDeclContext>(ctx))
      where = " after the value of constant " + backticked(nameOf(constant->id));
    else if (enclosing<SgdParser::ImportDeclContext>(ctx))
      where = " after the import";
    else if (auto *rule = enclosing<SgdParser::RuleDeclContext>(ctx))
      where = " at the end of rule " + backticked(nameOf(rule->id));
    else if (auto *equipment = enclosing<SgdParser::EquipmentDeclContext>(ctx))
      where = " after " + constructLabel(equipment);
    else if (auto *structure = enclosing<SgdParser::StructureDeclContext>(ctx))
      where = " after " + constructLabel(structure);
    else if (auto *task = enclosing<SgdParser::TaskDeclContext>(ctx))
      where = " after " + constructLabel(task);
    std::string what = blockAllowed ? "`;` or a `{ }` block" : "`;`";
    SourceRange at = state_.pointAfter(previous);
    diagnostics.report(DiagCode::E0101, at, llvm::formatv("expected {0}{1}", what, where).str())
        .fix(at, ";");
    return;
  }

  bool inExpression = dynamic_cast<SgdParser::ExprContext *>(ctx) != nullptr;
  if (inExpression && !isExpressionStart(type) && previous &&
      needsOperandAfter(previous->getType())) {
    std::string after;
    if (previous->getType() == SgdParser::ASSIGN) {
      if (auto *attribute = enclosing<SgdParser::AttributeContext>(ctx))
        after = " for " + backticked(nameOf(attribute->id));
      after += " after `=`";
    } else {
      after = " after " + backticked(state_.spelling(previous));
    }
    diagnostics.report(DiagCode::E0109, state_.range(offending),
                       llvm::formatv("expected a value{0}, found {1}", after, found).str());
    return;
  }

  // The item started but its second token did not fit: `site {`, `before ;`.
  if (itemStart && itemStart != offending) {
    std::string start = backticked(state_.spelling(itemStart));
    size_t startType = itemStart->getType();
    bool nameFollows = isDeclarationKeyword(startType) || startType == SgdParser::AFTER ||
                       startType == SgdParser::BEFORE || startType == SgdParser::PREORDER ||
                       startType == SgdParser::COMPLY;
    if (offending->getType() == SgdParser::LBRACE)
      blockToSkip_ = static_cast<ssize_t>(offending->getTokenIndex());
    if (nameFollows && itemStart->getTokenIndex() + 1 == offending->getTokenIndex())
      diagnostics.report(DiagCode::E0102, state_.range(offending),
                         llvm::formatv("expected a name after {0}, found {1}", start, found)
                             .str());
    else
      diagnostics.report(DiagCode::E0102, state_.range(offending),
                         llvm::formatv("unexpected {0} in the item that starts with {1}",
                                       found, start)
                             .str());
    return;
  }

  if (isItemList(ctx) || dynamic_cast<SgdParser::ItemContext *>(ctx)) {
    if (type == SgdParser::RBRACE) {
      diagnostics.report(DiagCode::E0111, state_.range(offending),
                         "unmatched `}`: no block is open here");
      return;
    }
    Diagnostic &d = diagnostics.report(
        DiagCode::E0110, state_.range(offending),
        llvm::formatv("expected a declaration or an attribute `name = value;`, found {0}",
                      found)
            .str());
    if (isExpressionStart(type) && type != SgdParser::ID)
      d.note("a value needs a name: write `name = value;`");
    return;
  }

  if (auto *param = dynamic_cast<SgdParser::ParamContext *>(ctx);
      param && expected.contains(size_t{SgdParser::COLON})) {
    diagnostics.report(DiagCode::E0101, state_.pointAfter(previous),
                       llvm::formatv("expected `: type` after parameter {0}",
                                     backticked(nameOf(param->id)))
                           .str());
    return;
  }

  std::string expectation = describeExpected(expected, vocabulary);
  Diagnostic &d = diagnostics.report(
      DiagCode::E0102, state_.range(offending),
      llvm::formatv("unexpected {0}{1}{2}", found, expectation.empty() ? "" : "; expected ",
                    expectation)
          .str());
  if (expected.contains(size_t{SgdParser::ID}) &&
      vocabulary.getLiteralName(type).size() > 2 && std::isalpha(found[1]))
    d.note(found + " is a reserved word and cannot be used as a name");
}

void SyntaxErrorStrategy::sync(antlr4::Parser *parser) {
  if (inErrorRecoveryMode(parser))
    return;
  ParserRuleContext *ctx = parser->getContext();
  if (isItemList(ctx)) {
    syncItemList(parser, dynamic_cast<SgdParser::FileContext *>(ctx) != nullptr);
    return;
  }
  ATNState *state = parser->getATN().states[parser->getState()];
  size_t lookahead = parser->getTokenStream()->LA(1);
  IntervalSet next = parser->getATN().nextTokens(state);
  if (next.contains(Token::EPSILON) || next.contains(lookahead))
    return;
  switch (state->getStateType()) {
  case ATNState::PLUS_LOOP_BACK:
  case ATNState::STAR_LOOP_BACK: {
    // A list inside an item stopped early (`rule x severity warning rule y`):
    // the token is unexpected, not extraneous; usually a `;` is missing.
    beginErrorCondition(parser);
    report(parser, parser->getCurrentToken(), Situation::Unexpected);
    IntervalSet expecting = parser->getExpectedTokens();
    consumeUntil(parser, expecting.Or(getErrorRecoverySet(parser)));
    return;
  }
  default:
    DefaultErrorStrategy::sync(parser);
  }
}

// Before each item of a block or file: a token that cannot start an item is
// reported and its statement skipped, so the block itself goes on.
void SyntaxErrorStrategy::syncItemList(antlr4::Parser *parser, bool atFileLevel) {
  antlr4::TokenStream *tokens = parser->getTokenStream();
  IntervalSet itemStarts = parser->getATN().nextTokens(parser->getATN().states[parser->getState()]);
  while (true) {
    size_t lookahead = tokens->LA(1);
    if (lookahead == Token::EOF || itemStarts.contains(lookahead))
      return;
    if (lookahead == SgdParser::RBRACE && !atFileLevel)
      return;
    report(parser, tokens->LT(1), Situation::Unexpected, nullptr);
    if (lookahead == SgdParser::RBRACE)
      parser->consume(); // a stray `}` at the top level: drop it, keep parsing
    else
      skipStatement(parser);
  }
}

void SyntaxErrorStrategy::skipStatement(antlr4::Parser *parser) {
  antlr4::TokenStream *tokens = parser->getTokenStream();
  IntervalSet itemStarts = parser->getATN().nextTokens(parser->getATN().states[parser->getState()]);
  int depth = 0;
  Token *previous = nullptr;
  while (true) {
    Token *token = tokens->LT(1);
    size_t type = token->getType();
    if (type == Token::EOF || (depth == 0 && type == SgdParser::RBRACE))
      return;
    // A new statement on a new line: the bad one probably lacked its `;`.
    if (previous && depth == 0 && !state_.onOneLine(previous, token) &&
        itemStarts.contains(type))
      return;
    previous = token;
    parser->consume();
    if (type == SgdParser::LBRACE)
      ++depth;
    else if (type == SgdParser::RBRACE && --depth == 0)
      return;
    else if (type == SgdParser::SEMI && depth == 0)
      return;
  }
}

void SyntaxErrorStrategy::recover(antlr4::Parser *parser, std::exception_ptr e) {
  // An item that failed at its block (`site { ... }` without a name): skip
  // through the block, or its contents would be read as the parent's items.
  antlr4::TokenStream *tokens = parser->getTokenStream();
  if (blockToSkip_ >= 0) {
    auto braceIndex = static_cast<size_t>(blockToSkip_);
    blockToSkip_ = -1;
    while (tokens->LA(1) != Token::EOF && tokens->LT(1)->getTokenIndex() < braceIndex)
      parser->consume();
    int depth = 0;
    do {
      size_t type = tokens->LA(1);
      if (type == Token::EOF)
        break;
      depth += type == SgdParser::LBRACE ? 1 : type == SgdParser::RBRACE ? -1 : 0;
      parser->consume();
    } while (depth > 0);
    return;
  }
  DefaultErrorStrategy::recover(parser, e);
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser *parser,
                                                    const antlr4::NoViableAltException &e) {
  report(parser, e.getOffendingToken(), Situation::Unexpected, e.getStartToken());
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser *parser,
                                              const antlr4::InputMismatchException &e) {
  report(parser, e.getOffendingToken(), Situation::Unexpected);
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser *parser,
                                                const antlr4::FailedPredicateException &e) {
  // The grammar's only predicates are ANTLR's precedence checks.
  report(parser, e.getOffendingToken(), Situation::Unexpected);
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser *parser) {
  if (inErrorRecoveryMode(parser))
    return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), Situation::Extraneous);
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser *parser) {
  if (inErrorRecoveryMode(parser))
    return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), Situation::Missing);
}

antlr4::misc::IntervalSet SyntaxErrorStrategy::getErrorRecoverySet(antlr4::Parser *parser) {
  // Stop skipping at a block: the rule that failed returns, and the parser
  // conjures what it lacks (a `)`) to parse the block in its place.
  IntervalSet set = DefaultErrorStrategy::getErrorRecoverySet(parser);
  set.add(SgdParser::LBRACE);
  return set;
}

antlr4::Token *SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser *parser) {
  // `;` and `}` end items and blocks. Deleting one to make the next token fit
  // (`pue = ; q = 1;` read as `pue = q`) swallows the following item.
  size_t type = parser->getTokenStream()->LA(1);
  if (type == SgdParser::SEMI || type == SgdParser::RBRACE)
    return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

} // namespace sgd::syntax
