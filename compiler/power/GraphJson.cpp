#include "power/GraphJson.h"

#include "power/HallSources.h"

#include "units/QuantityFormat.h"

namespace sgd::power {
namespace {

/// The nearest of `node` and its ancestors at `level`; NoIndex when none.
Index enclosing(const model::Design &design, Index node, model::Level level) {
  for (; node != NoIndex; node = design.nodes[node].parent)
    if (design.nodes[node].level == level)
      return node;
  return NoIndex;
}

} // namespace

llvm::StringRef sourceKind(ElementKind kind) {
  switch (kind) {
  case ElementKind::Utility: return "grid";
  case ElementKind::Generator: return "on-site generation";
  case ElementKind::Bess: return "storage";
  default: return "";
  }
}

void writePowerJson(const model::Design &design, const ExpandedGraph &expanded,
                    llvm::json::OStream &json) {
  const PowerGraph &graph = expanded.graph;
  auto path = [&](Index element, Index node) {
    return node == NoIndex ? std::string()
                           : design.pathOf(expanded.replicaOf(design, element, node));
  };
  {
    json.attributeArray("elements", [&] {
      for (Index element = 0; element < graph.elements.size(); ++element) {
        const Element &e = graph.elements[element];
        json.object([&] {
          json.attribute("id", static_cast<int64_t>(element));
          json.attribute("kind", kindName(e.kind, e.stage));
          json.attribute("implied", e.implied);
          if (e.group != NoIndex)
            json.attribute("line", design.equipment[e.group].kind);
          if (e.entry != NoIndex)
            json.attribute("entry", design.catalog[e.entry].qualifiedName);
          if (e.block != NoIndex)
            json.attribute("block", design.blocks[e.block].name);
          json.attribute("serves", path(element, e.structure));
          auto at = [&](model::Level level) {
            return path(element, enclosing(design, e.structure, level));
          };
          json.attribute("site", at(model::Level::Site));
          json.attribute("building", at(model::Level::Building));
          json.attribute("hall", at(model::Level::Hall));
          json.attribute("path", llvm::StringRef(e.path));
          json.attribute("count", static_cast<int64_t>(e.count));
          if (e.swingSpares)
            json.attribute("swing_spares", static_cast<int64_t>(e.swingSpares));
          json.attribute("unit_rating", units::format(*e.unitRating));
          json.attribute("load", units::format(*e.load));
          json.attribute("failover_load", units::format(*e.failoverLoad));
          if (e.voltageIn)
            json.attribute("voltage_in", units::format(*e.voltageIn));
          if (e.voltageOut)
            json.attribute("voltage_out", units::format(*e.voltageOut));
          if (!e.compartment.empty())
            json.attribute("compartment", llvm::StringRef(e.compartment));
          if (!e.note.empty())
            json.attribute("note", llvm::StringRef(e.note));
        });
      }
    });
    json.attributeArray("edges", [&] {
      for (Index element = 0; element < graph.elements.size(); ++element)
        for (Index fed : graph.feeds(element))
          json.array([&] {
            json.value(static_cast<int64_t>(element));
            json.value(static_cast<int64_t>(fed));
          });
    });
    json.attributeArray("halls", [&] {
      std::vector<HallSources> sources = hallSources(graph);
      for (Index hall = 0; hall < graph.loadPoints.size(); ++hall)
        json.object([&] {
          const LoadPoint &point = graph.loadPoints[hall];
          json.attribute("hall", point.structure == NoIndex
                                     ? std::string()
                                     : design.pathOf(expanded.hallOf[hall]));
          json.attribute("racks", static_cast<int64_t>(point.racks));
          json.attributeArray("cords", [&] {
            for (Index cord : point.cords)
              json.value(static_cast<int64_t>(cord));
          });
          json.attributeArray("sources", [&] {
            for (Index source : point.sources)
              json.object([&] {
                json.attribute("id", static_cast<int64_t>(source));
                json.attribute("kind", sourceKind(graph.elements[source].kind));
              });
          });
          json.attribute("on_site_alone", sources[hall].onSiteAlone);
        });
    });
  }
}

} // namespace sgd::power
