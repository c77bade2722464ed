#ifndef SGD_POWER_KEPTVALUES_H
#define SGD_POWER_KEPTVALUES_H

#include "units/Quantity.h"

#include "llvm/ADT/StringSet.h"

#include <string>
#include <unordered_set>

namespace sgd::power {

/// A text KeptValues keeps, in a pointer to its one copy (which knows its
/// length): half a StringRef. Reads as a StringRef; "" when empty.
class KeptText {
public:
  KeptText() = default;

  operator llvm::StringRef() const { return entry_ ? entry_->getKey() : llvm::StringRef(); }
  bool empty() const { return entry_ == nullptr; }
  std::string str() const { return llvm::StringRef(*this).str(); }

  /// By text, so that texts of two stores compare too.
  friend bool operator==(KeptText a, KeptText b) {
    return llvm::StringRef(a) == llvm::StringRef(b);
  }

private:
  friend class KeptValues;
  using Entry = llvm::StringMapEntry<llvm::NoneType>;
  explicit KeptText(const Entry *entry) : entry_(entry) {}

  const Entry *entry_ = nullptr;
};

/// The texts and figures the elements of a power graph point to, each
/// distinct one kept once: an explicit design has elements per row and
/// path, and most of them carry the same paths, notes and loads as their
/// neighbours. What it returns stays put as long as the store.
class KeptValues {
public:
  /// An empty text needs no storage.
  KeptText text(llvm::StringRef text);
  const units::Quantity *quantity(const units::Quantity &quantity);

private:
  struct QuantityHash {
    size_t operator()(const units::Quantity &quantity) const { return hash_value(quantity); }
  };
  llvm::StringSet<> texts_;
  std::unordered_set<units::Quantity, QuantityHash> quantities_;
};

} // namespace sgd::power

#endif
