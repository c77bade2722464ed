#include "checks/SpaceCheck.h"

#include "checks/QuantityMath.h"

#include "model/NodeScope.h"

#include "units/QuantityFormat.h"

#include <optional>
#include <string>

namespace sgd::checks {
namespace {

using model::Design;
using units::Rational;

/// The aisle factor of a hall that does not set one: the default of the
/// hall's `aisle_factor` in compiler/sema/Attributes.def (the schema fills it
/// in, so this is only a fallback for a hall built without the schema).
constexpr int64_t kDefaultAisleFactorTenths = 15;

Quantity ratio(Rational value) { return Quantity{value, units::dimensions::Ratio}; }

template <typename Result> std::optional<Quantity> take(llvm::Expected<Result> result) {
  if (!result) {
    llvm::consumeError(result.takeError());
    return std::nullopt;
  }
  return *result;
}

/// a > b, or nothing when the two cannot be compared.
std::optional<bool> exceeds(const Quantity &a, const Quantity &b) {
  llvm::Expected<std::strong_ordering> order = units::compare(a, b);
  if (!order) {
    llvm::consumeError(order.takeError());
    return std::nullopt;
  }
  return *order > 0;
}

/// floor(value), for a non-negative value.
uint64_t wholePart(const Rational &value) {
  if (value.isNegative())
    return 0;
  Rational::Int whole = value.numerator() / value.denominator();
  return whole > static_cast<Rational::Int>(UINT64_MAX) ? UINT64_MAX : static_cast<uint64_t>(whole);
}

/// The racks of one rack type in (each replica of) a hall: how many, and the
/// first run of them.
struct TypeShare {
  Index rackType;
  uint64_t racks;
  Index firstRun;
};

/// The rack types of a hall's racks (its rows included), in the order they
/// first appear.
std::vector<TypeShare> rackTypesOf(const Design &design, Index hall) {
  std::vector<TypeShare> shares;
  const model::Node &node = design.nodes[hall];
  for (Index run = node.firstRackRun; run < node.rackRunEnd; ++run) {
    const model::RackRun &rackRun = design.rackRuns[run];
    TypeShare *share = nullptr;
    for (TypeShare &candidate : shares)
      if (candidate.rackType == rackRun.rackType)
        share = &candidate;
    if (!share)
      share = &shares.emplace_back(TypeShare{rackRun.rackType, 0, run});
    share->racks += uint64_t{rackRun.count} * design.replicasWithin(rackRun.parent, hall);
  }
  return shares;
}

// Σ racks × footprint × (1 + aisle factor) ≤ area.
void checkArea(const Design &design, Index hall, const std::vector<TypeShare> &shares,
               DiagnosticEngine &diagnostics) {
  const model::Node &node = design.nodes[hall];
  const model::Property *area = design.findProperty(node.properties, "area");
  if (!area || !area->value.quantity())
    return;
  const model::Property *aisle = design.findProperty(node.properties, "aisle_factor");
  Quantity factor = ratio(Rational(kDefaultAisleFactorTenths, 10));
  if (aisle && aisle->value.quantity())
    factor = *aisle->value.quantity();
  std::optional<Quantity> onePlus = take(units::add(ratio(Rational(1)), factor));
  if (!onePlus)
    return;

  struct Part {
    const TypeShare *share;
    Quantity perRack;
    Quantity subtotal;
  };
  std::vector<Part> parts;
  uint64_t racks = 0;
  Quantity footprint{Rational(0), units::dimensions::Area};
  for (const TypeShare &share : shares) {
    const Quantity *perRack =
        quantityProperty(design, design.catalog[share.rackType].properties, "footprint");
    if (!perRack)
      continue;
    std::optional<Quantity> subtotal =
        take(units::multiply(*perRack, ratio(Rational(static_cast<int64_t>(share.racks)))));
    std::optional<Quantity> total =
        subtotal ? take(units::add(footprint, *subtotal)) : std::nullopt;
    if (!total)
      return;
    footprint = *total;
    racks += share.racks;
    parts.push_back({&share, *perRack, *subtotal});
  }
  if (racks == 0)
    return;
  std::optional<Quantity> needed = take(units::multiply(footprint, *onePlus));
  if (!needed)
    return;
  std::optional<bool> over = exceeds(*needed, *area->value.quantity());
  if (!over || !*over)
    return;

  // At the racks' average footprint: floor(area × racks ÷ needed).
  uint64_t fit = 0;
  if (!needed->value.isZero())
    if (std::optional<Rational> scaled = units::checkedMultiply(
            area->value.quantity()->value, Rational(static_cast<int64_t>(racks))))
      if (std::optional<Rational> quotient = units::checkedDivide(*scaled, needed->value))
        fit = wholePart(*quotient);

  std::string count = std::to_string(racks);
  std::string arithmetic = parts.size() == 1 ? count + " × " + inUnit(parts.front().perRack, "m2")
                                             : inUnit(footprint, "m2") + " of footprint";
  std::string message =
      "the hall's " + count + " racks need " + inUnit(*needed, "m2") +
      " of floor, more than its area of " + inUnit(*area->value.quantity(), "m2") + ": " +
      arithmetic + " × (1 + aisle factor " + units::format(factor) +
      ") = " + inUnit(*needed, "m2") + "; " + std::to_string(fit) +
      (parts.size() == 1 ? " racks would fit" : " racks would fit at their average footprint");
  Diagnostic &d = diagnostics.report(DiagCode::E0420, area->range, std::move(message));
  if (parts.size() > 1)
    for (const Part &part : parts)
      d.note(design.rackRuns[part.share->firstRun].range,
             std::to_string(part.share->racks) + " × " + entryName(design, part.share->rackType) +
                 " at " + inUnit(part.perRack, "m2") + " = " + inUnit(part.subtotal, "m2"));
  if (aisle && !aisle->isDefault)
    d.note(aisle->range, "aisles and service space take " + units::format(factor) +
                             " × the racks' own footprint, set here");
  else
    d.note("`aisle_factor` is " + units::format(factor) +
           " by default: aisles and service space take " + units::format(factor) +
           " × the racks' own footprint; a hall may set its own");
}

// weight ÷ footprint ≤ floor_load, per rack type.
void checkFloorLoad(const Design &design, Index hall, const std::vector<TypeShare> &shares,
                    DiagnosticEngine &diagnostics) {
  const model::Property *rating = design.findProperty(design.nodes[hall].properties, "floor_load");
  if (!rating || !rating->value.quantity())
    return;
  const Quantity &rated = *rating->value.quantity();
  for (const TypeShare &share : shares) {
    const model::CatalogEntry &type = design.catalog[share.rackType];
    const Quantity *weight = quantityProperty(design, type.properties, "weight");
    const Quantity *footprint = quantityProperty(design, type.properties, "footprint");
    if (!weight || !footprint || footprint->value.isZero() || footprint->value.isNegative())
      continue;
    std::optional<Quantity> load = take(units::divide(*weight, *footprint));
    if (!load)
      continue;
    std::optional<bool> over = exceeds(*load, rated);
    if (!over || !*over)
      continue;
    std::optional<Quantity> allowed = take(units::multiply(rated, *footprint));
    std::string racks = share.racks == 1 ? "1 rack" : std::to_string(share.racks) + " racks";
    Diagnostic &d = diagnostics.report(
        DiagCode::E0421, design.rackRuns[share.firstRun].range,
        entryName(design, share.rackType) + " loads the floor with " + inUnit(*weight, "kg") +
            " / " + inUnit(*footprint, "m2") + " = " + inUnit(*load, "kg/m2") +
            ", above the hall's rated " + inUnit(rated, "kg/m2") + " (" + racks +
            " of this type in the hall)");
    d.note(rating->range,
           "the hall's floor is rated for " + inUnit(rated, "kg/m2") +
               (allowed ? ": at most " + inUnit(*allowed, "kg") + " on " + inUnit(*footprint, "m2")
                        : std::string()) +
               "; these racks need a rating of " + inUnit(*load, "kg/m2"));
    d.note(type.range, "weight and footprint of " + entryName(design, share.rackType));
  }
}

} // namespace

void checkSpace(const Design &design, const DesignAnalysis &, DiagnosticEngine &diagnostics) {
  for (Index hall = 0; hall < design.nodes.size(); ++hall) {
    if (design.nodes[hall].level != model::Level::Hall)
      continue;
    std::vector<TypeShare> shares = rackTypesOf(design, hall);
    if (shares.empty())
      continue;
    model::NodeScope replicas(diagnostics, design, hall);
    checkArea(design, hall, shares, diagnostics);
    checkFloorLoad(design, hall, shares, diagnostics);
  }
}

} // namespace sgd::checks
