#include "model/ModelDump.h"

#include "model/Aggregates.h"
#include "model/Expansion.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace sgd::model {
namespace {

std::string location(const SourceFiles &files, SourceRange range) {
  if (!range.isValid())
    return "";
  LineColumn position = files.lineColumn(range.file, range.begin);
  return llvm::formatv("{0}:{1}:{2}", files.displayName(range.file), position.line,
                       position.column)
      .str();
}

std::string equipmentText(const Design &design, const EquipmentGroup &group) {
  std::string text = group.kind.str() + " " + design.catalog[group.entry].qualifiedName.str() +
                     " * " + (group.autoCount ? "auto" : std::to_string(group.count));
  if (group.hasRedundancy)
    text += " redundancy " + redundancyName(group.redundancy);
  if (group.block != NoIndex) {
    const Block &block = design.blocks[group.block];
    text += " (in " + block.kind.str() + (block.name.empty() ? "" : " " + block.name.str()) + ")";
  }
  return text;
}

std::string totalsText(const Design &design, const RackTotals &totals) {
  std::string text = units::withSeparators(totals.racks) + " racks, " + units::withSeparators(totals.gpus) +
                     " GPUs, IT load " + units::format(totals.itPower);
  if (totals.racksByType.empty())
    return text;
  text += " (";
  bool first = true;
  for (const auto &[entry, racks] : totals.racksByType) {
    text += (first ? "" : ", ") + units::withSeparators(racks) + " " +
            design.catalog[entry].qualifiedName.str();
    first = false;
  }
  return text + ")";
}

std::string attributesText(const Design &design, PropertySpan span) {
  std::string text;
  for (const Property &property : design.propertiesOf(span))
    text += (text.empty() ? "" : ", ") + property.name.str() + " = " +
            formatValue(design, property.value);
  return text;
}

/// The blocks and equipment lines of each node, found once per dump rather
/// than by a scan per node.
struct NodeContents {
  std::vector<std::vector<Index>> blocks;
  std::vector<std::vector<Index>> equipment;

  explicit NodeContents(const Design &design)
      : blocks(design.nodes.size()), equipment(design.nodes.size()) {
    for (Index block = 0; block < design.blocks.size(); ++block)
      if (design.blocks[block].node != NoIndex)
        blocks[design.blocks[block].node].push_back(block);
    for (Index group = 0; group < design.equipment.size(); ++group)
      if (design.equipment[group].node != NoIndex)
        equipment[design.equipment[group].node].push_back(group);
  }
};

/// The replicas of the structures directly inside `replica`, in design order.
std::vector<Replica> childReplicas(const Design &design, Replica replica) {
  std::vector<Replica> result;
  for (Index child : design.children(replica.node))
    for (Replica inner : design.replicasIn(child, replica))
      result.push_back(inner);
  return result;
}

void textNode(const Design &design, const SourceFiles &files, const NodeContents &contents,
              Replica replica, unsigned depth, llvm::raw_ostream &out) {
  Index node = replica.node;
  const Node &n = design.nodes[node];
  std::string indent(depth * 2, ' ');
  out << indent << levelName(n.level) << " " << design.nameOf(replica) << " ("
      << location(files, n.range) << "): " << totalsText(design, rackTotals(design, node)) << "\n";
  if (std::string attributes = attributesText(design, n.properties); !attributes.empty())
    out << indent << "  attributes: " << attributes << "\n";
  for (Index index : contents.blocks[node])
    if (const Block &block = design.blocks[index]; block.properties.end != block.properties.first)
      out << indent << "  " << block.kind << (block.name.empty() ? "" : " ") << block.name
          << ": " << attributesText(design, block.properties) << "\n";
  for (Index group : contents.equipment[node])
    out << indent << "  equipment: " << equipmentText(design, design.equipment[group]) << "\n";
  std::vector<Replica> children = childReplicas(design, replica);
  if (n.level == Level::Hall) {
    if (!children.empty())
      out << indent << "  rows: " << children.size() << " (" << design.nameOf(children.front())
          << " … " << design.nameOf(children.back()) << ")\n";
    return;
  }
  for (Replica child : children)
    textNode(design, files, contents, child, depth + 1, out);
}

void jsonValue(llvm::json::OStream &json, const Design &design, const Value &value) {
  if (const units::Quantity *quantity = value.quantity()) {
    json.value(units::format(*quantity));
  } else if (const bool *truth = value.truth()) {
    json.value(*truth);
  } else if (const ValueList *list = value.list()) {
    json.array([&] {
      for (const Value &element : *list)
        jsonValue(json, design, element);
    });
  } else if (const std::string *text = value.text()) {
    json.value(*text);
  } else {
    json.value(formatValue(design, value));
  }
}

void jsonAttributes(llvm::json::OStream &json, const Design &design, PropertySpan span) {
  json.attributeObject("attributes", [&] {
    for (const Property &property : design.propertiesOf(span)) {
      json.attributeBegin(property.name);
      jsonValue(json, design, property.value);
      json.attributeEnd();
    }
  });
}

void jsonTotals(llvm::json::OStream &json, const Design &design, const RackTotals &totals) {
  json.attributeObject("totals", [&] {
    json.attribute("racks", static_cast<int64_t>(totals.racks));
    json.attribute("gpus", static_cast<int64_t>(totals.gpus));
    json.attribute("it_power", units::format(totals.itPower));
    json.attributeObject("racks_by_type", [&] {
      for (const auto &[entry, racks] : totals.racksByType)
        json.attribute(design.catalog[entry].qualifiedName, static_cast<int64_t>(racks));
    });
  });
}

void jsonNode(llvm::json::OStream &json, const Design &design, const SourceFiles &files,
              const NodeContents &contents, Replica replica) {
  Index node = replica.node;
  const Node &n = design.nodes[node];
  json.object([&] {
    json.attribute("level", levelName(n.level));
    json.attribute("name", design.nameOf(replica));
    json.attribute("path", design.pathOf(replica));
    json.attribute("location", location(files, n.range));
    jsonTotals(json, design, rackTotals(design, node));
    jsonAttributes(json, design, n.properties);
    json.attributeArray("blocks", [&] {
      for (Index index : contents.blocks[node])
          json.object([&] {
            const Block &block = design.blocks[index];
            json.attribute("kind", block.kind);
            json.attribute("name", block.name);
            json.attribute("location", location(files, block.range));
            jsonAttributes(json, design, block.properties);
          });
    });
    json.attributeArray("equipment", [&] {
      for (Index index : contents.equipment[node])
          json.object([&] {
            const EquipmentGroup &group = design.equipment[index];
            json.attribute("kind", group.kind);
            json.attribute("entry", design.catalog[group.entry].qualifiedName);
            if (group.autoCount)
              json.attribute("count", "auto");
            else
              json.attribute("count", static_cast<int64_t>(group.count));
            json.attribute("redundancy", redundancyName(group.redundancy));
            if (group.block != NoIndex) {
              const Block &block = design.blocks[group.block];
              json.attribute("block", block.kind);
              // Two blocks of one kind (`substation main`, `substation
              // backup`) are told apart by name.
              if (!block.name.empty())
                json.attribute("block_name", block.name);
            }
            json.attribute("location", location(files, group.range));
            jsonAttributes(json, design, group.properties);
          });
    });
    json.attributeArray("racks", [&] {
      for (Index run = n.firstRackRun; run < n.rackRunEnd; ++run)
        if (design.rackRuns[run].parent == node) {
          const RackRun &racks = design.rackRuns[run];
          json.object([&] {
            json.attribute("name", racks.numbered
                                       ? llvm::formatv("{0}[{1}..{2}]", racks.name, racks.first,
                                                       racks.first + racks.count - 1)
                                             .str()
                                       : racks.name.str());
            json.attribute("type", design.catalog[racks.rackType].qualifiedName);
            json.attribute("count", static_cast<int64_t>(racks.count));
            json.attribute("location", location(files, racks.range));
            jsonAttributes(json, design, racks.properties);
          });
        }
    });
    json.attributeArray("children", [&] {
      for (Replica child : childReplicas(design, replica))
        jsonNode(json, design, files, contents, child);
    });
  });
}

} // namespace

std::string formatValue(const Design &design, const Value &value) {
  if (const units::Quantity *quantity = value.quantity())
    return units::format(*quantity);
  if (const bool *truth = value.truth())
    return *truth ? "true" : "false";
  if (const std::string *text = value.text())
    return "\"" + *text + "\"";
  if (const auto *date = std::get_if<Date>(&value.data))
    return llvm::formatv("{0:d4}-{1:d2}-{2:d2}", date->year, date->month, date->day).str();
  if (const Reference *reference = value.reference()) {
    switch (reference->kind) {
    case Reference::Kind::CatalogEntry:
      return design.catalog[reference->index].qualifiedName.str();
    case Reference::Kind::Zone: return design.zones[reference->index].name.str();
    case Reference::Kind::Block: return design.blocks[reference->index].name.str();
    }
  }
  if (const Symbol *symbol = value.symbol())
    return symbol->name;
  std::string text = "[";
  for (const Value &element : *value.list())
    text += (text.size() > 1 ? ", " : "") + formatValue(design, element);
  return text + "]";
}

void dumpModelText(const Design &design, const SourceFiles &files, Replica root,
                   llvm::raw_ostream &out) {
  if (root.node != NoIndex) {
    textNode(design, files, NodeContents(design), root, 0, out);
    return;
  }
  std::map<Level, uint64_t> counts = nodeCounts(design);
  auto counted = [&](Level level, llvm::StringRef noun) {
    return units::withSeparators(counts[level]) + " " + noun.str() + (counts[level] == 1 ? "" : "s");
  };
  out << "design: " << counted(Level::Site, "site") << ", " << counted(Level::Building, "building")
      << ", " << counted(Level::Hall, "hall") << ", " << counted(Level::Row, "row") << "; " << totalsText(design, rackTotals(design, NoIndex)) << "\n";
  for (const EquipmentGroup &group : design.equipment)
    if (group.node == NoIndex)
      out << "  equipment: " << equipmentText(design, group) << "\n";
  NodeContents contents(design);
  for (Replica node : childReplicas(design, Replica{NoIndex, 0}))
    textNode(design, files, contents, node, 0, out);
  forEachElementReplica(
      design, {NoIndex, 0}, design.zones.size(),
      [&](size_t zone) { return design.zones[zone].node; },
      [&](size_t index, Replica site) {
        const Zone &zone = design.zones[index];
        out << "zone " << zone.name << (site.node != NoIndex ? " of " + design.pathOf(site) : "")
            << ": " << attributesText(design, zone.properties) << "\n";
      });
  forEachElementReplica(
      design, {NoIndex, 0}, design.compliance.size(),
      [&](size_t i) { return design.compliance[i].node; },
      [&](size_t index, Replica site) {
        out << "comply";
        for (llvm::StringRef pack : design.compliance[index].packs)
          out << " " << pack;
        out << (site.node != NoIndex ? " (" + design.pathOf(site) + ")" : "") << "\n";
      });
  forEachElementReplica(
      design, {NoIndex, 0}, design.schedules.size(),
      [&](size_t i) { return design.schedules[i].node; },
      [&](size_t index, Replica) {
        const Schedule &schedule = design.schedules[index];
        out << "schedule: " << attributesText(design, schedule.properties) << "; "
            << schedule.tasks.size() << " tasks and milestones, " << schedule.preorders.size()
            << " preorders, " << schedule.crews.size() << " crews\n";
      });
}

void dumpModelJson(const Design &design, const SourceFiles &files, Replica root,
                   llvm::raw_ostream &out, llvm::function_ref<void(llvm::json::OStream &)> extra) {
  llvm::json::OStream json(out, 2);
  NodeContents contents(design);
  json.object([&] {
    jsonTotals(json, design, rackTotals(design, root.node));
    if (extra)
      extra(json);
    json.attributeArray("nodes", [&] {
      if (root.node != NoIndex)
        jsonNode(json, design, files, contents, root);
      else
        for (Replica node : childReplicas(design, root))
          jsonNode(json, design, files, contents, node);
    });
    if (root.node != NoIndex)
      return;
    std::vector<bool> used(design.catalog.size());
    for (const RackRun &run : design.rackRuns)
      used[run.rackType] = true;
    for (const EquipmentGroup &group : design.equipment)
      used[group.entry] = true;
    json.attributeArray("catalog", [&] {
      for (Index entry = 0; entry < design.catalog.size(); ++entry)
        if (used[entry])
          json.object([&] {
            json.attribute("name", design.catalog[entry].qualifiedName);
            json.attribute("kind", design.catalog[entry].kind);
            json.attribute("location", location(files, design.catalog[entry].range));
            jsonAttributes(json, design, design.catalog[entry].properties);
          });
    });
    json.attributeArray("zones", [&] {
      forEachElementReplica(
          design, {NoIndex, 0}, design.zones.size(),
          [&](size_t zone) { return design.zones[zone].node; },
          [&](size_t index, Replica site) {
            const Zone &zone = design.zones[index];
            json.object([&] {
              json.attribute("name", zone.name);
              json.attribute("site", site.node == NoIndex ? "" : design.pathOf(site));
              json.attribute("inside",
                             zone.inside == NoIndex ? "" : design.zones[zone.inside].name);
              json.attribute("location", location(files, zone.range));
              jsonAttributes(json, design, zone.properties);
            });
          });
    });
    json.attributeArray("compliance", [&] {
      forEachElementReplica(
          design, {NoIndex, 0}, design.compliance.size(),
          [&](size_t i) { return design.compliance[i].node; },
          [&](size_t index, Replica site) {
            for (llvm::StringRef pack : design.compliance[index].packs)
              json.object([&] {
                json.attribute("pack", pack);
                json.attribute("site", site.node == NoIndex ? "" : design.pathOf(site));
              });
          });
    });
    json.attributeArray("schedules", [&] {
      forEachElementReplica(
          design, {NoIndex, 0}, design.schedules.size(),
          [&](size_t i) { return design.schedules[i].node; },
          [&](size_t index, Replica site) {
            const Schedule &schedule = design.schedules[index];
            json.object([&] {
              json.attribute("site", site.node == NoIndex ? "" : design.pathOf(site));
              jsonAttributes(json, design, schedule.properties);
              json.attributeObject("crews", [&] {
                for (const Property &crew : schedule.crews) {
                  json.attributeBegin(crew.name);
                  jsonValue(json, design, crew.value);
                  json.attributeEnd();
                }
              });
              json.attributeArray("preorders", [&] {
                for (const Preorder &preorder : schedule.preorders)
                  json.object([&] {
                    json.attribute("entry", design.catalog[preorder.entry].qualifiedName);
                    json.attribute("date", formatValue(design, Value{preorder.date}));
                  });
              });
              json.attributeArray("tasks", [&] {
                for (const ScheduleTask &task : schedule.tasks)
                  json.object([&] {
                    json.attribute("name", task.name);
                    json.attribute("milestone", task.isMilestone);
                    jsonAttributes(json, design, task.properties);
                    json.attributeArray("links", [&] {
                      for (const ScheduleLink &link : task.links)
                        json.object([&] {
                          json.attribute(link.isBefore ? "before" : "after", link.target);
                          json.attribute("type", link.type);
                          if (link.hasLag)
                            json.attribute("lag", units::format(link.lag));
                        });
                    });
                  });
              });
            });
          });
    });
  });
  out << "\n";
}

} // namespace sgd::model
