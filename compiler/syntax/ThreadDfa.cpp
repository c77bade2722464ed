#include "syntax/ThreadDfa.h"

#include "SgdParser.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cassert>
#include <optional>

namespace sgd::syntax {
namespace {

using antlr4::atn::ATN;
using antlr4::atn::ParserATNSimulator;
using antlr4::atn::PredictionContextCache;
using antlr4::dfa::DFA;
using antlr4::dfa::DFAState;

// The DFA that SLL prediction builds for each decision, built whole at build
// time (tablegen/PredictionTablesGen.cpp): its states, their edges sorted by
// token, the precedence predicates of accept states, and each decision's
// start states (one per precedence for a precedence decision).
struct PrebuiltState {
  uint32_t firstEdge, edges;
  uint32_t firstPredicate, predicates;
  uint32_t prediction; // of an accept state without predicates
  bool accept;
};
struct PrebuiltEdge {
  uint32_t token, target;
};
struct PrebuiltPredicate {
  uint32_t alt;
  int32_t precedence; // -1: none, the alternative holds
};
struct PrebuiltStart {
  int32_t precedence; // -1: not a precedence decision
  uint32_t state;
};
struct PrebuiltDecision {
  uint32_t firstStart, starts;
};

#include "PredictionTables.inc"

// One thread's DFA for every decision of the grammar, and the prediction
// contexts its states refer to. The decisions are made from the parser's
// ATN at the first prediction the prebuilt tables leave to them: the ATN is
// deserialized then (SgdParser::initializeAtn), which a valid design's
// parse never needs.
struct ThreadDfa {
  explicit ThreadDfa(const ATN &grammar) : atn(&grammar) {}

  void makeDecisions() {
    if (!decisions.empty())
      return;
    antlr::SgdParser::initializeAtn();
    assert(atn->getNumberOfDecisions() == kPrebuiltDecisionCount &&
           "the prediction tables were generated from another grammar");
    decisions.reserve(atn->getNumberOfDecisions());
    for (size_t decision = 0; decision < atn->getNumberOfDecisions(); ++decision)
      decisions.emplace_back(atn->getDecisionState(decision), decision);
  }

  const ATN *atn;
  std::vector<DFA> decisions; // filled once, so the simulator's reference stays good
  PredictionContextCache contexts;
};

// Reads its own thread's DFA, which no other thread writes, without the
// runtime's process-wide read lock.
class ThreadDfaSimulator final : public ParserATNSimulator {
public:
  ThreadDfaSimulator(antlr4::Parser &parser, ThreadDfa &dfa)
      : ParserATNSimulator(&parser, *dfa.atn, dfa.decisions, dfa.contexts), dfa_(dfa) {}

  // Once the DFA is warm, almost every prediction follows edges it already
  // has to a state that predicts an alternative, outright or by the
  // precedence predicates of `expr`'s operators. That walk is done here, by
  // looking ahead in the token stream (so the stream stands where the
  // predicates expect it); the runtime's adaptivePredict costs several times
  // more around the same walk (a heap-allocated exit action, mark, seek and
  // release of the stream, its merge cache cleared) and is left what the
  // walk cannot decide: a missing edge, which it computes and adds, an
  // error, predicates that rule out every alternative, or full-context
  // prediction. It would take the same edges to the same state and evaluate
  // the same predicates, so the prediction is the same
  // (tests/unit/syntax/ThreadDfaTest.cpp).
  size_t adaptivePredict(antlr4::TokenStream *input, size_t decision,
                         antlr4::ParserRuleContext *outerContext) override {
    if (getPredictionMode() == antlr4::atn::PredictionMode::SLL)
      if (std::optional<size_t> alt = prebuiltPrediction(input, decision, outerContext))
        return *alt;
    dfa_.makeDecisions();
    DFA &dfa = decisionToDFA[decision];
    DFAState *state =
        dfa.isPrecedenceDfa() ? dfa.getPrecedenceStartState(parser->getPrecedence()) : dfa.s0;
    if (state) {
      ssize_t ahead = 1;
      size_t token = input->LA(ahead);
      while (DFAState *next = getExistingTargetState(state, token)) {
        if (next == ERROR.get() ||
            (next->requiresFullContext && getPredictionMode() != antlr4::atn::PredictionMode::SLL))
          break;
        if (next->isAcceptState) {
          if (next->predicates.empty())
            return next->prediction;
          // As the runtime: the lowest alternative whose predicate holds,
          // every predicate evaluated. (Its evalSemanticContext takes the
          // predicates' vector by value, a copy on the heap per prediction,
          // and answers a 2,048-bit set.)
          size_t lowest = INVALID_INDEX;
          for (const DFAState::PredPrediction *prediction : next->predicates) {
            auto alt = static_cast<size_t>(prediction->alt);
            if (prediction->pred == antlr4::atn::SemanticContext::NONE ||
                evalSemanticContext(prediction->pred, outerContext, alt, false))
              lowest = std::min(lowest, alt);
          }
          if (lowest != INVALID_INDEX)
            return lowest;
          break;
        }
        state = next;
        // As the runtime's walk: EOF is read again, never passed.
        if (token != antlr4::Token::EOF)
          token = input->LA(++ahead);
      }
    }
    return ParserATNSimulator::adaptivePredict(input, decision, outerContext);
  }

private:
  // The same walk over the prebuilt tables, which hold what SLL prediction
  // builds: the same edges to the same states with the same predicates.
  // Nothing where they end (end of input, a token no alternative reads) or
  // no predicate holds: the thread's DFA and the runtime then take over.
  std::optional<size_t> prebuiltPrediction(antlr4::TokenStream *input, size_t decision,
                                           antlr4::ParserRuleContext *outerContext) {
    const PrebuiltDecision &entry = kPrebuiltDecisions[decision];
    llvm::ArrayRef<PrebuiltStart> starts(kPrebuiltStarts + entry.firstStart, entry.starts);
    int precedence = starts.empty() || starts.front().precedence < 0 ? -1 : parser->getPrecedence();
    const PrebuiltStart *start = llvm::find_if(
        starts, [&](const PrebuiltStart &s) { return s.precedence == precedence; });
    if (start == starts.end())
      return std::nullopt;
    const PrebuiltState *state = &kPrebuiltStates[start->state];
    for (ssize_t ahead = 1;; ++ahead) {
      size_t token = input->LA(ahead);
      llvm::ArrayRef<PrebuiltEdge> edges(kPrebuiltEdges + state->firstEdge, state->edges);
      const PrebuiltEdge *edge = llvm::partition_point(
          edges, [&](const PrebuiltEdge &e) { return e.token < token; });
      if (edge == edges.end() || edge->token != token)
        return std::nullopt;
      state = &kPrebuiltStates[edge->target];
      if (!state->accept)
        continue;
      if (state->predicates == 0)
        return state->prediction;
      size_t lowest = INVALID_INDEX;
      for (const PrebuiltPredicate &predicate :
           llvm::ArrayRef<PrebuiltPredicate>(kPrebuiltPredicates + state->firstPredicate,
                                             state->predicates))
        if (predicate.precedence < 0 || parser->precpred(outerContext, predicate.precedence))
          lowest = std::min<size_t>(lowest, predicate.alt);
      if (lowest == INVALID_INDEX)
        return std::nullopt;
      return lowest;
    }
  }

  ThreadDfa &dfa_;

protected:
  DFAState *getExistingTargetState(DFAState *previous, size_t token) override {
    auto edge = previous->edges.find(token);
    return edge == previous->edges.end() ? nullptr : edge->second;
  }
};

ThreadDfa &threadDfa(const ATN &atn) {
  // One grammar, so one ATN; the assertion keeps a second one from reading
  // the wrong grammar's DFA.
  thread_local ThreadDfa dfa(atn);
  assert(dfa.atn == &atn && "the thread's DFA belongs to another grammar");
  return dfa;
}

} // namespace

void useThreadDfa(antlr4::Parser &parser) {
  ThreadDfa &dfa = threadDfa(parser.getATN());
  // The parser owns its interpreter: setInterpreter deletes the one the
  // generated constructor made, and the generated destructor deletes this one.
  parser.setInterpreter(new ThreadDfaSimulator(parser, dfa));
}

} // namespace sgd::syntax
