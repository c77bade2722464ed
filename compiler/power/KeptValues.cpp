#include "power/KeptValues.h"

namespace sgd::power {

KeptText KeptValues::text(llvm::StringRef text) {
  return text.empty() ? KeptText() : KeptText(&*texts_.insert(text).first);
}

const units::Quantity *KeptValues::quantity(const units::Quantity &quantity) {
  return &*quantities_.insert(quantity).first;
}

} // namespace sgd::power
