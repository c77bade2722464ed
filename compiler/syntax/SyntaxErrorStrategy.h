#ifndef SGD_SYNTAX_SYNTAXERRORSTRATEGY_H
#define SGD_SYNTAX_SYNTAXERRORSTRATEGY_H

#include "syntax/ParseState.h"

namespace sgd::syntax {

/// ANTLR's recovering error strategy, with ANTLR's token-set messages replaced
/// by diagnostics in the designer's terms ("expected `;` after the value of
/// `it_power`") and recovery tuned to the language's shape:
///  * in a list of items, a token that cannot start an item makes the parser
///    skip that one statement (to its `;`, over balanced `{ }`), never the
///    rest of the enclosing block;
///  * `;` and `}` are never deleted to make the next token fit, and
///    resynchronisation stops at a `{`, so a broken header (`template t(a {`)
///    keeps its block instead of skipping it;
///  * at most one error is reported per item, so one mistake does not
///    cascade into several.
class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  explicit SyntaxErrorStrategy(ParseState &state) : state_(state) {}

  void sync(antlr4::Parser *parser) override;
  void recover(antlr4::Parser *parser, std::exception_ptr e) override;

protected:
  void reportNoViableAlternative(antlr4::Parser *parser,
                                 const antlr4::NoViableAltException &e) override;
  void reportInputMismatch(antlr4::Parser *parser,
                           const antlr4::InputMismatchException &e) override;
  void reportFailedPredicate(antlr4::Parser *parser,
                             const antlr4::FailedPredicateException &e) override;
  void reportUnwantedToken(antlr4::Parser *parser) override;
  void reportMissingToken(antlr4::Parser *parser) override;
  antlr4::Token *singleTokenDeletion(antlr4::Parser *parser) override;
  antlr4::misc::IntervalSet getErrorRecoverySet(antlr4::Parser *parser) override;

private:
  enum class Situation { Unexpected, Missing, Extraneous };
  void report(antlr4::Parser *parser, antlr4::Token *offending, Situation situation,
              antlr4::Token *itemStart = nullptr);
  bool alreadyReportedFor(antlr4::Parser *parser, antlr4::Token *offending);
  void syncItemList(antlr4::Parser *parser, bool atFileLevel);
  void skipStatement(antlr4::Parser *parser);

  ParseState &state_;
  // The innermost item that already has an error, by its first token.
  ssize_t lastItemWithError_ = -1;
  ssize_t lastOffendingToken_ = -1;
  // A `{` at which an item failed; recover() skips through its block.
  ssize_t blockToSkip_ = -1;
};

} // namespace sgd::syntax

#endif
