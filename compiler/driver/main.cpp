// sgdc: the SGD datacenter design compiler. Command-line entry point.
#include "ast/AstDump.h"
#include "model/DesignPath.h"
#include "model/ModelDump.h"
#include "sema/Suggestion.h"
#include "diagnostics/DiagnosticCode.h"
#include "driver/Session.h"
#include "driver/Version.h"

#include "CLI/CLI.hpp"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"


namespace {

using namespace sgd;
using namespace sgd::driver;

// Exit codes, documented in docs/diagnostics.md.
constexpr int exitUsage = 2;

const char *const helpExamples = R"(Examples:
  sgdc check examples/abilene/*.sgd          check designs, errors as text
  sgdc check --format sarif campus.sgd       errors as SARIF 2.1.0 for CI
  sgdc check -D hall_racks=120 campus.sgd    override a constant
  sgdc dump ast campus.sgd                   print the syntax tree
  sgdc dump model campus.sgd --path abilene.b3   the resolved design of building b3
  sgdc explain E0101                         explain a diagnostic code

Exit status: 0 no errors, 1 the design has errors, 2 usage or I/O problem.)";

// Options shared by every command that prints diagnostics.
struct OutputFlags {
  std::string format = "text";
  std::string color = "auto";

  OutputOptions resolve() const {
    OutputOptions options;
    options.format = format == "json"    ? DiagnosticFormat::Json
                     : format == "sarif" ? DiagnosticFormat::Sarif
                                         : DiagnosticFormat::Text;
    options.color = color == "always"  ? ColorMode::Always
                    : color == "never" ? ColorMode::Never
                                       : ColorMode::Auto;
    return options;
  }
};

void addOutputOptions(CLI::App *command, OutputFlags &flags) {
  command->add_option("--format", flags.format, "How to print diagnostics: text, json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  command
      ->add_option("--color", flags.color,
                   "Color text diagnostics: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

// The standard library: `--stdlib DIR`, else `stdlib` next to the binary (the
// build tree), else `../share/sgdc/stdlib` from it (an installation).
sema::ModuleSearch moduleSearch(const std::string &stdlibOption, const char *argv0) {
  if (!stdlibOption.empty())
    return {stdlibOption};
  std::string executable =
      llvm::sys::fs::getMainExecutable(argv0, reinterpret_cast<void *>(&moduleSearch));
  llvm::StringRef binDir = llvm::sys::path::parent_path(executable);
  for (const char *relative : {"stdlib", "../share/sgdc/stdlib"}) {
    llvm::SmallString<256> candidate(binDir);
    llvm::sys::path::append(candidate, relative);
    if (llvm::sys::fs::is_directory(candidate))
      return {std::string(candidate)};
  }
  return {std::nullopt};
}

// What every command that compiles a design takes.
struct CompileFlags {
  std::vector<std::string> paths;
  std::vector<std::string> overrides;
  std::string stdlib;
  sema::ElaborationLimits limits;
};

void addCompileOptions(CLI::App *command, CompileFlags &flags) {
  command->add_option("files", flags.paths, "Design files (.sgd)")->required();
  command->add_option("-D,--define", flags.overrides, "Override a constant: -D name=value (repeatable)")
      ->check(CLI::Validator(
          [](std::string &text) {
            auto [name, value] = llvm::StringRef(text).split('=');
            return name.trim().empty() || value.trim().empty() || !llvm::StringRef(text).contains('=')
                       ? std::string("expected name=value, as in -D hall_racks=120")
                       : std::string();
          },
          "NAME=VALUE"));
  command->add_option("--stdlib", flags.stdlib, "The standard library folder (default: next to sgdc)")
      ->check(CLI::ExistingDirectory);
  command
      ->add_option("--max-instances", flags.limits.maxInstances,
                   "Most structures and racks a design may expand to (default 10000000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000'000}));
}

void compile(Session &session, const CompileFlags &flags, const char *argv0) {
  sema::ModuleSearch search = moduleSearch(flags.stdlib, argv0);
  session.parseAll();
  session.loadImports(search);
  session.analyze(search, flags.overrides, flags.limits);
}

int runCheck(const CompileFlags &flags, const OutputOptions &options, const char *argv0) {
  Session session;
  if (!session.loadFiles(flags.paths))
    return exitUsage;
  compile(session, flags, argv0);
  return session.finish(options);
}

// `--path abilene.b3.h1`: the node to dump; NoIndex for the whole design.
// Nothing (after reporting) when the path names nothing or a rack.
std::optional<model::Index> dumpRoot(Session &session, const std::string &path) {
  if (path.empty())
    return model::NoIndex;
  llvm::SmallVector<llvm::StringRef, 8> parts;
  llvm::StringRef(path).split(parts, '.');
  auto result = model::resolvePath(*session.design(), parts);
  if (const auto *miss = std::get_if<model::PathMiss>(&result)) {
    std::string message = "`" + path + "` names nothing in the design: ";
    message += miss->part == 0 ? "there is no top-level structure `" + parts[0].str() + "`"
                               : "`" + llvm::join(llvm::ArrayRef<llvm::StringRef>(parts).take_front(miss->part), ".") +
                                     "` has no `" + parts[miss->part].str() + "`";
    Diagnostic &d = session.reportCommandLine(DiagCode::E0323, path, message);
    std::vector<llvm::StringRef> candidates(miss->candidates.begin(), miss->candidates.end());
    if (std::optional<std::string> best = sema::closestName(parts[miss->part], candidates))
      d.note("did you mean `" + *best + "`?");
    return std::nullopt;
  }
  const auto &target = std::get<model::PathTarget>(result);
  if (const auto *rack = std::get_if<model::RackRef>(&target)) {
    const model::RackRun &run = session.design()->rackRuns[rack->run];
    llvm::outs() << "rack " << path << " : "
                 << session.design()->catalog[run.rackType].qualifiedName << "\n";
    return std::nullopt;
  }
  return std::get<model::Index>(target);
}

int runDumpModel(const CompileFlags &flags, const std::string &format, const std::string &path,
                 const char *argv0) {
  Session session;
  if (!session.loadFiles(flags.paths))
    return exitUsage;
  compile(session, flags, argv0);
  if (session.design())
    if (std::optional<model::Index> root = dumpRoot(session, path)) {
      if (format == "json")
        model::dumpModelJson(*session.design(), session.files(), *root, llvm::outs());
      else
        model::dumpModelText(*session.design(), session.files(), *root, llvm::outs());
    }
  return session.finish(OutputOptions{});
}

int runDumpAst(const std::string &path, const OutputOptions &options) {
  Session session;
  if (!session.loadFiles({path}))
    return exitUsage;
  session.parseAll();
  ast::dumpAst(llvm::outs(), session.files(), *session.asts().front());
  return session.finish(options);
}

int runExplain(const std::string &codeId) {
  std::optional<DiagCode> code = findCode(codeId);
  if (!code) {
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "no diagnostic has the code '" << codeId << "'; codes look like E0101\n";
    return exitUsage;
  }
  const DiagCodeInfo &info = codeInfo(*code);
  llvm::outs() << info.id << " (" << severityName(info.defaultSeverity)
               << "): " << info.summary << "\n\n"
               << info.explanation;
  if (!info.explanation.endswith("\n"))
    llvm::outs() << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  CLI::App app{"sgdc: compiles datacenter designs (.sgd) into bills of materials, OCI "
               "manifests and construction schedules"};
  app.footer(helpExamples);
  app.set_version_flag("--version", ("sgdc " + versionString()).str());
  app.require_subcommand(1);

  OutputFlags output;
  CompileFlags compileFlags;
  CLI::App *check = app.add_subcommand("check", "Parse and check designs; print diagnostics");
  addCompileOptions(check, compileFlags);
  addOutputOptions(check, output);

  CLI::App *dump = app.add_subcommand("dump", "Print an internal representation");
  dump->require_subcommand(1);
  std::string dumpPath;
  CLI::App *dumpAst = dump->add_subcommand("ast", "Print the syntax tree of a file");
  dumpAst->add_option("file", dumpPath, "Design file (.sgd)")->required();
  addOutputOptions(dumpAst, output);
  CLI::App *dumpModel =
      dump->add_subcommand("model", "Print the resolved design with racks, GPUs and IT load "
                                    "per site, building and hall");
  addCompileOptions(dumpModel, compileFlags);
  std::string modelFormat = "text";
  dumpModel->add_option("--format", modelFormat, "text (an outline) or json (every row)")
      ->check(CLI::IsMember({"text", "json"}));
  std::string modelPath;
  dumpModel->add_option("--path", modelPath, "Only this part of the design: abilene.b3.h1");

  std::string explainCode;
  CLI::App *explain = app.add_subcommand("explain", "Explain a diagnostic code");
  explain->add_option("code", explainCode, "A code such as E0101")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &error) {
    int status = app.exit(error);
    // --help and --version succeed; every other parse error is a usage error.
    return status == 0 ? 0 : exitUsage;
  }

  if (check->parsed())
    return runCheck(compileFlags, output.resolve(), argv[0]);
  if (dumpModel->parsed())
    return runDumpModel(compileFlags, modelFormat, modelPath, argv[0]);
  if (dumpAst->parsed())
    return runDumpAst(dumpPath, output.resolve());
  if (explain->parsed())
    return runExplain(explainCode);
  return exitUsage;
}
