#include "power/KeptValues.h"

namespace sgd::power {

InternedText KeptValues::text(llvm::StringRef text) { return texts_.intern(text); }

const units::Quantity *KeptValues::quantity(const units::Quantity &quantity) {
  return &*quantities_.insert(quantity).first;
}

} // namespace sgd::power
