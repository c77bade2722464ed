#ifndef SGD_SEMA_MODULEGRAPH_H
#define SGD_SEMA_MODULEGRAPH_H

#include "ast/Item.h"

#include <string>
#include <vector>

namespace sgd::sema {

/// One source file of a compilation and the modules it imports.
struct Module {
  FileId file;
  const ast::File *ast;
  /// `std.catalog.nvidia` for a standard module, else the file's display path.
  std::string name;
  bool isStandard;
  /// Indexes into ModuleGraph::modules, in the order of the import items.
  std::vector<unsigned> imports;
};

/// Every file reachable from the entry files through imports, each read and
/// parsed once. Entry modules come first, in the order they were given.
struct ModuleGraph {
  std::vector<Module> modules;
  unsigned entryCount = 0;
};

} // namespace sgd::sema

#endif
