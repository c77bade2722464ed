#include "power/LineSizing.h"

#include "model/QuantityMath.h"
#include "power/Redundancy.h"

#include "units/QuantityFormat.h"

namespace sgd::power {
namespace {

using model::apparent;
using model::isPositive;
using model::minus;
using model::ratio;
using model::times;

/// What a kind of power equipment is sized against.
enum class LoadKind { It, ItApparent, Facility, FacilityApparent };

LoadKind loadKindOf(llvm::StringRef kind) {
  if (kind == "ups" || kind == "battery")
    return LoadKind::It;
  if (kind == "busway" || kind == "pdu")
    return LoadKind::ItApparent;
  if (kind == "generator" || kind == "bess")
    return LoadKind::Facility;
  return LoadKind::FacilityApparent; // transformer, switchgear, transfer_switch
}

Quantity loadOf(const NodeDemand &demand, LoadKind kind) {
  switch (kind) {
  case LoadKind::It: return demand.it;
  case LoadKind::ItApparent: return apparent(demand.it, demand.powerFactor);
  case LoadKind::Facility: return demand.facility;
  case LoadKind::FacilityApparent: return apparent(demand.facility, demand.powerFactor);
  }
  return demand.it;
}

llvm::StringRef loadNameOf(LoadKind kind) {
  return kind == LoadKind::It || kind == LoadKind::ItApparent ? "IT load" : "facility load";
}

const Quantity *quantity(const model::Design &design, model::PropertySpan span,
                         llvm::StringRef name) {
  const model::Value *value = design.property(span, name);
  return value ? value->quantity() : nullptr;
}

/// 1 − derate × (site − rated) / step, when the site is above the rated
/// condition and the datasheet gives all three figures; else 1.
std::optional<Quantity> derate(const model::Design &design, model::PropertySpan entry,
                               const std::optional<Quantity> &site, llvm::StringRef rated,
                               llvm::StringRef share, llvm::StringRef step) {
  const Quantity *ratedValue = quantity(design, entry, rated);
  const Quantity *shareValue = quantity(design, entry, share);
  const Quantity *stepValue = quantity(design, entry, step);
  if (!site || !ratedValue || !shareValue || !stepValue)
    return std::nullopt;
  llvm::Expected<Quantity> excess = units::subtract(*site, *ratedValue);
  if (!excess) {
    llvm::consumeError(excess.takeError());
    return std::nullopt;
  }
  if (!isPositive(*excess))
    return std::nullopt;
  llvm::Expected<Quantity> steps = units::divide(*excess, *stepValue);
  if (!steps) {
    llvm::consumeError(steps.takeError());
    return std::nullopt;
  }
  Quantity factor = minus(ratio(1), times(*shareValue, *steps));
  return factor.value.isNegative() ? ratio(0) : factor;
}

Quantity part(const Quantity &whole, unsigned of) {
  return of <= 1 ? whole : times(whole, ratio(1, of));
}

} // namespace

std::optional<CountedUnit> countedUnit(const model::Design &design,
                                       const model::EquipmentGroup &group,
                                       const SiteConditions &site) {
  llvm::StringRef kind = group.kind;
  bool rated = kind == "transformer" || kind == "switchgear" || kind == "transfer_switch" ||
               kind == "busway" || kind == "pdu";
  llvm::StringRef name = rated ? "rating" : "capacity";
  model::PropertySpan entry = design.catalog[group.entry].properties;
  const Quantity *size = quantity(design, entry, name);
  if (!size)
    return std::nullopt;
  CountedUnit unit{*size, name, ""};
  // The basis is written only where something qualifies the size (formatting
  // every line's size would cost more than sizing it).
  std::string factors;
  auto apply = [&](const Quantity &factor, llvm::StringRef what) {
    if (factor.value == units::Rational(1))
      return;
    unit.value = times(unit.value, factor);
    factors += " × " + what.str() + " " + units::format(factor);
  };
  auto finish = [&] {
    if (!factors.empty())
      unit.basis = units::format(*size) + factors;
    return unit;
  };
  if (kind != "generator") {
    if (const Quantity *usable = quantity(design, entry, "usable_fraction"))
      apply(*usable, "usable fraction");
    return finish();
  }
  if (const model::Value *ratingClass = design.property(entry, "rating_class"))
    if (const std::string *text = ratingClass->text())
      factors += " " + *text;
  if (const Quantity *loadFactor = quantity(design, entry, "load_factor"))
    apply(*loadFactor, "load factor");
  if (std::optional<Quantity> altitude = derate(design, entry, site.altitude, "rated_altitude",
                                                "altitude_derate", "altitude_step"))
    apply(*altitude, "altitude derate");
  if (std::optional<Quantity> ambient = derate(design, entry, site.ambient, "rated_ambient",
                                               "ambient_derate", "ambient_step"))
    apply(*ambient, "ambient derate");
  return finish();
}

LineSizing sizeLine(const model::Design &design, const model::EquipmentGroup &group, Stage stage,
                    const ServedLoad &served, const SiteConditions &site, PathShare share,
                    PowerGraph &graph) {
  LineSizing sizing;
  sizing.installed = group.autoCount ? 0 : group.count;
  std::optional<CountedUnit> unit = countedUnit(design, group, site);
  if (!unit || !isPositive(unit->value))
    return sizing;
  const model::Redundancy &form = group.redundancy;
  LoadKind loadKind = loadKindOf(group.kind);
  Quantity load = loadOf(served.demand, loadKind);
  sizing.load = graph.keep(load);
  sizing.loadName = loadNameOf(loadKind);
  sizing.unitCapacity = graph.keep(unit->value);
  sizing.capacityName = unit->name;
  // The share of the load the line carries normally and when another path
  // is lost: a written path is one of share.paths.
  unsigned normalShare = share.written ? share.paths : form.share;
  unsigned failoverShare = share.written ? (share.paths > 1 ? share.paths - 1 : 1) : form.share;
  auto install = [&](uint64_t perSystem) {
    return share.written ? perSystem + form.spare : installedFor(perSystem, form);
  };
  std::optional<uint64_t> normal, failover;
  if (stage == Stage::Connection) {
    // One tap-off or rack PDU per cord, whatever the load.
    uint64_t connections = share.written ? served.connections / share.paths : served.connections;
    normal = failover = connections / (share.written ? 1 : pathsOf(form).size());
    bool uniform = served.racks && served.connections % served.racks == 0;
    sizing.basis = graph.keep(
        "per connection: " + std::to_string(served.racks) + " racks × " +
        (uniform ? std::to_string(served.connections / served.racks) + " cords"
                 : "their cords, " + std::to_string(served.connections)) +
        (share.written ? " ÷ " + std::to_string(share.paths) + " paths" : ""));
    sizing.required = connections + (form.factor == 1 && !form.catcher ? form.spare : 0);
    sizing.perSystem = *normal;
    sizing.sized = true;
    if (group.autoCount)
      sizing.installed = sizing.required;
    return sizing;
  }
  std::string basis;
  if (group.kind == "busway") {
    // A run serves one row: each row needs ceil(row load × share ÷ run) runs.
    auto perRows = [&](unsigned of) -> std::optional<uint64_t> {
      uint64_t runs = 0;
      for (const RowLoads &row : served.rowLoads) {
        std::optional<uint64_t> n =
            unitsFor(part(apparent(row.it, served.demand.powerFactor), of), unit->value);
        if (!n)
          return std::nullopt;
        runs += *n * row.rows;
      }
      return runs;
    };
    normal = perRows(normalShare);
    failover = perRows(failoverShare);
    uint64_t rows = 0;
    for (const RowLoads &row : served.rowLoads)
      rows += row.rows;
    basis = "per row: " + std::to_string(rows) + (rows == 1 ? " row" : " rows");
  } else {
    normal = unitsPerSystem(part(load, share.written ? normalShare : 1), unit->value,
                           share.written ? model::Redundancy{} : form);
    failover = unitsPerSystem(part(load, share.written ? failoverShare : 1), unit->value,
                             share.written ? model::Redundancy{} : form);
  }
  if (!unit->basis.empty())
    basis += (basis.empty() ? "" : "; ") + unit->basis;
  sizing.basis = graph.keep(basis);
  if (!normal || !failover)
    return sizing;
  sizing.perSystem = *normal;
  sizing.required = install(*normal);
  sizing.sized = true;
  if (share.written) {
    sizing.failoverRequired = install(*failover);
    sizing.writtenPaths = share.paths;
  }
  if (group.autoCount)
    sizing.installed = install(*failover);
  return sizing;
}

} // namespace sgd::power
