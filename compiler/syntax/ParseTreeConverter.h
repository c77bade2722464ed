#ifndef SGD_SYNTAX_PARSETREECONVERTER_H
#define SGD_SYNTAX_PARSETREECONVERTER_H

#include "ast/Item.h"
#include "syntax/ParseState.h"

#include "SgdParser.h"

namespace sgd::syntax {

/// Converts ANTLR parse-tree items into AST items allocated in the state's
/// AstContext. Checks what the grammar leaves open (number and date literals,
/// string escapes, the letter of a redundancy) and reports those errors.
/// Items that syntax errors left incomplete are dropped: their error has been
/// reported already, and later phases only ever see whole items.
std::vector<const ast::Item *> convertItems(const std::vector<antlr::SgdParser::ItemContext *> &items,
                                            ParseState &state);

} // namespace sgd::syntax

#endif
