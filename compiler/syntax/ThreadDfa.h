#ifndef SGD_SYNTAX_THREADDFA_H
#define SGD_SYNTAX_THREADDFA_H

// Private to compiler/syntax: the parser's prediction cache, one per thread.

#include "antlr4-runtime.h"

namespace sgd::syntax {

/// Makes `parser` predict with this thread's DFA instead of the one the
/// generated parser shares between all threads.
///
/// ANTLR 4.9 guards the shared DFA with two process-wide locks
/// (`ATNSimulator::_edgeLock` and `_stateLock`, each a mutex and a condition
/// variable) and the parser takes the edge lock at every prediction step, so
/// two threads parsing pieces of a file wait for each other more than they
/// parse (docs/performance.md, "Threads"). A DFA that only its own thread
/// reads and writes needs no lock to read: the simulator installed here
/// looks edges up without it. Edges are still added under the runtime's
/// write lock, which is taken only while a thread's DFA warms up. The DFA
/// lives as long as the thread, so the pieces a pool worker parses share it.
///
/// The simulator also walks the DFA's existing edges itself before it calls
/// the runtime's prediction, which costs several times that walk. Before
/// either, SLL prediction walks the prebuilt tables: the whole SLL DFA of
/// every decision, generated at build time from the parser's ATN by the
/// runtime's own simulator (tablegen/PredictionTablesGen.cpp), so that a
/// process does not compute its first states (3.3 M instructions of a small
/// design's check, half of it). Where they end (end of input, a syntax
/// error), the thread's DFA and the runtime take over; only then is the
/// thread's DFA made, from the parser's ATN, which SgdParser::initializeAtn
/// deserializes on that first use (grammar/LazyParserAtn.cmake): a valid
/// design is parsed without it.
///
/// The DFA only caches what the ATN predicts: the parse is the same with any
/// DFA, warm or cold.
void useThreadDfa(antlr4::Parser &parser);

} // namespace sgd::syntax

#endif
