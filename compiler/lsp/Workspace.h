#ifndef SGD_LSP_WORKSPACE_H
#define SGD_LSP_WORKSPACE_H

#include "driver/Session.h"
#include "lsp/SymbolIndex.h"
#include "sema/ModuleLoader.h"

#include "llvm/Support/Chrono.h"

#include <map>
#include <memory>
#include <string>

namespace sgd::lsp {

/// A file read and parsed once, kept while its text stays the same.
struct ParsedFile {
  std::string path;
  FileId file;
  std::unique_ptr<ast::AstContext> context;
  const ast::File *ast = nullptr;
  DiagnosticEngine syntaxErrors; // reported again in every check that reads it
  int64_t version = -1;          // of the editor's buffer; -1: read from disk
  llvm::sys::TimePoint<> modified;
  uint64_t size = 0;
};

/// One check of a project (or of a file outside any project): the session
/// that ran the phases, and what the editor features read from it.
struct CheckResult {
  std::unique_ptr<driver::Session> session;
  std::vector<std::shared_ptr<const ParsedFile>> sources; // alive as long as the session
  std::map<uint32_t, std::string> paths;                  // file index → absolute path
  std::unique_ptr<SymbolIndex> index;
  double milliseconds = 0;

  /// The path of a file of the check, or empty (a buffer of its own, such as
  /// the command line).
  std::string pathOf(FileId file) const;
  /// Whether the file at `path` was read and parsed without syntax errors.
  bool parsedCleanly(llvm::StringRef path) const;
  /// The module of the file at `path`, if the check read it.
  std::optional<unsigned> moduleOf(llvm::StringRef path) const;
};

/// The editor's open files and what the server has parsed. Files are parsed
/// once and kept until their text changes: an edit re-parses the edited file
/// only, and the standard library is parsed once per server process.
/// Checks then run the driver's phases (driver::Session) over them.
class Workspace : public sema::SourceReader {
public:
  explicit Workspace(sema::ModuleSearch search) : search_(std::move(search)) {}

  void open(const std::string &path, std::string text, int64_t version);
  void close(const std::string &path);
  /// The editor's text of an open file, else nothing.
  const std::string *text(const std::string &path) const;

  /// Checks what `path` belongs to: the project of the nearest sgd.toml
  /// above it, when it is one of that project's files, else the file alone.
  std::shared_ptr<CheckResult> check(const std::string &path);

  /// The text of a file as the last check saw it.
  llvm::StringRef textOf(const CheckResult &result, FileId file) const;

  const sema::ModuleSearch &search() const { return search_; }

  llvm::Expected<sema::ParsedSource> read(const std::string &path, const std::string &shownName,
                                          DiagnosticEngine &diagnostics) override;

private:
  std::shared_ptr<CheckResult> checkEntries(const std::vector<std::string> &entries,
                                            const std::string &projectFolder);
  std::shared_ptr<const ParsedFile> parsed(const std::string &path, const std::string &shown);
  void recycleIfLarge();

  struct Document {
    std::string text;
    int64_t version;
  };
  sema::ModuleSearch search_;
  std::unique_ptr<SourceFiles> files_ = std::make_unique<SourceFiles>();
  uint64_t bufferedBytes_ = 0; // text registered in files_, current or not
  std::map<std::string, Document> documents_;
  std::map<std::string, std::shared_ptr<const ParsedFile>> cache_;
  std::vector<std::weak_ptr<CheckResult>> results_;
  CheckResult *checking_ = nullptr;
};

/// The absolute, real path of `path` (links resolved), as files are keyed.
std::string canonicalPath(llvm::StringRef path);

} // namespace sgd::lsp

#endif
