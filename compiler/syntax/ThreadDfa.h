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
/// the runtime's prediction, which costs several times that walk.
///
/// The DFA only caches what the ATN predicts: the parse is the same with any
/// DFA, warm or cold.
void useThreadDfa(antlr4::Parser &parser);

} // namespace sgd::syntax

#endif
