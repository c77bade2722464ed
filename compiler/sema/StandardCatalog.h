#ifndef SGD_SEMA_STANDARDCATALOG_H
#define SGD_SEMA_STANDARDCATALOG_H

#include "base/SourceFiles.h"
#include "model/Design.h"
#include "sema/ModuleGraph.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <vector>

namespace sgd::sema {

class StdlibCache;

/// The entries of the standard library's catalog modules (`std.catalog.power`,
/// the climates, the cost rates) evaluated once, as a design that imports
/// every one of them evaluates them: kind, qualified name, range and
/// properties. A standard entry sees only its own module and what that
/// imports, never the design (`-D` overrides no standard constant), so it is
/// the same in every compilation that registers the standard library's files
/// first (StdlibCache): the elaborator copies it instead of evaluating it.
/// It names no other entry (no attribute of a component kind is a catalog
/// reference), so it holds nothing numbered by the catalog it came from.
class StandardCatalog {
public:
  /// Evaluates the entries of every module of `stdlib` (read from
  /// `stdlibDir`) that declares any, after checking the modules' names
  /// (checkFileNames, checkDuplicates). Keeps none when that reports anything (each compilation
  /// then checks and evaluates them itself, and reports what is wrong), nor
  /// when an entry names another (its number would be wrong in a design's
  /// catalog).
  StandardCatalog(const StdlibCache &stdlib, llvm::StringRef stdlibDir);

  /// The entries of one module: [first, end) of entries().catalog.
  struct Module {
    FileId file;
    model::Index first;
    model::Index end;
  };
  /// The entries of `module`, a module of a compilation that registered the
  /// cache's files first; null when they are not kept.
  const Module *find(const sema::Module &module) const;

  /// The entries, module after module, and their properties, once find()
  /// found a module. The entries a compilation copies keep pointing at its
  /// strings: the catalog outlives the compilations that use it.
  const model::Design &entries() const { return *entries_; }

private:
  std::optional<model::Design> entries_;
  std::vector<Module> modules_;
};

} // namespace sgd::sema

#endif
