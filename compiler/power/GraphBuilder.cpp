#include "power/Builder.h"

#include "model/QuantityMath.h"
#include "power/Redundancy.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace sgd::power {
namespace {

using model::plus;
using model::ratio;
using model::times;

Quantity zero(units::Dimension dimension) { return Quantity{units::Rational(0), dimension}; }

const Quantity *quantityOf(const model::Design &design, model::PropertySpan span,
                           llvm::StringRef name) {
  const model::Value *value = design.property(span, name);
  return value ? value->quantity() : nullptr;
}

const std::string *textOf(const model::Design &design, model::PropertySpan span,
                          llvm::StringRef name) {
  const model::Value *value = design.property(span, name);
  return value ? value->text() : nullptr;
}

/// Low voltage ends at 1 kV a.c. (IEC 60038; IEC 60364-1 scope).
bool isLowVoltage(const Quantity &voltage) {
  return model::below(voltage, Quantity{units::Rational(1000), units::dimensions::Voltage});
}

ElementKind kindOf(const model::Design &design, const model::EquipmentGroup &group,
                   Stage &stage) {
  model::PropertySpan entry = design.catalog[group.entry].properties;
  llvm::StringRef kind = group.kind;
  if (kind == "transformer") {
    // Medium voltage is 1-52 kV (gridreadiness.com); a primary above it is
    // a substation's.
    const Quantity *primary = quantityOf(design, entry, "primary_voltage");
    const Quantity *secondary = quantityOf(design, entry, "secondary_voltage");
    bool substation = group.block != NoIndex && design.blocks[group.block].kind == "substation";
    const Quantity topOfMv{units::Rational(52000), units::dimensions::Voltage};
    if (secondary && isLowVoltage(*secondary))
      stage = Stage::UnitTransformer;
    else if (substation || (primary && model::below(topOfMv, *primary)))
      stage = Stage::HighVoltage;
    else
      stage = secondary || primary ? Stage::StepDown : Stage::UnitTransformer;
    return ElementKind::Transformer;
  }
  if (kind == "switchgear") {
    const Quantity *voltage = quantityOf(design, entry, "voltage");
    stage = voltage && isLowVoltage(*voltage) ? Stage::LowVoltage : Stage::MediumVoltage;
    return ElementKind::Switchgear;
  }
  if (kind == "transfer_switch") {
    stage = Stage::Transfer;
    return ElementKind::TransferSwitch;
  }
  if (kind == "generator" || kind == "bess") {
    // A source takes the stage of the bus it lands on: MV at 1 kV or more; a
    // generator without a voltage is taken as a low-voltage set, a BESS as MV.
    const Quantity *voltage = quantityOf(design, entry, "voltage");
    bool low = voltage ? isLowVoltage(*voltage) : kind == "generator";
    stage = low ? Stage::LowVoltage : Stage::MediumVoltage;
    return kind == "generator" ? ElementKind::Generator : ElementKind::Bess;
  }
  if (kind == "ups" || kind == "battery") {
    stage = Stage::Ups;
    return kind == "ups" ? ElementKind::Ups : ElementKind::Storage;
  }
  if (kind == "busway") {
    stage = Stage::Distribution;
    return ElementKind::Busway;
  }
  // pdu: tap-offs and rack PDUs serve one cord each; panels serve by load.
  std::string form = llvm::StringRef(textOf(design, entry, "form") ? *textOf(design, entry, "form")
                                                                    : "")
                         .lower();
  bool connection = llvm::StringRef(form).contains("tap-off") ||
                    llvm::StringRef(form).contains("tap off") ||
                    llvm::StringRef(form).contains("rack pdu");
  stage = connection ? Stage::Connection : Stage::Distribution;
  return connection ? ElementKind::Connection : ElementKind::Panel;
}

/// The voltages on the two sides of a line's units.
void setVoltages(const model::Design &design, Element &element) {
  model::PropertySpan entry = design.catalog[element.entry].properties;
  auto read = [&](llvm::StringRef name) { return quantityOf(design, entry, name); };
  switch (element.kind) {
  case ElementKind::Transformer:
    element.voltageIn = read("primary_voltage");
    element.voltageOut = read("secondary_voltage");
    return;
  case ElementKind::Ups:
    element.voltageIn = read("input_voltage");
    element.voltageOut = read("output_voltage");
    return;
  case ElementKind::Generator:
  case ElementKind::Bess:
    element.voltageOut = read("voltage");
    return;
  case ElementKind::Storage:
    return;
  default:
    element.voltageIn = element.voltageOut = read("voltage");
    return;
  }
}

/// A line's own attribute, else its block's.
const model::Value *lineAttribute(const model::Design &design, const model::EquipmentGroup &group,
                                  llvm::StringRef name) {
  if (const model::Value *own = design.property(group.properties, name))
    return own;
  if (group.block != NoIndex)
    return design.property(design.blocks[group.block].properties, name);
  return nullptr;
}

std::vector<std::string> textList(const model::Value *value) {
  std::vector<std::string> texts;
  if (value)
    if (const model::ValueList *list = value->list())
      for (const model::Value &element : *list)
        if (const std::string *text = element.text())
          texts.push_back(*text);
  return texts;
}

/// Units of `installed` on each of `paths` paths, in order, for a form.
std::vector<uint64_t> splitUnits(uint64_t installed, const model::Redundancy &form,
                                 size_t paths) {
  if (paths <= 1)
    return {installed};
  if (form.catcher) {
    uint64_t reserve = std::min<uint64_t>(installed, form.spare);
    return {installed - reserve, reserve};
  }
  uint64_t shared = form.factor == 2 && !form.sparePerSide ? std::min<uint64_t>(installed, form.spare) : 0;
  uint64_t rest = installed - shared;
  std::vector<uint64_t> units(paths, rest / paths);
  for (size_t path = 0; path < rest % paths; ++path)
    ++units[path];
  return units;
}

} // namespace

bool inChain(const Element &element) {
  switch (element.kind) {
  case ElementKind::ParallelingGear:
  case ElementKind::Generator:
  case ElementKind::Bess:
  case ElementKind::Storage:
  case ElementKind::Cord:
  case ElementKind::Racks:
  case ElementKind::MechanicalBus:
  case ElementKind::MechanicalLoad:
    return false;
  default:
    return true;
  }
}

std::vector<Index> samePathOrCommon(const std::vector<Element> &elements,
                                    llvm::ArrayRef<Index> among, llvm::StringRef path) {
  std::vector<Index> same, common;
  for (Index element : among) {
    if (elements[element].path == path)
      same.push_back(element);
    else if (elements[element].path.empty())
      common.push_back(element);
  }
  return same.empty() ? common : same;
}

Element impliedBeside(const Element &beside, ElementKind kind, Stage stage, InternedText note) {
  Element element{kind, stage};
  element.implied = true;
  element.structure = beside.structure;
  element.path = beside.path;
  element.count = beside.count;
  element.unitRating = beside.unitRating;
  element.load = beside.load;
  element.failoverLoad = beside.failoverLoad;
  element.compartment = beside.compartment;
  element.note = note;
  return element;
}

Builder::Builder(const model::Design &design, const Demand &demand,
                 llvm::ArrayRef<uint64_t> installed)
    : design_(design), demand_(demand), installed_(installed) {}

PowerModel Builder::build() {
  buckets_.assign(design_.nodes.size() + 1, {});
  countRacks();
  layOutLines();
  sizeLines();
  for (void (Builder::*step)() :
       {&Builder::addFeeds, &Builder::addLineElements, &Builder::linkChain,
        &Builder::addLowVoltageSwitchgear, &Builder::attachSources, &Builder::attachStorage,
        &Builder::addLoadPoints, &Builder::addMechanical}) {
    model_.graph.steps.push_back(static_cast<Index>(model_.graph.elements.size()));
    (this->*step)();
  }
  model_.graph.finish(design_.equipment.size());
  collectSources();
  return std::move(model_);
}

Index Builder::bucketOf(Index structure) const {
  return structure == NoIndex ? static_cast<Index>(design_.nodes.size()) : structure;
}

Index Builder::parentBucket(Index bucket) const {
  if (bucket >= design_.nodes.size())
    return NoIndex; // above the top level
  return bucketOf(design_.nodes[bucket].parent);
}

const NodeDemand &Builder::demandOf(Index structure) const {
  return structure == NoIndex ? demand_.design : demand_.nodes[structure];
}

void Builder::countRacks() {
  const Quantity noPower = zero(units::dimensions::Power);
  racks_.assign(design_.nodes.size() + 1, RackFigures{0, 0, noPower});
  for (const model::RackRun &run : design_.rackRuns) {
    const RackTypeFigures &type = rackType(run.rackType);
    RackFigures &figures = racks_[bucketOf(run.parent)];
    figures.racks += run.count;
    figures.connections += run.count * type.cords;
    // Rows take their IT from the demand; only other holders need their own.
    bool row = run.parent != NoIndex && design_.nodes[run.parent].level == model::Level::Row;
    if (type.it && !row)
      figures.ownIt = plus(figures.ownIt, times(*type.it, run.count));
  }
  // Subtree totals of racks and connections, of one replica of each node
  // (its parent holds `count` of them); ownIt stays the node's own.
  for (Index node = static_cast<Index>(design_.nodes.size()); node-- > 0;) {
    Index parent = bucketOf(design_.nodes[node].parent);
    uint64_t count = design_.nodes[node].count;
    racks_[parent].racks += racks_[node].racks * count;
    racks_[parent].connections += racks_[node].connections * count;
  }
}

const RackTypeFigures &Builder::rackType(Index entry) {
  if (rackTypes_.size() <= entry)
    rackTypes_.resize(design_.catalog.size());
  std::optional<RackTypeFigures> &figures = rackTypes_[entry];
  if (!figures) {
    model::PropertySpan type = design_.catalog[entry].properties;
    figures.emplace();
    if (const Quantity *value = quantityOf(design_, type, "power_cords"))
      figures->cords = static_cast<uint64_t>(value->value.numerator() / value->value.denominator());
    figures->it = quantityOf(design_, type, "it_power");
  }
  return *figures;
}

ServedLoad Builder::servedLoad(Index structure, bool perRow) const {
  ServedLoad served{demandOf(structure), racks_[bucketOf(structure)].racks,
                    racks_[bucketOf(structure)].connections, {}};
  if (!perRow)
    return served;
  // A row node stands for its replicas in one replica of the structure.
  auto addRow = [&](const Quantity &it, uint64_t rows) {
    if (!served.rowLoads.empty() && served.rowLoads.back().it == it)
      served.rowLoads.back().rows += rows;
    else
      served.rowLoads.push_back({it, rows});
  };
  Index first = structure == NoIndex ? 0 : structure;
  Index end = structure == NoIndex ? static_cast<Index>(design_.nodes.size())
                                   : design_.nodes[structure].subtreeEnd;
  for (Index node = first; node < end; ++node) {
    const model::Node &n = design_.nodes[node];
    if (n.level == model::Level::Row)
      addRow(demand_.nodes[node].it, design_.replicasWithin(node, structure));
    else if (model::isPositive(racks_[node].ownIt)) // racks held directly: one row
      addRow(racks_[node].ownIt, design_.replicasWithin(node, structure));
  }
  if (structure == NoIndex && model::isPositive(racks_.back().ownIt))
    addRow(racks_.back().ownIt, 1);
  return served;
}

void Builder::layOutLines() {
  lineOf_.assign(design_.equipment.size(), NoIndex);
  for (Index group = 0; group < design_.equipment.size(); ++group) {
    const model::EquipmentGroup &g = design_.equipment[group];
    if (!isPowerKind(g.kind))
      continue;
    Line line;
    line.group = group;
    line.kind = kindOf(design_, g, line.stage);
    line.paths = pathsOf(g.redundancy);
    std::string scheme = model::redundancyName(g.redundancy);
    if (const model::Value *path = lineAttribute(design_, g, "path"))
      if (const std::string *name = path->text()) {
        if (line.paths.size() > 1)
          model_.layoutProblems.push_back(
              {group, "`path = \"" + *name + "\"` puts the line on one path, but " + scheme +
                          " lays it out on " + std::to_string(line.paths.size()) +
                          " paths; write one `path` per line, or the redundancy alone"});
        else {
          line.paths = {*name};
          line.pathWritten = true;
        }
      }
    line.compartments = textList(lineAttribute(design_, g, "compartment"));
    if (line.compartments.size() > 1 && line.compartments.size() != line.paths.size()) {
      model_.layoutProblems.push_back(
          {group, "`compartment` lists " + std::to_string(line.compartments.size()) +
                      " compartments for a line on " + std::to_string(line.paths.size()) +
                      " path" + (line.paths.size() == 1 ? "" : "s") +
                      "; give one compartment per path, in the order " +
                      (line.paths.size() > 1 ? llvm::join(line.paths, ", ") : "of the lines") +
                      ", or one for all"});
      line.compartments.clear();
    }
    if (g.block != NoIndex)
      if (const model::Value *feed = design_.property(design_.blocks[g.block].properties, "feed"))
        if (const model::Reference *reference = feed->reference())
          line.feed = reference->index;
    lineOf_[group] = static_cast<Index>(lines_.size());
    lines_.push_back(std::move(line));
  }
}

void Builder::sizeLines() {
  // A line on a written path is one of the paths written at its structure
  // and stage.
  std::map<std::pair<Index, Stage>, std::set<std::string>> written;
  for (const Line &line : lines_)
    if (line.pathWritten)
      written[{design_.equipment[line.group].node, line.stage}].insert(line.paths.front());
  InternedVector<LineSizing>::Builder sizings;
  sizings.reserve(design_.equipment.size());
  for (Index groupIndex = 0; groupIndex < design_.equipment.size(); ++groupIndex) {
    if (lineOf_[groupIndex] == NoIndex) {
      sizings.push_back({});
      continue;
    }
    Line &line = lines_[lineOf_[groupIndex]];
    const model::EquipmentGroup &group = design_.equipment[groupIndex];
    PathShare share;
    if (line.pathWritten) {
      share.written = true;
      share.paths = static_cast<unsigned>(written[{group.node, line.stage}].size());
      line.writtenPaths = share.paths;
    }
    Index site = group.node == NoIndex ? NoIndex : design_.topLevelOf(group.node);
    if (site != NoIndex && design_.nodes[site].level != model::Level::Site)
      site = NoIndex;
    LineSizing sizing =
        sizeLine(design_, group, line.stage, servedLoad(group.node, group.kind == "busway"),
                 siteConditions(design_, site), share, model_.graph);
    const model::Value *furnisher = lineAttribute(design_, group, "furnished_by");
    sizing.utilityFurnished = furnisher && furnisher->text() && *furnisher->text() == "utility";
    sizings.push_back(sizing);
  }
  model_.graph.sizing = sizings.finish();
}

ChainRank Builder::rankOf(const Element &element) const {
  // Buses and transformers by voltage band, so that gear rated a little
  // above its system (34.5 kV gear on 33 kV, 415 V on 400 V) stands with it:
  // bands 25 % wide. Where a figure is missing, the usual voltage of the
  // stage: the grid above everything, MV at 1 MV, LV at 999 V.
  auto volts = [](const Quantity *voltage, double fallback) {
    double value = fallback;
    if (voltage && !voltage->value.isZero() && !voltage->value.isNegative())
      value = static_cast<double>(voltage->value.numerator()) /
              static_cast<double>(voltage->value.denominator());
    return std::floor(std::log(value) / std::log(1.25) + 0.5);
  };
  double fallback = element.stage <= Stage::HighVoltage ? 1e9
                    : element.stage <= Stage::MediumVoltage ? 1e6
                                                            : 999;
  switch (element.kind) {
  case ElementKind::Utility:
    return {0, -volts(element.voltageOut, fallback) - 0.9};
  case ElementKind::Breaker:
    return {0, -volts(element.voltageIn, fallback) - 0.8};
  case ElementKind::Transformer:
    return {0, -volts(element.voltageOut, element.stage == Stage::UnitTransformer ? 999 : fallback) - 0.5};
  case ElementKind::TransferSwitch:
    return {0, -volts(element.voltageIn, 999) - 0.3};
  case ElementKind::Switchgear:
  case ElementKind::ParallelingGear:
  case ElementKind::MechanicalBus:
    return {0, -volts(element.voltageIn, fallback)};
  case ElementKind::Generator:
  case ElementKind::Bess:
    return {0, -volts(element.voltageOut, fallback)};
  default:
    return {1, static_cast<double>(element.stage)};
  }
}

Index Builder::addElement(Element element) {
  Index index = static_cast<Index>(model_.graph.elements.size());
  bool chain = inChain(element);
  Index bucket = bucketOf(element.structure);
  ranks_.push_back(rankOf(element));
  model_.graph.elements.push_back(std::move(element));
  if (chain)
    buckets_[bucket].push_back(index);
  return index;
}

void Builder::addLineElements() {
  // The elements are reserved here, once, for all the steps: the lines' own
  // (one per path) and as many again for what the later steps imply (feeders,
  // load points, mechanical loads: 28,533 against 69,888 at 15 MB of dense
  // design; an estimate, past which the vector grows as any). Growing by
  // doubling and then trimming copied the graph twice, and each copy held
  // both buffers at once: the peak of a dense check. The reservation is not
  // trimmed: its unused end is never written, so it takes address space, not
  // memory.
  size_t lineElements = 0;
  for (const Line &line : lines_)
    lineElements += line.paths.size();
  model_.graph.elements.reserve(model_.graph.elements.size() + 2 * lineElements);
  for (const Line &line : lines_) {
    const model::EquipmentGroup &group = design_.equipment[line.group];
    const model::Redundancy &form = group.redundancy;
    const LineSizing &sizing = model_.graph.sizing[line.group];
    size_t paths = line.paths.size();
    std::vector<uint64_t> units = splitUnits(sizing.installed, form, paths);
    Quantity load = sizing.sized ? *sizing.load : zero(units::dimensions::Power);
    // A line whose entry gives no size: a plain zero, as the outputs write it.
    const Quantity *unitRating =
        sizing.unitCapacity ? sizing.unitCapacity : model_.graph.keep(Quantity{});
    for (size_t path = 0; path < paths; ++path) {
      Element element{line.kind, line.stage};
      element.group = line.group;
      element.entry = group.entry;
      element.block = group.block;
      element.structure = group.node;
      element.path = model_.graph.keep(line.paths[path]);
      element.count = units[path];
      if (form.factor == 2 && !form.sparePerSide && paths == 2)
        element.swingSpares = form.spare;
      element.unitRating = unitRating;
      // What the element carries normally and when another path is lost.
      Quantity normal = load, failover = load;
      if (line.pathWritten) {
        int64_t of = line.writtenPaths;
        normal = times(load, ratio(1, of));
        failover = times(load, ratio(1, of > 1 ? of - 1 : 1));
      } else if (form.catcher) {
        bool reserve = line.paths[path] == ReservePath;
        auto blocks = static_cast<int64_t>(units[0] ? units[0] : 1);
        if (reserve) {
          normal = zero(load.dimension);
          failover = times(load, ratio(1, blocks));
        }
      } else {
        normal = times(load, ratio(1, static_cast<int64_t>(paths)));
        failover = times(load, ratio(1, static_cast<int64_t>(form.share)));
      }
      element.load = model_.graph.keep(normal);
      element.failoverLoad = model_.graph.keep(failover);
      if (!line.compartments.empty())
        element.compartment = model_.graph.keep(
            line.compartments.size() == 1 ? line.compartments.front() : line.compartments[path]);
      setVoltages(design_, element);
      addElement(std::move(element));
    }
  }
}

void Builder::addFeeds() {
  for (Index block = 0; block < design_.blocks.size(); ++block) {
    const model::Block &b = design_.blocks[block];
    if (b.kind != "utility")
      continue;
    Element feed{ElementKind::Utility, Stage::Utility};
    feed.block = block;
    feed.structure = b.node;
    feed.count = 1;
    if (const std::string *path = textOf(design_, b.properties, "path"))
      feed.path = model_.graph.keep(*path);
    if (const Quantity *capacity = quantityOf(design_, b.properties, "capacity"))
      feed.unitRating = model_.graph.keep(*capacity);
    if (const Quantity *voltage = quantityOf(design_, b.properties, "voltage"))
      feed.voltageOut = voltage;
    feed.load = feed.failoverLoad = model_.graph.keep(demandOf(b.node).facility);
    addElement(std::move(feed));
  }
}

std::vector<Index> Builder::upstream(Index structure, ChainRank below, llvm::StringRef path,
                                     Index feed, bool bypass) const {
  const std::vector<Element> &elements = model_.graph.elements;
  std::vector<Index> fallback;
  for (Index bucket = bucketOf(structure); bucket != NoIndex; bucket = parentBucket(bucket)) {
    // The ranks present in this structure below `below`, nearest first.
    std::vector<ChainRank> ranks;
    for (Index element : buckets_[bucket])
      if (ranks_[element] < below)
        ranks.push_back(ranks_[element]);
    std::sort(ranks.begin(), ranks.end(), [](const ChainRank &a, const ChainRank &b) { return b < a; });
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    for (const ChainRank &rank : ranks) {
      std::vector<Index> candidates;
      for (Index element : buckets_[bucket]) {
        const Element &e = elements[element];
        if (!(ranks_[element] == rank))
          continue;
        // A `power` block's `feed` picks its substation or utility.
        bool feedSide = e.kind == ElementKind::Utility || e.kind == ElementKind::Breaker ||
                        (e.kind == ElementKind::Transformer && e.stage == Stage::HighVoltage);
        if (feed != NoIndex && feedSide && e.block != feed)
          continue;
        candidates.push_back(element);
      }
      if (candidates.empty())
        continue;
      if (path.empty())
        return candidates;
      if (std::vector<Index> onPath = samePathOrCommon(elements, candidates, path);
          !onPath.empty())
        return onPath;
      // Another layout of paths (A and B below a catcher's blocks and
      // reserve, or below the systems of 4N/3): tied to every candidate. A
      // written path may instead bypass the stage (an alternate path without
      // a UPS): look further up, and tie to every candidate only if nothing
      // matches.
      if (!bypass)
        return candidates;
      if (fallback.empty())
        fallback = std::move(candidates);
    }
  }
  return fallback;
}

std::vector<Index> Builder::utilitiesFor(Index structure, llvm::StringRef path,
                                         Index feed) const {
  // The feeds of the nearest structure that has any, whatever their voltage
  // (a mismatch is for the voltage check to report).
  const std::vector<Element> &elements = model_.graph.elements;
  for (Index bucket = bucketOf(structure); bucket != NoIndex; bucket = parentBucket(bucket)) {
    std::vector<Index> feeds, same, common;
    for (Index element : buckets_[bucket])
      if (elements[element].kind == ElementKind::Utility &&
          (feed == NoIndex || elements[element].block == feed))
        feeds.push_back(element);
    if (feeds.empty())
      continue;
    for (Index element : feeds) {
      if (!path.empty() && elements[element].path == path)
        same.push_back(element);
      else if (elements[element].path.empty())
        common.push_back(element);
    }
    if (path.empty() || (same.empty() && common.empty()))
      return feeds;
    return same.empty() ? common : same;
  }
  return {};
}

void Builder::linkChain() {
  const std::vector<Element> &elements = model_.graph.elements;
  size_t count = elements.size();
  for (Index element = 0; element < count; ++element) {
    const Element e = elements[element]; // a copy: adding breakers moves the vector
    if (!inChain(e) || e.kind == ElementKind::Utility)
      continue;
    if (e.stage == Stage::HighVoltage && e.block != NoIndex &&
        design_.blocks[e.block].kind == "substation") {
      // A substation transformer: fed through its own HV breaker bay from
      // the substation's `feed`, else from the site's utility feeds.
      Element breaker =
          impliedBeside(e, ElementKind::Breaker, Stage::Switchyard,
                        model_.graph.keep("one HV breaker bay per substation transformer"));
      breaker.block = e.block;
      breaker.voltageIn = breaker.voltageOut = e.voltageIn;
      Index feedBlock = NoIndex;
      if (const model::Value *feed = design_.property(design_.blocks[e.block].properties, "feed"))
        if (const model::Reference *reference = feed->reference())
          feedBlock = reference->index;
      std::vector<Index> utilities = utilitiesFor(e.structure, e.path, feedBlock);
      Index bay = addElement(std::move(breaker));
      addEdge(bay, element);
      for (Index utility : utilities)
        addEdge(utility, bay);
      continue;
    }
    const Line *line = e.group != NoIndex ? &lines_[lineOf_[e.group]] : nullptr;
    for (Index from : upstream(e.structure, ranks_[element], e.path,
                               line ? line->feed : NoIndex, line && line->pathWritten))
      addEdge(from, element);
  }
}

} // namespace sgd::power
