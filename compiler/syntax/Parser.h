#ifndef SGD_SYNTAX_PARSER_H
#define SGD_SYNTAX_PARSER_H

#include "ast/AstContext.h"
#include "ast/Item.h"
#include "base/SourceFiles.h"
#include "diagnostics/DiagnosticEngine.h"

namespace llvm {
class ThreadPool;
} // namespace llvm

namespace sgd::syntax {

/// Parses one registered file into an AST allocated in `context`.
///
/// Never fails as a whole: invalid UTF-8, lexical and syntax errors are
/// reported to `diagnostics` (several per file, without cascades) and the
/// returned file holds every item that could be recovered. The ANTLR parse
/// tree exists only inside this call.
///
/// A large file is parsed in pieces; with a thread pool the pieces are parsed
/// in parallel (each thread predicts with its own DFA: ThreadDfa.h). The AST
/// and the diagnostics do not depend on the pool or its size.
///
/// One item (a statement, or a block's header: a large block's items are
/// parsed on their own) of more than `maxItemBytes` is not parsed (E0113):
/// ANTLR takes about a hundred times the text it parses at once.
constexpr uint32_t kDefaultMaxItemBytes = 1 << 20;
const ast::File *parseFile(const SourceFiles &files, FileId file, ast::AstContext &context,
                           DiagnosticEngine &diagnostics, llvm::ThreadPool *pool = nullptr,
                           uint32_t maxItemBytes = kDefaultMaxItemBytes);

/// Parses several registered files as parseFile does each, their pieces in one
/// batch on the pool: many small files keep its threads as busy as one large
/// one. The diagnostics come file by file, in the order of `ids`.
std::vector<const ast::File *> parseFiles(const SourceFiles &files, llvm::ArrayRef<FileId> ids,
                                          ast::AstContext &context, DiagnosticEngine &diagnostics,
                                          llvm::ThreadPool *pool = nullptr,
                                          uint32_t maxItemBytes = kDefaultMaxItemBytes);

} // namespace sgd::syntax

#endif
