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

std::string redundancyName(const Redundancy &redundancy) {
  std::string spare = redundancy.spare ? "+" + std::to_string(redundancy.spare) : "";
  if (redundancy.share > 1)
    return std::to_string(redundancy.factor) + "N/" + std::to_string(redundancy.share);
  if (redundancy.factor == 1)
    return "N" + spare + (redundancy.catcher ? " catcher" : "");
  return redundancy.sparePerSide ? "2(N" + spare + ")" : "2N" + spare;
}

const Property *Design::findProperty(PropertySpan span, llvm::StringRef name) const {
  for (const Property &property : propertiesOf(span))
    if (property.name == name)
      return &property;
  return nullptr;
}

const Value *Design::property(PropertySpan span, llvm::StringRef name) const {
  const Property *found = findProperty(span, name);
  return found ? &found->value : nullptr;
}

std::string Design::pathOf(Index node) const {
  std::string path;
  for (Index at = node; at != NoIndex; at = nodes[at].parent)
    path = nodes[at].name.str() + (path.empty() ? "" : "." + path);
  return path;
}

Index Design::topLevelOf(Index node) const {
  while (node != NoIndex && nodes[node].parent != NoIndex)
    node = nodes[node].parent;
  return node;
}

uint64_t Design::rackCount() const {
  uint64_t total = 0;
  for (const RackRun &run : rackRuns)
    total += run.count;
  return total;
}

} // namespace sgd::model
