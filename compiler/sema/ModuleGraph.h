#ifndef SGD_SEMA_MODULEGRAPH_H
#define SGD_SEMA_MODULEGRAPH_H

#include "ast/Item.h"

#include <string>
#include <vector>

namespace sgd::sema {

/// One resolved import of a module.
struct Import {
  unsigned module; // index into ModuleGraph::modules
  const ast::ImportItem *item;

  /// `import std.catalog.power;` (named by `power` in references), as opposed
  /// to `import "halls.sgd";` (whose declarations are visible directly).
  bool isStandard() const { return !item->isFile; }
  /// The name a standard import gives its module: the last part, `power`.
  llvm::StringRef alias() const { return item->module.parts.back().text(); }
};

/// One source file of a compilation and the modules it imports.
struct Module {
  FileId file;
  const ast::File *ast;
  /// `std.catalog.nvidia` for a standard module, else the file's display path.
  std::string name;
  bool isStandard;
  /// In the order of the import items.
  std::vector<Import> imports;
};

/// Every file reachable from the entry files through imports, each read and
/// parsed once. Entry modules come first, in the order they were given.
struct ModuleGraph {
  std::vector<Module> modules;
  unsigned entryCount = 0;

  /// The modules whose top-level declarations `module` sees by plain name:
  /// itself, then the files it imports by path. (Standard modules are seen
  /// through their alias: `power.ups_1250kw`.)
  std::vector<unsigned> visibleModules(unsigned module) const {
    std::vector<unsigned> visible{module};
    for (const Import &import : modules[module].imports)
      if (!import.isStandard())
        visible.push_back(import.module);
    return visible;
  }
};

} // namespace sgd::sema

#endif
