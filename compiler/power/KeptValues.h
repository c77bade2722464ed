#ifndef SGD_POWER_KEPTVALUES_H
#define SGD_POWER_KEPTVALUES_H

#include "units/Quantity.h"

#include "llvm/ADT/StringSet.h"

#include <unordered_set>

namespace sgd::power {

/// The texts and figures the elements of a power graph point to, each
/// distinct one kept once: an explicit design has elements per row and
/// path, and most of them carry the same paths, notes and loads as their
/// neighbours. What it returns stays put as long as the store.
class KeptValues {
public:
  /// "" for an empty text, which needs no storage.
  llvm::StringRef text(llvm::StringRef text);
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
