// A compilation that takes the standard catalog's entries from the
// StdlibCache (evaluated once) builds the same model and reports the same
// diagnostics as one that reads and evaluates the standard library itself:
// the entries with their kinds, names, ranges and properties, numbered in
// the design's own catalog (the design's references to them with them),
// whatever the design declares around them and whichever modules it imports.
#include "sema/ConstEvaluator.h"
#include "sema/DuplicateCheck.h"
#include "sema/FileNames.h"
#include "sema/Elaborator.h"
#include "sema/ModuleLoader.h"
#include "sema/StdlibCache.h"
#include "syntax/Parser.h"

#include "diagnostics/JsonRenderer.h"
#include "model/ModelDump.h"

#include "TempFolder.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace sgd;

namespace {

const char *const kStdlib = SGD_SOURCE_DIR "/stdlib";

const sema::StdlibCache &stdlibCache() {
  static const sema::StdlibCache cache(kStdlib);
  return cache;
}

using test::TempFolder;

/// What a compilation of one file produced, written with file names rather
/// than FileIds (which differ when the standard library is not registered
/// first).
struct Compiled {
  std::vector<std::string> catalog;     // kind, name, range and properties of each entry
  std::vector<std::string> properties;  // every property of the model, in order
  std::string model;                    // `sgdc dump model --format json`
  std::vector<std::string> diagnostics; // each as JSON, in the engine's order
};

enum class Use { Nothing, CachedFiles, CachedFilesAndCatalog };

std::string place(const SourceFiles &files, SourceRange range) {
  if (!range.file.isValid())
    return "-";
  return files.displayName(range.file).str() + ":" + std::to_string(range.begin) + "-" +
         std::to_string(range.end);
}

std::string describeValue(const SourceFiles &files, const model::Value &value) {
  std::string text;
  llvm::raw_string_ostream out(text);
  out << "#" << value.data.index() << " at " << place(files, value.origin);
  if (const model::Reference *reference = value.reference())
    out << " -> " << static_cast<int>(reference->kind) << "/" << reference->index;
  else if (const model::ValueList *list = value.list())
    for (const model::Value &element : *list)
      out << " [" << describeValue(files, element) << "]";
  return text;
}

std::string describeProperty(const SourceFiles &files, const model::Design &design,
                             const model::Property &property) {
  return property.name.str() + " = " + model::formatValue(design, property.value) + " (" +
         describeValue(files, property.value) + ") at " + place(files, property.range) +
         (property.isDefault ? " defaulted" : "");
}

Compiled compile(const std::string &path, Use use) {
  const sema::StdlibCache *cache = use == Use::Nothing ? nullptr : &stdlibCache();
  SourceFiles files;
  if (cache)
    cache->registerInto(files);
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  llvm::Expected<FileId> file = files.addFile(path);
  REQUIRE(static_cast<bool>(file));
  const ast::File *ast = syntax::parseFile(files, *file, context, diagnostics);
  sema::ModuleSearch search{std::string(kStdlib)};
  search.cache = cache;
  sema::ModuleGraph graph = sema::loadModules({{path, *file, ast}}, search, files, context,
                                              diagnostics);
  // As driver::Session::analyze runs the name checks.
  const sema::StandardCatalog *catalog =
      use == Use::CachedFilesAndCatalog ? &cache->catalog() : nullptr;
  for (unsigned module = 0; module < graph.modules.size(); ++module)
    if (!catalog || !catalog->find(graph.modules[module]))
      sema::checkFileNames(graph, search, module, diagnostics);
  sema::ConstEvaluator constants(graph, diagnostics);
  constants.evaluateAll();
  constants.checkRangeBounds();
  sema::checkDuplicates(graph, constants, diagnostics, catalog);
  model::Design design =
      sema::elaborate(graph, constants, sema::ElaborationLimits{}, diagnostics, catalog);

  Compiled result;
  for (const model::CatalogEntry &entry : design.catalog) {
    std::string text = entry.kind.str() + " " + entry.qualifiedName.str() + " at " +
                       place(files, entry.range) + ":";
    for (const model::Property &property : design.propertiesOf(entry.properties))
      text += "\n  " + describeProperty(files, design, property);
    result.catalog.push_back(text);
  }
  for (const model::Property &property : design.properties)
    result.properties.push_back(describeProperty(files, design, property));
  llvm::raw_string_ostream model(result.model);
  model::dumpModelJson(design, files, {model::NoIndex, 0}, model::ModelForm::Instances, model);
  for (const Diagnostic *diagnostic : diagnostics.sorted()) {
    std::string json;
    llvm::raw_string_ostream out(json);
    renderJson(out, files, {diagnostic});
    result.diagnostics.push_back(json);
  }
  return result;
}

/// Compiles `design` three ways and requires the same results: reading the
/// standard library from disk, taking its parsed files from the cache, and
/// taking its evaluated catalog too. Returns the last.
Compiled requireSameEverywhere(const std::string &design) {
  Compiled fromDisk = compile(design, Use::Nothing);
  Compiled cachedFiles = compile(design, Use::CachedFiles);
  Compiled cached = compile(design, Use::CachedFilesAndCatalog);
  CHECK(cached.catalog == fromDisk.catalog);
  CHECK(cached.catalog == cachedFiles.catalog);
  CHECK(cached.properties == fromDisk.properties);
  CHECK(cached.properties == cachedFiles.properties);
  CHECK(cached.model == fromDisk.model);
  CHECK(cached.model == cachedFiles.model);
  // Diagnostics are ordered by file, and the files are numbered differently
  // when the standard library is read after the design.
  CHECK(cached.diagnostics == cachedFiles.diagnostics);
  std::vector<std::string> sortedCached = cached.diagnostics;
  std::vector<std::string> sortedFromDisk = fromDisk.diagnostics;
  std::sort(sortedCached.begin(), sortedCached.end());
  std::sort(sortedFromDisk.begin(), sortedFromDisk.end());
  CHECK(sortedCached == sortedFromDisk);
  return cached;
}

size_t countContaining(const std::vector<std::string> &texts, llvm::StringRef part) {
  return std::count_if(texts.begin(), texts.end(),
                       [&](const std::string &text) { return llvm::StringRef(text).contains(part); });
}

/// Writes `design` as campus.sgd beside parts.sgd, which declares a UPS the
/// design may import between standard modules; returns campus.sgd's path.
std::string writeWithParts(const TempFolder &folder, llvm::StringRef design) {
  folder.write("parts.sgd", R"(component ups my_ups {
  model = "M-500";
  capacity = 500 kW;
  unit_cost = 150 kUSD;
  lead_time = 30 weeks;
  division = "26";
}
)");
  return folder.write("campus.sgd", design);
}

} // namespace

TEST_CASE("the cache keeps the evaluated entries of the standard catalog modules",
          "[sema][stdlib]") {
  const sema::StandardCatalog &catalog = stdlibCache().catalog();
  const model::Design &entries = catalog.entries();
  // The four catalog modules' entries, the climates and the cost rates.
  CHECK(entries.catalog.size() > 74);
  bool hasRack = false;
  for (const model::CatalogEntry &entry : entries.catalog)
    hasRack |= entry.qualifiedName == "nvidia.gb200_nvl72" && entry.kind == "rack_type";
  CHECK(hasRack);
  const sema::StandardCatalog::Module *first =
      catalog.find(sema::Module{entries.catalog[0].range.file, nullptr, "", true, {}});
  REQUIRE(first);
  CHECK(first->first == 0);
  CHECK(first->end > first->first);
}

TEST_CASE("own entries before and after the standard ones, and references to both",
          "[sema][stdlib]") {
  TempFolder folder;
  std::string design = writeWithParts(folder, R"(import std.catalog.nvidia;
import "parts.sgd";
import std.catalog.power;
import std.climate.north_america;
import std.catalog.cooling;

component rack_type my_rack {
  model = "R-40";
  it_power = 40 kW;
}

site s {
  climate = north_america.abilene;
  building b[1..2] {
    hall h {
      power { ups my_ups * 2; ups power.ups_1250kw * 2; }
      row r[1..3] { rack k[1..4] : nvidia.gb200_nvl72; rack m[1..2] : my_rack; }
    }
  }
}
)");
  Compiled cached = requireSameEverywhere(design);
  CHECK(cached.diagnostics == std::vector<std::string>{});
  // The design's own entry first, then the modules in import order: the
  // standard entries are not numbered as in the cache.
  REQUIRE(cached.catalog.size() > 3);
  CHECK(llvm::StringRef(cached.catalog[0]).startswith("rack_type my_rack "));
  CHECK(countContaining(cached.catalog, "ups my_ups ") == 1);
  CHECK(countContaining(cached.catalog, "rack_type nvidia.gb200_nvl72 ") == 1);
  CHECK(countContaining(cached.catalog, "climate north_america.abilene ") == 1);
  CHECK(countContaining(cached.catalog, "<stdlib>/catalog/amd.sgd") == 0);
  CHECK(countContaining(cached.properties, "climate = north_america.abilene") == 1);
}

TEST_CASE("a design that imports some catalog modules, in another order", "[sema][stdlib]") {
  TempFolder folder;
  std::string design = folder.write("campus.sgd", R"(import std.catalog.cooling;
import std.catalog.amd;

hall h {
  cooling { cdu cooling.cdu_1350kw * 2; }
  row r { rack k[1..4] : amd.mi355x; }
}

component rack_type after_the_hall {
  model = "R-20";
  it_power = 20 kW;
}
)");
  Compiled cached = requireSameEverywhere(design);
  CHECK(cached.diagnostics == std::vector<std::string>{});
  CHECK(countContaining(cached.catalog, "<stdlib>/catalog/power.sgd") == 0);
  CHECK(countContaining(cached.catalog, "<stdlib>/catalog/cooling.sgd") > 0);
  CHECK(countContaining(cached.catalog, "rack_type after_the_hall ") == 1);
}

TEST_CASE("diagnostics about standard entries are the same from the cache", "[sema][stdlib]") {
  TempFolder folder;
  std::string design = writeWithParts(folder, R"(import std.catalog.power;
import "parts.sgd";
import std.catalog.nvidia;

component ups bad_ups { model = "B-1"; capacity = 5 kV; unit_cost = 1 kUSD; lead_time = 1 weeks; division = "26"; }

hall h {
  power { ups power.ups_1250kv * 2; ups nvidia.gb200_nvl72 * 1; ups bad_ups * 1; }
  row r { rack k1 : power.ups_1250kw; }
}
)");
  Compiled cached = requireSameEverywhere(design);
  // A misspelt entry, an entry of the wrong kind as equipment and as a
  // rack, and the wrong unit in the design's own entry.
  CHECK(countContaining(cached.diagnostics, "ups_1250kv") >= 1);
  CHECK(countContaining(cached.diagnostics, "gb200_nvl72") >= 1);
  CHECK(countContaining(cached.diagnostics, "kV") >= 1);
  CHECK(cached.diagnostics.size() >= 4);
}

// Every design of the repository's examples and golden tests, valid or not.
TEST_CASE("every example and golden design is the same with the cached catalog",
          "[sema][stdlib]") {
  std::vector<std::string> designs;
  for (const char *folder : {"/examples", "/tests/golden"}) {
    std::error_code error;
    for (llvm::sys::fs::recursive_directory_iterator it(SGD_SOURCE_DIR + std::string(folder),
                                                        error),
         end;
         it != end && !error; it.increment(error))
      if (llvm::StringRef(it->path()).endswith(".sgd") &&
          it->type() != llvm::sys::fs::file_type::directory_file)
        designs.push_back(it->path());
  }
  std::sort(designs.begin(), designs.end());
  CHECK(designs.size() > 200);
  for (const std::string &design : designs) {
    INFO(design);
    requireSameEverywhere(design);
  }
}
