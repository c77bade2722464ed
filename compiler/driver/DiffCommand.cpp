// `sgdc diff OLD NEW`: both sides compiled in-process, their figures
// compared (compiler/diff).

#include "driver/DiffCommand.h"

#include "driver/ExitStatus.h"

#include "backends/Bom.h"
#include "backends/OciBackend.h"
#include "diff/DesignDiff.h"
#include "diff/Render.h"
#include "driver/DisabledRules.h"
#include "driver/ProjectFile.h"
#include "driver/Session.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/WithColor.h"

namespace sgd::driver {
namespace {

llvm::raw_ostream &error() { return llvm::WithColor::error(llvm::errs(), "sgdc"); }

// A folder of the system's temporary folder, removed with everything in it
// when the command ends.
struct ScratchFolder {
  llvm::SmallString<128> path;
  ~ScratchFolder() {
    if (!path.empty())
      (void)llvm::sys::fs::remove_directories(path);
  }
};

// Runs `program` with `args` (after its name) in the current folder; what it
// prints on standard output goes to `output`. On failure, why: its standard
// error, or that it could not be started.
bool runProgram(llvm::StringRef program, llvm::ArrayRef<std::string> args,
                const ScratchFolder &scratch, std::string &output, std::string &why) {
  llvm::ErrorOr<std::string> path = llvm::sys::findProgramByName(program);
  if (!path) {
    why = "`" + program.str() + "` is not on PATH";
    return false;
  }
  llvm::SmallString<128> out(scratch.path), err(scratch.path);
  llvm::sys::path::append(out, "stdout");
  llvm::sys::path::append(err, "stderr");
  // The redirections do not truncate: a longer output of an earlier run
  // would show through.
  (void)llvm::sys::fs::remove(out);
  (void)llvm::sys::fs::remove(err);
  std::vector<llvm::StringRef> argv{program};
  argv.insert(argv.end(), args.begin(), args.end());
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), out.str(), err.str()};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*path, argv, llvm::None, redirects, 0, 0, &message);
  auto read = [](llvm::StringRef file) {
    auto buffer = llvm::MemoryBuffer::getFile(file);
    return buffer ? (*buffer)->getBuffer().str() : std::string();
  };
  output = read(out);
  if (status != 0) {
    why = message.empty() ? llvm::StringRef(read(err)).trim().str() : message;
    return false;
  }
  return true;
}

// One side of the diff: a design file, or a project folder.
struct Side {
  std::string label; // as given on the command line
  std::string path;  // the file, or the project's folder
  std::string root;  // what diagnostics' file names are relative to ("" for the current folder)
};

// A git revision of the project of the current folder, checked out into
// `scratch` (`git archive`, nothing else is touched). False after saying why
// not.
bool checkOutRevision(const std::string &revision, const ScratchFolder &scratch, Side &side) {
  std::string top, prefix, commit, ignored, why;
  if (!runProgram("git", {"rev-parse", "--show-toplevel"}, scratch, top, why) ||
      !runProgram("git", {"rev-parse", "--show-prefix"}, scratch, prefix, why) ||
      !runProgram("git", {"rev-parse", "--verify", "--quiet", revision + "^{commit}"}, scratch,
                  commit, ignored)) {
    error() << "'" << revision
            << "' is neither a design file, a project folder nor a git revision of the current "
               "folder's repository"
            << (why.empty() ? "" : " (" + why + ")") << "\n";
    return false;
  }
  top = llvm::StringRef(top).trim().str();
  prefix = llvm::StringRef(prefix).trim().str();
  commit = llvm::StringRef(commit).trim().str();
  llvm::SmallString<128> tree(scratch.path), archive(scratch.path);
  llvm::sys::path::append(tree, commit.substr(0, 12));
  llvm::sys::path::append(archive, commit.substr(0, 12) + ".tar");
  std::string treeish = prefix.empty() ? commit : commit + ":" + llvm::StringRef(prefix).rtrim('/').str();
  if (std::error_code failed = llvm::sys::fs::create_directories(tree)) {
    error() << "cannot create '" << tree << "': " << failed.message() << "\n";
    return false;
  }
  // From the top folder: in a subfolder, git archive would keep only the
  // subfolder's part of the tree `COMMIT:PREFIX`.
  if (!runProgram("git", {"-C", top, "archive", "--format=tar", "-o", archive.str().str(), treeish},
                  scratch,
                  ignored, why) ||
      !runProgram("tar", {"-xf", archive.str().str(), "-C", tree.str().str()}, scratch, ignored,
                  why)) {
    error() << "cannot check out the project at '" << revision << "': " << why << "\n";
    return false;
  }
  llvm::SmallString<128> project(tree);
  llvm::sys::path::append(project, "sgd.toml");
  if (!llvm::sys::fs::exists(project)) {
    error() << "'" << revision << "' has no sgd.toml in "
            << (prefix.empty() ? "the repository's top folder" : "'" + prefix + "'")
            << ": `sgdc diff REV REV` compares the project of the current folder\n";
    return false;
  }
  side.path = side.root = tree.str().str();
  return true;
}

std::optional<Side> resolveSide(const std::string &argument, const ScratchFolder &scratch) {
  Side side{argument, argument, ""};
  if (llvm::sys::fs::is_directory(argument)) {
    llvm::SmallString<128> project(argument);
    llvm::sys::path::append(project, "sgd.toml");
    if (!llvm::sys::fs::exists(project)) {
      error() << "'" << argument << "' has no sgd.toml: give a project folder, a design file or "
                 "a git revision\n";
      return std::nullopt;
    }
    llvm::SmallString<128> root(argument);
    llvm::sys::path::remove_dots(root, true);
    side.root = root == "." ? "" : root.str().str();
    return side;
  }
  if (llvm::sys::fs::is_regular_file(argument)) {
    side.root = llvm::sys::path::parent_path(argument).str();
    return side;
  }
  if (!checkOutRevision(argument, scratch, side))
    return std::nullopt;
  return side;
}

// The OCI region list of the standard library, as `sgdc build` reads it.
void readRegions(const sema::ModuleSearch &search, backends::OciSettings &oci) {
  if (!search.stdlibDir)
    return;
  llvm::SmallString<256> regions(*search.stdlibDir);
  llvm::sys::path::append(regions, "oci", "regions.tsv");
  oci.regionListPath = std::string(regions);
  if (auto list = backends::readOciRegionList(regions))
    oci.regions = std::move(*list);
  else
    oci.regionListError = llvm::toString(list.takeError());
}

// Compiles one side as `sgdc build` would, writing nothing, and takes its
// snapshot. Nothing when the side cannot be read (after saying why).
std::optional<diff::Snapshot> compileSide(const Side &side, const DiffFlags &flags,
                                          const sema::ModuleSearch &search) {
  Session session;
  backends::BuildSettings settings;
  std::optional<Project> project;
  std::vector<std::string> files{side.path};
  if (llvm::sys::fs::is_directory(side.path)) {
    llvm::Expected<Project> loaded = loadProject(side.path);
    if (!loaded) {
      session.reportProjectError(loaded.takeError());
      session.finish(OutputOptions{});
      return std::nullopt;
    }
    project = std::move(*loaded);
    files = project->entries;
    settings.designName = project->name;
    settings.backends = project->backends;
    settings.oci = project->oci;
    session.addPrices(project->prices, project->fx, settings);
    session.setCurrency(project->currency, settings);
  }
  if (!session.loadFiles(files))
    return std::nullopt;
  session.parseAll(flags.jobs);
  session.loadImports(search);
  session.analyze(search, {}, {});
  readRegions(search, settings.oci);

  std::optional<schedule::Plan> plan;
  std::optional<backends::Bom> bom;
  std::unique_ptr<backends::OutputSet> ociFiles = backends::OutputSet::inMemory();
  if (session.analysis()) {
    backends::BuildInput input{*session.design(), *session.analysis(), session.sitePacks(),
                               session.files(), settings};
    plan = schedule::planDesign(*session.design(), *session.analysis(), session.diagnostics());
    if (settings.backends.bom)
      bom = backends::buildBom(input, plan ? &*plan : nullptr, session.diagnostics());
    if (settings.backends.oci)
      backends::emitOci(input, *ociFiles, session.diagnostics());
  }
  if (project)
    applyDisabledRules(session, project->checks.disabled);
  diff::SideResults results;
  results.design = session.design();
  results.analysis = session.analysis();
  results.bom = bom ? &*bom : nullptr;
  results.plan = plan ? &*plan : nullptr;
  results.ociFiles = &ociFiles->contents();
  results.files = &session.files();
  results.diagnostics = &session.diagnostics();
  results.root = side.root;
  if (files.size() == 1)
    results.entryFile = files.front();
  return diff::takeSnapshot(side.label, results);
}

} // namespace

int runDiff(const DiffFlags &flags, const sema::ModuleSearch &search) {
  ScratchFolder scratch;
  if (std::error_code failed = llvm::sys::fs::createUniqueDirectory("sgdc-diff", scratch.path)) {
    error() << "cannot create a temporary folder: " << failed.message() << "\n";
    return exitUsage;
  }
  std::optional<Side> before = resolveSide(flags.before, scratch);
  std::optional<Side> after = before ? resolveSide(flags.after, scratch) : std::nullopt;
  if (!before || !after)
    return exitUsage;
  std::optional<diff::Snapshot> old = compileSide(*before, flags, search);
  std::optional<diff::Snapshot> now = old ? compileSide(*after, flags, search) : std::nullopt;
  if (!old || !now)
    return exitUsage;
  diff::DesignDiff result = diff::compare(*old, *now);
  if (flags.format == "json")
    diff::printJson(result, llvm::outs());
  else if (flags.format == "markdown")
    diff::printMarkdown(result, llvm::outs());
  else
    diff::printText(result, llvm::outs());
  return result.changed() ? 1 : 0;
}

} // namespace sgd::driver
