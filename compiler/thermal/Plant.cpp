#include "thermal/Plant.h"

namespace sgd::thermal {

llvm::StringRef mediumName(Medium medium) {
  switch (medium) {
  case Medium::FacilityWater: return "facility water";
  case Medium::ChilledWater: return "chilled water";
  case Medium::CondenserWater: return "condenser water";
  }
  return "";
}

llvm::StringRef mediumWord(Medium medium) {
  switch (medium) {
  case Medium::FacilityWater: return "facility_water";
  case Medium::ChilledWater: return "chilled_water";
  case Medium::CondenserWater: return "condenser_water";
  }
  return "";
}

std::optional<Medium> mediumOfWord(llvm::StringRef word) {
  for (Medium medium : {Medium::FacilityWater, Medium::ChilledWater, Medium::CondenserWater})
    if (mediumWord(medium) == word)
      return medium;
  return std::nullopt;
}

Exact numberOf(const model::Design &design, model::PropertySpan span, llvm::StringRef name) {
  const model::Value *value = design.property(span, name);
  const units::Quantity *quantity = value ? value->quantity() : nullptr;
  return quantity ? Exact(*quantity) : Exact::invalid();
}

Exact CopCurve::at(const Exact &lift) const {
  if (points.empty() || points.back().first < lift)
    return Exact::invalid();
  if (!(points.front().first < lift))
    return points.front().second;
  for (size_t i = 1; i < points.size(); ++i) {
    const auto &[lowLift, lowCop] = points[i - 1];
    const auto &[highLift, highCop] = points[i];
    if (highLift < lift)
      continue;
    return lowCop + (highCop - lowCop) * (lift - lowLift) / (highLift - lowLift);
  }
  return points.back().second;
}

ChillerModel readChiller(const model::Design &design, model::Index entry) {
  model::PropertySpan span = design.catalog[entry].properties;
  ChillerModel chiller;
  chiller.entry = entry;
  const model::Value *condenser = design.property(span, "condenser");
  chiller.airCooled = condenser && condenser->text() && *condenser->text() == "air";
  chiller.capacity = numberOf(design, span, "capacity");
  chiller.ratedCop = numberOf(design, span, "cop");
  chiller.maxAmbient = numberOf(design, span, "max_ambient");
  const model::Value *freeCooling = design.property(span, "free_cooling");
  chiller.freeCooling = freeCooling && freeCooling->truth() && *freeCooling->truth();
  chiller.freeCoolingApproach = numberOf(design, span, "free_cooling_approach");
  chiller.freeCoolingPower = numberOf(design, span, "free_cooling_power");
  const model::Value *lifts = design.property(span, "curve_lift");
  const model::Value *cops = design.property(span, "curve_cop");
  if (lifts && cops && lifts->list() && cops->list() &&
      lifts->list()->size() == cops->list()->size())
    for (size_t i = 0; i < lifts->list()->size(); ++i) {
      const units::Quantity *lift = (*lifts->list())[i].quantity();
      const units::Quantity *cop = (*cops->list())[i].quantity();
      if (lift && cop)
        chiller.curve.points.emplace_back(Exact(*lift), Exact(*cop));
    }
  return chiller;
}

RejectionModel readRejection(const model::Design &design, model::Index entry) {
  const model::CatalogEntry &catalog = design.catalog[entry];
  model::PropertySpan span = catalog.properties;
  RejectionModel device;
  device.entry = entry;
  device.tower = catalog.kind == "cooling_tower";
  device.capacity = numberOf(design, span, "capacity");
  device.fanPower = numberOf(design, span, "input_power");
  if (!device.fanPower.valid())
    device.fanPower = Exact(0);
  if (device.tower) {
    device.approach = numberOf(design, span, "approach");
    device.cycles = numberOf(design, span, "cycles");
  } else {
    device.approach =
        numberOf(design, span, "leaving_water") - numberOf(design, span, "design_ambient");
    device.adiabaticEfficiency = numberOf(design, span, "adiabatic_efficiency");
    device.adiabaticAbove = numberOf(design, span, "adiabatic_above");
    device.airflow = numberOf(design, span, "airflow");
  }
  return device;
}

Exact RejectionModel::inletDryBulb(const Condition &air) const {
  if (!adiabatic() || !(adiabaticAbove < air.dryBulb))
    return air.dryBulb;
  return air.dryBulb - adiabaticEfficiency * (air.dryBulb - air.wetBulb);
}

Exact RejectionModel::leavingWater(const Condition &air) const {
  return (tower ? air.wetBulb : inletDryBulb(air)) + approach;
}

CoilModel readCoil(const model::Design &design, model::Index entry) {
  model::PropertySpan span = design.catalog[entry].properties;
  CoilModel coil;
  coil.entry = entry;
  coil.capacity = numberOf(design, span, "capacity");
  coil.inputPower = numberOf(design, span, "input_power");
  if (!coil.inputPower.valid())
    coil.inputPower = Exact(0);
  coil.approach = numberOf(design, span, "approach");
  if (!coil.approach.valid())
    coil.approach = Exact(0);
  coil.flow = numberOf(design, span, "flow");
  return coil;
}

bool isPlantKind(llvm::StringRef kind) {
  return kind == "chiller" || kind == "cooling_tower" || kind == "dry_cooler";
}

bool isAirCoilKind(llvm::StringRef kind) { return kind == "crah" || kind == "rdhx"; }

} // namespace sgd::thermal
