// The pictures of report.html: hall floor plans and the campus (its Gantt
// chart is schedule.svg's, ScheduleGantt.h).

#include "backends/ReportPictures.h"

#include "backends/ReportSvg.h"
#include "model/Aggregates.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace sgd::backends::report {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;

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

// Replicas: the pictures name and draw every replica of a structure. A
// range is one node with a replica count (model/Design.h); replica k of a
// numbered range is named stem + (first + k).
uint64_t replicasPerParent(const Design &design, Index node) { return design.nodes[node].count; }

std::string replicaName(const Design &design, Index node, uint64_t k) {
  const model::Node &n = design.nodes[node];
  return n.numbered ? n.stem.str() + std::to_string(n.first + k) : n.stem.str();
}

// The paths of every replica of `node`, in design order: abilene.b1.h1, …
std::vector<std::string> replicaPaths(const Design &design, Index node) {
  Index parent = design.nodes[node].parent;
  std::vector<std::string> above =
      parent == NoIndex ? std::vector<std::string>{""} : replicaPaths(design, parent);
  std::vector<std::string> paths;
  for (const std::string &at : above)
    for (uint64_t k = 0; k < replicasPerParent(design, node); ++k)
      paths.push_back((at.empty() ? "" : at + ".") + replicaName(design, node, k));
  return paths;
}

// A row of racks on a floor plan: the rack runs of one replica of a row
// node (or the racks directly in the hall), with the row's name.
struct Row {
  std::string name; // "r3"; empty for the racks directly in the hall
  std::vector<Index> runs;
};

// The rows of a hall in design order, every replica of a replicated row.
std::vector<Row> rowsOf(const Design &design, Index hall) {
  std::vector<Index> holders; // the nodes holding racks, in design order
  std::map<Index, std::vector<Index>> runsOf;
  for (Index r = design.nodes[hall].firstRackRun; r < design.nodes[hall].rackRunEnd; ++r) {
    Index parent = design.rackRuns[r].parent;
    if (runsOf[parent].empty())
      holders.push_back(parent);
    runsOf[parent].push_back(r);
  }
  std::vector<Row> rows;
  for (Index holder : holders) {
    bool row = design.nodes[holder].level == model::Level::Row;
    for (uint64_t k = 0; k < (row ? replicasPerParent(design, holder) : 1); ++k)
      rows.push_back({row ? replicaName(design, holder, k) : "", runsOf[holder]});
  }
  return rows;
}

// What makes two halls the same type: their rows' rack runs and their
// equipment lines with the installed counts.
std::string hallSignature(const Design &design, const checks::DesignAnalysis &analysis,
                          Index hall, const std::vector<Index> &equipment) {
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

// The floor area of one unit of a catalog entry, when the catalog gives it.
const units::Quantity *footprintOf(const Design &design, Index entry) {
  if (const model::Value *footprint = design.property(design.catalog[entry].properties, "footprint"))
    if (const units::Quantity *area = footprint->quantity())
      if (!area->value.isZero() && !area->value.isNegative())
        return area;
  return nullptr;
}

// The side of the square a unit is drawn as: its footprint's area (m²).
double sideOf(const Design &design, Index entry) {
  return std::sqrt(toDouble(footprintOf(design, entry)->value));
}

// Where a footprint comes from: the stdlib catalog's footprints are all
// estimates (each marked [E] there); a design's own catalog is its own.
std::string footprintSource(const Design &design, const SourceFiles &files, Index entry) {
  SourceRange where = design.catalog[entry].range;
  bool stdlib = where.isValid() && files.displayName(where.file).startswith("<stdlib>");
  return stdlib ? "[E] the stdlib catalog's estimate" : "the design's catalog";
}

// A hall's equipment in a gallery: the floor-standing units of one block
// (its CDUs and CRAHs, or its UPS, batteries and floor PDUs), in rows along
// the hall, each unit a square of its catalog footprint's area.
struct Gallery {
  bool above = false;           // cooling, above the white space; else below it
  Index zone = NoIndex;
  double topM = 0;              // where it starts on the plan
  std::vector<Index> lines;     // equipment groups, design order
  double depthM = 0;            // what its rows of units take
  std::vector<std::vector<std::pair<double, double>>> at; // per line, each unit's x, y in the gallery (m)
};

constexpr double unitGap = 0.3;      // between units of a gallery [E]
constexpr double galleryGap = 1.0;   // between a gallery and the white space [E]
constexpr double minGalleryWidth = 30; // a gallery spans at least 30 m of the hall [E]
constexpr double markSize = 0.2;     // the mark of a unit that stands in a rack or overhead

// Places a gallery's units in rows of at most `width` metres.
void layOutGallery(const Design &design, const checks::DesignAnalysis &analysis, Gallery &gallery,
                   double width) {
  double x = 0, y = 0, rowDepth = 0;
  for (Index e : gallery.lines) {
    double side = sideOf(design, design.equipment[e].entry);
    std::vector<std::pair<double, double>> &units = gallery.at.emplace_back();
    for (uint64_t k = 0; k < analysis.equipment[e].installed; ++k) {
      if (x > 0 && x + side > width) {
        x = 0;
        y += rowDepth + unitGap;
        rowDepth = 0;
      }
      units.emplace_back(x, y);
      x += side + unitGap;
      rowDepth = std::max(rowDepth, side);
    }
  }
  gallery.depthM = y + rowDepth;
}

std::string zoneText(const Design &design, Index zone) {
  return zone == NoIndex ? "no zone"
                         : "zone " + design.zones[zone].name.str() + " (class " +
                               std::to_string(zoneClass(design, zone)) + ")";
}

// A width and a depth on the floor (metres).
struct Extent {
  double widthM, depthM;
};

// The white space a hall's rows take as drawn: the longest row and the
// rows with their aisles, with the clearance to the walls.
Extent whiteSpaceOf(const Design &design, const std::vector<Row> &rows) {
  double longest = 0;
  for (const Row &row : rows) {
    double length = 0;
    for (Index r : row.runs)
      length += design.rackRuns[r].count * rackWidth(design, design.rackRuns[r].rackType);
    longest = std::max(longest, length);
  }
  return {longest + 2 * clearance,
          rows.size() * rackDepth + (rows.empty() ? 0 : rows.size() - 1) * aisle + 2 * clearance};
}

std::string drawPlan(const Design &design, const checks::DesignAnalysis &analysis,
                     const SourceFiles &files, Index hall,
                     const std::vector<Index> &equipment, size_t hallsOfType,
                     std::map<Index, size_t> &rackColours) {
  std::vector<Row> rows = rowsOf(design, hall);
  Extent white = whiteSpaceOf(design, rows);
  Index hallZone = zoneOf(design, hall);
  // Floor-standing units go to a gallery per block kind and zone: cooling
  // above the white space, the rest below; units without a footprint stand
  // in a rack or hang overhead and are marked on the racks they serve.
  std::vector<Gallery> galleries;
  std::vector<Index> marked;
  for (Index e : equipment) {
    const model::EquipmentGroup &group = design.equipment[e];
    if (!footprintOf(design, group.entry)) {
      marked.push_back(e);
      continue;
    }
    bool cooling = group.block != NoIndex && design.blocks[group.block].kind == "cooling";
    Index zone = group.zone != NoIndex ? group.zone : hallZone;
    auto gallery = std::find_if(galleries.begin(), galleries.end(), [&](const Gallery &g) {
      return g.above == cooling && g.zone == zone;
    });
    if (gallery == galleries.end()) {
      gallery = galleries.emplace(galleries.end());
      gallery->above = cooling;
      gallery->zone = zone;
    }
    gallery->lines.push_back(e);
  }
  double whiteWidthM = white.widthM, whiteDepthM = white.depthM;
  double widthM = std::max(whiteWidthM, galleries.empty() ? 0.0 : minGalleryWidth);
  double depthM = 0;
  for (Gallery &gallery : galleries)
    if (gallery.above) {
      layOutGallery(design, analysis, gallery, widthM);
      gallery.topM = depthM;
      depthM += gallery.depthM + galleryGap;
    }
  double whiteTopM = depthM;
  depthM += whiteDepthM;
  for (Gallery &gallery : galleries)
    if (!gallery.above) {
      layOutGallery(design, analysis, gallery, widthM);
      gallery.topM = depthM + galleryGap;
      depthM += galleryGap + gallery.depthM;
    }

  double scale = std::min(pxPerMetreMax, maxPlanWidthPx / std::max(widthM, 1.0));
  double left = 20, top = 50;
  auto px = [&](double metres) { return metres * scale; };
  double legendTop = top + px(depthM) + 34;
  std::set<Index> typesOfHall;
  for (const Row &row : rows)
    for (Index r : row.runs)
      typesOfHall.insert(design.rackRuns[r].rackType);
  double height =
      legendTop + 18 * (equipment.size() + typesOfHall.size() + galleries.size() + 5) + 20;
  double width = std::max(px(widthM) + 40, 780.0);
  std::string path = replicaPaths(design, hall).front();
  model::RackTotals totals = model::rackTotals(design, hall);
  SvgWriter svg(width, height, "Floor plan of " + path, "plan-" + path);
  svg.beginGroup("hall-plan", "hall", path);
  svg.text(left, 18,
           path + (hallsOfType > 1 ? " (and " + std::to_string(hallsOfType - 1) +
                                         " halls like it)"
                                   : "") +
               ": " + units::withSeparators(totals.racks) + " racks, " +
               units::format(totals.itPower),
           "font-size:14px;font-weight:bold");
  std::string area;
  if (const model::Value *value = design.property(design.nodes[hall].properties, "area"))
    if (const units::Quantity *q = value->quantity())
      area = "; hall area " + units::format(*q);
  svg.text(left, 36,
           "white space in " + zoneText(design, hallZone) + area + "; drawn: " +
               coordinate(widthM) + " m × " + coordinate(depthM) + " m, 1 m = " +
               coordinate(scale) + " px");

  auto drawGallery = [&](const Gallery &gallery) {
    double y0 = top + px(gallery.topM);
    svg.rect(left - 6, y0 - 6, px(widthM) + 12, px(gallery.depthM) + 12,
             "fill:" + zoneClassColour(zoneClass(design, gallery.zone)).str() +
                 ";stroke:#555;stroke-dasharray:6 3",
             "equipment in " + zoneText(design, gallery.zone), "zone-boundary");
    for (size_t i = 0; i < gallery.lines.size(); ++i) {
      Index e = gallery.lines[i];
      const model::EquipmentGroup &group = design.equipment[e];
      std::string footprint = units::format(*footprintOf(design, group.entry));
      double side = sideOf(design, group.entry);
      std::string entry = design.catalog[group.entry].qualifiedName.str();
      svg.beginGroup("equipment", {{"kind", group.kind.str()},
                                   {"entry", entry},
                                   {"count", std::to_string(analysis.equipment[e].installed)},
                                   {"placement", "floor"}});
      std::string fill = "fill:" + equipmentColour(group.kind).str() + ";stroke:#333;stroke-width:0.5";
      for (size_t k = 0; k < gallery.at[i].size(); ++k)
        svg.rect(left + px(gallery.at[i][k].first), y0 + px(gallery.at[i][k].second), px(side),
                 px(side), fill,
                 group.kind.str() + " " + std::to_string(k + 1) + " of " +
                     std::to_string(gallery.at[i].size()) + ", " + footprint,
                 "unit");
      svg.endGroup();
    }
  };
  for (const Gallery &gallery : galleries)
    if (gallery.above)
      drawGallery(gallery);
  // The white space: its zone boundary, then the rows of racks.
  double whiteTop = top + px(whiteTopM);
  svg.rect(left - 6, whiteTop - 6, px(whiteWidthM) + 12, px(whiteDepthM) + 12,
           "fill:" + zoneClassColour(zoneClass(design, hallZone)).str() +
               ";stroke:#555;stroke-dasharray:6 3",
           "white space in " + zoneText(design, hallZone), "zone-boundary");
  svg.rect(left, whiteTop, px(whiteWidthM), px(whiteDepthM), "fill:#fafafa;stroke:#333");
  std::vector<std::pair<double, double>> rackAt; // each rack's top-left corner (px)
  double y = whiteTop + px(clearance);
  for (const Row &row : rows) {
    double x = left + px(clearance);
    for (Index r : row.runs) {
      const model::RackRun &run = design.rackRuns[r];
      double w = rackWidth(design, run.rackType);
      auto [colour, added] = rackColours.emplace(run.rackType, rackColours.size());
      std::string fill = "fill:" + paletteColour(colour->second).str() + ";stroke:#fff;stroke-width:0.5";
      for (uint32_t k = 0; k < run.count; ++k) {
        std::string name =
            run.numbered ? run.name.str() + std::to_string(run.first + k) : run.name.str();
        std::string where = row.name.empty() ? name : row.name + "." + name;
        svg.rect(x, y, px(w), px(rackDepth), fill,
                 where + ": " + design.catalog[run.rackType].qualifiedName.str() + ", " +
                     rackPower(design, run.rackType),
                 "rack");
        rackAt.emplace_back(x, y);
        x += px(w);
      }
    }
    y += px(rackDepth + aisle);
  }
  // Units without a footprint, spread evenly over the racks: the k-th of n
  // on rack ⌊k × racks / n⌋, side by side when a rack has several; each
  // line in its own band of the rack's depth.
  // A hall without racks: its marks stand in lines across the white space,
  // a slot for each unit of its largest line.
  if (rackAt.empty()) {
    uint64_t slots = 0, perLine = std::max<uint64_t>(1, whiteWidthM / (2 * markSize));
    for (Index e : marked)
      slots = std::max(slots, analysis.equipment[e].installed);
    for (uint64_t k = 0; k < slots; ++k)
      rackAt.emplace_back(left + (k % perLine) * px(2 * markSize),
                          whiteTop + (k / perLine) * px(rackDepth));
  }
  for (size_t i = 0; i < marked.size(); ++i) {
    Index e = marked[i];
    const model::EquipmentGroup &group = design.equipment[e];
    uint64_t count = analysis.equipment[e].installed;
    std::string entry = design.catalog[group.entry].qualifiedName.str();
    svg.beginGroup("equipment", {{"kind", group.kind.str()},
                                 {"entry", entry},
                                 {"count", std::to_string(count)},
                                 {"placement", "rack"}});
    std::string fill = "fill:" + equipmentColour(group.kind).str() + ";stroke:#000;stroke-width:0.3";
    uint64_t racks = rackAt.size();
    uint64_t previous = racks, onRack = 0;
    for (uint64_t k = 0; k < count; ++k) {
      uint64_t rack = k * racks / count;
      onRack = rack == previous ? onRack + 1 : 0;
      previous = rack;
      double side = px(markSize);
      svg.rect(rackAt[rack].first + 1 + onRack * (side + 1),
               rackAt[rack].second + 1 + (i % 5) * (px(rackDepth) / 5), side, side, fill,
               group.kind.str() + " " + std::to_string(k + 1) + " of " + std::to_string(count),
               "unit");
    }
    svg.endGroup();
  }
  for (const Gallery &gallery : galleries)
    if (!gallery.above)
      drawGallery(gallery);

  // The legend: every equipment line with its count and how it is drawn,
  // then the rack types.
  double lineY = legendTop;
  svg.text(left, lineY - 8, "Equipment of the hall, every unit placed:", "font-weight:bold");
  for (Index e : equipment) {
    const model::EquipmentGroup &group = design.equipment[e];
    const units::Quantity *footprint = footprintOf(design, group.entry);
    svg.rect(left, lineY, 12, 12, "fill:" + equipmentColour(group.kind).str() + ";stroke:#333");
    svg.text(left + 18, lineY + 10,
             group.kind.str() + " " + design.catalog[group.entry].qualifiedName.str() + " × " +
                 units::withSeparators(analysis.equipment[e].installed) +
                 (footprint ? ": " + units::format(*footprint) + " each (" +
                                  footprintSource(design, files, group.entry) + "), drawn square"
                            : ": no footprint (in the rack or overhead), marked on the racks"));
    lineY += 18;
  }
  lineY += 10;
  std::vector<std::string> boundaries = {"the white space: " + zoneText(design, hallZone)};
  for (const Gallery &gallery : galleries)
    boundaries.push_back(std::string(gallery.above ? "cooling equipment (above the white space): "
                                                   : "power equipment (below the white space): ") +
                         zoneText(design, gallery.zone));
  for (const std::string &boundary : boundaries) {
    svg.text(left, lineY + 10, "Dashed boundary of " + boundary);
    lineY += 18;
  }
  // Scale bar: 10 m.
  svg.line(left, lineY + 6, left + px(10), lineY + 6, "stroke:#000;stroke-width:3");
  svg.text(left + px(10) + 6, lineY + 10, "10 m");
  lineY += 28;
  for (const auto &[rackType, colour] : rackColours) {
    if (!typesOfHall.count(rackType))
      continue; // a colour another hall type took first
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

std::vector<HallPlan> drawHallPlans(const Design &design, const checks::DesignAnalysis &analysis,
                                    const SourceFiles &files) {
  std::map<Index, std::vector<Index>> equipmentOf;
  for (Index e = 0; e < design.equipment.size(); ++e)
    if (design.equipment[e].node != NoIndex &&
        design.nodes[design.equipment[e].node].level == model::Level::Hall)
      equipmentOf[design.equipment[e].node].push_back(e);
  std::vector<HallPlan> plans;
  std::map<std::string, size_t> planOf; // signature → plan
  std::vector<Index> firstHalls;
  for (Index n = 0; n < design.nodes.size(); ++n) {
    if (design.nodes[n].level != model::Level::Hall)
      continue;
    std::string signature = hallSignature(design, analysis, n, equipmentOf[n]);
    std::vector<std::string> paths = replicaPaths(design, n);
    auto [it, added] = planOf.emplace(signature, plans.size());
    if (added) {
      plans.push_back({paths.front(), {}, model::rackTotals(design, n).racks, ""});
      firstHalls.push_back(n);
    }
    plans[it->second].halls.insert(plans[it->second].halls.end(), paths.begin(), paths.end());
  }
  std::map<Index, size_t> rackColours; // the same colour for a rack type in every plan
  for (size_t i = 0; i < plans.size(); ++i)
    plans[i].svg = drawPlan(design, analysis, files, firstHalls[i], equipmentOf[firstHalls[i]],
                            plans[i].halls.size(), rackColours);
  return plans;
}

namespace {

// The campus drawing's conventions: structures to scale from their areas;
// the spaces between them are the drawing's, not the design's [E].
constexpr double roadM = 30;      // between buildings of a site: roads, fire separation
constexpr double corridorM = 6;   // between halls of a building
constexpr double labelBandPx = 20; // above a site's or building's contents
constexpr double campusWidthPx = 1100;
constexpr double campusPxPerMetreMax = 4;

struct CampusBox {
  Index node;
  std::string path, name; // of the replica drawn: abilene.b1.h1, h1
  double x, y, w, h;      // px, relative to the box's container until placed
};

// A structure's stated area (m²): a hall's or building's `area`, a site's
// `site_area`; 0 when it states none.
double statedArea(const Design &design, Index node) {
  llvm::StringRef name = design.nodes[node].level == model::Level::Site ? "site_area" : "area";
  if (const model::Value *value = design.property(design.nodes[node].properties, name))
    if (const units::Quantity *area = value->quantity())
      if (!area->value.isNegative())
        return toDouble(area->value);
  return 0;
}

// The buildings and halls directly in a structure, in design order.
std::vector<Index> campusChildren(const Design &design, Index node) {
  std::vector<Index> children;
  for (Index child = node + 1; child < design.nodes[node].subtreeEnd;
       child = design.nodes[child].subtreeEnd)
    if (design.nodes[child].level == model::Level::Building ||
        design.nodes[child].level == model::Level::Hall)
      children.push_back(child);
  return children;
}

using HallSizes = std::map<Index, Extent>; // a hall's width and depth (m)

HallSizes hallSizes(const Design &design) {
  HallSizes sizes;
  for (Index n = 0; n < design.nodes.size(); ++n)
    if (design.nodes[n].level == model::Level::Hall) {
      double area = statedArea(design, n);
      sizes[n] = area > 0 ? Extent{std::sqrt(area), std::sqrt(area)}
                          : whiteSpaceOf(design, rowsOf(design, n));
    }
  return sizes;
}

// Where a site or building puts what it holds: every replica of its
// buildings and halls in a grid of ⌈√n⌉ columns, roads or corridors between
// them, the container stretched to its stated area when that is larger than
// what it holds. `sizes` are the children's boxes (px), in order; the result
// gives each child's top-left corner relative to the container's, and the
// container's size.
struct Grid {
  std::vector<double> x, y;
  double w = 0, h = 0;
};

Grid arrange(const Design &design, Index node, llvm::ArrayRef<std::pair<double, double>> sizes,
             double scale) {
  double gap = (design.nodes[node].level == model::Level::Building ? corridorM : roadM) * scale;
  size_t columns = std::max<size_t>(1, static_cast<size_t>(std::ceil(std::sqrt(sizes.size()))));
  std::vector<double> columnWidth(columns, 0), rowHeight((sizes.size() + columns - 1) / columns, 0);
  for (size_t i = 0; i < sizes.size(); ++i) {
    columnWidth[i % columns] = std::max(columnWidth[i % columns], sizes[i].first);
    rowHeight[i / columns] = std::max(rowHeight[i / columns], sizes[i].second);
  }
  Grid grid;
  double y = labelBandPx + gap / 2, contentWidth = 0;
  for (size_t row = 0; row < rowHeight.size(); ++row) {
    double x = gap / 2;
    for (size_t column = 0; column < columns && row * columns + column < sizes.size(); ++column) {
      grid.x.push_back(x);
      grid.y.push_back(y);
      x += columnWidth[column] + gap;
    }
    contentWidth = std::max(contentWidth, x - gap / 2);
    y += rowHeight[row] + gap;
  }
  grid.w = std::max(contentWidth, 160.0);
  grid.h = y - gap / 2;
  double area = statedArea(design, node);
  if (area > 0 && area * scale * scale > grid.w * grid.h)
    grid.h = area * scale * scale / grid.w;
  return grid;
}

// Lays out a replica of `node` at `scale` px per metre: its box first, then
// what it holds, at coordinates relative to its own top-left corner. A hall
// is a square of its `area` (without one, the rectangle its rows take); a
// site or building holds its buildings and halls as `arrange` places them.
std::vector<CampusBox> layOutStructure(const Design &design, const HallSizes &halls, Index node,
                                       const std::string &path, const std::string &name,
                                       double scale) {
  if (design.nodes[node].level == model::Level::Hall) {
    const Extent &size = halls.at(node);
    return {{node, path, name, 0, 0, size.widthM * scale, size.depthM * scale}};
  }
  std::vector<std::vector<CampusBox>> laidOut; // every replica of each child
  std::vector<std::pair<double, double>> sizes;
  for (Index child : campusChildren(design, node))
    for (uint64_t k = 0; k < replicasPerParent(design, child); ++k) {
      std::string childName = replicaName(design, child, k);
      laidOut.push_back(
          layOutStructure(design, halls, child, path + "." + childName, childName, scale));
      sizes.emplace_back(laidOut.back().front().w, laidOut.back().front().h);
    }
  Grid grid = arrange(design, node, sizes, scale);
  std::vector<CampusBox> boxes = {{node, path, name, 0, 0, grid.w, grid.h}};
  for (size_t i = 0; i < laidOut.size(); ++i)
    for (CampusBox box : laidOut[i]) {
      box.x += grid.x[i];
      box.y += grid.y[i];
      boxes.push_back(box);
    }
  return boxes;
}

// The size (px) of layOutStructure's box for a replica of `node`, without
// laying anything out: every replica of a node has the same size, so each
// distinct node is measured once (`measured`).
std::pair<double, double> measureStructure(const Design &design, const HallSizes &halls,
                                           Index node, double scale,
                                           std::map<Index, std::pair<double, double>> &measured) {
  if (auto known = measured.find(node); known != measured.end())
    return known->second;
  std::pair<double, double> size;
  if (design.nodes[node].level == model::Level::Hall) {
    const Extent &hall = halls.at(node);
    size = {hall.widthM * scale, hall.depthM * scale};
  } else {
    std::vector<std::pair<double, double>> sizes;
    for (Index child : campusChildren(design, node))
      sizes.insert(sizes.end(), replicasPerParent(design, child),
                   measureStructure(design, halls, child, scale, measured));
    Grid grid = arrange(design, node, sizes, scale);
    size = {grid.w, grid.h};
  }
  return measured[node] = size;
}

// The width (px) of the campus at `scale`, as layOutCampus lays it out.
double campusWidth(const Design &design, const HallSizes &halls, double scale) {
  std::map<Index, std::pair<double, double>> measured;
  double width = 0;
  for (Index top = 0; top < design.nodes.size(); top = design.nodes[top].subtreeEnd)
    if (replicasPerParent(design, top) > 0)
      width = std::max(width, measureStructure(design, halls, top, scale, measured).first + 20);
  return width;
}

// Every top-level structure, one under the other, at `scale`.
std::vector<CampusBox> layOutCampus(const Design &design, const HallSizes &halls, double scale,
                                    double &width, double &height) {
  std::vector<CampusBox> boxes;
  width = 0;
  height = 46; // below the title
  for (Index top = 0; top < design.nodes.size(); top = design.nodes[top].subtreeEnd)
    for (uint64_t k = 0; k < replicasPerParent(design, top); ++k) {
      std::string name = replicaName(design, top, k);
      std::vector<CampusBox> structure = layOutStructure(design, halls, top, name, name, scale);
      for (CampusBox &box : structure) {
        box.x += 10;
        box.y += height;
        boxes.push_back(std::move(box));
      }
      width = std::max(width, boxes[boxes.size() - structure.size()].w + 20);
      height += boxes[boxes.size() - structure.size()].h + 20;
    }
  return boxes;
}

// A round length for the scale bar, at least 60 px long.
double scaleBarMetres(double scale) {
  for (double metres : {10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0})
    if (metres * scale >= 60)
      return metres;
  return 10000;
}

} // namespace

std::string drawCampus(const Design &design) {
  // The largest scale (at most 4 px per metre) at which the campus fits
  // 1,100 px: the layout's width grows with the scale, so bisect.
  HallSizes halls = hallSizes(design);
  double low = 0.001, high = campusPxPerMetreMax, width = 0, height = 0;
  if (campusWidth(design, halls, high) > campusWidthPx) {
    for (int step = 0; step < 40; ++step) {
      double middle = (low + high) / 2;
      (campusWidth(design, halls, middle) > campusWidthPx ? high : low) = middle;
    }
    high = low;
  }
  double scale = high;
  std::vector<CampusBox> boxes = layOutCampus(design, halls, scale, width, height);
  width = std::max(width, 600.0);
  double legendTop = height + 10;
  SvgWriter svg(width, legendTop + 6 * 18 + 20, "Campus", "campus");
  svg.text(10, 18, "Buildings and halls to scale from their areas, 1 m = " + coordinate(scale) + " px",
           "font-weight:bold");
  svg.text(10, 34, "Their arrangement is the drawing's: the design gives no coordinates.");
  for (const CampusBox &box : boxes) {
    const model::Node &node = design.nodes[box.node];
    Index zone = zoneOf(design, box.node);
    if (zone == NoIndex && node.parent == NoIndex) // a site in its outermost zone
      for (Index z = 0; z < design.zones.size(); ++z)
        if (design.zones[z].node == box.node && design.zones[z].inside == NoIndex) {
          zone = z;
          break;
        }
    std::string fill = "fill:" + zoneClassColour(zoneClass(design, zone)).str();
    model::RackTotals totals = model::rackTotals(design, box.node);
    std::string figures = units::withSeparators(totals.racks) + " racks, " + units::format(totals.itPower);
    double area = statedArea(design, box.node);
    std::string areaText = area > 0 ? ", " + units::withSeparators(static_cast<uint64_t>(area)) +
                                          " m2"
                                    : "";
    std::string tooltip = box.path + ": " + figures + areaText + "; " +
                          zoneText(design, zone);
    bool hall = node.level == model::Level::Hall;
    svg.beginGroup(hall ? "campus-hall" : node.level == model::Level::Site ? "campus-site"
                                                                           : "campus-building",
                   {{"path", box.path},
                    {"x", coordinate(box.x / scale)},
                    {"y", coordinate(box.y / scale)},
                    {"width-m", coordinate(box.w / scale)},
                    {"depth-m", coordinate(box.h / scale)}});
    std::string stroke = hall ? ";stroke:#333"
                         : node.level == model::Level::Site ? ";stroke:#333;stroke-dasharray:8 4"
                                                            : ";stroke:#000;stroke-width:2";
    svg.rect(box.x, box.y, box.w, box.h, fill + stroke, tooltip);
    if (!hall)
      svg.text(box.x + 5, box.y + 15,
               model::levelName(node.level).str() + " " + box.name + ": " + figures,
               "font-weight:bold");
    else if (box.w >= 80 && box.h >= 34) {
      svg.text(box.x + 4, box.y + 14, box.name);
      svg.text(box.x + 4, box.y + 28, units::withSeparators(totals.racks) + " racks");
    }
    svg.endGroup();
  }
  svg.text(10, legendTop + 4, "Zone classes:", "font-weight:bold");
  for (int64_t c = 1; c <= 4; ++c) {
    svg.rect(10, legendTop + 10 + (c - 1) * 18, 14, 12, "fill:" + zoneClassColour(c).str() + ";stroke:#333");
    svg.text(30, legendTop + 20 + (c - 1) * 18, "class " + std::to_string(c));
  }
  double bar = scaleBarMetres(scale);
  double barY = legendTop + 10 + 4 * 18 + 6;
  svg.line(10, barY, 10 + bar * scale, barY, "stroke:#000;stroke-width:3");
  svg.text(16 + bar * scale, barY + 4, coordinate(bar) + " m");
  return svg.finish();
}

} // namespace sgd::backends::report
