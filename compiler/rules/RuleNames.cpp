// The members of the design's elements in rules (docs/language.md §9).
#include "rules/RuleNames.h"

#include "model/Aggregates.h"
#include "model/ModelDump.h"
#include "sema/AttributeSchema.h"
#include "sema/Suggestion.h"

namespace sgd::rules {

using model::Index;
using model::NoIndex;
using units::Quantity;

namespace {

/// The value with `origin` as its place, and its list entries too: a rule
/// that fails on an entry points at the attribute that lists it.
Value placed(Value value, SourceRange origin) {
  value.origin = origin;
  if (model::ValueList *list = std::get_if<model::ValueList>(&value.data))
    for (Value &entry : *list)
      entry = placed(std::move(entry), origin);
  return value;
}

} // namespace

std::optional<Value> RuleNames::resolveName(const ast::NameExpr &name) {
  llvm::StringRef text = name.name().text();
  for (auto it = scope.rbegin(); it != scope.rend(); ++it)
    if (it->first == text)
      return it->second;
  if (constants_.declares(text))
    return constants_.resolveName(name);
  std::vector<llvm::StringRef> candidates;
  for (const auto &binding : scope)
    candidates.push_back(binding.first);
  llvm::append_range(candidates, constants_.names());
  Diagnostic &d = diagnostics_.report(
      DiagCode::E0505, name.range,
      "unknown name `" + text.str() + "` in a rule: a rule names its scope (`site`, `hall`, "
      "…), `site`, lambda parameters and the constants of its pack");
  if (std::optional<std::string> best = sema::closestName(text, candidates))
    d.note("did you mean `" + *best + "`?");
  return std::nullopt;
}

sema::MemberLookup RuleNames::member(const Value &base, const ast::Identifier &name,
                                     const ast::Expr &written) {
  const Reference *element = base.reference();
  if (!element)
    return sema::MemberLookup::none();
  size_t reported = diagnostics_.errorCount();
  std::optional<Value> value = members(*element, name.text(), written);
  if (value)
    return sema::MemberLookup::found(std::move(*value));
  return diagnostics_.errorCount() != reported ? sema::MemberLookup::failed()
                                               : sema::MemberLookup::none();
}

std::string RuleNames::describe(const Value &value) const {
  if (const Reference *element = value.reference())
    return describeElement(*element);
  return model::describe(value);
}

Value RuleNames::element(Reference::Kind kind, Index index) const {
  Reference reference{kind, index};
  return Value{reference, rangeOf(reference)};
}

SourceRange RuleNames::rangeOf(const Reference &element) const {
  switch (element.kind) {
  case Reference::Kind::Node: return design_.nodes[element.index].range;
  case Reference::Kind::RackRun: return design_.rackRuns[element.index].range;
  case Reference::Kind::Zone: return design_.zones[element.index].range;
  case Reference::Kind::Equipment: return design_.equipment[element.index].range;
  case Reference::Kind::CatalogEntry: return design_.catalog[element.index].range;
  case Reference::Kind::Block: return design_.blocks[element.index].range;
  }
  return {};
}

std::string RuleNames::describeElement(const Reference &element) const {
  std::string name = model::formatValue(design_, Value{element});
  switch (element.kind) {
  case Reference::Kind::Node:
    return model::levelName(design_.nodes[element.index].level).str() + " " + name;
  case Reference::Kind::RackRun: return "rack " + name;
  case Reference::Kind::Zone: return "zone " + name;
  case Reference::Kind::Block: {
    const model::Block &block = design_.blocks[element.index];
    return block.kind.str() + (block.name.empty() ? "" : " " + block.name.str());
  }
  case Reference::Kind::Equipment:
  case Reference::Kind::CatalogEntry: return name;
  }
  return name;
}

llvm::StringRef RuleNames::sourceText(const ast::Expr &expr) const {
  return files_.text(expr.range.file).slice(expr.range.begin, expr.range.end);
}

Value RuleNames::unset(const ast::Expr &written, llvm::StringRef why) const {
  std::string what = "`" + sourceText(written).str() + "`";
  return Value{model::Unset{why.empty() ? what : what + " (" + why.str() + ")"}};
}

Value RuleNames::listOf(const std::vector<Reference> &elements, Index within) const {
  model::ValueList list;
  for (const Reference &reference : elements) {
    Value value = element(reference.kind, reference.index);
    Index node = NoIndex;
    switch (reference.kind) {
    case Reference::Kind::Node: node = reference.index; break;
    case Reference::Kind::RackRun:
      value.weight = design_.rackRuns[reference.index].count;
      node = design_.rackRuns[reference.index].parent;
      break;
    case Reference::Kind::Zone: node = design_.zones[reference.index].node; break;
    case Reference::Kind::Equipment: node = design_.equipment[reference.index].node; break;
    default: break;
    }
    uint64_t replicas = node == NoIndex ? 1 : design_.replicasWithin(node, within);
    for (uint64_t replica = 1; replica < replicas; ++replica)
      list.push_back(value);
    list.push_back(std::move(value));
  }
  return Value{std::move(list)};
}

std::optional<Value> RuleNames::property(model::PropertySpan span, llvm::StringRef owner,
                                         llvm::StringRef name, const ast::Expr &written) const {
  for (const model::Property &property : design_.propertiesOf(span))
    if (property.name == name)
      return placed(property.value, property.range);
  if (const sema::AttributeSchema *attribute = sema::findAttribute(owner, name)) {
    Value value = unset(written);
    std::get<model::Unset>(value.data).date = attribute->type == sema::AttributeType::Calendar;
    return value;
  }
  return std::nullopt;
}

Index RuleNames::zoneOf(Index node) const {
  for (Index at = node; at != NoIndex; at = design_.nodes[at].parent)
    if (design_.nodes[at].zone != NoIndex)
      return design_.nodes[at].zone;
  return NoIndex;
}

std::optional<Value> RuleNames::members(const Reference &element, llvm::StringRef name,
                                        const ast::Expr &written) {
  switch (element.kind) {
  case Reference::Kind::Node: return nodeMember(element.index, name, written);
  case Reference::Kind::RackRun: {
    const model::RackRun &run = design_.rackRuns[element.index];
    if (name == "name")
      return Value{run.name.str()};
    if (name == "type") return this->element(Reference::Kind::CatalogEntry, run.rackType);
    if (name == "count") return Value{sema::plainNumber(run.count)};
    if (std::optional<Value> value = property(run.properties, "rack", name, written))
      return value;
    return property(design_.catalog[run.rackType].properties, "rack_type", name, written);
  }
  case Reference::Kind::Zone: {
    const model::Zone &zone = design_.zones[element.index];
    if (name == "name") return Value{zone.name.str()};
    if (name == "halls") {
      // Only halls of the zone's site can be in a site's zone; a zone at
      // the top level may have halls anywhere.
      Index first = zone.node == NoIndex ? 0 : zone.node;
      Index end = zone.node == NoIndex ? static_cast<Index>(design_.nodes.size())
                                       : design_.nodes[zone.node].subtreeEnd;
      std::vector<Reference> halls;
      for (Index node = first; node < end; ++node)
        if (design_.nodes[node].level == model::Level::Hall && zoneOf(node) == element.index)
          halls.push_back({Reference::Kind::Node, node});
      return listOf(halls, zone.node);
    }
    return property(zone.properties, "zone", name, written);
  }
  case Reference::Kind::Equipment: {
    const model::EquipmentGroup &group = design_.equipment[element.index];
    const checks::EquipmentSizing &sizing = analysis_.equipment[element.index];
    if (name == "kind") return Value{group.kind.str()};
    if (name == "count") return Value{sema::plainNumber(sizing.installed), group.countRange};
    if (name == "required") return Value{sema::plainNumber(sizing.required)};
    if (name == "load") return Value{sizing.load};
    if (name == "entry") return this->element(Reference::Kind::CatalogEntry, group.entry);
    if (name == "zone")
      return group.zone == NoIndex ? unset(written)
                                   : this->element(Reference::Kind::Zone, group.zone);
    if (std::optional<Value> value = property(group.properties, "equipment", name, written))
      return value;
    const model::CatalogEntry &entry = design_.catalog[group.entry];
    return property(entry.properties, entry.kind, name, written);
  }
  case Reference::Kind::CatalogEntry: {
    const model::CatalogEntry &entry = design_.catalog[element.index];
    if (name == "name") return Value{entry.qualifiedName.str()};
    if (name == "kind") return Value{entry.kind.str()};
    return property(entry.properties, entry.kind, name, written);
  }
  case Reference::Kind::Block: {
    const model::Block &block = design_.blocks[element.index];
    if (name == "name") return Value{block.name.str()};
    if (name == "kind") return Value{block.kind.str()};
    return property(block.properties, block.kind, name, written);
  }
  }
  return std::nullopt;
}

std::optional<Value> RuleNames::nodeMember(Index index, llvm::StringRef name,
                                           const ast::Expr &written) {
  const model::Node &node = design_.nodes[index];
  const checks::NodeFigures &figures = analysis_.nodes[index];
  auto nodesAt = [&](model::Level level) {
    std::vector<Reference> result;
    for (Index at = index + 1; at < node.subtreeEnd; ++at)
      if (design_.nodes[at].level == level)
        result.push_back({Reference::Kind::Node, at});
    return listOf(result, index);
  };
  auto ancestor = [&](model::Level level) -> Value {
    for (Index at = index; at != NoIndex; at = design_.nodes[at].parent)
      if (design_.nodes[at].level == level)
        return element(Reference::Kind::Node, at);
    return unset(written);
  };
  // A site's attribute as the node's own or its site's (`hall.pue_design`).
  auto inherited = [&](llvm::StringRef attribute) -> const model::Property * {
    for (Index at = index; at != NoIndex; at = design_.nodes[at].parent)
      for (const model::Property &property : design_.propertiesOf(design_.nodes[at].properties))
        if (property.name == attribute)
          return &property;
    return nullptr;
  };
  auto quantity = [](const Quantity &value, SourceRange origin = {}) {
    return Value{value, origin};
  };
  if (name == "name") return Value{design_.runName(index)};
  if (name == "path") return Value{design_.runPath(index)};
  if (name == "level") return Value{model::levelName(node.level).str()};
  if (name == "it_load" || name == "it_power") return quantity(figures.itPower);
  if (name == "peak_demand" || name == "facility_load") return quantity(figures.peakDemand);
  if (name == "pue") {
    const model::Property *stated = inherited("pue_design");
    return quantity(figures.pue, stated ? stated->range : SourceRange{});
  }
  if (name == "pue_peak") return quantity(figures.pue);
  if (name == "mechanical_load") return quantity(figures.mechanicalLoad);
  // The energy model's figures of the node's site (compiler/thermal/).
  const thermal::SiteEnergy *siteEnergy = analysis_.thermal.siteOf(design_, index);
  // The annual PUE the laws judge ("im Jahresdurchschnitt", EnEfG §11): the
  // measured PUE of an operating site, else the energy model's annual figure
  // from the equipment and the climate, else the stated `pue_design`
  // (thermal::SiteEnergy::judgedPue). The value points at the attribute it
  // comes from. Every PUE rule reads it.
  if (name == "annual_pue") {
    if (siteEnergy && (siteEnergy->measured.valid() || siteEnergy->modelled())) {
      const model::Property *source =
          inherited(siteEnergy->measured.valid() ? "pue_measured" : "climate");
      return quantity(siteEnergy->judgedPue().in(units::dimensions::Ratio),
                      source ? source->range : SourceRange{});
    }
    if (const model::Property *stated = inherited("pue_design"))
      return placed(stated->value, stated->range);
    return unset(written, "no `pue_design` is stated");
  }
  // A site's water a year (m³) and its water per kWh of IT (L/kWh).
  if (name == "water_use" && siteEnergy)
    return quantity((siteEnergy->water / thermal::Exact(1000)).in(units::dimensions::Volume));
  if (name == "wue" && siteEnergy)
    return quantity(siteEnergy->wue().in(units::dimensions::FlowPerPower));
  // The EnEfG's non-redundant nominal connected load (§3 no. 24): the
  // stated `connected_load`, else the peak demand, IT load × design PUE.
  if (name == "connected_load") {
    if (const model::Property *stated = inherited("connected_load"))
      return placed(stated->value, stated->range);
    return quantity(figures.peakDemand);
  }
  if (name == "liquid_heat") return quantity(figures.liquidHeat);
  if (name == "air_heat") return quantity(figures.airHeat);
  if (name == "coolant_flow") return quantity(figures.coolantFlow);
  // The year's energy: the energy model's, hour bin by hour bin, for a site
  // with a climate; else peak demand × 8,760 h.
  if (name == "annual_energy") {
    if (siteEnergy && siteEnergy->modelled() && siteEnergy->site == index)
      return quantity(siteEnergy->annualEnergy.in(units::dimensions::Energy));
    llvm::Expected<Quantity> energy = units::multiply(
        figures.peakDemand, Quantity{units::Rational(8760 * 3600), units::dimensions::Duration});
    if (!energy) {
      diagnostics_.report(DiagCode::E0506, node.range, llvm::toString(energy.takeError()));
      return std::nullopt;
    }
    return quantity(*energy);
  }
  if (name == "rack_count" || name == "gpus") {
    model::RackTotals totals = model::rackTotals(design_, index);
    return Value{sema::plainNumber(name == "gpus" ? totals.gpus : totals.racks)};
  }
  if (name == "racks") {
    std::vector<Reference> runs;
    for (Index run = node.firstRackRun; run < node.rackRunEnd; ++run)
      runs.push_back({Reference::Kind::RackRun, run});
    return listOf(runs, index);
  }
  if (name == "buildings") return nodesAt(model::Level::Building);
  if (name == "halls") return nodesAt(model::Level::Hall);
  if (name == "rows") return nodesAt(model::Level::Row);
  if (name == "site") return ancestor(model::Level::Site);
  if (name == "building") return ancestor(model::Level::Building);
  // The sites of the design in the same country run by the same `operator`
  // (Japan's Energy Conservation Act counts an operator's energy across its
  // sites); just this site when it names no operator.
  if (name == "operator_sites") {
    Value site = ancestor(model::Level::Site);
    const Reference *own = site.reference();
    if (!own)
      return site;
    auto text = [&](Index at, llvm::StringRef attribute) -> const std::string * {
      const Value *value = design_.property(design_.nodes[at].properties, attribute);
      return value ? value->text() : nullptr;
    };
    const std::string *operatorName = text(own->index, "operator");
    const std::string *country = text(own->index, "country");
    std::vector<Reference> sites;
    for (Index at = 0; at < design_.nodes.size(); ++at) {
      if (design_.nodes[at].level != model::Level::Site)
        continue;
      const std::string *otherOperator = text(at, "operator");
      const std::string *otherCountry = text(at, "country");
      bool same = at == own->index ||
                  (operatorName && otherOperator && *operatorName == *otherOperator &&
                   (country ? otherCountry && *otherCountry == *country : !otherCountry));
      if (same)
        sites.push_back({Reference::Kind::Node, at});
    }
    return listOf(sites, NoIndex);
  }
  if (name == "zones") {
    std::vector<Reference> zones;
    for (Index zone = 0; zone < design_.zones.size(); ++zone)
      if (design_.zones[zone].node == index ||
          (design_.zones[zone].node == NoIndex && node.level == model::Level::Site))
        zones.push_back({Reference::Kind::Zone, zone});
    return listOf(zones, index);
  }
  if (name == "zone") {
    Index zone = zoneOf(index);
    return zone == NoIndex ? unset(written) : element(Reference::Kind::Zone, zone);
  }
  if (name == "equipment") {
    std::vector<Reference> groups;
    for (Index group = 0; group < design_.equipment.size(); ++group) {
      Index at = design_.equipment[group].node;
      if (at != NoIndex && at >= index && at < node.subtreeEnd)
        groups.push_back({Reference::Kind::Equipment, group});
    }
    return listOf(groups, index);
  }
  return property(node.properties, model::levelName(node.level), name, written);
}

} // namespace sgd::rules
