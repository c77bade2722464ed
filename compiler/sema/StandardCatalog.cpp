#include "sema/StandardCatalog.h"

#include "sema/ConstEvaluator.h"
#include "sema/DuplicateCheck.h"
#include "sema/Elaborator.h"
#include "sema/FileNames.h"
#include "sema/ModuleLoader.h"
#include "sema/StdlibCache.h"
#include "syntax/Parser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Casting.h"

#include <algorithm>

namespace sgd::sema {
namespace {

bool namesAnEntry(const model::Value &value) {
  if (const model::ValueList *list = value.list())
    return llvm::any_of(*list, namesAnEntry);
  const model::Reference *reference = value.reference();
  return reference && reference->kind == model::Reference::Kind::CatalogEntry;
}

} // namespace

StandardCatalog::StandardCatalog(const StdlibCache &stdlib, llvm::StringRef stdlibDir) {
  ModuleSearch search{stdlibDir.str()};
  search.cache = &stdlib;
  // A design that imports every module declaring an entry, compiled in files
  // numbered as every compilation that uses the cache numbers them.
  std::string imports;
  for (const std::string &module : standardModuleNames(search)) {
    std::string relative = llvm::StringRef(module).drop_front(4).str() + ".sgd";
    std::replace(relative.begin(), relative.end() - 4, '.', '/');
    const StdlibCache::File *cached = stdlib.find(relative);
    if (cached && llvm::any_of(cached->ast->items, [](const ast::Item *item) {
          return llvm::isa<ast::ComponentItem>(item);
        }))
      imports += "import " + module + ";\n";
  }
  SourceFiles files;
  stdlib.registerInto(files);
  FileId entry = files.addBuffer("<standard catalog>", imports);
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  const ast::File *ast = syntax::parseFile(files, entry, context, diagnostics);
  ModuleGraph graph =
      loadModules({{"<standard catalog>", entry, ast}}, search, files, context, diagnostics);
  for (unsigned module = 0; module < graph.modules.size(); ++module)
    checkFileNames(graph, search, module, diagnostics);
  ConstEvaluator constants(graph, diagnostics);
  constants.evaluateAll();
  constants.checkRangeBounds();
  checkDuplicates(graph, constants, diagnostics);
  model::Design design = elaborate(graph, constants, ElaborationLimits{}, diagnostics);
  // Every module but the entry a standard one loaded from the cache, which
  // a compilation finds by its FileId.
  bool allCached = llvm::all_of(llvm::drop_begin(graph.modules), [&](const sema::Module &module) {
    return module.isStandard && module.file.index < entry.index;
  });
  bool namesEntries = llvm::any_of(design.properties, [](const model::Property &property) {
    return namesAnEntry(property.value);
  });
  if (!diagnostics.sorted().empty() || !allCached || namesEntries)
    return;
  entries_.emplace(std::move(design));
  // The elaborator lists the entries module after module.
  for (model::Index entry = 0; entry < entries_->catalog.size(); ++entry) {
    FileId file = entries_->catalog[entry].range.file;
    if (modules_.empty() || modules_.back().file != file)
      modules_.push_back({file, entry, entry});
    modules_.back().end = entry + 1;
  }
}

const StandardCatalog::Module *StandardCatalog::find(const sema::Module &module) const {
  if (!module.isStandard)
    return nullptr;
  auto found =
      llvm::find_if(modules_, [&](const Module &kept) { return kept.file == module.file; });
  return found == modules_.end() ? nullptr : &*found;
}

} // namespace sgd::sema
