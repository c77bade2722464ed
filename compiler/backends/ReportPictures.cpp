// The pictures of report.html: hall floor plans, the campus, the Gantt chart.

#include "backends/ReportPictures.h"

#include "backends/ReportSvg.h"
#include "model/Aggregates.h"
#include "model/Expansion.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include <algorithm>
#include <map>

namespace sgd::backends::report {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;
using model::Replica;

// Drawing conventions of the floor plans [E]: racks 1.2 m deep (a rack
// type gives only its footprint's area), 1.2 m aisles (two floor tiles of
// 600 mm), 1.5 m clearance to the walls.
constexpr double rackDepth = 1.2;
constexpr double aisle = 1.2;
constexpr double clearance = 1.5;
constexpr double defaultRackWidth = 0.6;
constexpr double maxPlanWidthPx = 1100;
constexpr double pxPerMetreMax = 24;

double toDouble(const units::Rational &value) {
  return static_cast<double>(value.numerator()) / static_cast<double>(value.denominator());
}

double rackWidth(const Design &design, Index rackType) {
  if (const model::Value *footprint = design.property(design.catalog[rackType].properties, "footprint"))
    if (const units::Quantity *area = footprint->quantity())
      if (!area->value.isZero() && !area->value.isNegative())
        return toDouble(area->value) / rackDepth;
  return defaultRackWidth;
}

std::string rackPower(const Design &design, Index rackType) {
  if (const model::Value *power = design.property(design.catalog[rackType].properties, "it_power"))
    if (const units::Quantity *watts = power->quantity())
      return units::format(*watts);
  return "";
}

// The zone that applies to a node: its own, else its parent's.
Index zoneOf(const Design &design, Index node) {
  for (Index at = node; at != NoIndex; at = design.nodes[at].parent)
    if (design.nodes[at].zone != NoIndex)
      return design.nodes[at].zone;
  return NoIndex;
}

int64_t zoneClass(const Design &design, Index zone) {
  if (zone == NoIndex)
    return 0;
  if (const model::Value *value = design.property(design.zones[zone].properties, "class"))
    if (const units::Quantity *number = value->quantity())
      return static_cast<int64_t>(toDouble(number->value));
  return 0;
}

// A row of a hall: its replica and its rack runs.
struct Row {
  Replica node;
  std::vector<Index> runs;
};

// The rows of (one replica of) a hall, every replica of a replicated row;
// racks directly in the hall form a row of their own.
std::vector<Row> rowsOf(const Design &design, Replica hall) {
  std::vector<Row> rows;
  std::map<Replica, size_t> rowOfNode;
  const model::Node &node = design.nodes[hall.node];
  model::forEachElementReplica(
      design, hall, node.rackRunEnd - node.firstRackRun,
      [&](size_t i) { return design.rackRuns[node.firstRackRun + i].parent; },
      [&](size_t i, Replica parent) {
        auto [it, added] = rowOfNode.emplace(parent, rows.size());
        if (added)
          rows.push_back({parent, {}});
        rows[it->second].runs.push_back(node.firstRackRun + static_cast<Index>(i));
      });
  return rows;
}

// What makes two halls the same type: their rows' rack runs and their
// equipment lines with the installed counts.
std::string hallSignature(const Design &design, const checks::DesignAnalysis &analysis,
                          Replica hall, const std::vector<Index> &equipment) {
  std::string signature;
  for (const Row &row : rowsOf(design, hall)) {
    signature += "|";
    for (Index r : row.runs)
      signature += std::to_string(design.rackRuns[r].rackType) + "x" +
                   std::to_string(design.rackRuns[r].count) + ",";
  }
  for (Index e : equipment)
    signature += "#" + std::to_string(design.equipment[e].entry) + "x" +
                 std::to_string(analysis.equipment[e].installed);
  return signature;
}

std::string drawPlan(const Design &design, const checks::DesignAnalysis &analysis, Replica hall,
                     const std::vector<Index> &equipment, size_t hallsOfType,
                     std::map<Index, size_t> &rackColours) {
  std::vector<Row> rows = rowsOf(design, hall);
  double longest = 0;
  for (const Row &row : rows) {
    double length = 0;
    for (Index r : row.runs)
      length += design.rackRuns[r].count * rackWidth(design, design.rackRuns[r].rackType);
    longest = std::max(longest, length);
  }
  double widthM = longest + 2 * clearance;
  double depthM = rows.size() * rackDepth + (rows.empty() ? 0 : rows.size() - 1) * aisle +
                  2 * clearance;
  double scale = std::min(pxPerMetreMax, maxPlanWidthPx / std::max(widthM, 1.0));
  double left = 20, top = 50;
  double equipmentTop = top + depthM * scale + 30;
  double height = equipmentTop + 18 * (equipment.size() + rackColours.size() + 2) + 20;
  double width = std::max(widthM * scale + 40, 780.0);
  std::string path = design.pathOf(hall);
  model::RackTotals totals = model::rackTotals(design, hall.node);
  SvgWriter svg(width, height, "Floor plan of " + path, "plan-" + path);
  svg.beginGroup("hall-plan", "hall", path);
  svg.text(left, 18,
           path + (hallsOfType > 1 ? " (and " + std::to_string(hallsOfType - 1) +
                                         " halls like it)"
                                   : "") +
               ": " + units::withSeparators(totals.racks) + " racks, " +
               units::format(totals.itPower),
           "font-size:14px;font-weight:bold");
  Index zone = zoneOf(design, hall.node);
  std::string zoneLabel = "no zone";
  if (zone != NoIndex)
    zoneLabel = "zone " + design.zones[zone].name.str() + " (class " +
                std::to_string(zoneClass(design, zone)) + ")";
  std::string area;
  if (const model::Value *value = design.property(design.nodes[hall.node].properties, "area"))
    if (const units::Quantity *q = value->quantity())
      area = "; hall area " + units::format(*q);
  svg.text(left, 36,
           zoneLabel + area + "; drawn: " + coordinate(widthM) + " m × " + coordinate(depthM) +
               " m of rows and aisles, 1 m = " + coordinate(scale) + " px");
  // The zone boundary, then the rows.
  svg.rect(left - 6, top - 6, widthM * scale + 12, depthM * scale + 12,
           "fill:" + zoneClassColour(zoneClass(design, zone)).str() +
               ";stroke:#555;stroke-dasharray:6 3",
           zoneLabel, "zone-boundary");
  svg.rect(left, top, widthM * scale, depthM * scale, "fill:#fafafa;stroke:#333");
  double y = top + clearance * scale;
  for (const Row &row : rows) {
    double x = left + clearance * scale;
    for (Index r : row.runs) {
      const model::RackRun &run = design.rackRuns[r];
      double w = rackWidth(design, run.rackType);
      auto [colour, added] = rackColours.emplace(run.rackType, rackColours.size());
      std::string fill = "fill:" + paletteColour(colour->second).str() + ";stroke:#fff;stroke-width:0.5";
      for (uint32_t k = 0; k < run.count; ++k) {
        std::string name = run.numbered ? run.name.str() + std::to_string(run.first + k)
                                        : run.name.str();
        std::string where = design.nodes[row.node.node].level == model::Level::Row
                                ? design.nameOf(row.node) + "." + name
                                : name;
        svg.rect(x, y, w * scale, rackDepth * scale, fill,
                 where + ": " + design.catalog[run.rackType].qualifiedName.str() + ", " +
                     rackPower(design, run.rackType),
                 "rack");
        x += w * scale;
      }
    }
    y += (rackDepth + aisle) * scale;
  }
  // Equipment along the wall, then the legend.
  double lineY = equipmentTop;
  svg.text(left, lineY - 8, "Equipment of the hall (placed along the wall, schematic):",
           "font-weight:bold");
  for (Index e : equipment) {
    const model::EquipmentGroup &group = design.equipment[e];
    svg.rect(left, lineY, 12, 12, "fill:#777");
    svg.text(left + 18, lineY + 10,
             group.kind.str() + " " + design.catalog[group.entry].qualifiedName.str() + " × " +
                 units::withSeparators(analysis.equipment[e].installed));
    lineY += 18;
  }
  lineY += 10;
  for (const auto &[rackType, colour] : rackColours) {
    svg.rect(left, lineY, 12, 12, "fill:" + paletteColour(colour).str());
    svg.text(left + 18, lineY + 10,
             design.catalog[rackType].qualifiedName.str() + ", " + rackPower(design, rackType) +
                 " per rack");
    lineY += 18;
  }
  svg.endGroup();
  return svg.finish();
}

} // namespace

std::vector<HallPlan> drawHallPlans(const Design &design, const checks::DesignAnalysis &analysis) {
  std::map<Index, std::vector<Index>> equipmentOf;
  for (Index e = 0; e < design.equipment.size(); ++e)
    if (design.equipment[e].node != NoIndex &&
        design.nodes[design.equipment[e].node].level == model::Level::Hall)
      equipmentOf[design.equipment[e].node].push_back(e);
  std::vector<HallPlan> plans;
  std::map<std::string, size_t> planOf; // signature → plan
  std::vector<Replica> firstHalls;
  for (Replica hall : model::replicasAt(design, {NoIndex, 0}, model::Level::Hall)) {
    std::string signature = hallSignature(design, analysis, hall, equipmentOf[hall.node]);
    auto [it, added] = planOf.emplace(signature, plans.size());
    if (added) {
      plans.push_back({design.pathOf(hall), {}, model::rackTotals(design, hall.node).racks, ""});
      firstHalls.push_back(hall);
    }
    plans[it->second].halls.push_back(design.pathOf(hall));
  }
  std::map<Index, size_t> rackColours; // the same colour for a rack type in every plan
  for (size_t i = 0; i < plans.size(); ++i)
    plans[i].svg = drawPlan(design, analysis, firstHalls[i], equipmentOf[firstHalls[i].node],
                            plans[i].halls.size(), rackColours);
  return plans;
}

std::string drawCampus(const Design &design) {
  // Boxes: a hall 110 × 46 px, four to a row in its building; buildings four
  // to a row in their site.
  constexpr double hallW = 110, hallH = 46, gap = 10, pad = 24;
  constexpr size_t perRow = 4;
  struct Box { Replica node; double x, y, w, h; };
  std::vector<Box> boxes;
  double y = 20, width = 600;
  std::vector<Replica> sites;
  for (Index site = 0; site < design.nodes.size(); site = design.nodes[site].subtreeEnd)
    for (Replica replica : design.replicas(site))
      sites.push_back(replica);
  for (Replica site : sites) {
    double siteTop = y;
    y += pad + 10;
    double x = pad, rowHeight = 0;
    size_t inRow = 0;
    std::vector<Box> siteBoxes;
    for (Replica b : model::replicasAt(design, site, model::Level::Building)) {
      std::vector<Replica> halls = model::replicasAt(design, b, model::Level::Hall);
      size_t columns = std::min(std::max<size_t>(halls.size(), 1), perRow);
      size_t hallRows = (halls.size() + columns - 1) / columns;
      double bw = columns * (hallW + gap) + gap, bh = 24 + std::max<size_t>(hallRows, 1) * (hallH + gap);
      if (inRow == perRow) {
        x = pad;
        y += rowHeight + gap * 2;
        rowHeight = 0;
        inRow = 0;
      }
      siteBoxes.push_back({b, x, y, bw, bh});
      for (size_t i = 0; i < halls.size(); ++i)
        siteBoxes.push_back({halls[i], x + gap + (i % columns) * (hallW + gap),
                             y + 24 + (i / columns) * (hallH + gap), hallW, hallH});
      x += bw + gap * 2;
      rowHeight = std::max(rowHeight, bh);
      width = std::max(width, x + pad);
      ++inRow;
    }
    y += rowHeight + pad;
    boxes.push_back({site, 10, siteTop, 0, y - siteTop});
    boxes.insert(boxes.end(), siteBoxes.begin(), siteBoxes.end());
    y += 20;
  }
  double legendTop = y;
  double height = legendTop + 5 * 18 + 20;
  SvgWriter svg(width, height, "Campus", "campus");
  for (const Box &box : boxes) {
    const model::Node &node = design.nodes[box.node.node];
    Index zone = zoneOf(design, box.node.node);
    std::string fill = "fill:" + zoneClassColour(zoneClass(design, zone)).str();
    std::string zoneText = zone == NoIndex ? "no zone"
                                           : "zone " + design.zones[zone].name.str() + ", class " +
                                                 std::to_string(zoneClass(design, zone));
    model::RackTotals totals = model::rackTotals(design, box.node.node);
    std::string figures = units::withSeparators(totals.racks) + " racks, " + units::format(totals.itPower);
    if (node.parent == NoIndex) { // the site, in its outermost zone when it sets none
      if (zone == NoIndex)
        for (Index z = 0; z < design.zones.size(); ++z)
          if (design.zones[z].node == box.node.node && design.zones[z].inside == NoIndex) {
            zone = z;
            fill = "fill:" + zoneClassColour(zoneClass(design, zone)).str();
            zoneText = "zone " + design.zones[z].name.str() + ", class " +
                       std::to_string(zoneClass(design, zone));
            break;
          }
      svg.rect(box.x, box.y, width - 20, box.h, fill + ";stroke:#333;stroke-dasharray:8 4",
               design.pathOf(box.node) + ": " + zoneText);
      svg.text(box.x + 8, box.y + 18, "site " + design.nameOf(box.node) + ": " + figures + " (" + zoneText + ")",
               "font-weight:bold;font-size:13px");
      continue;
    }
    bool hall = node.level == model::Level::Hall;
    svg.beginGroup(hall ? "campus-hall" : "campus-building", "path", design.pathOf(box.node));
    svg.rect(box.x, box.y, box.w, box.h, fill + (hall ? ";stroke:#333" : ";stroke:#000;stroke-width:2"),
             design.pathOf(box.node) + ": " + figures + "; " + zoneText);
    svg.text(box.x + 5, box.y + 15, design.nameOf(box.node), hall ? "" : "font-weight:bold");
    if (hall)
      svg.text(box.x + 5, box.y + 32, units::withSeparators(totals.racks) + " racks", "font-size:10px");
    svg.endGroup();
  }
  svg.text(10, legendTop + 4, "Zone classes (schematic, not to scale):", "font-weight:bold");
  for (int64_t c = 1; c <= 4; ++c) {
    svg.rect(10, legendTop + 10 + (c - 1) * 18, 14, 12, "fill:" + zoneClassColour(c).str() + ";stroke:#333");
    svg.text(30, legendTop + 20 + (c - 1) * 18, "class " + std::to_string(c));
  }
  return svg.finish();
}

std::string drawGantt(const schedule::Plan &plan) {
  const schedule::Network &network = plan.network;
  const schedule::CpmResult &cpm = plan.result;
  constexpr double nameWidth = 260, rowHeight = 13, chartWidth = 1000, top = 40;
  // A chart stays legible on an A3 sheet up to a few hundred rows: beyond
  // that, a hall's own tasks are drawn only when they are critical.
  constexpr size_t mostRows = 400;
  std::vector<unsigned> shown;
  for (unsigned t = 0; t < network.tasks.size(); ++t)
    if (network.tasks.size() <= mostRows || cpm.times[t].critical ||
        network.tasks[t].milestone || network.tasks[t].outline.size() < 3)
      shown.push_back(t);
  auto dayOf = [&](int64_t workingDay) {
    return schedule::daysFromCivil(network.calendar.dateOf(workingDay));
  };
  int64_t first = 0, last = 1;
  bool any = false;
  for (unsigned t = 0; t < network.tasks.size(); ++t) {
    int64_t start = dayOf(cpm.times[t].earlyStart), finish = dayOf(cpm.times[t].earlyFinish);
    first = any ? std::min(first, start) : start;
    last = any ? std::max(last, finish) : finish;
    any = true;
  }
  double span = std::max<int64_t>(last - first, 1);
  double scale = chartWidth / span;
  double height = top + shown.size() * rowHeight + 30;
  SvgWriter svg(nameWidth + chartWidth + 20, height, "Construction schedule", "gantt");
  // Month lines: the first of each month between the first and last day.
  model::Date month = schedule::civilFromDays(first);
  month.day = 1;
  for (int64_t day = schedule::daysFromCivil(month); day <= last;) {
    if (day >= first) {
      double x = nameWidth + (day - first) * scale;
      svg.line(x, top - 12, x, height - 20, "stroke:#ddd");
      model::Date date = schedule::civilFromDays(day);
      if (date.month == 1 || date.month == 7)
        svg.text(x + 2, top - 16, schedule::formatDate(date).substr(0, 7), "font-size:10px");
    }
    model::Date next = schedule::civilFromDays(day);
    next.month = next.month == 12 ? 1 : next.month + 1;
    next.year += next.month == 1 ? 1 : 0;
    next.day = 1;
    day = schedule::daysFromCivil(next);
  }
  for (size_t row = 0; row < shown.size(); ++row) {
    unsigned t = shown[row];
    const schedule::Task &task = network.tasks[t];
    const schedule::TaskTimes &times = cpm.times[t];
    double y = top + row * rowHeight;
    int64_t start = dayOf(times.earlyStart), finish = dayOf(times.earlyFinish);
    std::string dates = schedule::formatDate(network.calendar.dateOf(times.earlyStart));
    svg.beginGroup(times.critical ? "task critical" : "task", "task", task.name);
    svg.text(4, y + 10, task.name, times.critical ? "font-size:10px;fill:#b00" : "font-size:10px");
    double x = nameWidth + (start - first) * scale;
    if (task.milestone) {
      svg.diamond(x, y + 6, 5, times.critical ? "fill:#D55E00" : "fill:#333",
                  task.name + ": " + dates);
    } else {
      svg.rect(x, y + 2, std::max((finish - start) * scale, 1.0), rowHeight - 4,
               times.critical ? "fill:#D55E00" : "fill:#0072B2",
               task.name + ": " + dates + ", " + std::to_string(task.duration) +
                   " working days" + (times.critical ? ", critical" : ""));
    }
    svg.endGroup();
  }
  std::string note = "Red: on the critical path (no float). Bars by early dates.";
  if (shown.size() < network.tasks.size())
    note += " " + std::to_string(shown.size()) + " of " + std::to_string(network.tasks.size()) +
            " tasks: the halls' own tasks that are not critical are left out.";
  svg.text(4, height - 6, note, "font-size:10px");
  return svg.finish();
}

} // namespace sgd::backends::report
