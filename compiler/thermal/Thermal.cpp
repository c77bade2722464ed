#include "thermal/Thermal.h"

#include "thermal/Text.h"

#include <map>

namespace sgd::thermal {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;
using model::Property;

const Exact secondsPerHour(3600);

Exact statedValue(const Design &design, Index node, llvm::StringRef name) {
  return numberOf(design, design.nodes[node].properties, name);
}

/// The range of an attribute of a catalog entry, else the entry's name.
SourceRange entryAttribute(const Design &design, Index entry, llvm::StringRef name) {
  const Property *property = design.findProperty(design.catalog[entry].properties, name);
  return property ? property->range : design.catalog[entry].range;
}

class Analyzer {
public:
  Analyzer(const Design &design, llvm::ArrayRef<NodeHeat> heat, DiagnosticEngine &diagnostics)
      : design_(design), heat_(heat), diagnostics_(diagnostics) {}

  ThermalResult run() {
    size_t nodes = design_.nodes.size();
    fixed_ = fixedLoads(design_, heat_);
    std::vector<Exact> airSideOwn(nodes);
    loads_.airSideHeat.assign(nodes, Exact(0));
    for (Index node = 0; node < nodes; ++node) {
      airSideOwn[node] += heat_[node].air + fixed_.upsLoss[node] + fixed_.lighting[node];
      if (Index parent = design_.nodes[node].parent; parent != NoIndex)
        airSideOwn[parent] -= heat_[node].air * replicaCount(design_, node);
    }
    for (Index node = static_cast<Index>(nodes); node-- > 0;) {
      loads_.airSideHeat[node] += airSideOwn[node];
      if (Index parent = design_.nodes[node].parent; parent != NoIndex)
        loads_.airSideHeat[parent] += loads_.airSideHeat[node] * replicaCount(design_, node);
    }
    std::vector<bool> modelled(nodes, false);
    for (Index site = 0; site < nodes; site = design_.nodes[site].subtreeEnd) {
      SiteEnergy energy;
      energy.site = site;
      energy.it = heat_[site].it;
      energy.stated = statedValue(design_, site, "pue_design");
      energy.measured = statedValue(design_, site, "pue_measured");
      const model::Value *named = design_.property(design_.nodes[site].properties, "climate");
      if (named && named->reference())
        energy.climate = readClimate(design_, named->reference()->index, diagnostics_);
      modelled[site] = energy.modelled();
      result_.sites.push_back(std::move(energy));
    }
    std::vector<CoolingSettings> settings = coolingSettings(design_);
    result_.path = buildHeatPath(design_, heat_, airSideOwn, settings, modelled, diagnostics_);
    result_.loops.resize(result_.path.loops.size());
    loads_.plantLoads.assign(design_.equipment.size(), std::nullopt);
    loads_.peakDemand.assign(nodes, Exact(0));
    loads_.mechanical.assign(nodes, Exact(0));
    for (SiteEnergy &site : result_.sites) {
      if (site.modelled())
        model(site);
      else
        stateFigures(site);
    }
    return {std::move(result_), std::move(loads_)};
  }

private:
  bool inSite(Index node, const SiteEnergy &site) const {
    return node >= site.site && node < design_.nodes[site.site].subtreeEnd;
  }

  /// A site without a climate: the stated PUE (else 1) gives every node's
  /// peak demand; the plant is sized at its ratings.
  void stateFigures(SiteEnergy &site) {
    Exact pue = site.stated.valid() ? site.stated : Exact(1);
    Index end = design_.nodes[site.site].subtreeEnd;
    for (Index node = site.site; node < end; ++node) {
      loads_.peakDemand[node] = heat_[node].it * pue;
      loads_.mechanical[node] = loads_.peakDemand[node] - heat_[node].it;
    }
    site.peakDemand = loads_.peakDemand[site.site];
    site.mechanical = loads_.mechanical[site.site];
    bool plant = false;
    std::vector<LoopState> rated(result_.path.loops.size());
    for (size_t index = 0; index < result_.path.loops.size(); ++index) {
      const Loop &loop = result_.path.loops[index];
      if (!inSite(loop.plant, site))
        continue;
      plant = true;
      rated[index] = evaluateLoop(loop, Condition{Exact::invalid(), Exact::invalid()});
      result_.loops[index].peak = rated[index];
    }
    sizePlant(site, {&rated});
    for (const model::EquipmentGroup &line : design_.equipment)
      plant = plant || (line.node != NoIndex && isPlantKind(line.kind) && inSite(line.node, site));
    if (!plant || design_.nodes[site.site].level != model::Level::Site)
      return;
    diagnostics_
        .report(DiagCode::W0471, design_.nodes[site.site].range,
                nodeLabel(design_, site.site) +
                    " has heat-rejection plant but names no `climate`: its peak demand is the "
                    "IT load × " +
                    (site.stated.valid() ? "the stated `pue_design` " + plain(site.stated)
                                         : std::string("1 (no `pue_design` either)")) +
                    ", not what its equipment draws")
        .note("name the site's climate (`climate = north_america.abilene;` after "
              "`import std.climate.north_america;`, stdlib/climate/), or declare a "
              "`component climate` with the site's bins");
  }

  void model(SiteEnergy &site) {
    if (!checkPlant(site))
      return;
    const Climate &climate = *site.climate;
    SitePower hottest = evaluateSite(design_, site.site, result_.path, fixed_, climate.hottest);
    SitePower humid = evaluateSite(design_, site.site, result_.path, fixed_, climate.mostHumid);
    checkDesignDay(site, hottest, humid);
    site.humidPeak = hottest.totalOf(site.site) < humid.totalOf(site.site);
    const SitePower &peak = site.humidPeak ? humid : hottest;
    site.peakAir = site.humidPeak ? climate.mostHumid : climate.hottest;
    Index end = design_.nodes[site.site].subtreeEnd;
    for (Index node = site.site; node < end; ++node) {
      loads_.peakDemand[node] = peak.total[node - site.site];
      loads_.mechanical[node] = peak.mechanical[node - site.site];
    }
    site.peakDemand = peak.totalOf(site.site);
    site.mechanical = peak.mechanical[0];
    site.electricalLosses = peak.electricalLosses[0];
    for (size_t index = 0; index < result_.path.loops.size(); ++index)
      if (inSite(result_.path.loops[index].plant, site))
        result_.loops[index].peak = peak.loops[index];
    sizePlant(site, {&hottest.loops, &humid.loops});
    // The year: every bin's hours at its power.
    for (const ClimateBin &bin : climate.bins) {
      SitePower hour = evaluateSite(design_, site.site, result_.path, fixed_, bin.air);
      site.annualEnergy += hour.totalOf(site.site) * bin.hours * secondsPerHour;
      site.water += hour.water * bin.hours;
      for (size_t index = 0; index < result_.path.loops.size(); ++index) {
        if (!inSite(result_.path.loops[index].plant, site))
          continue;
        const LoopState &state = hour.loops[index];
        LoopFigures &figures = result_.loops[index];
        figures.water += state.water * bin.hours;
        if (state.freeFraction == Exact(1))
          figures.freeHours += bin.hours;
        else if (state.freeFraction.isPositive())
          figures.partialHours += bin.hours;
      }
    }
    site.annualItEnergy = site.it * climate.hours * secondsPerHour;
    checkStatedPue(site);
  }

  /// Each plant line's design load: chillers and the lines serving a loop
  /// directly carry its heat; lines on the condenser water the condenser
  /// heat of every loop of their plant, the larger of the design conditions.
  void sizePlant(const SiteEnergy &site, llvm::ArrayRef<const std::vector<LoopState> *> states) {
    std::map<Index, Exact> condenserHeat; // per plant node
    for (const std::vector<LoopState> *condition : states) {
      std::map<Index, Exact> sum;
      for (size_t index = 0; index < result_.path.loops.size(); ++index)
        if (inSite(result_.path.loops[index].plant, site))
          sum[result_.path.loops[index].plant] += (*condition)[index].condenserHeat;
      for (const auto &[plant, heat] : sum)
        condenserHeat[plant] = maxOf(condenserHeat[plant], heat);
    }
    for (const Loop &loop : result_.path.loops) {
      if (!inSite(loop.plant, site))
        continue;
      llvm::StringRef name = loop.medium == Medium::ChilledWater ? "chilled-water heat"
                                                                 : "facility-water heat";
      if (loop.hasChiller())
        loads_.plantLoads[loop.chillerLine] = PlantLoad{loop.heat, name};
      for (Index group : loop.directLines)
        loads_.plantLoads[group] = PlantLoad{loop.heat, name};
      if (loop.hasChiller() && !loop.chiller.airCooled)
        for (Index group : loop.condenserLines)
          loads_.plantLoads[group] = PlantLoad{condenserHeat[loop.plant], "condenser heat"};
    }
  }

  /// The figures the model needs from the catalog entries of a site's plant
  /// (E0475); false when one is missing.
  bool checkPlant(const SiteEnergy &site) {
    bool complete = true;
    auto lacks = [&](Index group, Index entry, const std::string &what) {
      complete = false;
      diagnostics_
          .report(DiagCode::E0475, design_.equipment[group].range,
                  entryLabel(design_, entry) + " gives no " + what +
                      ", which the energy model of " + nodeLabel(design_, site.site) +
                      " needs")
          .note(design_.catalog[entry].range, "catalog entry here");
    };
    for (const Loop &loop : result_.path.loops) {
      if (!inSite(loop.plant, site))
        continue;
      if (loop.hasChiller()) {
        const ChillerModel &chiller = loop.chiller;
        if (chiller.curve.empty())
          lacks(loop.chillerLine, chiller.entry,
                "`curve_lift` and `curve_cop` (its COP against the condenser temperature, "
                "from the datasheet)");
        else if (!curveAscends(chiller.curve))
          lacks(loop.chillerLine, chiller.entry,
                "COP curve with ascending `curve_lift`");
      }
      auto checkDevice = [&](Index group, const RejectionModel &device) {
        if (!device.approach.valid())
          lacks(group, device.entry,
                device.tower ? "`approach` (leaving water above the wet bulb)"
                             : "`design_ambient` and `leaving_water` (its approach)");
        if (device.tower && !(device.cycles.valid() && Exact(1) < device.cycles))
          lacks(group, device.entry, "`cycles` of concentration (for its blowdown)");
        if (device.adiabatic() && !device.airflow.valid())
          lacks(group, device.entry, "`airflow` (for the water its pads evaporate)");
      };
      if (loop.hasDirect())
        checkDevice(loop.directLines.front(), loop.direct);
      if (loop.hasChiller() && !loop.chiller.airCooled && !loop.condenserLines.empty())
        checkDevice(loop.condenserLines.front(), loop.condenser);
    }
    return complete;
  }

  static bool curveAscends(const CopCurve &curve) {
    for (size_t i = 1; i < curve.points.size(); ++i)
      if (!(curve.points[i - 1].first < curve.points[i].first))
        return false;
    return true;
  }

  /// What the plant must do on the design day: heat rejection alone must
  /// make its loop's water (E0471, E0472); chillers must run inside their
  /// curve (E0476) and, air-cooled, their ambient limit (E0477).
  void checkDesignDay(const SiteEnergy &site, const SitePower &hottest, const SitePower &humid) {
    const Climate &climate = *site.climate;
    for (size_t index = 0; index < result_.path.loops.size(); ++index) {
      const Loop &loop = result_.path.loops[index];
      if (!inSite(loop.plant, site))
        continue;
      if (!loop.hasChiller() && loop.hasDirect()) {
        const RejectionModel &device = loop.direct;
        const Condition &air = device.tower ? climate.mostHumid : climate.hottest;
        Exact made = device.leavingWater(air);
        if (loop.supply < made)
          reportRejection(loop, device, air, made, climate.entry);
      }
      if (!loop.hasChiller())
        continue;
      for (const SitePower *power : {&hottest, &humid}) {
        const LoopState &state = power->loops[index];
        if (!state.outsideCurve)
          continue;
        const ChillerModel &chiller = loop.chiller;
        Diagnostic &d = diagnostics_.report(
            DiagCode::E0476, design_.equipment[loop.chillerLine].range,
            "on the design day the chillers of " + nodeLabel(design_, loop.plant) +
                " lift " + difference(state.lift) + " (condenser " +
                temperature(state.lift + loop.supply) + " to " + mediumName(loop.medium).str() +
                " " + temperature(loop.supply) + "), above the " +
                difference(chiller.curve.lastLift()) + " their COP curve reaches");
        d.note(entryAttribute(design_, chiller.entry, "curve_lift"),
               entryLabel(design_, chiller.entry) + " gives COP up to a lift of " +
                   difference(chiller.curve.lastLift()));
        d.note("raise the " + mediumName(loop.medium).str() +
               " temperature, choose a chiller rated for the lift, or cool its condenser "
               "with colder water");
        break;
      }
      const ChillerModel &chiller = loop.chiller;
      if (chiller.airCooled && chiller.maxAmbient.valid() &&
          chiller.maxAmbient < climate.hottest.dryBulb)
        diagnostics_
            .report(DiagCode::E0477, design_.equipment[loop.chillerLine].range,
                    "the air-cooled chillers of " + nodeLabel(design_, loop.plant) +
                        " run up to " + temperature(chiller.maxAmbient) +
                        " ambient; the design dry bulb of " + entryLabel(design_, climate.entry) +
                        " is " + temperature(climate.hottest.dryBulb))
            .note(entryAttribute(design_, chiller.entry, "max_ambient"),
                  entryLabel(design_, chiller.entry) + ": `max_ambient` " +
                      temperature(chiller.maxAmbient))
            .note(entryAttribute(design_, climate.entry, "design_dry_bulb"),
                  "design dry bulb " + temperature(climate.hottest.dryBulb));
    }
  }

  void reportRejection(const Loop &loop, const RejectionModel &device, const Condition &air,
                       const Exact &made, Index climateEntry) {
    Index group = loop.directLines.front();
    std::string what = device.tower ? "cooling towers" : "dry coolers";
    std::string bulb = device.tower ? "wet bulb of " + temperature(air.wetBulb)
                                    : "dry bulb of " + temperature(air.dryBulb);
    Diagnostic &d = diagnostics_.report(
        device.tower ? DiagCode::E0472 : DiagCode::E0471, design_.equipment[group].range,
        "the " + what + " of " + nodeLabel(design_, loop.plant) + " cannot make " +
            temperature(loop.supply) + " " + mediumName(loop.medium).str() +
            " on the design day: at a " + bulb + " they make " + temperature(made));
    std::string arithmetic =
        device.tower ? temperature(air.wetBulb) + " + approach " + difference(device.approach)
                     : (device.adiabatic() && device.inletDryBulb(air) < air.dryBulb
                            ? "pad outlet " + temperature(device.inletDryBulb(air))
                            : temperature(air.dryBulb)) +
                           " + approach " + difference(device.approach);
    d.note(entryAttribute(design_, device.entry, device.tower ? "approach" : "leaving_water"),
           entryLabel(design_, device.entry) + ": " + arithmetic + " = " + temperature(made));
    d.note(entryAttribute(design_, climateEntry,
                          device.tower ? "design_wet_bulb" : "design_dry_bulb"),
           "design " + bulb);
    if (loop.supplyProperty)
      d.note(loop.supplyProperty->range,
             "the loop supplies " + temperature(loop.supply) + " " +
                 mediumName(loop.medium).str());
    d.note("add chillers to trim the loop on hot days (`chiller` lines serving " +
           mediumWord(loop.medium).str() + "), or raise the loop's supply to " +
           temperature(made) + " or above");
  }

  /// A stated design PUE below what the equipment reaches over a year.
  void checkStatedPue(const SiteEnergy &site) {
    if (!site.stated.valid() || !(site.stated < site.annualPue()))
      return;
    const Property *stated =
        design_.findProperty(design_.nodes[site.site].properties, "pue_design");
    diagnostics_
        .report(DiagCode::W0470, stated->range,
                "the stated design PUE " + plain(site.stated) + " is below what the equipment " +
                    "of " + nodeLabel(design_, site.site) + " reaches: an annual PUE of " +
                    plain(site.annualPue()) + ", " + plain(site.peakPue()) +
                    " on the design day")
        .note("annual PUE = " +
              power((site.annualEnergy / (site.climate->hours * secondsPerHour)).rounded()) +
              " average facility load / " + power(site.it) + " IT load; `sgdc check --summary` "
              "shows the plant's part");
  }

  const Design &design_;
  llvm::ArrayRef<NodeHeat> heat_;
  DiagnosticEngine &diagnostics_;
  FixedLoads fixed_;
  ThermalAnalysis result_;
  ThermalLoads loads_;
};

} // namespace

Exact SiteEnergy::peakPue() const {
  return it.isPositive() ? peakDemand / it : Exact(1);
}

Exact SiteEnergy::annualPue() const {
  if (!modelled())
    return stated.valid() ? stated : Exact(1);
  return annualItEnergy.isPositive() ? annualEnergy / annualItEnergy : Exact(1);
}

Exact SiteEnergy::judgedPue() const { return measured.valid() ? measured : annualPue(); }

Exact SiteEnergy::wue() const {
  return modelled() && annualItEnergy.isPositive() ? water / Exact(1000) / annualItEnergy
                                                   : Exact(0);
}

const SiteEnergy *ThermalAnalysis::siteOf(const Design &design, Index node) const {
  Index top = design.topLevelOf(node);
  for (const SiteEnergy &site : sites)
    if (site.site == top)
      return &site;
  return nullptr;
}

ThermalResult analyzeThermal(const Design &design, llvm::ArrayRef<NodeHeat> heat,
                             DiagnosticEngine &diagnostics) {
  return Analyzer(design, heat, diagnostics).run();
}

} // namespace sgd::thermal
