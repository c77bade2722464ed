#include "model/Design.h"

namespace sgd::model {

llvm::StringRef levelName(Level level) {
  switch (level) {
  case Level::Site: return "site";
  case Level::Building: return "building";
  case Level::Hall: return "hall";
  case Level::Row: return "row";
  case Level::Rack: return "rack";
  }
  return "";
}

const Value *Design::property(PropertySpan span, llvm::StringRef name) const {
  for (const Property &property : propertiesOf(span))
    if (property.name == name)
      return &property.value;
  return nullptr;
}

uint64_t Design::rackCount() const {
  uint64_t total = 0;
  for (const RackRun &run : rackRuns)
    total += run.count;
  return total;
}

} // namespace sgd::model
