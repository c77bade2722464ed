#include "checks/PowerNames.h"

#include "model/QuantityMath.h"

namespace sgd::checks {

using power::Element;
using power::ElementKind;

model::Index writtenElement(const power::PowerGraph &graph, model::Index element) {
  const Element &e = graph.elements[element];
  if (!e.implied || e.kind == ElementKind::Cord || e.kind == ElementKind::Racks ||
      e.kind == ElementKind::MechanicalBus)
    return element;
  // A breaker bay belongs to the transformer it feeds; the others to what
  // feeds them (a switchboard's transformer, paralleling gear's generators,
  // a tap-off's busway).
  llvm::ArrayRef<model::Index> next =
      e.kind == ElementKind::Breaker ? graph.feeds(element) : graph.feeders(element);
  return next.empty() ? element : next.front();
}

std::string elementName(const model::Design &design, const power::PowerGraph &graph,
                        model::Index element) {
  const Element &e = graph.elements[element];
  std::string path = e.path.empty() ? "" : " (path " + e.path.str() + ")";
  auto line = [&](model::Index of) {
    const Element &w = graph.elements[of];
    if (w.group == model::NoIndex)
      return w.block != model::NoIndex ? "`" + design.blocks[w.block].name.str() + "`"
                                       : power::kindName(w.kind, w.stage);
    const model::EquipmentGroup &group = design.equipment[w.group];
    return "`" + group.kind.str() + " " + design.catalog[group.entry].qualifiedName.str() + "`";
  };
  switch (e.kind) {
  case ElementKind::Utility:
    return "utility feed `" + design.blocks[e.block].name.str() + "`" + path;
  case ElementKind::Cord:
  case ElementKind::Racks:
  case ElementKind::MechanicalBus:
    return "the " + power::kindName(e.kind, e.stage) + " of " +
           model::nodeName(design, e.structure) + path;
  default:
    break;
  }
  if (!e.implied)
    return line(element) + path;
  model::Index owner = writtenElement(graph, element);
  if (owner == element)
    return "the " + power::kindName(e.kind, e.stage) + path;
  return "the " + power::kindName(e.kind, e.stage) + " the compiler adds " +
         (e.kind == ElementKind::Breaker ? "ahead of " : "below ") + line(owner) + path;
}

std::string hallsText(const model::Design &design, const power::PowerGraph &graph,
                      llvm::ArrayRef<model::Index> loadPoints, model::Index within) {
  model::Index first = graph.loadPoints[loadPoints.front()].structure;
  if (first == model::NoIndex)
    return "the design";
  uint64_t halls = 0;
  for (model::Index point : loadPoints) {
    model::Index hall = graph.loadPoints[point].structure;
    bool inside = within != model::NoIndex && hall >= within &&
                  hall < design.nodes[within].subtreeEnd;
    halls += hall == model::NoIndex
                 ? 1
                 : design.replicasWithin(hall, inside ? within : design.topLevelOf(hall));
  }
  std::string text = model::levelName(design.nodes[first].level).str() + " `" +
                     design.pathOf(model::Replica{first, 0}) + "`";
  if (halls > 1)
    text += " and " + std::to_string(halls - 1) + " more hall" + (halls > 2 ? "s" : "");
  return text;
}

SourceRange elementRange(const model::Design &design, const power::PowerGraph &graph,
                         model::Index element) {
  const Element &e = graph.elements[writtenElement(graph, element)];
  if (e.group != model::NoIndex)
    return design.equipment[e.group].range;
  if (e.block != model::NoIndex)
    return design.blocks[e.block].range;
  if (e.structure != model::NoIndex)
    return design.nodes[e.structure].range;
  return {};
}

} // namespace sgd::checks
