#ifndef SGD_GRAMMAR_SGDPARSERBASE_H
#define SGD_GRAMMAR_SGDPARSERBASE_H

// The base class of the generated SgdParser (the grammar's `superClass`
// option). It spares the parser two run-time type checks that ANTLR 4.9's
// runtime makes on every rule and every prediction, where the types are
// known: a dynamic_cast costs about 200 instructions (a walk of the class
// hierarchy), a rule invocation without it a few dozen. And each rule's
// "finally" action runs without a std::function. The generated code calls
// `exitRule()`, `getInterpreter<T>()` and `finally(...)` unqualified from
// SgdParser's own members, so name lookup finds these before
// antlr4::Parser's and antlrcpp's (they hide them; none is virtual).
// compiler/syntax/Parser.cpp asserts that SgdParser's names resolve here.
//
// This header is included through the copy of ANTLR's umbrella header that
// grammar/CMakeLists.txt writes beside the generated sources.

#include "Parser.h"
#include "ParserRuleContext.h"
#include "atn/ParserATNSimulator.h"

#include <cassert>
#include <type_traits>
#include <utility>

namespace sgd::antlr {

class SgdParserBase : public antlr4::Parser {
public:
  explicit SgdParserBase(antlr4::TokenStream *input) : antlr4::Parser(input) {}

  /// The parser's simulator. Recognizer::getInterpreter<T>() dynamic_casts
  /// its simulator on every call (each prediction of the generated code);
  /// a parser's simulator is always a ParserATNSimulator (the generated
  /// constructor makes one; syntax/ThreadDfa.cpp puts a subclass in its
  /// place).
  template <typename T> T *getInterpreter() const {
    static_assert(std::is_base_of_v<antlr4::atn::ParserATNSimulator, T>,
                  "a parser's simulator is a ParserATNSimulator");
    assert(dynamic_cast<T *>(_interpreter) == _interpreter && "the simulator is a T");
    return static_cast<T *>(_interpreter);
  }

  /// Runs an action when it goes out of scope (the rule's exit, also when
  /// an exception unwinds it), as antlrcpp::FinalAction does, but holding
  /// the lambda itself instead of a std::function.
  template <typename Action> class ScopeExit {
  public:
    explicit ScopeExit(Action action) : action_(std::move(action)) {}
    ScopeExit(const ScopeExit &) = delete;
    ScopeExit &operator=(const ScopeExit &) = delete;
    ~ScopeExit() { action_(); }

  private:
    Action action_;
  };
  /// What the generated rules call as `finally([=] { exitRule(); })`
  /// (antlrcpp::finally otherwise); returned in place (C++17).
  template <typename Action> static ScopeExit<Action> finally(Action action) {
    return ScopeExit<Action>(std::move(action));
  }

  /// Leaves the current rule as antlr4::Parser::exitRule() does (its stop
  /// token, the exit event for listeners, the invoking state), then returns
  /// to the parent context with a static cast: every context the generated
  /// parser makes has a rule context or nothing as its parent, where
  /// antlr4::Parser dynamic_casts it.
  void exitRule() {
    _ctx->stop = _matchedEOF ? _input->LT(1) : _input->LT(-1);
    if (!_parseListeners.empty())
      triggerExitRuleEvent();
    setState(_ctx->invokingState);
    assert((_ctx->parent == nullptr ||
            dynamic_cast<antlr4::ParserRuleContext *>(_ctx->parent) != nullptr) &&
           "a rule context's parent is a rule context");
    _ctx = static_cast<antlr4::ParserRuleContext *>(_ctx->parent);
  }
};

} // namespace sgd::antlr

#endif
