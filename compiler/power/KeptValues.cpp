#include "power/KeptValues.h"

namespace sgd::power {

llvm::StringRef KeptValues::text(llvm::StringRef text) {
  return text.empty() ? llvm::StringRef() : texts_.insert(text).first->getKey();
}

const units::Quantity *KeptValues::quantity(const units::Quantity &quantity) {
  return &*quantities_.insert(quantity).first;
}

} // namespace sgd::power
