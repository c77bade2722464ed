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
#include "sema/StdlibCache.h"

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
  unsigned maxDiagnostics = DiagnosticEngine::kDefaultLimit; // `--max-diagnostics`
  std::string sarifRoot;     // what SARIF file locations are relative to (SourceRoot.h)
};

/// Everything one command invocation compiles: the source files, their ASTs
/// and the diagnostics reported on the way.
class Session {
public:
  /// A compilation of its own; with `stdlib`, one that takes the standard
  /// library's parsed files from that cache (registered first).
  explicit Session(const sema::StdlibCache *stdlib = nullptr);
  /// A session on files that outlive it: registered in `files`, imports and
  /// rule packs read through `reader` (the language server's, which keeps
  /// files parsed from one check to the next).
  Session(SourceFiles &files, sema::SourceReader &reader);

  /// Adds a file parsed elsewhere as an entry, as loadFiles() and parseAll()
  /// would have.
  void addParsedEntry(std::string path, FileId file, const ast::File *ast);

  /// The most bytes an input file may have (`--max-input-size`): the design's
  /// files, their imports, sgd.toml and `--prices`.
  void setMaxInputBytes(uint64_t bytes) { maxInputBytes_ = bytes; }
  uint64_t maxInputBytes() const { return maxInputBytes_; }
  /// The most bytes one item of a design file may have (`--max-item-size`).
  void setMaxItemBytes(uint32_t bytes) { maxItemBytes_ = bytes; }

  /// Reads every file. A file that cannot be read is an error naming it
  /// (E0002; E0003 above the size limit) and the result is false: the caller
  /// prints the diagnostics (finish) and exits with code 2.
  bool loadFiles(const std::vector<std::string> &paths);
  /// Adds a design file held in memory, as if read from `path`.
  void loadBuffer(llvm::StringRef path, llvm::StringRef text);

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

  /// Adds the prices of `[prices]` (sgd.toml or `--prices FILE`) and the
  /// exchange rates of `[fx]` to a build's settings, replacing earlier ones
  /// of the same names: catalog prices to the BOM, `cost.NAME` rates to the
  /// cost model. Their places become source ranges, so that W0601 and
  /// W0610 show the line.
  void addPrices(const PriceList &prices, const std::map<std::string, ExchangeRate> &fx,
                 backends::BuildSettings &settings);

  /// Sets the project currency of `[project] currency` (none: USD) in a
  /// build's settings; the cost model checks it (E0615, E0612).
  void setCurrency(const std::optional<ProjectCurrency> &currency,
                   backends::BuildSettings &settings);

  /// Reports an error of sgd.toml or a `--prices` file (E0901 at its place;
  /// E0002 or E0003 when the file cannot be read).
  void reportProjectError(llvm::Error error);

  /// Reports an input file that could not be read (readInputFile): E0003
  /// when it is too large, else E0002.
  void reportInputFileError(llvm::Error error);
  void reportInputFile(const InputFileError &input);

  /// Reports a diagnostic about text given on the command line (`--path`).
  Diagnostic &reportCommandLine(DiagCode code, llvm::StringRef text, std::string message);

  /// The range of text given on the command line, for diagnostics about it.
  SourceRange commandLineRange(llvm::StringRef text);

  /// Prints the diagnostics in the requested format (text to `text`, by
  /// default stderr; JSON and SARIF to `structured`, by default stdout) and
  /// returns the process exit code: 1 with errors, else 0.
  int finish(const OutputOptions &options, llvm::raw_ostream &text = llvm::errs(),
             llvm::raw_ostream &structured = llvm::outs());

  const SourceFiles &files() const { return files_; }
  const std::vector<const ast::File *> &asts() const { return asts_; }
  /// The files and their imports, once loadImports() followed them.
  const sema::ModuleGraph &modules() const { return modules_; }

private:
  /// Catalog references, template calls and zone references of each file.
  void checkFileNames(const sema::ModuleSearch &search);
  /// W0910 when diagnostics beyond the limit were left out.
  void reportLeftOut();
  /// Frees the syntax parseAll built, once the model is (see analyze).
  void releaseEntrySyntax();

  /// `search` with what the session lends its loaders: the standard library
  /// cache, when there is one, and the pool of `--jobs`.
  sema::ModuleSearch sessionSearch(const sema::ModuleSearch &search) const;
  /// The cache's evaluated standard catalog, when there is a cache.
  const sema::StandardCatalog *standardCatalog() const;

  const sema::StdlibCache *stdlib_ = nullptr;
  std::unique_ptr<llvm::ThreadPool> pool_; // with --jobs N > 1
  uint64_t maxInputBytes_ = kDefaultMaxInputBytes;
  uint32_t maxItemBytes_ = syntax::kDefaultMaxItemBytes;
  std::unique_ptr<SourceFiles> ownFiles_;    // unless the files outlive the session
  SourceFiles &files_;
  sema::SourceReader *reader_ = nullptr;
  std::vector<std::pair<std::string, FileId>> loaded_; // path as given, file
  std::map<std::string, FileId> settingsFiles_;         // TOML files, by path
  sema::ModuleGraph modules_;
  ast::AstContext astContext_;
  /// The syntax of the files parseAll parsed: five times their size for a
  /// dense design, so freed once the model is built (releaseEntrySyntax).
  std::unique_ptr<ast::AstContext> entrySyntax_;
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
