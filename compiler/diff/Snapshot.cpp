// Reads the figures `sgdc diff` compares out of one side's results: the
// checks' figures per site, the bill of materials, the schedule's
// milestones, the OCI manifests' resources and the diagnostics.

#include "diff/Snapshot.h"

#include "model/Aggregates.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include "llvm/ADT/StringExtras.h"

namespace sgd::diff {
namespace {

using model::Index;
using model::NoIndex;

// The site schedule task `t` belongs to: the first name of its outline.
llvm::StringRef siteOfTask(const schedule::Network &network, unsigned t) {
  const std::vector<std::string> &outline = network.texts(t).outline;
  return outline.empty() ? llvm::StringRef() : llvm::StringRef(outline.front());
}

std::string dateOfDay(const schedule::Network &network, int64_t workingDay) {
  return schedule::formatDate(network.calendar.dateOf(workingDay));
}

// What sets a milestone's date: the delivery of equipment on its driving
// path (the first one: its order starts the chain), else the task the chain
// of work starts from.
std::string driverOf(const schedule::Plan &plan, const model::Design &design, unsigned milestone) {
  const schedule::Network &network = plan.network;
  std::vector<unsigned> path = schedule::drivingPath(network, plan.result, milestone);
  for (size_t step = 0; step < path.size(); ++step) {
    const schedule::Task &task = network.tasks[path[step]];
    if (task.kind != "procurement" || task.entry == NoIndex || task.milestone)
      continue;
    const schedule::TaskTimes &times = plan.result.times[path[step]];
    const model::CatalogEntry &entry = design.catalog[task.entry];
    std::string text = "the lead time of " + entry.qualifiedName.str();
    if (const Quantity *lead = checks::quantityProperty(design, entry.properties, "lead_time"))
      text += " (" + units::format(*lead) + ")";
    // The order milestone before the delivery is on the start day (working
    // day 0) unless a `preorder` dates it.
    const std::optional<int64_t> &orderDay =
        step > 0 ? network.tasks[path[step - 1]].startNoEarlier : std::nullopt;
    bool preordered = orderDay && *orderDay != 0;
    text += std::string(preordered ? ": preordered " : ": ordered ") +
            dateOfDay(network, times.earlyStart) + ", delivered " +
            dateOfDay(network, times.earlyFinish - 1);
    return text;
  }
  if (path.empty())
    return "";
  return "the chain of work from " + network.tasks[path.front()].name;
}

void addMilestones(const schedule::Plan &plan, const model::Design &design,
                   std::map<std::string, SiteFigures *> &sites) {
  const schedule::Network &network = plan.network;
  for (unsigned t = 0; t < network.tasks.size(); ++t) {
    const schedule::Task &task = network.tasks[t];
    if (task.kind != "milestone")
      continue;
    auto site = sites.find(siteOfTask(network, t).str());
    if (site == sites.end())
      continue;
    // The one date convention of the report and the schedule files.
    model::Date date = network.calendar.dateOf(plan.dates(t).finish.day);
    site->second->milestones.push_back(
        {task.name, schedule::daysFromCivil(date), schedule::formatDate(date),
         driverOf(plan, design, t)});
  }
}

void addBom(const backends::Bom &bom, const model::Design &design,
            std::map<model::Replica, SiteFigures *> &sites) {
  for (const backends::BomLine &line : bom.lines) {
    auto site = sites.find(line.group);
    if (site == sites.end())
      continue;
    std::string category = backends::categoryOf(design, line.entry).str();
    site->second->bom.push_back({backends::placeOf(design, line.scope).path,
                                 design.catalog[line.entry].qualifiedName.str(), category,
                                 line.quantity, line.unitCost, line.extendedCost});
  }
  for (auto &[index, figures] : sites)
    figures->capexByCategory = backends::capexByCategory(design, bom, index);
}

// `${toset(local.NAME)}`: the local list a resource's `for_each` runs over.
llvm::Optional<llvm::StringRef> forEachLocal(const llvm::json::Object &body) {
  llvm::Optional<llvm::StringRef> expression = body.getString("for_each");
  if (!expression)
    return llvm::None;
  llvm::StringRef text = *expression;
  if (!text.consume_front("${toset(local.") || !text.consume_back(")}"))
    return llvm::None;
  return text;
}

// Every resource and data source of the `*.tf.json` files. A resource
// with `for_each` over a local list stands for one instance per element:
// its body gets the list as `"//instances"`, so instances added or removed
// show as a change of the resource.
std::vector<OciResource> ociResources(const std::map<std::string, std::string> &files) {
  std::vector<OciResource> resources;
  for (const auto &[path, contents] : files) {
    if (!llvm::StringRef(path).endswith(".tf.json"))
      continue;
    llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(contents);
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      continue;
    }
    const llvm::json::Object *root = parsed->getAsObject();
    if (!root)
      continue;
    const llvm::json::Object *locals = root->getObject("locals");
    for (llvm::StringRef block : {"resource", "data"}) {
      const llvm::json::Object *types = root->getObject(block);
      if (!types)
        continue;
      for (const auto &[type, named] : *types) {
        const llvm::json::Object *byName = named.getAsObject();
        if (!byName)
          continue;
        for (const auto &[name, body] : *byName) {
          std::string address = (block == "data" ? "data." : "") + type.str() + "." + name.str();
          llvm::json::Value copy = body;
          if (llvm::json::Object *object = copy.getAsObject())
            if (llvm::Optional<llvm::StringRef> local = forEachLocal(*object))
              if (const llvm::json::Value *list = locals ? locals->get(*local) : nullptr)
                (*object)["//instances"] = *list;
          resources.push_back({std::move(address), path, std::move(copy)});
        }
      }
    }
  }
  std::sort(resources.begin(), resources.end(),
            [](const OciResource &a, const OciResource &b) { return a.address < b.address; });
  return resources;
}

std::string relativeFile(llvm::StringRef name, llvm::StringRef root) {
  if (!root.empty() && name.consume_front(root)) {
    name.consume_front("/");
    return name.str();
  }
  name.consume_front("./");
  return name.str();
}

std::vector<DiagnosticItem> diagnosticItems(const DiagnosticEngine &diagnostics,
                                            const SourceFiles &files, llvm::StringRef root,
                                            llvm::StringRef entryFile) {
  std::vector<DiagnosticItem> items;
  for (const Diagnostic *d : diagnostics.sorted()) {
    if (d->suppressed())
      continue;
    DiagnosticItem item{d->id().str(), severityName(d->severity).str(), "", 0, d->message, false};
    if (d->range.isValid()) {
      llvm::StringRef name = files.displayName(d->range.file);
      item.inEntry = !entryFile.empty() && name == entryFile;
      item.file = relativeFile(name, root);
      item.line = files.lineColumn(d->range.file, d->range.begin).line;
    }
    items.push_back(std::move(item));
  }
  return items;
}

} // namespace

Snapshot takeSnapshot(std::string label, const SideResults &results) {
  Snapshot snapshot;
  snapshot.label = std::move(label);
  if (results.diagnostics && results.files)
    snapshot.diagnostics = diagnosticItems(*results.diagnostics, *results.files, results.root,
                                           results.entryFile);
  snapshot.built = results.design && results.analysis &&
                   !(results.diagnostics && results.diagnostics->hasErrors());
  if (!snapshot.built)
    return snapshot;
  const model::Design &design = *results.design;
  const checks::DesignAnalysis &analysis = *results.analysis;

  // Every replica of a replicated site is a site of its own.
  std::vector<model::Replica> replicas;
  for (Index n = 0; n < design.nodes.size(); n = design.nodes[n].subtreeEnd)
    for (model::Replica replica : design.replicas(n))
      replicas.push_back(replica);
  std::map<model::Replica, SiteFigures *> byNode;
  std::map<std::string, SiteFigures *> byName;
  snapshot.sites.reserve(replicas.size());
  for (model::Replica replica : replicas) {
    model::RackTotals totals = model::rackTotals(design, replica.node);
    const checks::NodeFigures &figures = analysis.nodes[replica.node];
    SiteFigures &site = snapshot.sites.emplace_back();
    site.name = design.nameOf(replica);
    site.racks = totals.racks;
    site.gpus = totals.gpus;
    site.itPower = figures.itPower;
    site.peakDemand = figures.peakDemand;
  }
  for (size_t i = 0; i < snapshot.sites.size(); ++i)
    byName[snapshot.sites[i].name] = &snapshot.sites[i];
  for (size_t i = 0; i < replicas.size(); ++i)
    byNode[replicas[i]] = &snapshot.sites[i];

  if (results.bom) {
    snapshot.currency = results.bom->currency;
    addBom(*results.bom, design, byNode);
  }
  if (results.plan)
    addMilestones(*results.plan, design, byName);
  if (results.ociFiles)
    snapshot.oci = ociResources(*results.ociFiles);
  return snapshot;
}

} // namespace sgd::diff
