// sgdc: the SGD datacenter design compiler. Command-line entry point.
#include "ast/AstDump.h"
#include "backends/Backends.h"
#include "backends/Bom.h"
#include "model/Aggregates.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"
#include "backends/OciBackend.h"
#include "backends/Schedule.h"
#include "backends/ScheduleGantt.h"
#include "checks/Summary.h"
#include "driver/DiffCommand.h"
#include "driver/DisabledRules.h"
#include "driver/ExitStatus.h"
#include "driver/FormatCommand.h"
#include "driver/ProgressLine.h"
#include "driver/ProjectFile.h"
#include "driver/ProjectInit.h"
#include "model/DesignPath.h"
#include "model/ModelDump.h"
#include "schedule/Schedule.h"
#include "syntax/Parser.h"
#include "sema/Suggestion.h"
#include "diagnostics/DiagnosticCode.h"
#include "driver/ScopedBuffering.h"
#include "driver/Session.h"
#include "driver/SourceRoot.h"
#include "driver/Usage.h"
#include "driver/Version.h"
#include "lsp/Server.h"
#include "rules/Compare.h"

#include "CLI/CLI.hpp"

#include <csignal>
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"


namespace {

using namespace sgd;
using namespace sgd::driver;

// Options shared by every command that prints diagnostics.
struct OutputFlags {
  std::string format = "text";
  std::string color = "auto";
  std::vector<std::string> deny; // `--deny warnings`
  unsigned maxDiagnostics = DiagnosticEngine::kDefaultLimit;
  std::string sarifRoot;         // `--sarif-root DIR`

  // Before `-C DIR` moves the working folder: the SARIF root belongs to
  // where sgdc was started.
  OutputOptions resolve() const {
    OutputOptions options;
    options.format = format == "json"    ? DiagnosticFormat::Json
                     : format == "sarif" ? DiagnosticFormat::Sarif
                                         : DiagnosticFormat::Text;
    options.color = color == "always"  ? ColorMode::Always
                    : color == "never" ? ColorMode::Never
                                       : ColorMode::Auto;
    options.denyWarnings = !deny.empty();
    options.maxDiagnostics = maxDiagnostics;
    if (options.format == DiagnosticFormat::Sarif)
      options.sarifRoot = sarifSourceRoot(sarifRoot);
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
  // One value per --deny: the files that may follow are not its values.
  command->add_option("--deny", flags.deny, "Raise warnings to errors: --deny warnings")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(CLI::IsMember({"warnings"}));
  command->add_option("--max-diagnostics", flags.maxDiagnostics,
                      "Most diagnostics to keep and print (default 1000; 0: all); the rest "
                      "are counted");
  command
      ->add_option("--sarif-root", flags.sarifRoot,
                   "The folder SARIF paths are relative to (default: the top of the git work "
                   "tree, else the working folder)")
      ->check(CLI::ExistingDirectory);
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
  uint64_t maxInputBytes = kDefaultMaxInputBytes;
  uint32_t maxItemBytes = syntax::kDefaultMaxItemBytes;
  unsigned jobs = 1;
  std::string directory; // -C DIR
};

// `-C DIR`: the command runs in DIR. False (after reporting) when it cannot.
bool enterDirectory(const CompileFlags &flags) {
  if (flags.directory.empty())
    return true;
  if (std::error_code error = llvm::sys::fs::set_current_path(flags.directory)) {
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "cannot work in '" << flags.directory << "': " << error.message() << "\n";
    return false;
  }
  return true;
}

// `512MiB`, `1GB`: built once and copied into each command's options, since
// CLI11 checks its whole table of units on every construction (a tenth of a
// small check's start, for the nine options that take a size).
const CLI::Validator &sizeValue() {
  static const CLI::AsSizeValue value(/*kb_is_1000=*/true);
  return value;
}

// Without files, a command works on the project of ./sgd.toml; `-C DIR`
// runs it in another folder.
void addCompileOptions(CLI::App *command, CompileFlags &flags) {
  command->add_option("files", flags.paths,
                      "Design files (.sgd); without them, the project of ./sgd.toml");
  command
      ->add_option("-C,--directory", flags.directory,
                   "Run in this folder, as if sgdc were started there (its sgd.toml, out/)")
      ->check(CLI::ExistingDirectory);
  command->add_option("-D,--define", flags.overrides, "Override a constant: -D name=value (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
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
  command
      ->add_option("--max-input-size", flags.maxInputBytes,
                   "Largest input file to read, as in 512MiB or 1GB (default 128MiB; at "
                   "most 4GiB - 1: source positions are 32-bit)")
      ->transform(sizeValue())
      ->check(CLI::Range(uint64_t{1}, uint64_t{UINT32_MAX}));
  command
      ->add_option("--max-item-size", flags.maxItemBytes,
                   "Largest single statement to parse, as in 4MiB (default 1MiB)")
      ->transform(sizeValue())
      ->check(CLI::Range(uint32_t{1}, uint32_t{1u << 31}));
  command
      ->add_option("-j,--jobs", flags.jobs,
                   "Parse large files and check each file's names on N threads (default 1); the "
                   "result is the same for any N")
      ->check(CLI::Range(1u, 256u));
}

void compile(Session &session, const CompileFlags &flags, const char *argv0,
             ProgressLine *progress = nullptr) {
  auto phase = [&](const std::string &what) {
    if (progress)
      progress->phase(what);
  };
  sema::ModuleSearch search = moduleSearch(flags.stdlib, argv0);
  search.maxInputBytes = flags.maxInputBytes;
  search.maxItemBytes = flags.maxItemBytes;
  size_t files = session.files().fileCount();
  phase("parsing " + std::to_string(files) + (files == 1 ? " file" : " files"));
  session.parseAll(flags.jobs);
  phase("reading imports");
  session.loadImports(search);
  phase("checking the design");
  session.analyze(search, flags.overrides, flags.limits);
}

// The schedule's links, calendar and preorders are part of the design: its
// errors (E0801–E0803, W0804) are reported by check as by build (which plans
// in backends::emitAll, whichever outputs it writes).
void checkSchedule(Session &session) {
  if (session.analysis())
    schedule::checkSchedules(*session.design(), *session.analysis(), session.diagnostics());
}

// How `check` and `build` start: in `-C DIR`, then, given no design files,
// on the project of ./sgd.toml (its entries become the files and its
// `deny-warnings` joins `--deny`), then with the files read. An invalid
// sgd.toml is reported (E0901). On failure, the exit status.
std::optional<int> startProjectCommand(Session &session, CompileFlags &flags,
                                       OutputOptions &options, llvm::StringRef command,
                                       std::optional<Project> &project) {
  if (!enterDirectory(flags))
    return exitUsage;
  session.setMaxInputBytes(flags.maxInputBytes);
  session.setMaxItemBytes(flags.maxItemBytes);
  session.diagnostics().setLimit(options.maxDiagnostics);
  if (flags.paths.empty()) {
    if (!llvm::sys::fs::exists("sgd.toml")) {
      llvm::WithColor::error(llvm::errs(), "sgdc")
          << "no design files given and no sgd.toml here; give the design's files, or run "
             "`sgdc "
          << command << "` in a project's folder (`sgdc init` starts one)\n";
      return exitUsage;
    }
    llvm::Expected<Project> loaded = loadProject(".", flags.maxInputBytes);
    if (!loaded) {
      session.reportProjectError(loaded.takeError());
      session.finish(options);
      return exitUsage;
    }
    project = std::move(*loaded);
    flags.paths = project->entries;
    options.denyWarnings |= project->checks.denyWarnings;
    session.pinPackVersions(project->packVersions);
  }
  if (!session.loadFiles(flags.paths)) {
    session.finish(options);
    return exitUsage;
  }
  return std::nullopt;
}

// How commands other than build end: the diagnostics that the project's
// `[checks] disable` turns off are waived, the rest printed, then (as text)
// each disabled rule with its justification. Returns the exit status.
int finishCommand(Session &session, const std::optional<Project> &project,
                  const OutputOptions &options) {
  std::vector<DisabledRuleEffect> disabled;
  if (project)
    disabled = applyDisabledRules(session, project->checks.disabled);
  int status = session.finish(options);
  if (options.format == DiagnosticFormat::Text)
    printDisabledRules(disabled, llvm::errs());
  return status;
}

// The session of `check` or `build`, left to the process's exit when the
// command ends instead of freed piece by piece, as clang's -disable-free
// leaves its AST: freeing the model, analyses and syntax of a dense 15 MB
// design took about 1% of `sgdc check`. Everything the command writes is
// written and flushed by then; BuryPointer keeps the session reachable, so
// that leak checkers report nothing.
class SessionLeftForExit {
public:
  SessionLeftForExit() : session_(std::make_unique<Session>()) {}
  SessionLeftForExit(const SessionLeftForExit &) = delete;
  SessionLeftForExit &operator=(const SessionLeftForExit &) = delete;
  ~SessionLeftForExit() { llvm::BuryPointer(std::move(session_)); }

  Session &operator*() { return *session_; }

private:
  std::unique_ptr<Session> session_;
};

int runCheck(CompileFlags flags, OutputOptions options, bool summary, const char *argv0) {
  if (summary && options.format != DiagnosticFormat::Text) {
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "--summary prints text; for the figures as JSON use `sgdc dump model --format "
           "json`\n";
    return exitUsage;
  }
  SessionLeftForExit owned;
  Session &session = *owned;
  std::optional<Project> project;
  if (std::optional<int> failed = startProjectCommand(session, flags, options, "check", project))
    return *failed;
  compile(session, flags, argv0);
  checkSchedule(session);
  if (summary && session.analysis())
    checks::printSummary(*session.design(), *session.analysis(), model::ModelForm::Instances,
                         llvm::outs());
  return finishCommand(session, project, options);
}

// `sgdc schedule`: check, then print the construction schedule: the
// critical-path report, or with `--emit` the MSPDI, CSV, Mermaid or SVG output
// (docs/schedule.md). The schedule is printed unless planning it reported an
// error; the exit code still counts every error of the design.
int runSchedule(CompileFlags flags, const std::string &emit, bool level, OutputOptions options,
                const char *argv0) {
  Session session;
  std::optional<Project> project;
  if (std::optional<int> failed =
          startProjectCommand(session, flags, options, "schedule", project))
    return *failed;
  compile(session, flags, argv0);
  std::optional<schedule::Plan> plan;
  if (session.analysis()) {
    unsigned before = session.diagnostics().errorCount();
    plan = schedule::planDesign(*session.design(), *session.analysis(), session.diagnostics());
    if (session.diagnostics().errorCount() != before)
      plan.reset();
  }
  int status = finishCommand(session, project, options);
  // `--level` with `--emit`: the files carry the levelled dates.
  if (plan && level && emit != "report")
    plan = schedule::levelledPlan(*plan, schedule::levelCrews(plan->network, plan->result));
  if (plan) {
    std::string title = project && !project->name.empty()
                            ? project->name
                            : llvm::sys::path::stem(flags.paths.front()).str();
    if (emit == "mspdi")
      backends::writeScheduleMspdi(
          *plan, title, project && project->currency ? project->currency->code : "USD",
          llvm::outs());
    else if (emit == "csv")
      backends::writeScheduleCsv(*plan, llvm::outs());
    else if (emit == "mermaid")
      backends::writeScheduleMermaid(*plan, title, llvm::outs());
    else if (emit == "tjp")
      backends::writeScheduleTjp(*plan, title, llvm::outs());
    else if (emit == "svg")
      llvm::outs() << backends::drawScheduleGantt(*plan, title);
    else {
      schedule::printReport(*plan, llvm::outs());
      if (level)
        schedule::printLevelling(*plan, schedule::levelCrews(plan->network, plan->result),
                                 llvm::outs());
    }
  }
  return status;
}

// What `sgdc build` takes besides the compile options.
struct BuildFlags {
  std::string outputDir;  // -o DIR; else sgd.toml's [outputs] dir, else out
  std::string pricesFile; // --prices FILE: a [prices] table that overrides sgd.toml's
  bool bomDetail = false; // --bom-detail
  bool expand = false;    // --expand: model.json with every replica written out
  uint64_t maxOutputBytes = backends::kDefaultMaxOutputBytes; // --max-output-size
  bool level = false;     // --level: crew-levelled dates in the schedule's files
};

// `sgdc init [DIR]`: a new project from the standard library's scaffold.
int runInit(const std::string &folder, const sema::ModuleSearch &search) {
  if (!search.stdlibDir) {
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "no standard library found; give it with --stdlib DIR\n";
    return exitUsage;
  }
  llvm::Expected<std::vector<std::string>> written = initProject(folder, *search.stdlibDir);
  if (!written) {
    llvm::WithColor::error(llvm::errs(), "sgdc") << llvm::toString(written.takeError()) << "\n";
    return exitUsage;
  }
  for (const std::string &file : *written)
    llvm::outs() << "created " << shellQuote(file) << "\n";
  llvm::outs() << "next: " << (folder == "." ? "" : "cd " + shellQuote(folder) + " && ")
               << "sgdc build\n";
  return 0;
}

// What the capex adds up to, for the summary: "IT equipment
// 16,320,000,000.00 USD, network fabric …, facility … (equipment …,
// construction …), land …, soft costs …; 37,502,574.89 USD per MW of IT
// load, facility 9,921,574.89 USD per MW".
std::string capexText(const backends::CapexFigures &figures, llvm::StringRef currency) {
  auto money = [&](const units::Rational &amount) {
    return backends::formatMoneyGrouped(amount) + " " + currency.str();
  };
  const cost::CapexTotal &capex = figures.capex;
  std::string text = "IT equipment " + money(capex.it);
  if (!capex.fabric.isZero())
    text += ", network fabric " + money(capex.fabric);
  text += ", facility " + money(capex.facility) + " (equipment " +
          money(capex.facilityEquipment) + ", construction " + money(capex.construction) + ")";
  if (!capex.land.isZero())
    text += ", land " + money(capex.land);
  if (!capex.soft.isZero())
    text += ", soft costs " + money(capex.soft);
  if (figures.perMegawatt)
    text += "; " + money(*figures.perMegawatt) + " per MW of IT load";
  if (figures.facilityPerMegawatt)
    text += ", facility " + money(*figures.facilityPerMegawatt) + " per MW";
  if (figures.unpricedLines)
    text += "; " + std::to_string(figures.unpricedLines) +
            (figures.unpricedLines == 1 ? " line" : " lines") + " without a price left out";
  return text;
}

// The capex of each phase and the cash-flow curve of capex.csv, paid per
// year, drawn as bars of up to 40 blocks:
//   sgdc: capex by phase: abilene 1: 27,1… USD (37,3… USD per MW of IT)
//   sgdc: paid  2024 ██████████                      5,123,000,000.00 USD
void printCashFlow(const backends::BuildReport &report, llvm::raw_ostream &os) {
  const std::string &currency = report.currency;
  if (!report.phases.empty()) {
    std::vector<std::string> phases;
    for (const backends::PhaseFigures &phase : report.phases)
      phases.push_back(phase.site + " " + std::to_string(phase.phase) + ": " +
                       backends::formatMoneyGrouped(phase.capex) + " " + currency +
                       (phase.perMegawatt ? " (" + backends::formatMoneyGrouped(*phase.perMegawatt) +
                                                " " + currency + " per MW of IT)"
                                          : std::string()));
    os << "sgdc: capex by phase: " << llvm::join(phases, "; ") << "\n";
  }
  units::Rational largest;
  for (const auto &[year, paid] : report.paidByYear)
    if (largest < paid)
      largest = paid;
  for (const auto &[year, paid] : report.paidByYear) {
    std::optional<units::Rational> share =
        largest.isZero() ? std::nullopt
                         : units::checkedDivide(
                               units::checkedMultiply(paid, units::Rational(40)).value_or(paid),
                               largest);
    size_t blocks = share ? static_cast<size_t>(share->numerator() / share->denominator()) : 0;
    std::string bar;
    for (size_t i = 0; i < blocks; ++i)
      bar += "\u2588";
    os << "sgdc: paid " << year << " " << bar << std::string(41 - blocks, ' ')
       << llvm::right_justify(backends::formatMoneyGrouped(paid), 22) << " " << currency << "\n";
  }
}

// What a build produced, for standard error: "sgdc: built 1 site: 5,760
// racks, 391,680 GPUs, IT load 726.4 MW, peak demand 805 MW (PUE 1.108);
// abilene: annual PUE 1.09, WUE 0 L/kWh; capex 17,296,123,000.00 USD; first
// power 2025-06-05", the capex of the bill of materials (per site too, for
// several), then the rules `[checks]` disabled and the files written, with
// their sizes.
void printBuildSummary(const model::Design &design, const checks::DesignAnalysis &analysis,
                       const backends::BuildReport &report,
                       llvm::ArrayRef<DisabledRuleEffect> disabled,
                       const backends::OutputSet &outputs, llvm::StringRef outputDir,
                       llvm::raw_ostream &os) {
  std::map<model::Level, uint64_t> counts = model::nodeCounts(design);
  model::RackTotals totals = model::rackTotals(design, model::NoIndex);
  uint64_t sites = counts[model::Level::Site];
  os << "sgdc: built " << units::withSeparators(sites) << (sites == 1 ? " site: " : " sites: ")
     << units::withSeparators(totals.racks) << " racks, " << units::withSeparators(totals.gpus)
     << " GPUs, IT load " << units::format(totals.itPower);
  // The energy model's headline: peak facility demand and the PUEs.
  os << ", peak demand " << units::format(analysis.design.peakDemand) << " (PUE "
     << units::format(analysis.design.pue) << ")";
  for (const thermal::SiteEnergy &site : analysis.thermal.sites)
    if (site.modelled())
      os << "; " << design.runPath(site.site) << ": annual PUE "
         << units::format(site.annualPue().in(units::dimensions::Ratio))
         << ", WUE "
         << llvm::cantFail(units::formatIn(site.wue().in(units::dimensions::FlowPerPower),
                                           "L/kWh"));
  if (report.capex)
    os << "; capex " << backends::formatMoneyGrouped(report.capex->capex.total) << " "
       << report.currency;
  if (report.firstPower)
    os << "; first power " << *report.firstPower;
  os << "\n";
  if (report.capex) {
    os << "sgdc: capex: " << capexText(*report.capex, report.currency) << "\n";
    for (const backends::CapexFigures &site : report.siteCapex)
      os << "sgdc:   "
         << (site.site.empty() ? std::string("outside any site") : "site " + site.site)
         << ": capex " << backends::formatMoneyGrouped(site.capex.total) << " "
         << report.currency << ": " << capexText(site, report.currency) << "\n";
    printCashFlow(report, os);
  }
  printDisabledRules(disabled, os);
  os << "sgdc: wrote " << outputs.files().size()
     << (outputs.files().size() == 1 ? " file" : " files") << " to " << outputDir
     << "/:\n";
  size_t nameWidth = 0;
  for (const auto &[path, bytes] : outputs.files())
    nameWidth = std::max(nameWidth, path.size());
  for (const auto &[path, bytes] : outputs.files())
    os << "  " << llvm::left_justify(path, nameWidth) << "  "
       << llvm::right_justify(units::withSeparators(bytes), 11) << " bytes\n";
}

// `sgdc build`: check, then run every backend and write the outputs
// atomically; nothing is written when there are errors.
int runBuild(CompileFlags flags, const BuildFlags &buildOptions, OutputOptions options,
             const char *argv0) {
  std::string outputDir = buildOptions.outputDir;
  backends::BuildSettings settings;
  settings.bomDetail = buildOptions.bomDetail;
  if (buildOptions.expand)
    settings.modelForm = model::ModelForm::Expanded;
  settings.levelSchedule = buildOptions.level;
  settings.toolVersion = versionString().str();
  SessionLeftForExit owned;
  Session &session = *owned;
  std::optional<Project> project;
  if (std::optional<int> failed = startProjectCommand(session, flags, options, "build", project))
    return *failed;
  if (project) {
    settings.designName = project->name;
    settings.backends = project->backends;
    session.addPrices(project->prices, project->fx, settings);
    session.setCurrency(project->currency, settings);
    settings.oci = project->oci;
    if (outputDir.empty() && project->outputDir)
      outputDir = *project->outputDir;
  }
  if (outputDir.empty())
    outputDir = "out";
  if (settings.designName.empty() && !flags.paths.empty())
    settings.designName = llvm::sys::path::stem(flags.paths.front()).str();
  if (!buildOptions.pricesFile.empty()) {
    auto prices = loadPrices(buildOptions.pricesFile, flags.maxInputBytes);
    if (!prices) {
      session.reportProjectError(prices.takeError());
      session.finish(options);
      return exitUsage;
    }
    session.addPrices(*prices, {}, settings);
  }
  ProgressLine progress(options.format == DiagnosticFormat::Text);
  compile(session, flags, argv0, &progress);
  // The public OCI regions, which the OCI manifests check regions against
  // (read only for a build that writes them).
  if (std::optional<std::string> stdlib =
          settings.backends.oci ? moduleSearch(flags.stdlib, argv0).stdlibDir : std::nullopt) {
    llvm::SmallString<256> regions(*stdlib);
    llvm::sys::path::append(regions, "oci", "regions.tsv");
    settings.oci.regionListPath = std::string(regions);
    if (auto list = backends::readOciRegionList(regions))
      settings.oci.regions = std::move(*list);
    else
      settings.oci.regionListError = llvm::toString(list.takeError());
  }
  // The outputs stream into a staging folder; only a build without errors
  // swaps it in.
  backends::OutputSet outputs(outputDir);
  outputs.setMaxBytes(buildOptions.maxOutputBytes);
  backends::BuildReport report;
  if (session.analysis())
    backends::emitAll({*session.design(), *session.analysis(), session.sitePacks(),
                       session.files(), settings},
                      outputs, session.diagnostics(), report,
                      [&](llvm::StringRef what) { progress.phase(what); });
  if (outputs.totalBytes() > buildOptions.maxOutputBytes)
    session.diagnostics().report(
        DiagCode::E0910, SourceRange{},
        "the outputs would take " + formatByteSize(outputs.totalBytes()) + ", more than the " +
            formatByteSize(buildOptions.maxOutputBytes) +
            " a build may write; nothing was written. Raise the limit with "
            "`--max-output-size`, or leave outputs out ([outputs] in sgd.toml)");
  std::vector<DisabledRuleEffect> disabled;
  if (project)
    disabled = applyDisabledRules(session, project->checks.disabled);
  progress.finish();
  // The diagnostics and the summary leave together: a log file then gets
  // one write, not one for the warnings and more for the summary.
  ScopedBuffering buffered(llvm::errs());
  int status = session.finish(options);
  bool text = options.format == DiagnosticFormat::Text;
  if (status != 0) {
    if (text)
      printDisabledRules(disabled, llvm::errs());
    return status;
  }
  if (llvm::Error error = outputs.commit()) {
    llvm::WithColor::error(llvm::errs(), "sgdc") << llvm::toString(std::move(error)) << "\n";
    return exitUsage;
  }
  if (text)
    printBuildSummary(*session.design(), *session.analysis(), report, disabled, outputs, outputDir,
                      llvm::errs());
  return 0;
}

// `--path abilene.b3.h1`: the replica to dump; {NoIndex, 0} for the whole
// design. Nothing (after reporting) when the path names nothing or a rack.
std::optional<model::Replica> dumpRoot(Session &session, const std::string &path) {
  if (path.empty())
    return model::Replica{model::NoIndex, 0};
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
  return std::get<model::Replica>(target);
}

int runDumpModel(CompileFlags flags, const std::string &format, const std::string &path,
                 model::ModelForm form, const char *argv0) {
  Session session;
  OutputOptions options;
  std::optional<Project> project;
  if (std::optional<int> failed =
          startProjectCommand(session, flags, options, "dump model", project))
    return *failed;
  compile(session, flags, argv0);
  if (session.design())
    if (std::optional<model::Replica> root = dumpRoot(session, path)) {
      const checks::DesignAnalysis *analysis = session.analysis();
      if (format == "json") {
        backends::writeModelJson(*session.design(), session.files(), analysis,
                                 session.sitePacks(), *root, form, llvm::outs());
      } else {
        model::dumpModelText(*session.design(), session.files(), *root, form, llvm::outs());
        if (analysis && root->node == model::NoIndex) {
          llvm::outs() << "\nfigures:\n";
          checks::printSummary(*session.design(), *analysis, form, llvm::outs());
        }
      }
    }
  return finishCommand(session, project, options);
}

int runDumpAst(const std::string &path, const OutputOptions &options) {
  Session session;
  session.diagnostics().setLimit(options.maxDiagnostics);
  if (!session.loadFiles({path})) {
    session.finish(options);
    return exitUsage;
  }
  session.parseAll();
  ast::dumpAst(llvm::outs(), session.files(), *session.asts().front());
  return session.finish(options);
}

// `sgdc rules FILE`: the active rule packs and rules of every site; with
// `--compare A B`, the verdicts that change from the pack versions A to B.
int runRules(CompileFlags flags, const std::vector<std::string> &compare, OutputOptions options,
             const char *argv0) {
  Session session;
  std::optional<Project> project;
  if (std::optional<int> failed = startProjectCommand(session, flags, options, "rules", project))
    return *failed;
  std::vector<rules::PinSet> sides;
  for (const std::string &side : compare) {
    llvm::Expected<rules::PinSet> pins = rules::parsePins(side, session.commandLineRange(side));
    if (!pins) {
      llvm::WithColor::error(llvm::errs(), "sgdc") << llvm::toString(pins.takeError()) << "\n";
      return exitUsage;
    }
    sides.push_back(std::move(*pins));
  }
  compile(session, flags, argv0);
  if (session.design() && session.analysis()) {
    if (sides.size() == 2)
      rules::compareVersions(*session.design(), *session.analysis(), session.files(),
                             *session.packs(), session.packPins(), sides[0], sides[1],
                             llvm::outs());
    else
      rules::printRules(*session.design(), session.files(), session.sitePacks(), llvm::outs());
  }
  return finishCommand(session, project, options);
}

int runExplain(const std::string &codeId, const char *argv0) {
  std::optional<DiagCode> code = findCode(codeId);
  if (!code) {
    // A compliance rule's id (`DE-ENEFG-PUE`): its text and source.
    Session session;
    if (session.explainRule(moduleSearch("", argv0), codeId, llvm::outs()))
      return 0;
    llvm::WithColor::error(llvm::errs(), "sgdc")
        << "no diagnostic has the code '" << codeId
        << "' and no compliance rule the id; codes look like E0101, rule ids like DE-ENEFG-PUE\n";
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

int runCommandLine(int argc, char **argv) {
  // A write past the file-size limit is an I/O error to report (EFBIG), not
  // a crash: LLVM's handlers would print a stack dump for SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"sgdc: compiles datacenter designs (.sgd) into bills of materials, OCI "
               "manifests and construction schedules"};
  app.set_version_flag("--version", ("sgdc " + versionString()).str());
  app.require_subcommand(1);
  // Each command gets its options only when the line names it: CLI11
  // spends some 9,000 instructions adding an option, and all of them came
  // to a tenth of a small build. `sgdc --help`, `sgdc` alone and an unknown
  // command show no command's options.
  const llvm::StringRef named = argc > 1 ? argv[1] : "";

  OutputFlags output;
  CompileFlags compileFlags;
  CLI::App *check = app.add_subcommand("check", "Parse and check designs; print diagnostics");
  CompileFlags checkFlags;
  bool summary = false;
  if (named == "check") {
    addCompileOptions(check, checkFlags);
    addOutputOptions(check, output);
    check->add_flag("--summary", summary,
                    "Also print the derived figures: loads, heat, coolant flow and equipment "
                    "counts per site, building and hall");
  }

  CLI::App *build = app.add_subcommand(
      "build", "Check a design and write its outputs (default: the project of ./sgd.toml into out/)");
  CompileFlags buildFlags;
  BuildFlags buildOptions;
  if (named == "build") {
    addCompileOptions(build, buildFlags);
    addOutputOptions(build, output);
    build->add_option("-o,--output", buildOptions.outputDir, "Output folder (default: out)");
    build
        ->add_option("--prices", buildOptions.pricesFile,
                     "A TOML file whose [prices] table overrides unit costs (after sgd.toml's)")
        ->check(CLI::ExistingFile);
    build->add_flag("--bom-detail", buildOptions.bomDetail,
                    "One bill-of-materials line per building and hall, not per site");
    build->add_flag("--expand", buildOptions.expand,
                    "Write every replica of a range out in model.json (default: each range once, "
                    "with its count)");
    build
        ->add_option("--max-output-size", buildOptions.maxOutputBytes,
                     "Most bytes all outputs together may take, as in 4GiB (default 1GiB)")
        ->transform(sizeValue());
    build->add_flag("--level", buildOptions.level,
                    "Write the schedule's files with the dates levelled by crews and load banks");
  }

  CLI::App *scheduleCommand = app.add_subcommand(
      "schedule", "Check a design and print its construction schedule's critical path");
  CompileFlags scheduleFlags;
  std::string scheduleEmit = "report";
  bool scheduleLevel = false;
  if (named == "schedule") {
    addCompileOptions(scheduleCommand, scheduleFlags);
    addOutputOptions(scheduleCommand, output);
    scheduleCommand
        ->add_option("--emit", scheduleEmit,
                     "What to print: report (the critical path), mspdi, csv, mermaid, svg "
                     "(Gantt chart) or tjp (TaskJuggler)")
        ->check(CLI::IsMember({"report", "mspdi", "csv", "mermaid", "svg", "tjp"}));
    scheduleCommand->add_flag("--level", scheduleLevel,
                              "Level the schedule by the crews of `crews { }` and the load banks: "
                              "the report says what moves, --emit writes the levelled dates");
  }

  CLI::App *dump = app.add_subcommand("dump", "Print an internal representation");
  dump->require_subcommand(1);
  std::string dumpPath;
  CLI::App *dumpAst = dump->add_subcommand("ast", "Print the syntax tree of a file");
  CLI::App *dumpModel =
      dump->add_subcommand("model", "Print the resolved design with racks, GPUs and IT load "
                                    "per site, building and hall");
  std::string modelFormat = "text";
  std::string modelPath;
  bool modelExpand = false;
  if (named == "dump") {
    dumpAst->add_option("file", dumpPath, "Design file (.sgd)")->required();
    addOutputOptions(dumpAst, output);
    addCompileOptions(dumpModel, compileFlags);
    dumpModel->add_option("--format", modelFormat, "text (an outline) or json (every row)")
        ->check(CLI::IsMember({"text", "json"}));
    dumpModel->add_option("--path", modelPath, "Only this part of the design: abilene.b3.h1");
    dumpModel->add_flag("--expand", modelExpand,
                        "Write every replica of a range out (default: each range once, with its "
                        "count)");
  }

  CLI::App *rulesCommand =
      app.add_subcommand("rules", "List the active rule packs and rules of every site");
  CompileFlags rulesFlags;
  std::vector<std::string> rulesCompare;
  if (named == "rules") {
    addCompileOptions(rulesCommand, rulesFlags);
    addOutputOptions(rulesCommand, output);
    rulesCommand
        ->add_option("--compare", rulesCompare,
                     "Judge with two sets of pack versions and show the verdicts that change: "
                     "--compare de_enefg=2023 de_enefg=2026-draft")
        ->expected(2)
        ->allow_extra_args(false);
  }

  std::string explainCode;
  CLI::App *init = app.add_subcommand("init", "Start a project that builds: sgd.toml and a small design");
  std::string initFolder = ".";
  std::string initStdlib;
  if (named == "init") {
    init->add_option("folder", initFolder, "Where to create it (default: the current folder)");
    init->add_option("--stdlib", initStdlib, "The standard library folder (default: next to sgdc)")
        ->check(CLI::ExistingDirectory);
  }

  CLI::App *explain = app.add_subcommand("explain", "Explain a diagnostic code or a compliance rule");
  if (named == "explain")
    explain->add_option("code", explainCode, "A code such as E0101, or a rule id such as DE-ENEFG-PUE")
        ->required();

  CLI::App *fmt = app.add_subcommand(
      "fmt", "Rewrite designs in the canonical layout (default: the project of ./sgd.toml)");
  FormatFlags formatFlags;
  std::string fmtDirectory;
  std::string fmtColor = "auto";
  if (named == "fmt") {
    fmt->add_option("files", formatFlags.paths,
                    "Design files (.sgd), `-` for standard input; without them, the project's files");
    fmt->add_flag("--check", formatFlags.check,
                  "Write nothing; list the files that are not formatted and exit 1 if there are any");
    fmt->add_flag("--diff", formatFlags.diff, "Write nothing; print the changes as a unified diff");
    fmt->add_option("-C,--directory", fmtDirectory, "Run in this folder (its sgd.toml)")
        ->check(CLI::ExistingDirectory);
    fmt->add_option("--color", fmtColor, "Color syntax errors: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
  }

  CLI::App *diffCommand = app.add_subcommand(
      "diff", "Compare two designs (files, project folders or git revisions): figures, BOM, "
              "capex, milestones, OCI resources, diagnostics; exit 1 when they differ");
  DiffFlags diffFlags;
  std::string diffStdlib, diffDirectory;
  if (named == "diff") {
    diffCommand->add_option("old", diffFlags.before, "A design file, a project folder or a git revision")
        ->required();
    diffCommand->add_option("new", diffFlags.after, "The same for the new side")->required();
    diffCommand->add_option("--format", diffFlags.format, "text, json or markdown (a PR comment)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    diffCommand->add_option("-C,--directory", diffDirectory, "Run in this folder (its sgd.toml, its git repository)")
        ->check(CLI::ExistingDirectory);
    diffCommand->add_option("--stdlib", diffStdlib, "The standard library folder (default: next to sgdc)")
        ->check(CLI::ExistingDirectory);
    diffCommand->add_option("-j,--jobs", diffFlags.jobs, "Parse large files on N threads (default 1)")
        ->check(CLI::Range(1u, 256u));
  }

  CLI::App *lsp = app.add_subcommand(
      "lsp", "Serve the Language Server Protocol on standard input and output (for editors)");
  std::string lspStdlib;
  if (named == "lsp")
    lsp->add_option("--stdlib", lspStdlib, "The standard library folder (default: next to sgdc)")
        ->check(CLI::ExistingDirectory);

  addExamples(app);
  if (std::optional<std::string> unknown = unknownCommand(app, argc, argv)) {
    llvm::WithColor::error(llvm::errs(), "sgdc") << *unknown << "\n";
    return exitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &error) {
    int status = app.exit(error);
    // --help and --version succeed; every other parse error is a usage error.
    return status == 0 ? 0 : exitUsage;
  }

  if (check->parsed())
    return runCheck(checkFlags, output.resolve(), summary, argv[0]);
  if (build->parsed())
    return runBuild(buildFlags, buildOptions, output.resolve(), argv[0]);
  if (scheduleCommand->parsed())
    return runSchedule(scheduleFlags, scheduleEmit, scheduleLevel, output.resolve(), argv[0]);
  if (dumpModel->parsed())
    return runDumpModel(compileFlags, modelFormat, modelPath,
                        modelExpand ? model::ModelForm::Expanded : model::ModelForm::Instances,
                        argv[0]);
  if (dumpAst->parsed())
    return runDumpAst(dumpPath, output.resolve());
  if (rulesCommand->parsed())
    return runRules(rulesFlags, rulesCompare, output.resolve(), argv[0]);
  if (init->parsed())
    return runInit(initFolder, moduleSearch(initStdlib, argv[0]));
  if (explain->parsed())
    return runExplain(explainCode, argv[0]);
  if (diffCommand->parsed()) {
    CompileFlags inFolder; // diff takes -C alone of the compile options
    inFolder.directory = diffDirectory;
    if (!enterDirectory(inFolder))
      return exitUsage;
    return runDiff(diffFlags, moduleSearch(diffStdlib, argv[0]));
  }
  if (lsp->parsed())
    return lsp::runServer(moduleSearch(lspStdlib, argv[0]));
  if (fmt->parsed()) {
    CompileFlags inFolder; // fmt takes -C alone of the compile options
    inFolder.directory = fmtDirectory;
    if (!enterDirectory(inFolder))
      return exitUsage;
    formatFlags.color = fmtColor == "always" || (fmtColor == "auto" && llvm::errs().has_colors());
    return runFormat(formatFlags);
  }
  return exitUsage;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  return finishProcess(runCommandLine(argc, argv));
}
