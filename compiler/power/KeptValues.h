#ifndef SGD_POWER_KEPTVALUES_H
#define SGD_POWER_KEPTVALUES_H

#include "base/InternedText.h"
#include "units/Quantity.h"

#include <unordered_set>

namespace sgd::power {

/// The texts and figures the elements of a power graph point to, each
/// distinct one kept once: an explicit design has elements per row and
/// path, and most of them carry the same paths, notes and loads as their
/// neighbours. What it returns stays put as long as the store.
class KeptValues {
public:
  /// An empty text needs no storage.
  InternedText text(llvm::StringRef text);
  const units::Quantity *quantity(const units::Quantity &quantity);

private:
  struct QuantityHash {
    size_t operator()(const units::Quantity &quantity) const { return hash_value(quantity); }
  };
  TextSet texts_;
  std::unordered_set<units::Quantity, QuantityHash> quantities_;
};

} // namespace sgd::power

#endif
