#ifndef SGD_DRIVER_SESSION_H
#define SGD_DRIVER_SESSION_H

#include "ast/AstContext.h"
#include "ast/Item.h"
#include "base/SourceFiles.h"
#include "diagnostics/DiagnosticEngine.h"
#include "checks/DesignAnalysis.h"
#include "driver/ProjectFile.h"
#include "model/Design.h"
#include "rules/Rules.h"
#include "sema/Elaborator.h"
#include "sema/ModuleLoader.h"

#include "llvm/Support/ThreadPool.h"

#include <map>
#include <string>
#include <vector>

namespace sgd::driver {

/// How the driver prints diagnostics.
enum class DiagnosticFormat { Text, Json, Sarif };
enum class ColorMode { Auto, Always, Never };

struct OutputOptions {
  DiagnosticFormat format = DiagnosticFormat::Text;
  ColorMode color = ColorMode::Auto;
  bool denyWarnings = false; // `--deny warnings`
  std::string sarifRoot;     // what SARIF file locations are relative to (SourceRoot.h)
};

/// Everything one command invocation compiles: the source files, their ASTs
/// and the diagnostics reported on the way.
class Session {
public:
  Session();
  /// A session on files that outlive it: registered in `files`, imports and
  /// rule packs read through `reader` (the language server's, which keeps
  /// files parsed from one check to the next).
  Session(SourceFiles &files, sema::SourceReader &reader);

  /// Adds a file parsed elsewhere as an entry, as loadFiles() and parseAll()
  /// would have.
  void addParsedEntry(std::string path, FileId file, const ast::File *ast);

  /// Reads every file. On failure prints one line per unreadable file to
  /// stderr and returns false: the caller exits with code 2.
  bool loadFiles(const std::vector<std::string> &paths);

  /// Parses every loaded file, in order; with `jobs` > 1 the pieces of large
  /// files on that many threads, which later check the files' names too
  /// (same result for any number).
  void parseAll(unsigned jobs = 1);

  /// Follows the imports of the parsed files (after parseAll), reading and
  /// parsing each imported file once.
  void loadImports(const sema::ModuleSearch &search);

  /// Checks names (duplicates, catalog references, template calls) and evaluates every
  /// `const` of every module (after loadImports), with the overrides given
  /// as `name=value` (`-D`) replacing declared values; then elaborates the
  /// design model, checking every value, and keeps it if the names had no
  /// error; then, if nothing had an error, runs the engineering checks and
  /// the rules. Runs only when reading, parsing and importing reported no
  /// error.
  void analyze(const sema::ModuleSearch &search, const std::vector<std::string> &overrides,
               const sema::ElaborationLimits &limits);

  /// The design model, once analyze() built it.
  const model::Design *design() const { return design_ ? &*design_ : nullptr; }

  /// The derived figures of the engineering checks, once they ran.
  const checks::DesignAnalysis *analysis() const { return analysis_ ? &*analysis_ : nullptr; }

  /// The rule packs of every site, once the rules ran (after the checks).
  const std::vector<rules::SitePacks> &sitePacks() const { return sitePacks_; }

  /// The pack versions to judge by (sgd.toml's `[compliance]`), set before
  /// analyze(); a pin of a pack no site uses is W0509.
  void pinPackVersions(const std::vector<PackVersion> &versions);
  const std::vector<rules::PackPin> &packPins() const { return packPins_; }

  /// The rule packs, once the rules ran.
  rules::PackLibrary *packs() { return packs_.get(); }

  /// `sgdc explain RULE-ID`: prints a rule of the standard library's packs;
  /// false when there is none of that id.
  bool explainRule(const sema::ModuleSearch &search, llvm::StringRef id, llvm::raw_ostream &os);

  /// Where phases after analysis (backends) report.
  DiagnosticEngine &diagnostics() { return diagnostics_; }

  /// The range of a place in a TOML file (sgd.toml, `--prices`), reading the
  /// file once so that diagnostics show its line.
  SourceRange rangeIn(const TomlPlace &place);

  /// Reports an error of sgd.toml or a `--prices` file (E0901 at its place).
  void reportProjectError(llvm::Error error);

  /// Reports a diagnostic about text given on the command line (`--path`).
  Diagnostic &reportCommandLine(DiagCode code, llvm::StringRef text, std::string message);

  /// The range of text given on the command line, for diagnostics about it.
  SourceRange commandLineRange(llvm::StringRef text);

  /// Prints the diagnostics in the requested format (text to stderr, JSON and
  /// SARIF to stdout) and returns the process exit code: 1 with errors, else 0.
  int finish(const OutputOptions &options);

  const SourceFiles &files() const { return files_; }
  const std::vector<const ast::File *> &asts() const { return asts_; }
  /// The files and their imports, once loadImports() followed them.
  const sema::ModuleGraph &modules() const { return modules_; }

private:
  /// Catalog references, template calls and zone references of each file.
  void checkFileNames(const sema::ModuleSearch &search);

  std::unique_ptr<llvm::ThreadPool> pool_; // with --jobs N > 1
  std::unique_ptr<SourceFiles> ownFiles_;    // unless the files outlive the session
  SourceFiles &files_;
  sema::SourceReader *reader_ = nullptr;
  std::vector<std::pair<std::string, FileId>> loaded_; // path as given, file
  std::map<std::string, FileId> settingsFiles_;         // TOML files, by path
  sema::ModuleGraph modules_;
  ast::AstContext astContext_;
  DiagnosticEngine diagnostics_;
  std::vector<const ast::File *> asts_;
  std::optional<model::Design> design_;
  std::optional<checks::DesignAnalysis> analysis_;
  std::unique_ptr<rules::PackLibrary> packs_;
  std::vector<rules::PackPin> packPins_;
  std::vector<rules::SitePacks> sitePacks_;
};

} // namespace sgd::driver

#endif
