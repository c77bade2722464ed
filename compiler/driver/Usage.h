#ifndef SGD_DRIVER_USAGE_H
#define SGD_DRIVER_USAGE_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace sgd::driver {

/// Sets the `--help` footer of `app` and of every command in it: the
/// examples of that command (all of them for `sgdc --help`) and the exit
/// status. Call after every command is added.
void addExamples(CLI::App &app);

/// When the command line names a command that `app` does not have (`sgdc
/// chek x.sgd`, `sgdc dump tree`): the message that says so and suggests
/// the closest command. Nothing when every command word is known.
std::optional<std::string> unknownCommand(CLI::App &app, int argc, const char *const *argv);

/// `text` as a POSIX shell word: unchanged when it holds only characters that
/// need no quoting, else in single quotes (`'my campus'`).
std::string shellQuote(llvm::StringRef text);

} // namespace sgd::driver

#endif
