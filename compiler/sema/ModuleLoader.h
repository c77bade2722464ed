#ifndef SGD_SEMA_MODULELOADER_H
#define SGD_SEMA_MODULELOADER_H

#include "ast/AstContext.h"
#include "base/InputFile.h"
#include "base/SourceFiles.h"
#include "diagnostics/DiagnosticEngine.h"
#include "sema/ModuleGraph.h"
#include "syntax/Parser.h"

#include <optional>
#include <string>

namespace sgd::sema {

struct ModuleSearch {
  /// Where `import std.a.b;` looks for `a/b.sgd`; none: no standard library.
  std::optional<std::string> stdlibDir;
  /// The most bytes an imported file may have (`--max-input-size`, E0003),
  /// and one item of it (`--max-item-size`, E0113).
  uint64_t maxInputBytes = kDefaultMaxInputBytes;
  uint32_t maxItemBytes = syntax::kDefaultMaxItemBytes;
  /// Standard modules already parsed, registered first in the compilation's
  /// SourceFiles (StdlibCache); null: each is read and parsed.
  const class StdlibCache *cache = nullptr;
  /// Where the pieces of a large imported file are parsed (`--jobs`); null:
  /// on the calling thread.
  llvm::ThreadPool *pool = nullptr;
};

/// Every module of the standard library (`std.catalog.nvidia`, …), sorted;
/// none without a standard library.
std::vector<std::string> standardModuleNames(const ModuleSearch &search);

/// The project root of a file in `folder`: the folder of the nearest
/// sgd.toml at or above it, else `folder` itself.
std::string projectRootFor(llvm::StringRef folder);

/// A file read and parsed for a compilation.
struct ParsedSource {
  FileId file;
  const ast::File *ast;
};

/// Reads and parses the files that imports and rule packs name. Without
/// one, a compilation reads them from disk into its own SourceFiles; the
/// language server passes one that serves open editor buffers and keeps
/// unchanged files (the standard library above all) parsed across checks.
class SourceReader {
public:
  virtual ~SourceReader() = default;
  /// The file at `path`, shown in diagnostics as `shownName`, registered in
  /// the compilation's SourceFiles and parsed; its syntax errors go to
  /// `diagnostics`. An error when it cannot be read.
  virtual llvm::Expected<ParsedSource> read(const std::string &path,
                                            const std::string &shownName,
                                            DiagnosticEngine &diagnostics) = 0;
};

/// Reads `path` through `reader`, or without one from disk into `files`
/// (a regular file of at most `maxInputBytes`: an InputFileError otherwise),
/// parsed into `context` with items of at most `maxItemBytes`, its pieces on
/// `pool` when there is one.
llvm::Expected<ParsedSource> readSource(SourceReader *reader, SourceFiles &files,
                                        ast::AstContext &context, const std::string &path,
                                        const std::string &shownName,
                                        DiagnosticEngine &diagnostics,
                                        uint64_t maxInputBytes = kDefaultMaxInputBytes,
                                        uint32_t maxItemBytes = syntax::kDefaultMaxItemBytes,
                                        llvm::ThreadPool *pool = nullptr);

/// One file given on the command line, already read and parsed.
struct EntryFile {
  std::string path; // as given; relative paths are relative to the working directory
  FileId file;
  const ast::File *ast;
};

/// Follows the imports of the entry files. `import "x.sgd";` is relative to
/// the importing file and must stay inside its project root: the folder of
/// the nearest `sgd.toml` above the entry file, else the entry file's folder
/// (the standard library is the root of its own files). `..` out of the
/// root, links that resolve outside it, missing files and modules, and import
/// cycles are diagnostics at the import. Every file is read and parsed once,
/// keyed by its real path.
ModuleGraph loadModules(const std::vector<EntryFile> &entries, const ModuleSearch &search,
                        SourceFiles &files, ast::AstContext &context,
                        DiagnosticEngine &diagnostics, SourceReader *reader = nullptr);

} // namespace sgd::sema

#endif
