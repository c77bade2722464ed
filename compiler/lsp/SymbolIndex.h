#ifndef SGD_LSP_SYMBOLINDEX_H
#define SGD_LSP_SYMBOLINDEX_H

#include "sema/ModuleGraph.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::lsp {

/// A declaration that go-to-definition and find-references know.
struct Symbol {
  enum class Kind : uint8_t {
    Module, Constant, CatalogEntry, Template, Parameter, Zone, Structure, Block, Task,
    Ruleset,
  };
  Kind kind;
  std::string name;
  SourceRange nameRange; // its name where declared; a module: the start of its file
  const ast::Item *item = nullptr; // the declaring item (none for a module or parameter)
  unsigned module = 0;   // index in the module graph
};

/// Where a name is used and what it names.
struct Reference {
  SourceRange range;
  uint32_t symbol;
};

/// The declarations of a compilation's modules and the references to them,
/// resolved the way sema resolves names (docs/language.md §5.2 "Names in
/// values"): template parameters, then constants, catalog entries and
/// templates of the file and the files it imports by path, then zones and
/// named blocks of the enclosing site or the top level; `alias.entry` names
/// an entry of an imported standard module; link targets name tasks of the
/// schedule, or the structure whose generated task they name (`b1.energise`).
class SymbolIndex {
public:
  explicit SymbolIndex(const sema::ModuleGraph &graph);

  /// The symbol whose reference or declaration covers `offset` of `file`.
  std::optional<uint32_t> symbolAt(FileId file, uint32_t offset) const;

  const Symbol &symbol(uint32_t id) const { return symbols_[id]; }
  const std::vector<Symbol> &symbols() const { return symbols_; }

  /// Every place that names `symbol`, its declaration first when asked.
  std::vector<SourceRange> uses(uint32_t symbol, bool withDeclaration) const;

  /// The catalog entries every module can name, as they are written there:
  /// `power.ups_1250kw` through an import, `pod_network_rack` in the file.
  struct Visible {
    std::string written;
    uint32_t symbol;
  };
  std::vector<Visible> visibleEntries(unsigned module) const;
  std::vector<Visible> visible(unsigned module, Symbol::Kind kind) const;

private:
  struct Builder;
  std::vector<Symbol> symbols_;
  std::vector<Reference> references_;
  const sema::ModuleGraph &graph_;
};

} // namespace sgd::lsp

#endif
