#ifndef SGD_FORMAT_FORMATTER_H
#define SGD_FORMAT_FORMATTER_H

#include "ast/Item.h"
#include "base/SourceFiles.h"
#include "diagnostics/DiagnosticEngine.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace sgd::format {

struct FormatOptions {
  /// Lines longer than this are wrapped where the layout allows (comments
  /// and strings never are).
  unsigned lineWidth = 100;
};

/// The canonical layout of `text`, whose AST `file` was parsed from it
/// without errors (docs/editors.md, "Formatting"). Only whitespace changes,
/// and the trailing comma of a call or list, which a broken group gets and a
/// one-line group loses; every comment stays between the same two tokens.
/// The result is checked for exactly that before it is returned: an error
/// means the formatter has a bug, and the text must be left as it is.
llvm::Expected<std::string> formatSource(llvm::StringRef text, const ast::File &file,
                                         const FormatOptions &options = {});

/// Parses file `file` of `files` and formats it. Syntax errors are reported
/// to `diagnostics` and give nothing: a file that does not parse is never
/// rewritten.
llvm::Expected<std::optional<std::string>> formatFile(const SourceFiles &files, FileId file,
                                                      DiagnosticEngine &diagnostics,
                                                      const FormatOptions &options = {});

} // namespace sgd::format

#endif
