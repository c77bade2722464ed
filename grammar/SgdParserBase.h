#ifndef SGD_GRAMMAR_SGDPARSERBASE_H
#define SGD_GRAMMAR_SGDPARSERBASE_H

// The base class of the generated SgdParser (the grammar's `superClass`
// option). It spares the parser two run-time type checks that ANTLR 4.9's
// runtime makes on every rule and every prediction, where the types are
// known: a dynamic_cast costs about 200 instructions (a walk of the class
// hierarchy), a rule invocation without it a few dozen. Each rule's
// "finally" action runs without a std::function, and its context is made in
// blocks of memory the parser owns instead of by one `new` each. The
// generated code calls `exitRule()`, `getInterpreter<T>()`, `finally(...)`
// and `_tracker.createInstance<T>(...)` unqualified from SgdParser's own
// members, so name lookup finds these before antlr4::Parser's and
// antlrcpp's (they hide them; none is virtual).
// compiler/syntax/Parser.cpp asserts that SgdParser's names resolve here.
//
// This header is included through the copy of ANTLR's umbrella header that
// grammar/CMakeLists.txt writes beside the generated sources.

#include "Parser.h"
#include "ParserRuleContext.h"
#include "atn/ParserATNSimulator.h"

#include <cassert>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

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

  /// Makes the contexts of the generated rules, as antlr4's
  /// ParseTreeTracker does (which `new`s each and deletes them all with the
  /// parser), in 64 KB blocks, and destroys them with the parser. A dense
  /// design makes a context for nearly every name, expression and item; the
  /// runtime's own nodes (terminal and error nodes, made only for the parse
  /// tree of text with errors) stay with antlr4::Parser's tracker.
  class ContextArena {
  public:
    ContextArena() = default;
    ContextArena(const ContextArena &) = delete;
    ContextArena &operator=(const ContextArena &) = delete;
    ~ContextArena() {
      for (auto node = made_.rbegin(); node != made_.rend(); ++node)
        (*node)->~ParseTree();
    }

    template <typename T, typename... Args> T *createInstance(Args &&...args) {
      static_assert(std::is_base_of_v<antlr4::tree::ParseTree, T>, "a parse tree node");
      static_assert(sizeof(T) <= kBlockSize && alignof(T) <= alignof(std::max_align_t));
      // The arguments as the tracker passes them (as lvalues).
      T *node = new (allocate(sizeof(T), alignof(T))) T(args...);
      made_.push_back(node);
      return node;
    }

  private:
    static constexpr size_t kBlockSize = 64 * 1024;

    void *allocate(size_t size, size_t alignment) {
      size_t at = (used_ + alignment - 1) & ~(alignment - 1);
      if (blocks_.empty() || at + size > kBlockSize) {
        // Not make_unique, which would zero the block first.
        blocks_.emplace_back(new std::byte[kBlockSize]);
        at = 0;
      }
      used_ = at + size;
      return blocks_.back().get() + at;
    }

    std::vector<std::unique_ptr<std::byte[]>> blocks_; // max_align_t-aligned
    size_t used_ = 0;                                  // of the last block
    std::vector<antlr4::tree::ParseTree *> made_;      // destroyed last first
  };

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

protected:
  /// Where the generated rules make their contexts (hides antlr4::Parser's).
  ContextArena _tracker;
};

} // namespace sgd::antlr

#endif
