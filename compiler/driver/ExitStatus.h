#ifndef SGD_DRIVER_EXITSTATUS_H
#define SGD_DRIVER_EXITSTATUS_H

namespace sgd::driver {

/// Exit statuses, documented in docs/diagnostics.md: 0 no errors, 1 the
/// design has errors (or, for `sgdc fmt --check`, a file is not formatted),
/// 2 a usage or I/O problem.
constexpr int exitUsage = 2;

/// What main returns, or does instead, once a command is done. Standard
/// output is flushed, and a failure to write it (a full disk) is reported
/// with status exitUsage, where LLVM's stream would abort the process as it
/// is destroyed. Then the process ends without destroying what static
/// storage holds (the generated parser's ATN and prediction caches, LLVM's
/// managed statics: 0.7 M instructions, about 2% of a 1 M-rack BOM job), as
/// lld's exitLld ends a link, and for the reason clang's -disable-free
/// leaves its AST to the exit. Under a sanitizer it returns the status for
/// main to return, so that LeakSanitizer still checks at exit.
int finishProcess(int status);

} // namespace sgd::driver

#endif
