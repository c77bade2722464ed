#include "lsp/Workspace.h"

#include "base/InputFile.h"
#include "driver/DisabledRules.h"
#include "driver/ProjectFile.h"
#include "schedule/Schedule.h"
#include "syntax/Parser.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <chrono>

namespace sgd::lsp {
namespace fs = llvm::sys::fs;

namespace {
// Edited buffers stay registered in SourceFiles (which cannot drop one);
// past this much text the server starts a fresh SourceFiles and parses the
// files it needs again.
constexpr uint64_t recycleBytes = 64 * 1024 * 1024;
} // namespace

std::string canonicalPath(llvm::StringRef path) {
  llvm::SmallString<256> real;
  if (!fs::real_path(path, real))
    return std::string(real);
  llvm::SmallString<256> absolute(path);
  fs::make_absolute(absolute);
  llvm::sys::path::remove_dots(absolute, true);
  return std::string(absolute);
}

std::string CheckResult::pathOf(FileId file) const {
  auto found = paths.find(file.index);
  return found == paths.end() ? std::string() : found->second;
}

bool CheckResult::parsedCleanly(llvm::StringRef path) const {
  for (const std::shared_ptr<const ParsedFile> &source : sources)
    if (source->path == path)
      return !source->syntaxErrors.hasErrors();
  return false;
}

std::optional<unsigned> CheckResult::moduleOf(llvm::StringRef path) const {
  const sema::ModuleGraph &graph = session->modules();
  for (unsigned module = 0; module < graph.modules.size(); ++module)
    if (pathOf(graph.modules[module].file) == path)
      return module;
  return std::nullopt;
}

void Workspace::open(const std::string &path, std::string text, int64_t version) {
  documents_[canonicalPath(path)] = Document{std::move(text), version};
}

void Workspace::close(const std::string &path) { documents_.erase(canonicalPath(path)); }

const std::string *Workspace::text(const std::string &path) const {
  auto found = documents_.find(canonicalPath(path));
  return found == documents_.end() ? nullptr : &found->second.text;
}

llvm::StringRef Workspace::textOf(const CheckResult &result, FileId file) const {
  return result.session->files().text(file);
}

std::shared_ptr<const ParsedFile> Workspace::parsed(const std::string &path,
                                                    const std::string &shown) {
  std::string key = canonicalPath(path);
  auto known = cache_.find(key);
  auto document = documents_.find(key);
  fs::file_status status;
  bool onDisk = !fs::status(key, status) && fs::is_regular_file(status);
  if (known != cache_.end()) {
    const ParsedFile &file = *known->second;
    bool fresh = document != documents_.end()
                     ? file.version == document->second.version
                     : file.version < 0 && onDisk &&
                           file.modified == status.getLastModificationTime() &&
                           file.size == status.getSize();
    if (fresh)
      return known->second;
  }
  auto file = std::make_shared<ParsedFile>();
  file->path = key;
  std::string text;
  if (document != documents_.end()) {
    text = document->second.text;
    file->version = document->second.version;
  } else {
    // Only a regular file within the size limit: a FIFO would block.
    llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        readInputFile(key, kDefaultMaxInputBytes);
    if (!buffer) {
      llvm::consumeError(buffer.takeError());
      return nullptr;
    }
    text = (*buffer)->getBuffer().str();
    file->modified = status.getLastModificationTime();
    file->size = status.getSize();
  }
  bufferedBytes_ += text.size();
  file->file = files_->addBuffer(shown, text);
  file->context = std::make_unique<ast::AstContext>();
  file->ast = syntax::parseFile(*files_, file->file, *file->context, file->syntaxErrors);
  cache_[key] = file;
  return file;
}

llvm::Expected<sema::ParsedSource> Workspace::read(const std::string &path,
                                                   const std::string &shownName,
                                                   DiagnosticEngine &diagnostics) {
  std::shared_ptr<const ParsedFile> file = parsed(path, shownName);
  if (!file)
    return llvm::createStringError(std::make_error_code(std::errc::no_such_file_or_directory),
                                   "cannot read " + path);
  diagnostics.append(DiagnosticEngine(file->syntaxErrors));
  if (checking_) {
    checking_->sources.push_back(file);
    checking_->paths[file->file.index] = file->path;
  }
  return sema::ParsedSource{file->file, file->ast};
}

void Workspace::recycleIfLarge() {
  if (bufferedBytes_ < recycleBytes)
    return;
  // Only when no result still reads the old files.
  for (const std::weak_ptr<CheckResult> &result : results_)
    if (!result.expired())
      return;
  results_.clear();
  cache_.clear();
  files_ = std::make_unique<SourceFiles>();
  bufferedBytes_ = 0;
}

std::shared_ptr<CheckResult> Workspace::checkEntries(const std::vector<std::string> &entries,
                                                     const std::string &projectFolder) {
  auto started = std::chrono::steady_clock::now();
  auto result = std::make_shared<CheckResult>();
  result->session = std::make_unique<driver::Session>(*files_, *this);
  checking_ = result.get();
  driver::Session &session = *result->session;
  std::optional<driver::Project> project;
  if (!projectFolder.empty()) {
    llvm::Expected<driver::Project> loaded = driver::loadProject(projectFolder);
    if (loaded) {
      project = std::move(*loaded);
      session.pinPackVersions(project->packVersions); // as `sgdc check` judges
    } else
      session.reportProjectError(loaded.takeError());
  }
  for (const std::string &entry : entries)
    if (llvm::Expected<sema::ParsedSource> file = read(entry, entry, session.diagnostics()))
      session.addParsedEntry(entry, file->file, file->ast);
    else
      llvm::consumeError(file.takeError());
  session.loadImports(search_);
  session.analyze(search_, {}, sema::ElaborationLimits{});
  if (session.analysis()) // the schedule's errors are the design's too, as in `sgdc check`
    schedule::checkSchedules(*session.design(), *session.analysis(), session.diagnostics());
  if (project)
    (void)driver::applyDisabledRules(session, project->checks.disabled);
  checking_ = nullptr;
  result->index = std::make_unique<SymbolIndex>(session.modules());
  result->milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
          .count();
  results_.push_back(result);
  return result;
}

std::shared_ptr<CheckResult> Workspace::check(const std::string &path) {
  recycleIfLarge();
  std::string file = canonicalPath(path);
  std::string root = sema::projectRootFor(llvm::sys::path::parent_path(file));
  llvm::SmallString<256> manifest(root);
  llvm::sys::path::append(manifest, "sgd.toml");
  if (fs::is_regular_file(manifest)) {
    llvm::Expected<driver::Project> project = driver::loadProject(root);
    if (!project) {
      // The file alone, with the project's error (E0901) at its place.
      llvm::consumeError(project.takeError());
      return checkEntries({file}, root);
    }
    std::vector<std::string> entries;
    for (const std::string &entry : project->entries)
      entries.push_back(canonicalPath(entry));
    std::shared_ptr<CheckResult> result = checkEntries(entries, root);
    if (result->moduleOf(file))
      return result;
  }
  return checkEntries({file}, "");
}

} // namespace sgd::lsp
