#include "driver/Session.h"

#include "llvm/Support/ThreadPool.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "diagnostics/JsonRenderer.h"
#include "diagnostics/SarifRenderer.h"
#include "diagnostics/TextRenderer.h"
#include "driver/ScopedBuffering.h"
#include "driver/Version.h"
#include "checks/Checks.h"
#include "sema/ConstEvaluator.h"
#include "sema/DuplicateCheck.h"
#include "sema/FileNames.h"
#include "syntax/Parser.h"
#include "units/Decimal.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::driver {

namespace {

// glibc gives freed heap pages back to the kernel only from the top of the
// heap; a phase that frees much below it hands them back here, so that they
// do not add to the peak of the phases after it.
void returnFreedPages() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

} // namespace

void Session::reportInputFileError(llvm::Error error) {
  llvm::handleAllErrors(std::move(error), [&](const InputFileError &input) {
    reportInputFile(input);
  });
}

void Session::reportInputFile(const InputFileError &input) {
  diagnostics_.report(input.problem == InputFileProblem::TooLarge ? DiagCode::E0003
                                                                  : DiagCode::E0002,
                      SourceRange{}, input.message);
}

Session::Session(const sema::StdlibCache *stdlib)
    : stdlib_(stdlib), ownFiles_(std::make_unique<SourceFiles>()), files_(*ownFiles_) {
  if (stdlib_)
    stdlib_->registerInto(files_);
}

const sema::StandardCatalog *Session::standardCatalog() const {
  return stdlib_ ? &stdlib_->catalog() : nullptr;
}

sema::ModuleSearch Session::sessionSearch(const sema::ModuleSearch &search) const {
  sema::ModuleSearch result = search;
  result.cache = stdlib_;
  result.pool = pool_.get();
  return result;
}

void Session::loadBuffer(llvm::StringRef path, llvm::StringRef text) {
  loaded_.push_back({path.str(), files_.addBuffer(path, text)});
}

Session::Session(SourceFiles &files, sema::SourceReader &reader)
    : files_(files), reader_(&reader) {}

void Session::addParsedEntry(std::string path, FileId file, const ast::File *ast) {
  loaded_.push_back({std::move(path), file});
  asts_.push_back(ast);
}

bool Session::loadFiles(const std::vector<std::string> &paths) {
  bool allRead = true;
  for (const std::string &path : paths) {
    llvm::Expected<FileId> file = files_.addFile(path, {}, maxInputBytes_);
    if (!file) {
      reportInputFileError(file.takeError());
      allRead = false;
      continue;
    }
    loaded_.push_back({path, *file});
  }
  return allRead;
}

void Session::parseAll(unsigned jobs) {
  // By default the files are parsed on this thread. `--jobs N` parses the
  // pieces of all of them, and of large imported files, on N threads
  // (docs/performance.md, "Threads"); the AST and the diagnostics are the same
  // for any N.
  if (jobs > 1)
    pool_ = std::make_unique<llvm::ThreadPool>(llvm::hardware_concurrency(jobs));
  entrySyntax_ = std::make_unique<ast::AstContext>();
  std::vector<FileId> files;
  for (const auto &[path, file] : loaded_)
    files.push_back(file);
  asts_ = syntax::parseFiles(files_, files, *entrySyntax_, diagnostics_, pool_.get(), maxItemBytes_);
  // The pool's threads parsed in malloc arenas of their own, which keep the
  // pages of their pieces' tokens and parse trees when they are freed.
  if (pool_)
    returnFreedPages();
}

void Session::releaseEntrySyntax() {
  // The checks, the rules and the backends read the model, which keeps no
  // pointer into the syntax; only a design's own rule sets are read from
  // it (rules::PackLibrary::addModules), so a file with one keeps it all.
  auto declaresRuleset = [](const ast::File *file) {
    return llvm::any_of(file->items,
                        [](const ast::Item *item) { return llvm::isa<ast::RulesetItem>(item); });
  };
  if (!entrySyntax_ || llvm::any_of(asts_, declaresRuleset))
    return;
  for (const ast::File *&file : asts_) {
    const ast::File *empty = astContext_.make<ast::File>(
        file->id, llvm::ArrayRef<const ast::Item *>(), ast::WrittenStructures{});
    for (sema::Module &module : modules_.modules)
      if (module.ast == file) {
        module.ast = empty;
        module.imports.clear(); // their items were in the syntax
      }
    file = empty;
  }
  entrySyntax_.reset();
  returnFreedPages();
}

void Session::loadImports(const sema::ModuleSearch &search) {
  std::vector<sema::EntryFile> entries;
  for (size_t i = 0; i < loaded_.size(); ++i)
    entries.push_back({loaded_[i].first, loaded_[i].second, asts_[i]});
  modules_ =
      sema::loadModules(entries, sessionSearch(search), files_, astContext_, diagnostics_, reader_);
}

void Session::checkFileNames(const sema::ModuleSearch &search) {
  // Each file's names are checked against the module graph only, so with
  // --jobs the files are checked on the pool, each into its own engine. The
  // engines are merged in file order: the diagnostics are the same for any
  // number of threads.
  std::vector<DiagnosticEngine> perFile(modules_.modules.size());
  for (DiagnosticEngine &file : perFile)
    file.setLimit(diagnostics_.limit());
  // The standard modules whose entries the cache keeps were checked when it
  // kept them (it keeps none unless that reported nothing).
  const sema::StandardCatalog *standard = standardCatalog();
  auto checkFile = [&](unsigned module) {
    if (!standard || !standard->find(modules_.modules[module]))
      sema::checkFileNames(modules_, search, module, perFile[module]);
  };
  for (unsigned module = 0; module < perFile.size(); ++module) {
    if (pool_)
      pool_->async(checkFile, module);
    else
      checkFile(module);
  }
  if (pool_)
    pool_->wait();
  for (DiagnosticEngine &file : perFile)
    diagnostics_.append(std::move(file));
}

void Session::analyze(const sema::ModuleSearch &search,
                      const std::vector<std::string> &overrides,
                      const sema::ElaborationLimits &limits) {
  // Syntax and import errors leave declarations out of the AST; checking
  // names against it would report their absence again and again.
  if (diagnostics_.hasErrors())
    return;
  checkFileNames(search);
  sema::ConstEvaluator evaluator(modules_, diagnostics_);
  llvm::StringMap<std::string> overridden; // name → its first `-D`
  for (const std::string &override : overrides) {
    // `name=value` becomes a one-line source, `const name = value;`, so the
    // value is parsed and reported on like any other expression.
    auto [name, value] = llvm::StringRef(override).split('=');
    std::string text = ("const " + name.trim() + " = " + value.trim() + ";").str();
    FileId file = files_.addBuffer("<command line>", text);
    SourceRange whole{file, 0, static_cast<uint32_t>(text.size())};
    unsigned errorsBefore = diagnostics_.errorCount();
    const ast::File *ast = syntax::parseFile(files_, file, astContext_, diagnostics_);
    const auto *definition = ast->items.size() == 1
                                 ? llvm::dyn_cast<ast::ConstItem>(ast->items.front())
                                 : nullptr;
    // Every `-D` is applied or reported: syntax errors are, and so is text
    // that parses as more than one constant's value.
    if (!definition) {
      if (diagnostics_.errorCount() == errorsBefore)
        diagnostics_.report(DiagCode::E0330, whole,
                            "`-D " + override + "` is not one value: give one expression "
                            "after `" + name.trim().str() + "=`, without `;`");
      continue;
    }
    auto [first, isFirst] = overridden.try_emplace(definition->name.text(), override);
    if (!isFirst) {
      diagnostics_.report(DiagCode::E0330, whole,
                          "`" + definition->name.text().str() + "` is overridden twice, by `-D " +
                              first->second + "` and by `-D " + override +
                              "`; give one `-D` per constant");
      continue;
    }
    evaluator.override(*definition);
  }
  evaluator.evaluateAll();
  evaluator.checkRangeBounds();
  // After the ranges' bounds are known: `b[1..n]` defines b1 … bn.
  sema::checkDuplicates(modules_, evaluator, diagnostics_, standardCatalog());
  // The model is built even after name errors: the elaborator checks every
  // value's unit and type, and a misspelt catalog entry must not hide the
  // unit error on the next line. What a name check reported is not reported
  // again (an unknown entry is left out of the model), and a problem in text
  // that ranges and templates expand many times is reported once.
  bool namesFailed = diagnostics_.hasErrors();
  diagnostics_.beginExpansion();
  design_.emplace(sema::elaborate(modules_, evaluator, limits, diagnostics_, standardCatalog()));
  diagnostics_.endExpansion();
  // A model with names missing is not the design; engineering checks judge a
  // complete model only.
  if (namesFailed)
    design_.reset();
  if (diagnostics_.hasErrors())
    return;
  releaseEntrySyntax();
  analysis_.emplace(checks::runChecks(*design_, diagnostics_));
  // Compliance rules read the model and the checks' figures.
  packs_ =
      std::make_unique<rules::PackLibrary>(sessionSearch(search), files_, astContext_, diagnostics_,
                                           reader_);
  packs_->addModules(modules_);
  std::vector<const rules::PackPin *> pinned;
  for (const rules::PackPin &pin : packPins_)
    if (packs_->pin(pin))
      pinned.push_back(&pin);
  sitePacks_ = rules::selectPacks(*design_, *packs_, diagnostics_);
  for (const rules::PackPin *pin : pinned)
    if (!llvm::any_of(sitePacks_, [&](const rules::SitePacks &site) {
          return llvm::any_of(site.packs,
                              [&](const rules::Pack *pack) { return pack->name == pin->pack; });
        }))
      diagnostics_.report(DiagCode::W0509, pin->at,
                          "`" + pin->pack + "` is pinned to version `" + pin->version +
                              "`, but no site is judged by it");
  rules::runRules(*design_, *analysis_, files_, sitePacks_, diagnostics_);
  // The analyses' working data (the builders' indexes, the buffers their
  // tables outgrew) is freed by now: about 57 MB of holes at 15 MB of dense
  // design, which the schedule and the backends reuse only in part.
  returnFreedPages();
}

bool Session::explainRule(const sema::ModuleSearch &search, llvm::StringRef id,
                          llvm::raw_ostream &os) {
  rules::PackLibrary library(search, files_, astContext_, diagnostics_);
  return rules::explainRule(library, files_, id, os);
}

void Session::addPrices(const PriceList &prices, const std::map<std::string, ExchangeRate> &fx,
                        backends::BuildSettings &settings) {
  for (const auto &[name, price] : prices) {
    if (price.rate)
      settings.cost.rates[llvm::StringRef(name).drop_front(5).str()] =
          cost::RateOverride{*price.rate, rangeIn(price.place)};
    else
      settings.prices[name] =
          backends::PriceOverride{price.amount, price.currency, rangeIn(price.place)};
  }
  for (const auto &[code, rate] : fx)
    settings.cost.fx[code] = cost::FxOverride{rate.perUnit, rangeIn(rate.place)};
}

void Session::setCurrency(const std::optional<ProjectCurrency> &currency,
                          backends::BuildSettings &settings) {
  if (!currency)
    return;
  settings.cost.currency = currency->code;
  settings.cost.currencyRange = rangeIn(currency->place);
}

SourceRange Session::rangeIn(const TomlPlace &place) {
  auto [known, added] = settingsFiles_.try_emplace(place.file);
  if (added) {
    llvm::Expected<FileId> file = files_.addFile(place.file, {}, maxInputBytes_);
    // Unreadable now (removed since it was parsed): the place is shown
    // without its line.
    known->second = file ? *file : files_.addBuffer(place.file, "");
    if (!file)
      llvm::consumeError(file.takeError());
  }
  FileId file = known->second;
  uint32_t begin = files_.offsetOf(file, {place.line, place.column});
  uint32_t end = files_.offsetOf(file, {place.endLine, place.endColumn});
  return SourceRange{file, begin, std::max(begin, end)};
}

void Session::reportProjectError(llvm::Error error) {
  llvm::handleAllErrors(
      std::move(error),
      [&](const ProjectFileError &bad) {
        diagnostics_.report(DiagCode::E0901, rangeIn(bad.place), bad.message);
      },
      [&](const InputFileError &input) { reportInputFile(input); },
      [&](const llvm::ErrorInfoBase &other) {
        FileId file = files_.addBuffer("sgd.toml", "");
        diagnostics_.report(DiagCode::E0901, SourceRange{file, 0, 0}, other.message());
      });
}

void Session::reportLeftOut() {
  DiagnosticEngine::LeftOut leftOut = diagnostics_.leftOut();
  if (leftOut.total() == 0)
    return;
  std::vector<std::string> kinds;
  auto count = [&](unsigned n, llvm::StringRef noun) {
    if (n)
      kinds.push_back(units::withSeparators(n) + " " + noun.str() + (n == 1 ? "" : "s"));
  };
  count(leftOut.errors, "error");
  count(leftOut.warnings, "warning");
  count(leftOut.notes, "note");
  unsigned limit = diagnostics_.limit();
  // Reported beyond the limit that caused it.
  diagnostics_.setLimit(0);
  diagnostics_.report(DiagCode::W0910, SourceRange{},
                      units::withSeparators(leftOut.total()) + " more diagnostics (" +
                          llvm::join(kinds, ", ") + ") were left out after the first " +
                          units::withSeparators(limit) +
                          "; fix these first, or raise the limit with `--max-diagnostics N`");
}

void Session::pinPackVersions(const std::vector<PackVersion> &versions) {
  packPins_.clear();
  for (const PackVersion &pinned : versions)
    packPins_.push_back({pinned.pack, pinned.version, rangeIn(pinned.place)});
}

SourceRange Session::commandLineRange(llvm::StringRef text) {
  FileId file = files_.addBuffer("<command line>", text);
  return SourceRange{file, 0, static_cast<uint32_t>(text.size())};
}

Diagnostic &Session::reportCommandLine(DiagCode code, llvm::StringRef text, std::string message) {
  return diagnostics_.report(code, commandLineRange(text), std::move(message));
}

int Session::finish(const OutputOptions &options, llvm::raw_ostream &text,
                    llvm::raw_ostream &structured) {
  reportLeftOut();
  if (options.denyWarnings)
    diagnostics_.denyWarnings();
  std::vector<const Diagnostic *> sorted = diagnostics_.sorted();
  // Suppressed diagnostics (`[checks] disable`) appear only in SARIF, which
  // marks them so; text and JSON leave them out.
  std::vector<const Diagnostic *> shown;
  llvm::copy_if(sorted, std::back_inserter(shown),
                [](const Diagnostic *d) { return !d->suppressed(); });
  switch (options.format) {
  case DiagnosticFormat::Text: {
    bool color = options.color == ColorMode::Always ||
                 (options.color == ColorMode::Auto && text.has_colors());
    ScopedBuffering buffered(text);
    renderText(text, files_, shown, TextRenderOptions{color});
    break;
  }
  case DiagnosticFormat::Json:
    renderJson(structured, files_, shown);
    break;
  case DiagnosticFormat::Sarif:
    renderSarif(structured, files_, sorted,
                SarifToolInfo{"sgdc", std::string(versionString()), "", options.sarifRoot});
    break;
  }
  structured.flush();
  return diagnostics_.hasErrors() ? 1 : 0;
}

} // namespace sgd::driver
