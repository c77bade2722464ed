// Build-time generator of the parser's prebuilt prediction tables
// (compiler/syntax/ThreadDfa.cpp): for every decision of grammar/Sgd.g4, the
// states and edges of the DFA that ANTLR's SLL prediction builds, computed
// here by the runtime's own simulator from the generated parser's ATN.
//
// SLL prediction starts every decision from a closure over an empty outer
// context and follows one edge per token of lookahead; which state an edge
// leads to depends on the ATN and the token alone, so the DFA can be built
// whole, breadth first, without any input. A process built with it predicts
// from the first token on; without it, each process computed the states it
// met (seven start states and some twenty edges for a small design: 3.3 M
// instructions, about a tenth of a 1 M-rack bill of materials).
//
// A precedence decision (the operator loop of `expr`) has one start state
// per precedence it is entered with: those are the precedences of the rule
// invocations of its rule in the ATN. States whose alternatives hold under
// semantic predicates keep them when they are precedence predicates; a state
// that depends on any other predicate is left out, and so is every edge to
// it: prediction then falls back to the runtime there, as for an edge the
// tables do not have (end of input, a syntax error).
//
// Usage: sgd_prediction_tables OUTPUT.inc
#include "SgdParser.h"

#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using antlr4::atn::ATN;
using antlr4::atn::ParserATNSimulator;
using antlr4::atn::SemanticContext;
using antlr4::dfa::DFA;
using antlr4::dfa::DFAState;
using sgd::antlr::SgdParser;

// The generated parser with its precedence stack set from outside, as
// entering `expr(p)` sets it.
class PrecedenceParser : public SgdParser {
public:
  using SgdParser::SgdParser;
  void enterPrecedence(int precedence) { _precedenceStack.assign(1, precedence); }
};

// The runtime's simulator, its target-state computation reachable.
class Explorer : public ParserATNSimulator {
public:
  using ParserATNSimulator::ParserATNSimulator;
  DFAState *target(DFA &dfa, DFAState *from, size_t token) {
    if (DFAState *known = getExistingTargetState(from, token))
      return known;
    return computeTargetState(dfa, from, token);
  }
};

struct Predicate {
  size_t alt;
  int precedence; // -1: none, always holds
};

struct State {
  bool accept = false;
  size_t prediction = 0;
  std::vector<Predicate> predicates;
  std::vector<std::pair<size_t, size_t>> edges; // token, target state index
};

struct Start {
  int precedence; // -1: the decision is not a precedence decision
  size_t state;
};

// The predicates of an accept state as the tables hold them; false when one
// is not a precedence predicate.
bool tablePredicates(const DFAState &state, std::vector<Predicate> &out) {
  for (const DFAState::PredPrediction *prediction : state.predicates) {
    auto alt = static_cast<size_t>(prediction->alt);
    if (prediction->pred == SemanticContext::NONE) {
      out.push_back({alt, -1});
    } else if (auto *precedence =
                   dynamic_cast<const SemanticContext::PrecedencePredicate *>(prediction->pred.get())) {
      out.push_back({alt, precedence->precedence});
    } else {
      return false;
    }
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.inc\n", argv[0]);
    return 2;
  }
  // A stream of one token that no decision can read: asking for a
  // prediction on it computes the decision's start state, then fails.
  std::vector<std::unique_ptr<antlr4::Token>> noToken;
  noToken.push_back(std::make_unique<antlr4::CommonToken>(antlr4::Token::INVALID_TYPE));
  antlr4::ListTokenSource source(std::move(noToken));
  antlr4::CommonTokenStream stream(&source);
  SgdParser::initializeAtn(); // the tables are what the runtime predicts from it
  PrecedenceParser parser(&stream);
  const ATN &atn = parser.getATN();

  // The precedences a precedence rule is entered with.
  std::set<int> precedences;
  for (antlr4::atn::ATNState *state : atn.states)
    if (state)
      for (antlr4::atn::Transition *transition : state->transitions)
        if (auto *call = dynamic_cast<antlr4::atn::RuleTransition *>(transition))
          if (atn.ruleToStartState[call->ruleIndex]->isLeftRecursiveRule)
            precedences.insert(call->precedence);

  std::vector<DFA> decisions;
  decisions.reserve(atn.getNumberOfDecisions());
  for (size_t decision = 0; decision < atn.getNumberOfDecisions(); ++decision)
    decisions.emplace_back(atn.getDecisionState(decision), decision);
  antlr4::atn::PredictionContextCache contexts;
  Explorer explorer(&parser, atn, decisions, contexts);
  explorer.setPredictionMode(antlr4::atn::PredictionMode::SLL);

  std::vector<State> states;
  std::vector<std::vector<Start>> starts(decisions.size());
  size_t leftOut = 0;
  for (size_t decision = 0; decision < decisions.size(); ++decision) {
    DFA &dfa = decisions[decision];
    std::map<DFAState *, size_t> index; // this decision's states, numbered
    std::deque<DFAState *> open;
    auto number = [&](DFAState *state) {
      auto [at, added] = index.try_emplace(state, states.size());
      if (added) {
        states.emplace_back();
        states.back().accept = state->isAcceptState;
        states.back().prediction = state->prediction;
        if (!state->isAcceptState)
          open.push_back(state);
      }
      return at->second;
    };
    auto startState = [&](int precedence) {
      if (precedence >= 0)
        parser.enterPrecedence(precedence);
      stream.seek(0);
      try {
        explorer.adaptivePredict(&stream, decision, nullptr);
      } catch (const antlr4::RecognitionException &) {
        // Expected: the token fits no alternative.
      }
      DFAState *start = dfa.isPrecedenceDfa() ? dfa.getPrecedenceStartState(precedence) : dfa.s0;
      if (start)
        starts[decision].push_back({precedence, number(start)});
    };
    if (dfa.isPrecedenceDfa())
      for (int precedence : precedences)
        startState(precedence);
    else
      startState(-1);

    while (!open.empty()) {
      DFAState *from = open.front();
      open.pop_front();
      size_t fromIndex = index.at(from);
      for (size_t token = 1; token <= atn.maxTokenType; ++token) {
        DFAState *to = explorer.target(dfa, from, token);
        if (!to || to == ParserATNSimulator::ERROR.get())
          continue;
        std::vector<Predicate> predicates;
        if (to->isAcceptState && !tablePredicates(*to, predicates)) {
          ++leftOut;
          continue;
        }
        bool known = index.count(to) != 0;
        size_t toIndex = number(to);
        if (!known)
          states[toIndex].predicates = std::move(predicates);
        states[fromIndex].edges.push_back({token, toIndex});
      }
    }
  }

  std::ostringstream out;
  out << "// Generated by compiler/syntax/tablegen/PredictionTablesGen.cpp from the\n"
         "// parser generated from grammar/Sgd.g4. Do not edit.\n\n";
  out << "constexpr size_t kPrebuiltDecisionCount = " << decisions.size() << ";\n";
  out << "\n";
  size_t edgeCount = 0, predicateCount = 0, startCount = 0;
  out << "constexpr PrebuiltState kPrebuiltStates[] = {\n";
  for (const State &state : states) {
    out << "    {" << edgeCount << ", " << state.edges.size() << ", " << predicateCount << ", "
        << state.predicates.size() << ", " << (state.accept ? state.prediction : 0) << ", "
        << (state.accept ? "true" : "false") << "},\n";
    edgeCount += state.edges.size();
    predicateCount += state.predicates.size();
  }
  out << "};\n\nconstexpr PrebuiltEdge kPrebuiltEdges[] = {\n";
  for (const State &state : states)
    for (const auto &[token, target] : state.edges)
      out << "    {" << token << ", " << target << "},\n";
  out << "};\n\nconstexpr PrebuiltPredicate kPrebuiltPredicates[] = {\n";
  for (const State &state : states)
    for (const Predicate &predicate : state.predicates)
      out << "    {" << predicate.alt << ", " << predicate.precedence << "},\n";
  if (predicateCount == 0)
    out << "    {0, -1}, // none: the array must not be empty\n";
  out << "};\n\nconstexpr PrebuiltStart kPrebuiltStarts[] = {\n";
  for (const std::vector<Start> &decision : starts)
    for (const Start &start : decision)
      out << "    {" << start.precedence << ", " << start.state << "},\n";
  out << "};\n\nconstexpr PrebuiltDecision kPrebuiltDecisions[] = {\n";
  for (const std::vector<Start> &decision : starts) {
    out << "    {" << startCount << ", " << decision.size() << "},\n";
    startCount += decision.size();
  }
  out << "};\n";

  std::ofstream file(argv[1], std::ios::binary);
  file << out.str();
  file.close();
  if (!file) {
    std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[1]);
    return 1;
  }
  std::fprintf(stderr, "%zu decisions, %zu states, %zu edges, %zu states left out\n",
               decisions.size(), states.size(), edgeCount, leftOut);
  return 0;
}
