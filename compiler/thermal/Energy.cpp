#include "thermal/Energy.h"

#include "thermal/Physics.h"

namespace sgd::thermal {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;

/// `power` at capacity scaled to `load`, rounded to the watt; 0 without a
/// capacity.
Exact scaled(const Exact &power, const Exact &load, const Exact &capacity) {
  if (!capacity.isPositive() || !power.valid())
    return Exact(0);
  return (power * load / capacity).rounded();
}

/// Millilitres per hour: litres rounded to the millilitre.
Exact millilitres(const Exact &litresPerHour) {
  return (litresPerHour * Exact(1000)).rounded() / Exact(1000);
}

/// What a heat-rejection line evaporates per hour rejecting `heat`: a tower
/// all of it, at the latent heat of water, plus blowdown (× cycles /
/// (cycles − 1)); an adiabatic cooler with wetted pads the water that cools
/// its air from the dry bulb to the pads' outlet; a dry unit nothing.
Exact evaporation(const RejectionModel &device, const Exact &heat, const Condition &air) {
  const Exact secondsPerHour(3600);
  if (device.tower) {
    if (!device.cycles.valid() || !(Exact(1) < device.cycles))
      return Exact(0);
    Exact evaporated = heat / physics::latentHeat() * physics::litresPerKilogram();
    return millilitres(evaporated * device.cycles / (device.cycles - Exact(1)) * secondsPerHour);
  }
  Exact inlet = device.inletDryBulb(air);
  if (!device.capacity.isPositive() || !device.airflow.valid() || !(inlet < air.dryBulb))
    return Exact(0);
  Exact airMass = physics::airDensity() * device.airflow * heat / device.capacity;
  Exact evaporated = airMass * physics::airSpecificHeat() * (air.dryBulb - inlet) /
                     physics::latentHeat() * physics::litresPerKilogram();
  return millilitres(evaporated * secondsPerHour);
}

} // namespace

FixedLoads fixedLoads(const Design &design, llvm::ArrayRef<NodeHeat> heat) {
  size_t nodes = design.nodes.size();
  FixedLoads fixed;
  fixed.it.assign(nodes, Exact(0));
  for (Index node = 0; node < nodes; ++node) {
    fixed.it[node] += heat[node].it;
    if (Index parent = design.nodes[node].parent; parent != NoIndex)
      fixed.it[parent] -= heat[node].it * replicaCount(design, node);
  }
  fixed.upsLoss.assign(nodes, Exact(0));
  fixed.lighting.assign(nodes, Exact(0));
  fixed.auxiliary.assign(nodes, Exact(0));
  fixed.transformers.assign(nodes, {});
  std::vector<bool> hasUps(nodes, false);
  for (const model::EquipmentGroup &line : design.equipment) {
    if (line.node == NoIndex)
      continue;
    Exact efficiency = numberOf(design, design.catalog[line.entry].properties, "efficiency");
    if (!efficiency.isPositive())
      continue;
    if (line.kind == "ups" && !hasUps[line.node]) {
      hasUps[line.node] = true;
      fixed.upsLoss[line.node] =
          (heat[line.node].it * (Exact(1) - efficiency) / efficiency).rounded();
    } else if (line.kind == "transformer") {
      fixed.transformers[line.node].push_back(efficiency);
    }
  }
  for (Index node = 0; node < nodes; ++node) {
    model::PropertySpan span = design.nodes[node].properties;
    Exact area = numberOf(design, span, "area");
    Exact density = numberOf(design, span, "lighting");
    if (design.nodes[node].level == model::Level::Hall && area.valid() && density.valid())
      fixed.lighting[node] = (area * density).rounded();
    Exact auxiliary = numberOf(design, span, "auxiliary_power");
    if (auxiliary.valid())
      fixed.auxiliary[node] = auxiliary;
  }
  return fixed;
}

LoopState evaluateLoop(const Loop &loop, const Condition &air) {
  LoopState state;
  bool weather = air.dryBulb.valid();
  Exact heat = loop.heat;
  if (!loop.hasChiller()) {
    state.coolingWater = weather ? loop.direct.leavingWater(air) : Exact::invalid();
    state.freeFraction = Exact(1);
    state.directHeat = heat;
  } else {
    const ChillerModel &chiller = loop.chiller;
    bool waterCooled = !chiller.airCooled && !loop.condenserLines.empty();
    // The water the free cooling makes: the lines serving the loop directly,
    // else the chillers' own coil (air-cooled) or an economiser on the
    // condenser water (water-cooled).
    Exact freeWater = Exact::invalid();
    if (weather && loop.hasDirect())
      freeWater = loop.direct.leavingWater(air);
    else if (weather && loop.freeCooling)
      freeWater = (chiller.airCooled ? air.dryBulb : loop.condenser.leavingWater(air)) +
                  (chiller.freeCoolingApproach.valid() ? chiller.freeCoolingApproach
                                                       : Exact(0));
    state.coolingWater = freeWater;
    state.freeFraction = Exact(0);
    if (freeWater.valid() && loop.range.isPositive())
      state.freeFraction = ((loop.ret() - freeWater) / loop.range).clamped(Exact(0), Exact(1));
    Exact freeHeat = (heat * state.freeFraction).rounded();
    Exact mechanical = heat - freeHeat;
    if (mechanical.isPositive()) {
      if (weather) {
        Exact condenserIn = waterCooled ? loop.condenser.leavingWater(air) : air.dryBulb;
        state.lift = condenserIn - loop.supply;
        state.cop = chiller.curve.at(state.lift);
        if (!state.cop.valid() && !chiller.curve.empty()) {
          state.outsideCurve = true;
          state.cop = chiller.curve.points.back().second;
        }
      }
      if (!state.cop.valid())
        state.cop = chiller.ratedCop;
      state.chillerPower = (mechanical / state.cop).rounded();
    }
    if (loop.hasDirect())
      state.directHeat = freeHeat;
    else if (chiller.airCooled)
      state.freeCoolingFans = scaled(chiller.freeCoolingPower, freeHeat, chiller.capacity);
    if (waterCooled) {
      state.condenserHeat =
          mechanical + state.chillerPower + (loop.hasDirect() ? Exact(0) : freeHeat);
      state.condenserPump =
          physics::pumpingPower(state.condenserHeat, loop.pumpHead, loop.condenserRange,
                                loop.pumpEfficiency);
      state.fanPower +=
          scaled(loop.condenser.fanPower, state.condenserHeat, loop.condenser.capacity);
      state.water += evaporation(loop.condenser, state.condenserHeat, air);
    }
  }
  if (loop.hasDirect() && state.directHeat.isPositive()) {
    state.fanPower += scaled(loop.direct.fanPower, state.directHeat, loop.direct.capacity);
    state.water += evaporation(loop.direct, state.directHeat, air);
  }
  return state;
}

SitePower evaluateSite(const Design &design, Index site, const HeatPath &path,
                       const FixedLoads &fixed, const Condition &air) {
  SitePower result;
  result.first = site;
  Index end = design.nodes[site].subtreeEnd;
  size_t count = end - site;
  std::vector<Exact> located(count), mechanical(count), losses(count);
  for (Index node = site; node < end; ++node) {
    Index at = node - site;
    located[at] =
        fixed.it[node] + fixed.upsLoss[node] + fixed.lighting[node] + fixed.auxiliary[node];
    losses[at] = fixed.upsLoss[node];
  }
  for (const Consumer &consumer : path.consumers)
    if (consumer.node >= site && consumer.node < end) {
      located[consumer.node - site] += consumer.power;
      mechanical[consumer.node - site] += consumer.power;
    }
  result.loops.resize(path.loops.size());
  for (size_t index = 0; index < path.loops.size(); ++index) {
    const Loop &loop = path.loops[index];
    if (loop.plant < site || loop.plant >= end)
      continue;
    LoopState state = evaluateLoop(loop, air);
    Exact drawn = loop.pumpPower + state.power();
    located[loop.plant - site] += drawn;
    mechanical[loop.plant - site] += drawn;
    result.water += state.water * replicasWithin(design, loop.plant, site);
    result.loops[index] = std::move(state);
  }
  // Children come after their parent: roll up from the last node, and take
  // each node's transformer losses on its whole subtree.
  result.total = located;
  result.mechanical = mechanical;
  result.electricalLosses = losses;
  for (Index node = end; node-- > site;) {
    Index at = node - site;
    for (const Exact &efficiency : fixed.transformers[node]) {
      Exact loss = (result.total[at] * (Exact(1) - efficiency) / efficiency).rounded();
      result.total[at] += loss;
      result.electricalLosses[at] += loss;
    }
    Index parent = design.nodes[node].parent;
    if (node == site || parent == NoIndex)
      continue;
    Exact count = replicaCount(design, node);
    result.total[parent - site] += result.total[at] * count;
    result.mechanical[parent - site] += result.mechanical[at] * count;
    result.electricalLosses[parent - site] += result.electricalLosses[at] * count;
  }
  return result;
}

} // namespace sgd::thermal
