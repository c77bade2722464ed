#include "thermal/HeatPath.h"

#include "thermal/Physics.h"
#include "thermal/Text.h"

#include <array>
#include <map>

namespace sgd::thermal {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;
using model::Property;

Exact valueOf(const Property *property) {
  return property && property->value.quantity() ? Exact(*property->value.quantity())
                                                : Exact::invalid();
}

bool inSubtree(const Design &design, Index node, Index root) {
  return node >= root && node < design.nodes[root].subtreeEnd;
}

/// "the CRAHs of hall `s.b1.h1`".
std::string linesOf(const Design &design, const model::EquipmentGroup &line) {
  std::string kind = line.kind == "cdu"    ? "CDUs"
                     : line.kind == "crah" ? "CRAHs"
                     : line.kind == "rdhx" ? "rear doors"
                                           : line.kind.str() + " lines";
  return "the " + kind + " of " + nodeLabel(design, line.node);
}

class Builder {
public:
  Builder(const Design &design, llvm::ArrayRef<NodeHeat> heat, llvm::ArrayRef<Exact> airSideOwn,
          llvm::ArrayRef<CoolingSettings> settings, const std::vector<bool> &modelled,
          DiagnosticEngine &diagnostics)
      : design_(design), heat_(heat), airSideOwn_(airSideOwn), settings_(settings),
        modelled_(modelled), diagnostics_(diagnostics) {}

  HeatPath build() {
    path_.serves.assign(design_.equipment.size(), std::nullopt);
    assignConsumers();
    for (size_t index = 0; index < path_.consumers.size(); ++index)
      describeWater(path_.consumers[index]);
    decideServes();
    for (size_t index = 0; index < path_.consumers.size(); ++index)
      joinLoop(index);
    for (Loop &loop : path_.loops)
      finishLoop(loop);
    reportUnserved();
    return std::move(path_);
  }

private:
  bool modelled(Index node) const { return modelled_[design_.topLevelOf(node)]; }

  /// Each node's heat to the nearest line at or above it: liquid heat to CDUs,
  /// air-side heat to CRAHs and rear doors.
  void assignConsumers() {
    size_t nodes = design_.nodes.size();
    std::vector<Index> cdu(nodes, NoIndex), airCoil(nodes, NoIndex);
    for (Index group = 0; group < design_.equipment.size(); ++group) {
      const model::EquipmentGroup &line = design_.equipment[group];
      if (line.node == NoIndex)
        continue;
      if (line.kind == "cdu" && cdu[line.node] == NoIndex)
        cdu[line.node] = group;
      if (isAirCoilKind(line.kind) && airCoil[line.node] == NoIndex)
        airCoil[line.node] = group;
    }
    // Subtree totals less the children's: each node's own racks.
    std::vector<Exact> ownLiquid(nodes), ownFlow(nodes);
    for (Index node = 0; node < nodes; ++node) {
      ownLiquid[node] += heat_[node].liquid;
      ownFlow[node] += heat_[node].flow;
      if (Index parent = design_.nodes[node].parent; parent != NoIndex) {
        Exact count = replicaCount(design_, node);
        ownLiquid[parent] -= heat_[node].liquid * count;
        ownFlow[parent] -= heat_[node].flow * count;
      }
    }
    std::vector<Exact> liquid(nodes), flow(nodes), air(nodes);
    // Depth-first order: a node's children come after it.
    for (Index node = static_cast<Index>(nodes); node-- > 0;) {
      liquid[node] += ownLiquid[node];
      flow[node] += ownFlow[node];
      air[node] += airSideOwn_[node];
      if (cdu[node] != NoIndex) {
        addConsumer(cdu[node], node, false, liquid[node], flow[node]);
        liquid[node] = flow[node] = Exact(0);
      }
      if (airCoil[node] != NoIndex) {
        addConsumer(airCoil[node], node, true, air[node], Exact(0));
        air[node] = Exact(0);
      }
      Index parent = design_.nodes[node].parent;
      if (parent != NoIndex) {
        Exact count = replicaCount(design_, node);
        liquid[parent] += liquid[node] * count;
        flow[parent] += flow[node] * count;
        air[parent] += air[node] * count;
      } else {
        path_.unserved.push_back({node, liquid[node], air[node]});
      }
    }
    // Report in the design's order.
    std::reverse(path_.consumers.begin(), path_.consumers.end());
    std::reverse(path_.unserved.begin(), path_.unserved.end());
  }

  void addConsumer(Index group, Index node, bool airCoil, const Exact &carried, const Exact &flow) {
    Consumer consumer;
    consumer.group = group;
    consumer.node = node;
    consumer.airCoil = airCoil;
    consumer.coil = readCoil(design_, design_.equipment[group].entry);
    consumer.heat = carried;
    consumer.flow = flow;
    consumer.power = consumer.coil.capacity.isPositive()
                         ? (consumer.coil.inputPower * carried / consumer.coil.capacity).rounded()
                         : Exact(0);
    path_.consumers.push_back(std::move(consumer));
  }

  /// The water a consumer takes: CDUs the facility water; air coils the
  /// chilled water of their level, else the facility water. An air coil is
  /// checked against the supply air (E0470).
  void describeWater(Consumer &consumer) {
    const CoolingSettings &at = settings_[consumer.node];
    const Property *water = at.supplyWater;
    const Property *range = at.waterRange;
    Medium medium = Medium::FacilityWater;
    if (consumer.airCoil && at.chilledWater) {
      water = at.chilledWater;
      range = at.chilledWaterRange;
      medium = Medium::ChilledWater;
    }
    const model::EquipmentGroup &line = design_.equipment[consumer.group];
    if (!water) {
      if (modelled(consumer.node) && consumer.heat.isPositive())
        diagnostics_
            .report(DiagCode::E0479, line.range,
                    linesOf(design_, line) + " carry " + power(consumer.heat) +
                        " into water whose temperature the design does not give")
            .note(consumer.airCoil
                      ? "give the water of their coils: `chilled_water` in the `cooling` "
                        "block of their level or above (else they take `supply_water`)"
                      : "give the facility water: `supply_water` in the `cooling` block of "
                        "their level or above");
      return;
    }
    consumer.medium = medium;
    consumer.water = water;
    consumer.supply = valueOf(water);
    consumer.range = valueOf(range);
    if (medium == Medium::FacilityWater && at.returnWater)
      consumer.range = valueOf(at.returnWater) - consumer.supply;
    if (!consumer.airCoil || !at.supplyAir)
      return;
    Exact air = valueOf(at.supplyAir);
    Exact coldest = air - consumer.coil.approach;
    if (!(coldest < consumer.supply))
      return;
    std::string entry = entryLabel(design_, line.entry);
    Diagnostic &d = diagnostics_.report(
        DiagCode::E0470, water->range,
        consumer.supply < air
            ? linesOf(design_, line) + " cannot supply " + temperature(air) + " air with " +
                  temperature(consumer.supply) + " " + mediumName(medium).str() + ": " + entry +
                  " needs its water " + difference(consumer.coil.approach) +
                  " below the air it supplies, " + temperature(coldest) + " or colder"
            : linesOf(design_, line) + " cannot cool air to " + temperature(air) + " with " +
                  temperature(consumer.supply) + " " + mediumName(medium).str() +
                  ": a coil cannot cool air with warmer water");
    d.note(at.supplyAir->range, "supply air " + temperature(air));
    if (consumer.coil.approach.isPositive())
      if (const Property *approach =
              design_.findProperty(design_.catalog[line.entry].properties, "approach"))
        d.note(approach->range, entry + ": coil approach " + difference(consumer.coil.approach) +
                                    " (supply air above entering water)");
    d.note(medium == Medium::FacilityWater
               ? "give the coils chilled water: `chilled_water = " + temperature(coldest) +
                     ";` (or colder) in their `cooling` block, served by a chiller or free "
                     "cooling"
               : "lower `chilled_water` to " + temperature(coldest) +
                     " or below, or raise the supply air");
  }

  /// The loop each chiller, tower and dry cooler line serves: `serves`, else
  /// chillers the chilled water (when a consumer below takes it) or the
  /// facility water; towers and dry coolers the condenser water of
  /// water-cooled chillers of their level, else the facility water (when a
  /// consumer below takes it), else the chilled water.
  void decideServes() {
    // Per plant node: which media its consumers take, and whether it has a
    // water-cooled chiller.
    std::map<Index, std::array<bool, 3>> below;
    std::map<Index, bool> waterCooled;
    for (Index group = 0; group < design_.equipment.size(); ++group)
      if (const model::EquipmentGroup &line = design_.equipment[group];
          line.node != NoIndex && isPlantKind(line.kind)) {
        plantLines_[line.node].push_back(group);
        below.try_emplace(line.node, std::array<bool, 3>{false, false, false});
        if (line.kind == "chiller" && !readChiller(design_, line.entry).airCooled)
          waterCooled[line.node] = true;
      }
    for (auto &[node, media] : below)
      for (const Consumer &consumer : path_.consumers)
        if (consumer.medium && inSubtree(design_, consumer.node, node))
          media[static_cast<int>(*consumer.medium)] = true;
    servedAt_.assign(design_.nodes.size(), {false, false, false});
    for (Index group = 0; group < design_.equipment.size(); ++group) {
      const model::EquipmentGroup &line = design_.equipment[group];
      if (line.node == NoIndex || !isPlantKind(line.kind))
        continue;
      const std::array<bool, 3> &taken = below[line.node];
      bool waterCooledChiller = waterCooled.count(line.node) != 0;
      const Property *written = design_.findProperty(line.properties, "serves");
      std::optional<Medium> medium;
      if (written && written->value.text()) {
        medium = mediumOfWord(*written->value.text());
        if (!medium) {
          diagnostics_.report(DiagCode::E0478, written->range,
                              "`serves` names a water loop: \"facility_water\", "
                              "\"chilled_water\" or \"condenser_water\"; this is \"" +
                                  *written->value.text() + "\"");
          continue;
        }
      } else if (line.kind == "chiller") {
        medium = taken[int(Medium::ChilledWater)] ? Medium::ChilledWater : Medium::FacilityWater;
      } else if (waterCooledChiller) {
        medium = Medium::CondenserWater;
      } else {
        medium = taken[int(Medium::FacilityWater)] || !taken[int(Medium::ChilledWater)]
                     ? Medium::FacilityWater
                     : Medium::ChilledWater;
      }
      path_.serves[group] = medium;
      servedAt_[line.node][static_cast<int>(*medium)] = true;
      if (!modelled(line.node))
        continue;
      bool servesSomething = *medium == Medium::CondenserWater
                                 ? waterCooledChiller && line.kind != "chiller"
                                 : taken[static_cast<int>(*medium)];
      if (servesSomething)
        continue;
      Diagnostic &d = diagnostics_.report(
          DiagCode::E0478, written ? written->range : line.range,
          "the " + line.kind.str() + " line of " + nodeLabel(design_, line.node) + " serves " +
              mediumName(*medium).str() + ", which " +
              (*medium == Medium::CondenserWater
                   ? std::string(line.kind == "chiller"
                                     ? "a chiller does not serve"
                                     : "no water-cooled chiller of its level makes")
                   : "no CDU or air coil at or below its level takes"));
      if (!written)
        d.note("the loop is inferred (docs/checks.md); say which one with `serves = \"...\";` "
               "in the line's block");
    }
  }

  void joinLoop(size_t index) {
    Consumer &consumer = path_.consumers[index];
    if (!consumer.medium)
      return;
    Medium medium = *consumer.medium;
    for (Index node = consumer.node; node != NoIndex; node = design_.nodes[node].parent) {
      if (!servedAt_[node][static_cast<int>(medium)])
        continue;
      auto [slot, added] = loopIndex_.try_emplace(std::make_pair(node, int(medium)),
                                                  path_.loops.size());
      if (added) {
        Loop loop;
        loop.plant = node;
        loop.medium = medium;
        path_.loops.push_back(std::move(loop));
      }
      path_.loops[slot->second].consumers.push_back(index);
      return;
    }
    if (!modelled(consumer.node) || !consumer.heat.isPositive())
      return;
    const model::EquipmentGroup &line = design_.equipment[consumer.group];
    diagnostics_
        .report(DiagCode::E0473, line.range,
                linesOf(design_, line) + " put " + power(consumer.heat) + " into " +
                    mediumName(medium).str() + " that no plant cools: no chiller, cooling " +
                    "tower or dry cooler at or above " + nodeLabel(design_, consumer.node) +
                    " serves " + mediumName(medium).str())
        .note("add the plant to a `cooling` block at its level or above (`chiller`, "
              "`cooling_tower`, `dry_cooler` lines), or say which loop a line serves "
              "with `serves = \"" +
              mediumWord(medium).str() + "\";`");
  }

  void finishLoop(Loop &loop) {
    const CoolingSettings &at = settings_[loop.plant];
    bool first = true;
    for (size_t index : loop.consumers) {
      const Consumer &consumer = path_.consumers[index];
      // A consumer's figures are those of one replica of its node.
      loop.consumerHeat += (consumer.heat + consumer.power) *
                           replicasWithin(design_, consumer.node, loop.plant);
      if (first || consumer.supply < loop.supply) {
        loop.supply = consumer.supply;
        loop.range = consumer.range;
        loop.supplyProperty = consumer.water;
        first = false;
      }
    }
    loop.pumpHead = valueOf(at.pumpHead);
    loop.pumpEfficiency = valueOf(at.pumpEfficiency);
    loop.condenserRange = valueOf(at.condenserRange);
    loop.pumpPower =
        physics::pumpingPower(loop.consumerHeat, loop.pumpHead, loop.range, loop.pumpEfficiency);
    loop.heat = loop.consumerHeat + loop.pumpPower;
    for (Index group : plantLines_[loop.plant]) {
      const model::EquipmentGroup &line = design_.equipment[group];
      if (!path_.serves[group])
        continue;
      Medium served = *path_.serves[group];
      if (line.kind == "chiller" && served == loop.medium && loop.chillerLine == NoIndex) {
        loop.chillerLine = group;
        loop.chiller = readChiller(design_, line.entry);
        const Property *economiser = design_.findProperty(line.properties, "free_cooling");
        loop.freeCooling = loop.chiller.freeCooling ||
                           (economiser && economiser->value.truth() && *economiser->value.truth());
      } else if (line.kind != "chiller" && served == loop.medium) {
        loop.directLines.push_back(group);
      } else if (line.kind != "chiller" && served == Medium::CondenserWater) {
        loop.condenserLines.push_back(group);
      }
    }
    if (loop.hasDirect())
      loop.direct = readRejection(design_, design_.equipment[loop.directLines.front()].entry);
    if (loop.hasChiller() && !loop.chiller.airCooled && !loop.condenserLines.empty())
      loop.condenser =
          readRejection(design_, design_.equipment[loop.condenserLines.front()].entry);
    if (loop.hasChiller() && !loop.chiller.airCooled && loop.condenserLines.empty() &&
        modelled(loop.plant))
      diagnostics_
          .report(DiagCode::E0473, design_.equipment[loop.chillerLine].range,
                  "the water-cooled chillers of " + nodeLabel(design_, loop.plant) +
                      " reject their condenser heat nowhere: no cooling tower or dry cooler "
                      "of their level serves condenser water")
          .note("add `cooling_tower` or `dry_cooler` lines beside them, or use an "
                "air-cooled chiller (`condenser = \"air\"`)");
  }

  void reportUnserved() {
    for (const Unserved &top : path_.unserved) {
      if (!modelled_[top.site])
        continue;
      for (auto [amount, what, lines] :
           {std::tuple{top.liquid, "liquid heat", "CDU"},
            std::tuple{top.air, "air-side heat", "CRAH, fan wall or rear door"}})
        if (amount.isPositive())
          diagnostics_
              .report(DiagCode::E0473, design_.nodes[top.site].range,
                      power(amount) + " of the " + what + " of " +
                          nodeLabel(design_, top.site) + " reaches no " + lines +
                          ": nothing takes it to a plant")
              .note("add `" + std::string(amount == top.liquid ? "cdu" : "crah") +
                    "` lines to the `cooling` blocks of the halls whose racks make it");
    }
  }

  const Design &design_;
  llvm::ArrayRef<NodeHeat> heat_;
  llvm::ArrayRef<Exact> airSideOwn_;
  llvm::ArrayRef<CoolingSettings> settings_;
  const std::vector<bool> &modelled_;
  DiagnosticEngine &diagnostics_;
  HeatPath path_;
  std::vector<std::array<bool, 3>> servedAt_; // per node: the media its plant lines serve
  std::map<Index, std::vector<Index>> plantLines_; // plant node → its plant lines
  std::map<std::pair<Index, int>, size_t> loopIndex_;
};

} // namespace

std::vector<CoolingSettings> coolingSettings(const Design &design) {
  size_t nodes = design.nodes.size();
  // Written values and schema defaults apart: a value written above wins
  // over a default filled into a block below.
  std::vector<CoolingSettings> written(nodes), defaults(nodes);
  auto fields = [](CoolingSettings &settings) {
    return std::array<std::pair<llvm::StringRef, const Property **>, 9>{{
        {"supply_water", &settings.supplyWater},
        {"return_water", &settings.returnWater},
        {"water_range", &settings.waterRange},
        {"chilled_water", &settings.chilledWater},
        {"chilled_water_range", &settings.chilledWaterRange},
        {"supply_air", &settings.supplyAir},
        {"condenser_range", &settings.condenserRange},
        {"pump_head", &settings.pumpHead},
        {"pump_efficiency", &settings.pumpEfficiency},
    }};
  };
  for (const model::Block &block : design.blocks) {
    if (block.kind != "cooling" || block.node == NoIndex)
      continue;
    for (const Property &property : design.propertiesOf(block.properties)) {
      CoolingSettings &target = property.isDefault ? defaults[block.node] : written[block.node];
      for (auto [name, slot] : fields(target))
        if (property.name == name && property.value.quantity())
          *slot = &property;
    }
  }
  std::vector<CoolingSettings> settings(nodes);
  for (Index node = 0; node < nodes; ++node) {
    Index parent = design.nodes[node].parent;
    auto own = fields(written[node]);
    auto fallback = fields(defaults[node]);
    auto result = fields(settings[node]);
    for (size_t field = 0; field < own.size(); ++field) {
      const Property *value = *own[field].second;
      if (!value && parent != NoIndex)
        value = *fields(settings[parent])[field].second;
      if (!value)
        value = *fallback[field].second;
      *result[field].second = value;
    }
  }
  return settings;
}

HeatPath buildHeatPath(const Design &design, llvm::ArrayRef<NodeHeat> heat,
                       llvm::ArrayRef<Exact> airSideOwn,
                       llvm::ArrayRef<CoolingSettings> settings,
                       const std::vector<bool> &modelled, DiagnosticEngine &diagnostics) {
  return Builder(design, heat, airSideOwn, settings, modelled, diagnostics).build();
}

} // namespace sgd::thermal
