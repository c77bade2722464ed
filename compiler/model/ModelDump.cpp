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

/// One structure as a dump shows it: a replica (the expanded form, and the
/// root of `--path`) or a node with all of its replicas (the instances form).
struct Shown {
  Replica replica;   // in the instances form, the node's first replica there
  std::string name;  // `b3`, or `b[1..8]`
  std::string path;  // `s.b3`, or `s[1..2].b[1..8]`
  uint64_t replicas; // in each replica of the parent: 1 in the expanded form
};

Shown shownReplica(const Design &design, Replica replica) {
  return {replica, design.nameOf(replica), design.pathOf(replica), 1};
}

/// The structures directly inside `parent` in `form`, in design order.
std::vector<Shown> childrenShown(const Design &design, const Shown &parent, ModelForm form) {
  std::vector<Shown> result;
  std::string prefix = parent.path.empty() ? "" : parent.path + ".";
  for (Index child : design.children(parent.replica.node)) {
    ReplicaRange replicas = design.replicasIn(child, parent.replica);
    if (form == ModelForm::Instances) {
      std::string name = design.runName(child);
      result.push_back({*replicas.begin(), name, prefix + name, design.nodes[child].count});
      continue;
    }
    for (Replica replica : replicas) {
      std::string name = design.nameOf(replica);
      result.push_back({replica, name, prefix + name, 1});
    }
  }
  return result;
}

void textNode(const Design &design, const SourceFiles &files, const NodeContents &contents,
              const Shown &shown, ModelForm form, unsigned depth, llvm::raw_ostream &out) {
  Index node = shown.replica.node;
  const Node &n = design.nodes[node];
  std::string indent(depth * 2, ' ');
  // `b[1..8]` says how many; the totals are each replica's.
  out << indent << levelName(n.level) << " " << shown.name << " (" << location(files, n.range)
      << "): " << (shown.replicas > 1 ? "each " : "") << totalsText(design, rackTotals(design, node))
      << "\n";
  if (std::string attributes = attributesText(design, n.properties); !attributes.empty())
    out << indent << "  attributes: " << attributes << "\n";
  for (Index index : contents.blocks[node])
    if (const Block &block = design.blocks[index]; block.properties.end != block.properties.first)
      out << indent << "  " << block.kind << (block.name.empty() ? "" : " ") << block.name
          << ": " << attributesText(design, block.properties) << "\n";
  for (Index group : contents.equipment[node])
    out << indent << "  equipment: " << equipmentText(design, design.equipment[group]) << "\n";
  if (n.level == Level::Hall) {
    // Rows are counted, not listed: the same in every replica of the hall.
    std::vector<Shown> rows = childrenShown(design, shown, ModelForm::Expanded);
    if (!rows.empty())
      out << indent << "  rows: " << rows.size() << " (" << rows.front().name << " … "
          << rows.back().name << ")\n";
    return;
  }
  for (const Shown &child : childrenShown(design, shown, form))
    textNode(design, files, contents, child, form, depth + 1, out);
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

/// In the instances form, how many instances of its place an element of a
/// flat list stands for (its node's instances; 1 at the top level).
void jsonInstances(llvm::json::OStream &json, ModelForm form, uint64_t instances) {
  if (form == ModelForm::Instances)
    json.attribute("instances", static_cast<int64_t>(instances));
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
              const NodeContents &contents, const Shown &shown, ModelForm form) {
  Index node = shown.replica.node;
  const Node &n = design.nodes[node];
  json.object([&] {
    json.attribute("level", levelName(n.level));
    json.attribute("name", shown.name);
    json.attribute("path", shown.path);
    if (form == ModelForm::Instances)
      json.attribute("replicas", static_cast<int64_t>(shown.replicas));
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
                                       ? llvm::formatv("{0}[{1}..{2}]", racks.name.text(),
                                                       racks.first, racks.first + racks.count - 1)
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
      for (const Shown &child : childrenShown(design, shown, form))
        jsonNode(json, design, files, contents, child, form);
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
  if (const Date *date = value.date())
    return llvm::formatv("{0:d4}-{1:d2}-{2:d2}", date->year, date->month, date->day).str();
  if (const Reference *reference = value.reference()) {
    switch (reference->kind) {
    case Reference::Kind::CatalogEntry:
      return design.catalog[reference->index].qualifiedName.str();
    case Reference::Kind::Zone: return design.zones[reference->index].name.str();
    case Reference::Kind::Block: return design.blocks[reference->index].name.str();
    case Reference::Kind::Node: return design.runPath(reference->index);
    case Reference::Kind::RackRun: {
      const RackRun &run = design.rackRuns[reference->index];
      return design.runPath(run.parent) + "." + run.name.str() +
             (run.numbered ? "[" + std::to_string(run.first) + ".." +
                                 std::to_string(run.first + run.count - 1) + "]"
                           : "");
    }
    case Reference::Kind::Equipment: {
      const EquipmentGroup &group = design.equipment[reference->index];
      return group.kind.str() + " " + design.catalog[group.entry].qualifiedName.str();
    }
    }
  }
  if (const Symbol *symbol = value.symbol())
    return symbol->name;
  if (value.unset())
    return "not set";
  if (value.lambda())
    return "a lambda";
  std::string text = "[";
  for (const Value &element : *value.list())
    text += (text.size() > 1 ? ", " : "") + formatValue(design, element);
  return text + "]";
}

void dumpModelText(const Design &design, const SourceFiles &files, Replica root,
                   ModelForm form, llvm::raw_ostream &out) {
  if (root.node != NoIndex) {
    textNode(design, files, NodeContents(design), shownReplica(design, root), form, 0, out);
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
  for (const Shown &node : childrenShown(design, {{NoIndex, 0}, "", "", 1}, form))
    textNode(design, files, contents, node, form, 0, out);
  forEachElementIn(
      design, form, design.zones.size(), [&](size_t zone) { return design.zones[zone].node; },
      [&](size_t index, const std::string &site, uint64_t) {
        const Zone &zone = design.zones[index];
        out << "zone " << zone.name << (site.empty() ? "" : " of " + site) << ": "
            << attributesText(design, zone.properties) << "\n";
      });
  forEachElementIn(
      design, form, design.compliance.size(), [&](size_t i) { return design.compliance[i].node; },
      [&](size_t index, const std::string &site, uint64_t) {
        out << "comply";
        for (llvm::StringRef pack : design.compliance[index].packs)
          out << " " << pack;
        out << (site.empty() ? "" : " (" + site + ")") << "\n";
      });
  forEachElementIn(
      design, form, design.schedules.size(), [&](size_t i) { return design.schedules[i].node; },
      [&](size_t index, const std::string &, uint64_t) {
        const Schedule &schedule = design.schedules[index];
        out << "schedule: " << attributesText(design, schedule.properties) << "; "
            << schedule.tasks.size() << " tasks and milestones, " << schedule.preorders.size()
            << " preorders, " << schedule.crews.size() << " crews\n";
      });
}

void dumpModelJson(const Design &design, const SourceFiles &files, Replica root, ModelForm form,
                   llvm::raw_ostream &out, llvm::function_ref<void(llvm::json::OStream &)> extra) {
  llvm::json::OStream json(out, 2);
  NodeContents contents(design);
  json.object([&] {
    jsonTotals(json, design, rackTotals(design, root.node));
    if (extra)
      extra(json);
    json.attributeArray("nodes", [&] {
      if (root.node != NoIndex)
        jsonNode(json, design, files, contents, shownReplica(design, root), form);
      else
        for (const Shown &node : childrenShown(design, {root, "", "", 1}, form))
          jsonNode(json, design, files, contents, node, form);
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
      forEachElementIn(
          design, form, design.zones.size(), [&](size_t zone) { return design.zones[zone].node; },
          [&](size_t index, const std::string &site, uint64_t instances) {
            const Zone &zone = design.zones[index];
            json.object([&] {
              json.attribute("name", zone.name);
              json.attribute("site", site);
              jsonInstances(json, form, instances);
              json.attribute("inside",
                             zone.inside == NoIndex ? "" : design.zones[zone.inside].name);
              json.attribute("location", location(files, zone.range));
              jsonAttributes(json, design, zone.properties);
            });
          });
    });
    json.attributeArray("compliance", [&] {
      forEachElementIn(
          design, form, design.compliance.size(),
          [&](size_t i) { return design.compliance[i].node; },
          [&](size_t index, const std::string &site, uint64_t instances) {
            for (llvm::StringRef pack : design.compliance[index].packs)
              json.object([&] {
                json.attribute("pack", pack);
                json.attribute("site", site);
                jsonInstances(json, form, instances);
              });
          });
    });
    json.attributeArray("schedules", [&] {
      forEachElementIn(
          design, form, design.schedules.size(),
          [&](size_t i) { return design.schedules[i].node; },
          [&](size_t index, const std::string &site, uint64_t instances) {
            const Schedule &schedule = design.schedules[index];
            json.object([&] {
              json.attribute("site", site);
              jsonInstances(json, form, instances);
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
