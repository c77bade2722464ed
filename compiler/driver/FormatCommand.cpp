#include "driver/FormatCommand.h"

#include "driver/ExitStatus.h"

#include "base/InputFile.h"

#include "diagnostics/TextRenderer.h"
#include "driver/ProjectFile.h"
#include "driver/Session.h"
#include "format/Formatter.h"
#include "format/UnifiedDiff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::driver {
namespace {

constexpr int exitUnformatted = 1;

// The project's own files: its entries and every file they import by path
// (the standard library is not the project's to format).
std::optional<std::vector<std::string>> projectFiles() {
  if (!llvm::sys::fs::exists("sgd.toml")) {
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "no files given and no sgd.toml here; give the files to format, or run `sgdc fmt` "
           "in a project's folder\n";
    return std::nullopt;
  }
  llvm::Expected<Project> project = loadProject(".");
  if (!project) {
    Session session;
    session.reportProjectError(project.takeError());
    session.finish(OutputOptions{});
    return std::nullopt;
  }
  Session session;
  if (!session.loadFiles(project->entries))
    return std::nullopt;
  session.parseAll();
  // Without a standard library the loader only notes the standard imports;
  // what matters here is the files imported by path.
  session.loadImports(sema::ModuleSearch{std::nullopt});
  std::vector<std::string> files;
  for (const sema::Module &module : session.modules().modules)
    if (!module.isStandard)
      files.push_back(module.name);
  return files;
}

bool writeBack(const std::string &path, llvm::StringRef text) {
  if (llvm::Error error = llvm::writeFileAtomically(path + ".sgdc-fmt-%%%%%%", path, text)) {
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "cannot write '" << path << "': " << llvm::toString(std::move(error)) << "\n";
    return false;
  }
  return true;
}

} // namespace

int runFormat(FormatFlags flags) {
  if (flags.paths.empty()) {
    std::optional<std::vector<std::string>> files = projectFiles();
    if (!files)
      return exitUsage;
    flags.paths = std::move(*files);
  }
  int status = 0;
  for (const std::string &path : flags.paths) {
    bool standardInput = path == "-";
    // A file as every input is read: a regular file within the size limit
    // (a FIFO would block, /dev/zero would never end).
    llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        standardInput ? llvm::errorOrToExpected(llvm::MemoryBuffer::getSTDIN())
                      : readInputFile(path, kDefaultMaxInputBytes);
    if (!buffer) {
      llvm::WithColor::error(llvm::errs(), "sgdc") << llvm::toString(buffer.takeError()) << "\n";
      status = exitUsage;
      continue;
    }
    SourceFiles files;
    FileId file = files.addBuffer(standardInput ? "<stdin>" : path, (*buffer)->getBuffer());
    DiagnosticEngine diagnostics;
    auto formatted = format::formatFile(files, file, diagnostics);
    if (!formatted) {
      llvm::WithColor::error(llvm::errs(), "sgdc")
          << "internal error formatting '" << path << "': "
          << llvm::toString(formatted.takeError()) << "\n";
      status = std::max(status, exitUnformatted);
      continue;
    }
    if (!*formatted) {
      renderText(llvm::errs(), files, diagnostics.sorted(), TextRenderOptions{flags.color});
      llvm::errs() << "sgdc: " << (standardInput ? "<stdin>" : path)
                   << " has syntax errors; it was not formatted\n";
      status = std::max(status, exitUnformatted);
      if (standardInput && !flags.check && !flags.diff)
        llvm::outs() << files.text(file); // a filter passes what it cannot format
      continue;
    }
    llvm::StringRef original = files.text(file);
    const std::string &text = **formatted;
    bool changed = text != original;
    if (flags.diff)
      llvm::outs() << format::unifiedDiff(original, text, standardInput ? "<stdin>" : path);
    if (flags.check) {
      if (changed) {
        if (!flags.diff)
          llvm::outs() << path << "\n";
        status = std::max(status, exitUnformatted);
      }
    } else if (!flags.diff) {
      if (standardInput)
        llvm::outs() << text;
      else if (changed && !writeBack(path, text))
        status = exitUsage;
    }
  }
  llvm::outs().flush();
  return status;
}

} // namespace sgd::driver
