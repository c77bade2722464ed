#include "power/Builder.h"

#include "model/QuantityMath.h"

#include <algorithm>
#include <map>

namespace sgd::power {
namespace {

using model::apparent;
using model::plus;
using model::ratio;
using model::times;

Quantity zero(units::Dimension dimension) { return Quantity{units::Rational(0), dimension}; }

bool isCoolingKind(llvm::StringRef kind) {
  return kind == "cdu" || kind == "crah" || kind == "rdhx" || kind == "chiller" ||
         kind == "cooling_tower" || kind == "dry_cooler";
}

/// The distinct paths of some elements, in the order they first come.
std::vector<llvm::StringRef> pathsAmong(const std::vector<Element> &elements,
                                        llvm::ArrayRef<Index> among) {
  std::vector<llvm::StringRef> paths;
  for (Index element : among)
    if (std::find(paths.begin(), paths.end(), elements[element].path) == paths.end())
      paths.push_back(elements[element].path);
  return paths;
}

/// Those of `among` on `path`: the same path, else the common ones, else all.
std::vector<Index> onPath(const std::vector<Element> &elements, llvm::ArrayRef<Index> among,
                          llvm::StringRef path) {
  if (path.empty())
    return among.vec();
  std::vector<Index> chosen = samePathOrCommon(elements, among, path);
  return chosen.empty() ? among.vec() : chosen;
}

/// `total` split over `parts`, the remainder to the first ones.
uint64_t shareOf(uint64_t total, size_t parts, size_t part) {
  return total / parts + (part < total % parts ? 1 : 0);
}

} // namespace

void Builder::addLowVoltageSwitchgear() {
  // A unit transformer whose secondary feeds a UPS or the distribution
  // directly gets its LV switchboard (the secondary section of a unit
  // substation), one per transformer.
  std::vector<Element> &elements = model_.graph.elements;
  std::vector<size_t> rewire;
  for (size_t edge = 0; edge < model_.graph.edges.size(); ++edge) {
    const Edge &e = model_.graph.edges[edge];
    if (elements[e.from].kind == ElementKind::Transformer &&
        elements[e.from].stage == Stage::UnitTransformer && inChain(elements[e.to]) &&
        elements[e.to].stage > Stage::LowVoltage)
      rewire.push_back(edge);
  }
  std::map<Index, Index> switchboardOf;
  for (size_t edge : rewire) {
    Index transformer = model_.graph.edges[edge].from;
    auto [found, added] = switchboardOf.try_emplace(transformer, NoIndex);
    if (added) {
      const Element &t = elements[transformer];
      Element board = impliedBeside(t, ElementKind::Switchgear, Stage::LowVoltage,
                                    model_.graph.keep("one LV switchboard per unit transformer"));
      board.voltageIn = board.voltageOut = t.voltageOut;
      found->second = addElement(std::move(board));
      addEdge(transformer, found->second);
    }
    model_.graph.edges[edge].from = found->second;
  }
}

void Builder::attachSources() {
  std::vector<Element> &elements = model_.graph.elements;
  size_t count = elements.size();
  for (Index source = 0; source < count; ++source) {
    const Element s = elements[source];
    if (s.kind != ElementKind::Generator && s.kind != ElementKind::Bess)
      continue;
    // The bus the source lands on: MV switchgear for an MV source; a
    // transfer switch, else LV switchgear, for an LV one. Looked for in the
    // source's structure, then below it, then above it; failing that, the
    // nearest chain element downstream of that stage.
    auto wanted = [&](const Element &e, bool exact) {
      if (!inChain(e))
        return false;
      if (!exact)
        return e.stage >= s.stage;
      bool bus = s.stage == Stage::MediumVoltage
                     ? e.stage == Stage::MediumVoltage
                     : e.stage == Stage::Transfer || e.stage == Stage::LowVoltage;
      // Of the buses, one of the source's own voltage (ANSI C84.1 range A).
      if (bus && s.voltageOut && e.voltageIn)
        return !model::below(*e.voltageIn, model::times(*s.voltageOut, model::ratio(95, 100))) &&
               !model::below(model::times(*s.voltageOut, model::ratio(105, 100)), *e.voltageIn);
      return bus;
    };
    Index first = s.structure == NoIndex ? 0 : s.structure;
    Index end = s.structure == NoIndex ? static_cast<Index>(design_.nodes.size())
                                       : design_.nodes[s.structure].subtreeEnd;
    std::vector<Index> scope{bucketOf(s.structure)};
    for (Index node = first; node < end; ++node)
      if (node != s.structure)
        scope.push_back(node);
    for (Index bucket = parentBucket(bucketOf(s.structure)); bucket != NoIndex;
         bucket = parentBucket(bucket))
      scope.push_back(bucket);
    std::vector<Index> targets;
    for (bool exact : {true, false}) {
      for (Index bucket : scope) {
        // The nearest wanted stage of this structure.
        std::optional<Stage> nearest;
        for (Index element : buckets_[bucket])
          if (wanted(elements[element], exact) &&
              (!nearest || elements[element].stage < *nearest))
            nearest = elements[element].stage;
        if (!nearest)
          continue;
        for (Index element : buckets_[bucket])
          if (elements[element].stage == *nearest && wanted(elements[element], exact))
            targets.push_back(element);
        break;
      }
      if (!targets.empty())
        break;
    }
    targets = onPath(elements, targets, s.path);
    if (s.kind == ElementKind::Bess || s.count <= 1) {
      for (Index target : targets)
        addEdge(source, target);
      continue;
    }
    // Several generators share a bus through paralleling switchgear: a
    // section for each path they feed (a split bus with ties), a lineup for
    // each lineup of the bus it lands on.
    std::vector<llvm::StringRef> paths = pathsAmong(elements, targets);
    for (llvm::StringRef path : paths) {
      Element gear{ElementKind::ParallelingGear, s.stage};
      std::vector<Index> fed = onPath(elements, targets, path);
      uint64_t lineups = 0;
      for (Index target : fed)
        if (elements[target].kind == ElementKind::Switchgear ||
            elements[target].kind == ElementKind::TransferSwitch)
          lineups += elements[target].count;
      gear.implied = true;
      gear.structure = s.structure;
      gear.path = model_.graph.keep(path);
      gear.count = std::max<uint64_t>(lineups, 1);
      gear.unitRating = model_.graph.keep(
          times(times(*s.unitRating, s.count), ratio(1, static_cast<int64_t>(gear.count))));
      gear.load = s.load;
      gear.failoverLoad = s.failoverLoad;
      gear.voltageIn = gear.voltageOut = s.voltageOut;
      // Paralleling gear stands with its generators, else with its bus.
      gear.compartment = !s.compartment.empty() ? s.compartment : elements[fed.front()].compartment;
      gear.note = model_.graph.keep(
          "paralleling gear for " + std::to_string(s.count) + " generators, a lineup per " +
          "bus lineup" +
          (paths.size() > 1 && s.path.empty() ? ", path " + path.str() + " of a split bus with ties"
                                              : ""));
      Index lineup = addElement(std::move(gear));
      addEdge(source, lineup);
      for (Index target : fed)
        addEdge(lineup, target);
    }
  }
}

void Builder::attachStorage() {
  std::vector<Element> &elements = model_.graph.elements;
  for (Index storage = 0; storage < elements.size(); ++storage) {
    if (elements[storage].kind != ElementKind::Storage)
      continue;
    // The UPS of the battery's structure, else of the nearest structure
    // below or above it.
    Index structure = elements[storage].structure;
    std::vector<Index> scope{bucketOf(structure)};
    Index first = structure == NoIndex ? 0 : structure;
    Index end = structure == NoIndex ? static_cast<Index>(design_.nodes.size())
                                     : design_.nodes[structure].subtreeEnd;
    for (Index node = first; node < end; ++node)
      if (node != structure)
        scope.push_back(node);
    for (Index bucket = parentBucket(bucketOf(structure)); bucket != NoIndex;
         bucket = parentBucket(bucket))
      scope.push_back(bucket);
    for (Index bucket : scope) {
      std::vector<Index> ups;
      for (Index element : buckets_[bucket])
        if (elements[element].kind == ElementKind::Ups)
          ups.push_back(element);
      if (ups.empty())
        continue;
      for (Index target : onPath(elements, ups, elements[storage].path))
        addEdge(storage, target);
      break;
    }
  }
}

void Builder::addLoadPoints() {
  // The racks of each hall (or of the structure that holds them directly).
  struct Point {
    Index structure;
    uint64_t racks = 0, connections = 0, fewestCords = 0;
    Quantity it;
    std::vector<std::pair<Index, uint64_t>> types; // rack type, racks of it
  };
  std::vector<Index> pointOf(design_.nodes.size() + 1, NoIndex);
  std::vector<Point> points;
  for (const model::RackRun &run : design_.rackRuns) {
    Index structure = run.parent;
    while (structure != NoIndex && design_.nodes[structure].level > model::Level::Hall)
      structure = design_.nodes[structure].parent;
    Index &point = pointOf[bucketOf(structure)];
    if (point == NoIndex) {
      point = static_cast<Index>(points.size());
      points.push_back({structure, 0, 0, 0, zero(units::dimensions::Power), {}});
    }
    Point &p = points[point];
    uint64_t cords = rackType(run.rackType).cords;
    // The run's racks in one replica of the hall.
    uint64_t racks = uint64_t{run.count} * design_.replicasWithin(run.parent, structure);
    p.racks += racks;
    p.connections += racks * cords;
    p.fewestCords = p.fewestCords ? std::min(p.fewestCords, cords) : cords;
    auto known = std::find_if(p.types.begin(), p.types.end(),
                              [&](const auto &t) { return t.first == run.rackType; });
    if (known == p.types.end())
      p.types.emplace_back(run.rackType, racks);
    else
      known->second += racks;
  }
  model_.graph.loadPoints.reserve(points.size());
  for (Point &p : points) {
    // IT once per rack type of the hall, not per run.
    for (const auto &[type, count] : p.types)
      if (const Quantity *it = rackType(type).it)
        p.it = plus(p.it, times(*it, count));
    std::vector<Element> &elements = model_.graph.elements;
    const NodeDemand &demand = demandOf(p.structure);
    Element racks{ElementKind::Racks, Stage::Load};
    racks.implied = true;
    racks.structure = p.structure;
    racks.count = p.racks;
    racks.load = racks.failoverLoad = model_.graph.keep(p.it);
    racks.note = model_.graph.keep("the racks of the hall");
    std::vector<Index> feeders = upstream(p.structure, ChainRank{1, static_cast<double>(Stage::Cord)}, "", NoIndex);
    std::vector<llvm::StringRef> paths = pathsAmong(elements, feeders);
    if (paths.empty())
      paths.push_back("");
    auto rackPaths = static_cast<uint64_t>(paths.size());
    // What one cord of each rack type carries when a path is lost: the rack
    // over the cords on the paths that remain.
    Quantity cordLoad = zero(units::dimensions::ApparentPower);
    for (const auto &typeAndRacks : p.types) {
      const Quantity *it = rackType(typeAndRacks.first).it;
      uint64_t cords = rackType(typeAndRacks.first).cords;
      if (!it)
        continue;
      uint64_t pathsPerRack = std::min(cords, rackPaths);
      uint64_t perPath = cords / pathsPerRack;
      uint64_t remaining = pathsPerRack >= 2 ? (pathsPerRack - 1) * perPath : cords;
      Quantity perCord = times(apparent(*it, demand.powerFactor),
                               ratio(1, static_cast<int64_t>(remaining)));
      if (model::below(cordLoad, perCord))
        cordLoad = perCord;
    }
    const Quantity *keptCordLoad = model_.graph.keep(cordLoad);
    // An element counted per cord on one path: tap-offs, the cords themselves.
    auto onePerCord = [&](ElementKind kind, Stage stage, size_t path, llvm::StringRef note) {
      Element element{kind, stage};
      element.implied = true;
      element.structure = p.structure;
      element.path = model_.graph.keep(paths[path]);
      element.count = shareOf(p.connections, paths.size(), path);
      element.unitRating = keptCordLoad;
      element.note = model_.graph.keep(note);
      return element;
    };
    // Busway needs a tap-off per cord; the compiler adds them when the
    // design lists none.
    bool busway = !feeders.empty() && std::all_of(feeders.begin(), feeders.end(), [&](Index e) {
      return elements[e].kind == ElementKind::Busway;
    });
    if (busway) {
      std::vector<Index> taps;
      for (size_t path = 0; path < paths.size(); ++path) {
        Element tap = onePerCord(ElementKind::Connection, Stage::Connection, path,
                              "one tap-off per cord");
        tap.load = model_.graph.keep(apparent(
            times(p.it, ratio(1, static_cast<int64_t>(paths.size()))), demand.powerFactor));
        tap.failoverLoad = tap.load;
        std::vector<Index> fed = onPath(elements, feeders, paths[path]);
        tap.voltageIn = tap.voltageOut = elements[fed.front()].voltageOut;
        Index added = addElement(std::move(tap));
        for (Index from : fed)
          addEdge(from, added);
        taps.push_back(added);
      }
      feeders = std::move(taps);
    }
    Index rackElement = addElement(std::move(racks));
    LoadPoint point{p.structure, rackElement, {}, {}, p.fewestCords, cordLoad};
    for (size_t path = 0; path < paths.size(); ++path) {
      Element cord = onePerCord(ElementKind::Cord, Stage::Cord, path, "racks × power cords");
      cord.load = model_.graph.keep(times(p.it, ratio(1, static_cast<int64_t>(paths.size()))));
      cord.failoverLoad = model_.graph.keep(
          times(p.it, ratio(1, static_cast<int64_t>(paths.size() > 1 ? paths.size() - 1 : 1))));
      Index added = addElement(std::move(cord));
      for (Index from : onPath(model_.graph.elements, feeders, paths[path]))
        addEdge(from, added);
      addEdge(added, rackElement);
      point.cords.push_back(added);
    }
    model_.graph.loadPoints.push_back(std::move(point));
  }
}

void Builder::addMechanical() {
  // Each structure's cooling lines hang on a mechanical bus of their own,
  // one per path of the LV supply above them, never behind the UPS.
  std::map<Index, std::vector<Index>> coolingOf;
  for (Index group = 0; group < design_.equipment.size(); ++group)
    if (isCoolingKind(design_.equipment[group].kind))
      coolingOf[bucketOf(design_.equipment[group].node)].push_back(group);
  for (const auto &[bucket, groups] : coolingOf) {
    Index structure = bucket == design_.nodes.size() ? NoIndex : bucket;
    std::vector<Index> loads;
    Quantity total = zero(units::dimensions::Power);
    for (Index group : groups) {
      const model::EquipmentGroup &g = design_.equipment[group];
      Element load{ElementKind::MechanicalLoad, Stage::Load};
      load.group = group;
      load.entry = g.entry;
      load.structure = structure;
      load.count = group < installed_.size() ? installed_[group] : g.count;
      if (const model::Value *input =
              design_.property(design_.catalog[g.entry].properties, "input_power"))
        if (const Quantity *power = input->quantity())
          load.load = model_.graph.keep(times(*power, load.count));
      load.failoverLoad = load.load;
      total = plus(total, *load.load);
      loads.push_back(addElement(std::move(load)));
    }
    std::vector<Index> feeders = upstream(structure, ChainRank{1, static_cast<double>(Stage::Ups)}, "", NoIndex);
    std::vector<llvm::StringRef> paths = pathsAmong(model_.graph.elements, feeders);
    if (paths.empty())
      paths.push_back("");
    for (llvm::StringRef path : paths) {
      Element bus{ElementKind::MechanicalBus, Stage::LowVoltage};
      bus.implied = true;
      bus.structure = structure;
      bus.path = model_.graph.keep(path);
      bus.count = 1;
      bus.load = bus.failoverLoad = model_.graph.keep(total);
      bus.note = model_.graph.keep("the mechanical plant's own bus");
      std::vector<Index> fed = onPath(model_.graph.elements, feeders, path);
      Index added = addElement(std::move(bus));
      for (Index from : fed)
        addEdge(from, added);
      for (Index load : loads)
        addEdge(added, load);
    }
  }
}

void Builder::collectSources() {
  PowerGraph &graph = model_.graph;
  std::vector<Index> seen(graph.elements.size(), NoIndex);
  for (Index point = 0; point < graph.loadPoints.size(); ++point) {
    LoadPoint &p = graph.loadPoints[point];
    std::vector<Index> stack{p.racks};
    seen[p.racks] = point;
    while (!stack.empty()) {
      Index element = stack.back();
      stack.pop_back();
      ElementKind kind = graph.elements[element].kind;
      if (kind == ElementKind::Utility || kind == ElementKind::Generator ||
          kind == ElementKind::Bess)
        p.sources.push_back(element);
      for (Index feeder : graph.feeders(element))
        if (seen[feeder] != point) {
          seen[feeder] = point;
          stack.push_back(feeder);
        }
    }
    std::sort(p.sources.begin(), p.sources.end());
  }
}

PowerModel buildPowerGraph(const model::Design &design, const Demand &demand,
                           llvm::ArrayRef<uint64_t> installed) {
  return Builder(design, demand, installed).build();
}

} // namespace sgd::power
