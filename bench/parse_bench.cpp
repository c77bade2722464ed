// sgd_parse_bench: how fast the front end turns source text into an AST, and
// how much memory it needs on the way. See docs/performance.md.
//
//   sgd_parse_bench FILE... [--repeat N] [--threads N]
//
// Each file is parsed N times, each time into a fresh AstContext; the best and
// the first wall time are reported. Memory figures are process-wide
// high-water marks, so they are exact for the first file only: measure one
// file per process.

#include "ast/AstContext.h"
#include "ast/Item.h"
#include "base/SourceFiles.h"
#include "diagnostics/DiagnosticEngine.h"
#include "diagnostics/TextRenderer.h"
#include "syntax/Parser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace sgd;

llvm::cl::OptionCategory benchCategory("sgd_parse_bench options");
llvm::cl::list<std::string> inputPaths(llvm::cl::Positional, llvm::cl::OneOrMore,
                                       llvm::cl::desc("FILE..."),
                                       llvm::cl::cat(benchCategory));
llvm::cl::opt<unsigned> repeatCount("repeat", llvm::cl::init(3),
                                    llvm::cl::desc("Parses per file (default 3)"),
                                    llvm::cl::value_desc("N"), llvm::cl::cat(benchCategory));
llvm::cl::opt<unsigned> threadCount(
    "threads", llvm::cl::init(1),
    llvm::cl::desc("Threads that parse the pieces of a file; 1 parses them in turn "
                   "without a pool (sgdc uses one thread per core)"),
    llvm::cl::value_desc("N"), llvm::cl::cat(benchCategory));

// At most this many diagnostics are printed when a benchmark input is invalid:
// a broken generator can produce millions.
constexpr size_t maxDiagnosticsShown = 10;

constexpr double bytesPerMB = 1e6;

rusage resourceUsage() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage;
}

// ru_maxrss: the process's peak resident set, in bytes (Linux reports KiB).
size_t peakRssBytes() { return static_cast<size_t>(resourceUsage().ru_maxrss) * 1024; }

double seconds(const timeval &time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

// The resident set right now, from the second field of /proc/self/statm.
size_t currentRssBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t totalPages = 0;
  size_t residentPages = 0;
  statm >> totalPages >> residentPages;
  return residentPages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

struct ItemCounts {
  size_t topLevel = 0;
  size_t nested = 0;
};

void countItems(llvm::ArrayRef<const ast::Item *> items, ItemCounts &counts);

void countBlock(const ast::Block *block, ItemCounts &counts) {
  if (!block)
    return;
  counts.nested += block->items.size();
  countItems(block->items, counts);
}

// Recurses into every item kind that has a body; the others are leaves.
void countItems(llvm::ArrayRef<const ast::Item *> items, ItemCounts &counts) {
  for (const ast::Item *item : items) {
    if (const auto *component = llvm::dyn_cast<ast::ComponentItem>(item))
      countBlock(&component->body, counts);
    else if (const auto *tmpl = llvm::dyn_cast<ast::TemplateItem>(item))
      countBlock(&tmpl->body, counts);
    else if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(item))
      countBlock(structure->body, counts);
    else if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(item))
      countBlock(&zone->body, counts);
    else if (const auto *ruleset = llvm::dyn_cast<ast::RulesetItem>(item))
      countBlock(&ruleset->body, counts);
    else if (const auto *schedule = llvm::dyn_cast<ast::ScheduleItem>(item))
      countBlock(&schedule->body, counts);
    else if (const auto *task = llvm::dyn_cast<ast::TaskItem>(item))
      countBlock(task->body, counts);
    else if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(item))
      countBlock(equipment->body, counts);
  }
}

struct Measurement {
  // The first parse in a process gets all its memory from the kernel; later
  // ones reuse what malloc kept. A compiler parses each file once, so the
  // first run is what users see, the best run is what the code costs.
  double firstSeconds = 0;
  double bestSeconds = 0;
  // CPU time and minor page faults of all runs together.
  double userSeconds = 0;
  double systemSeconds = 0;
  long minorFaults = 0;
  ItemCounts items;
  size_t astBytes = 0;
};

// Parses `file` repeatCount times. Returns false, after printing them, when
// the parse reports diagnostics: a benchmark of an invalid input measures
// error recovery, not the parser.
bool measure(const SourceFiles &files, FileId file, llvm::ThreadPool *pool,
             Measurement &result) {
  rusage before = resourceUsage();
  for (unsigned run = 0; run < repeatCount; ++run) {
    ast::AstContext context;
    DiagnosticEngine diagnostics;
    auto start = std::chrono::steady_clock::now();
    const ast::File *ast = syntax::parseFile(files, file, context, diagnostics, pool);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    std::vector<const Diagnostic *> reported = diagnostics.sorted();
    if (!reported.empty()) {
      llvm::errs() << "sgd_parse_bench: " << files.displayName(file) << ": "
                   << reported.size() << " diagnostics; the first "
                   << std::min(reported.size(), maxDiagnosticsShown) << " follow\n";
      renderText(llvm::errs(), files,
                 llvm::makeArrayRef(reported).take_front(maxDiagnosticsShown), {});
      return false;
    }
    if (run == 0)
      result.firstSeconds = result.bestSeconds = elapsed.count();
    result.bestSeconds = std::min(result.bestSeconds, elapsed.count());
    result.items = {};
    result.items.topLevel = ast->items.size();
    countItems(ast->items, result.items);
    result.astBytes = context.bytesAllocated();
  }
  rusage after = resourceUsage();
  result.userSeconds = seconds(after.ru_utime) - seconds(before.ru_utime);
  result.systemSeconds = seconds(after.ru_stime) - seconds(before.ru_stime);
  result.minorFaults = after.ru_minflt - before.ru_minflt;
  return true;
}

double toMB(size_t bytes) { return static_cast<double>(bytes) / bytesPerMB; }

void printReport(llvm::StringRef path, size_t inputBytes, size_t lines,
                 const Measurement &result, size_t rssBeforeParse, size_t peakRss) {
  llvm::raw_ostream &os = llvm::outs();
  size_t parsePeak = peakRss > rssBeforeParse ? peakRss - rssBeforeParse : 0;
  auto input = static_cast<double>(inputBytes);
  os << "file: " << path << "\n";
  os << llvm::format("  input:            %zu bytes (%.2f MB), %zu lines\n", inputBytes,
                     toMB(inputBytes), lines);
  os << llvm::format("  items:            %zu (%zu top-level, %zu nested)\n",
                     result.items.topLevel + result.items.nested, result.items.topLevel,
                     result.items.nested);
  os << llvm::format("  parse time:       %.3f s best of %u, %.3f s first run, %u thread%s\n",
                     result.bestSeconds, repeatCount.getValue(), result.firstSeconds,
                     threadCount.getValue(), threadCount == 1 ? "" : "s");
  os << llvm::format("  throughput:       %.2f MB/s best, %.2f MB/s first run\n",
                     toMB(inputBytes) / result.bestSeconds,
                     toMB(inputBytes) / result.firstSeconds);
  os << llvm::format("  cpu (all runs):   %.2f s user, %.2f s system, %ld minor page faults\n",
                     result.userSeconds, result.systemSeconds, result.minorFaults);
  os << llvm::format("  rss before parse: %.1f MB (input loaded)\n", toMB(rssBeforeParse));
  os << llvm::format("  peak rss:         %.1f MB (ru_maxrss)\n", toMB(peakRss));
  os << llvm::format("  parse peak:       %.1f MB (peak rss - rss before parse)\n",
                     toMB(parsePeak));
  os << llvm::format("  ast bytes:        %zu (%.1f MB, %.2f x input)\n", result.astBytes,
                     toMB(result.astBytes), static_cast<double>(result.astBytes) / input);
  os << llvm::format("  peak / input:     %.1f x (parse peak / input: %.1f x)\n",
                     static_cast<double>(peakRss) / input,
                     static_cast<double>(parsePeak) / input);
  os << "  diagnostics:      0\n";
}

} // namespace

int main(int argc, char **argv) {
  llvm::cl::HideUnrelatedOptions(benchCategory);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "Parses SGD files into an AST and prints parse speed and peak memory.\n"
      "Generate inputs with bench/gen_design.py; see docs/performance.md.\n");
  if (repeatCount == 0 || threadCount == 0) {
    llvm::errs() << "sgd_parse_bench: --repeat and --threads must be at least 1\n";
    return 2;
  }
  std::optional<llvm::ThreadPool> pool;
  if (threadCount > 1)
    pool.emplace(llvm::hardware_concurrency(threadCount));

  SourceFiles files;
  for (const std::string &path : inputPaths) {
    llvm::Expected<FileId> file = files.addFile(path);
    if (!file) {
      llvm::errs() << "sgd_parse_bench: " << llvm::toString(file.takeError()) << "\n";
      return 2;
    }
    // Large files are memory-mapped: reading every byte once (to count the
    // lines) makes the input resident, so the baseline includes it and the
    // parse peak is the parser's own.
    llvm::StringRef text = files.text(*file);
    size_t lines = text.count('\n');
    size_t rssBeforeParse = currentRssBytes();

    Measurement result;
    if (!measure(files, *file, pool ? &*pool : nullptr, result))
      return 1;
    printReport(path, text.size(), lines, result, rssBeforeParse, peakRssBytes());
  }
  return 0;
}
