#ifndef SGD_SEMA_STDLIBCACHE_H
#define SGD_SEMA_STDLIBCACHE_H

#include "ast/AstContext.h"
#include "ast/Item.h"
#include "base/SourceFiles.h"
#include "sema/StandardCatalog.h"

#include "llvm/ADT/StringMap.h"

#include <optional>

namespace sgd::sema {

/// The standard library's files, read and parsed once, for a process that
/// compiles many designs one after another (the fuzzer of tests/fuzz): a
/// compilation that uses the cache registers its files first, all of them
/// and in one order, so that their FileIds — and with them every source
/// range of their ASTs — are the same in each compilation, which then takes
/// their ASTs from the cache instead of reading and parsing the files, and
/// the evaluated entries of the standard catalog modules from catalog()
/// instead of evaluating them.
class StdlibCache {
public:
  /// Reads and parses every `.sgd` file below `stdlibDir`, then evaluates
  /// the catalog entries they declare. A file that cannot be read or does
  /// not parse without a diagnostic is left out: a compilation reads it as
  /// usual, and reports what is wrong with it.
  explicit StdlibCache(llvm::StringRef stdlibDir);

  /// Registers the files in `files`, which must hold none yet.
  void registerInto(SourceFiles &files) const;

  struct File {
    FileId file;
    const ast::File *ast;
  };
  /// The file at `relative`, a path below the standard library's folder
  /// with `/` (`catalog/nvidia.sgd`); null when it is not cached.
  const File *find(llvm::StringRef relative) const;

  /// The standard catalog modules' entries, evaluated.
  const StandardCatalog &catalog() const { return *catalog_; }

private:
  SourceFiles files_;
  ast::AstContext context_;
  llvm::StringMap<File> byPath_;
  std::optional<StandardCatalog> catalog_; // after the files it evaluates
};

} // namespace sgd::sema

#endif
