#ifndef SGD_SYNTAX_LEXICALPASS_H
#define SGD_SYNTAX_LEXICALPASS_H

#include "syntax/ParseState.h"
#include "syntax/TokenBuffer.h"

namespace sgd::syntax {

/// Runs over the complete token list before the parser sees it:
///  * reports lexical errors (unterminated strings and comments, characters
///    that SGD does not use) and repairs the tokens so that the parser does
///    not report the same mistake again;
///  * retypes unit words after numbers as UNIT / UNIT_SLASH (see the `tokens`
///    section of grammar/Sgd.g4).
void runLexicalPass(TokenBuffer &tokens, ParseState &state);

} // namespace sgd::syntax

#endif
