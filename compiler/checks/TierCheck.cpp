#include "checks/TierCheck.h"

#include "checks/PowerCheck.h"
#include "checks/PowerNames.h"
#include "checks/QuantityMath.h"
#include "model/Aggregates.h"
#include "model/NodeScope.h"
#include "power/Redundancy.h"

#include "units/QuantityFormat.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace sgd::checks {
namespace {

using model::Design;
using model::EquipmentGroup;
using power::Element;
using power::ElementKind;

std::string formatted(const Quantity &quantity) { return units::format(quantity); }

std::string entryOf(const Design &design, const EquipmentGroup &group) {
  return "`" + design.catalog[group.entry].qualifiedName.str() + "`";
}

enum class Family { Other, Ups, Generator, Cooling };

Family familyOf(llvm::StringRef kind) {
  if (kind == "ups")
    return Family::Ups;
  if (kind == "generator")
    return Family::Generator;
  if (kind == "cdu" || kind == "crah" || kind == "chiller" || kind == "cooling_tower" ||
      kind == "dry_cooler")
    return Family::Cooling;
  return Family::Other;
}

/// Where a line's redundancy is written; else its count (`* auto`), after
/// which the redundancy goes; else the kind word that starts the line.
SourceRange redundancyAt(const EquipmentGroup &group) {
  if (group.hasRedundancy && group.redundancyRange.isValid())
    return group.redundancyRange;
  if (group.countRange.isValid())
    return group.countRange;
  SourceRange kind = group.range;
  kind.end = std::min<uint32_t>(kind.end, kind.begin + static_cast<uint32_t>(group.kind.size()));
  return kind;
}

/// "Tier III" for 3.
std::string tierName(int64_t level) {
  static const char *const roman[] = {"0", "I", "II", "III", "IV"};
  return std::string("Tier ") + (level >= 0 && level <= 4 ? roman[level] : std::to_string(level).c_str());
}

class TierChecker {
public:
  TierChecker(const Design &design, const DesignAnalysis &analysis, DiagnosticEngine &diagnostics,
              Index site, const model::Property &tier, int64_t level)
      : design_(design), analysis_(analysis), graph_(analysis.power.graph),
        diagnostics_(diagnostics), site_(site), tier_(tier), level_(level),
        tierText_(tierName(level)) {}

  /// A verdict (assessTiers) is written out per site (power.json): its
  /// messages name the first replica of a structure, as a design without
  /// ranges would, not each replica.
  void nameFirstReplicas() { firstReplicas_ = true; }

  /// `lines`: the site's equipment lines; `points`: its load points.
  void run(llvm::ArrayRef<Index> lines, llvm::ArrayRef<Index> points) {
    const model::Node &site = design_.nodes[site_];
    bool ups = false, generator = false, cooling = false;
    for (Index index : lines) {
      const EquipmentGroup &group = design_.equipment[index];
      Family family = familyOf(group.kind);
      ups |= family == Family::Ups;
      generator |= family == Family::Generator;
      cooling |= family == Family::Cooling;
      if (level_ >= 2 && family != Family::Other)
        checkSpare(group);
      if (family == Family::Generator)
        checkGenerator(group);
    }
    if (site.rackRunEnd > site.firstRackRun)
      checkFamilies(ups, generator, cooling);
    if (generator)
      for (Index point : points)
        checkOnSiteSupply(point);
    if (level_ >= 3)
      checkMaintainable(points);
    if (level_ >= 4)
      checkFaultTolerance(points);
  }

private:
  Diagnostic &report(DiagCode code, SourceRange at, std::string message) {
    Diagnostic &d = diagnostics_.report(code, at, std::move(message));
    d.note(tier_.range, "the site claims " + tierText_ + " here");
    return d;
  }

  // Tier II and up: a spare unit or system on every capacity line.
  void checkSpare(const EquipmentGroup &group) {
    const power::LineSizing &sizing = graph_.sizing[&group - design_.equipment.data()];
    if (power::hasSpare(group.redundancy) || sizing.writtenPaths >= 2)
      return;
    Diagnostic &d = report(DiagCode::E0430, redundancyAt(group),
                           tierText_ + " needs redundant capacity components: `" +
                               group.kind.str() + "` " + entryOf(design_, group) + " is " +
                               model::redundancyName(group.redundancy) +
                               (group.hasRedundancy ? "" : " (no redundancy written)") +
                               ", with no spare unit");
    d.note("Uptime Institute Tier Standard: Topology: from Tier II, redundant capacity "
           "components (N+1); 2N, xN/y and N+k catcher forms qualify too");
    if (const model::Value *inside =
            design_.property(design_.catalog[group.entry].properties, "internal_spares"))
      if (const Quantity *spares = inside->quantity(); spares && isPositive(*spares))
        d.note("the spares inside each unit do not count: maintaining a unit takes all of it "
               "out of service");
    if (!group.hasRedundancy && group.countRange.isValid()) {
      SourceRange after = group.countRange;
      after.begin = after.end;
      d.fix(after, " redundancy N+1");
    }
  }

  void checkFamilies(bool ups, bool generator, bool cooling) {
    std::vector<std::string> missing;
    if (!ups)
      missing.push_back("no `ups` line");
    if (!generator)
      missing.push_back("no `generator` line (Uptime counts only on-site generation as a "
                        "reliable source)");
    if (!cooling)
      missing.push_back("no cooling line (`cdu`, `crah`, `chiller`, `cooling_tower` or "
                        "`dry_cooler`)");
    if (missing.empty())
      return;
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i)
      list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    diagnostics_.report(DiagCode::E0430, tier_.range,
                        "the site claims " + tierText_ +
                            ", which needs a UPS, on-site generation and cooling (Uptime "
                            "Institute Tier Standard: Topology), but it has racks and " +
                            list);
  }

  // Every hall has power from on-site generation.
  void checkOnSiteSupply(Index point) {
    const power::LoadPoint &p = graph_.loadPoints[point];
    if (analysis_.powerFindings.onSite[p.racks])
      return;
    report(DiagCode::E0430,
           p.structure != NoIndex ? design_.nodes[p.structure].range : tier_.range,
           tierText_ + " needs on-site generation behind every hall, but no generator reaches " +
               name(p.structure))
        .note("Uptime counts the engine-generator plant as the only reliable source; the "
              "utility is an economic alternative");
  }

  // Generators: 12 h of fuel stored on site at N; Tier III and IV a rating
  // without run-hour limit.
  void checkGenerator(const EquipmentGroup &group) {
    model::PropertySpan entry = design_.catalog[group.entry].properties;
    const model::Property *fuel = design_.findProperty(group.properties, "fuel_hours");
    const model::Value *supply = design_.property(entry, "fuel_supply");
    bool pipeline = supply && supply->text() && *supply->text() == "pipeline";
    const Quantity twelveHours = llvm::cantFail(units::parseQuantity("12", "h"));
    if (!fuel) {
      Diagnostic &d = report(
          DiagCode::E0402, group.range,
          pipeline ? tierText_ + " needs 12 h of fuel stored on site at N; " +
                         entryOf(design_, group) + " runs on pipeline gas, which is not stored on site"
                   : "generators need `fuel_hours`: " + tierText_ +
                         " needs 12 h of fuel stored on site at N");
      d.note("Uptime Institute Tier Standard: Topology: 12 hours of on-site fuel storage for N "
             "capacity, at every Tier");
      if (pipeline)
        d.note("store fuel on site for the sets (`fuel_hours`: dual-fuel engines, LNG or "
               "diesel tanks), or claim no Tier");
    } else if (const Quantity *hours = fuel->value.quantity(); hours && below(*hours, twelveHours)) {
      report(DiagCode::E0402, fuel->range,
             tierText_ + " needs 12 h of fuel stored on site at N; this is " + formatted(*hours))
          .note("Uptime Institute Tier Standard: Topology: 12 hours of on-site fuel storage for "
                "N capacity, at every Tier");
    }
    if (level_ < 3)
      return;
    const model::Value *rating = design_.property(entry, "rating_class");
    const std::string *ratingClass = rating ? rating->text() : nullptr;
    const model::Value *hours = design_.property(entry, "hours_limit");
    if (!hours && ratingClass && *ratingClass != "ESP" && *ratingClass != "LTP")
      return;
    Diagnostic &d = report(
        DiagCode::E0404, group.range,
        tierText_ + " needs generators without a run-hour limit at N (COP, PRP or DCC); " +
            entryOf(design_, group) + " is " +
            (ratingClass ? "rated " + *ratingClass : "not given a `rating_class`") +
            (hours && hours->quantity() ? ", limited to " + formatted(*hours->quantity()) + " a year"
                                        : ""));
    d.note(design_.catalog[group.entry].range, "catalog entry here");
    d.note("Uptime Institute, Engine-Generator Ratings: engine generators for Tier III and IV "
           "shall not have a limitation on consecutive hours of operation when loaded to N "
           "demand; ISO 8528-1 limits ESP to 200 h and LTP to 500 h a year");
  }

  // Tier III: every element can be taken out with on-site generation alone
  // and every rack keeps power.
  void checkMaintainable(llvm::ArrayRef<Index> points) {
    std::set<Index> ours(points.begin(), points.end());
    std::set<std::pair<Index, Index>> reported;
    std::set<Index> singleCorded; // halls reported for their single-corded racks
    for (const power::SinglePoint &point : analysis_.powerFindings.onSitePoints) {
      std::vector<Index> halls;
      for (Index lp : point.loadPoints)
        if (ours.count(lp))
          halls.push_back(lp);
      if (halls.empty())
        continue;
      if (point.singleCorded) {
        // Racks with one cord: every element of their path is a single
        // point; one error per hall says so.
        for (Index lp : halls)
          if (singleCorded.insert(lp).second)
            reportSingleCorded(lp, point.element);
        continue;
      }
      const Element &e = graph_.elements[point.element];
      // A UPS or generator line short of a spare is the redundancy error above.
      if (point.unitShort && e.group != NoIndex && !e.implied &&
          familyOf(design_.equipment[e.group].kind) != Family::Other &&
          !power::hasSpare(design_.equipment[e.group].redundancy))
        continue;
      const Element &owner = graph_.elements[writtenElement(graph_, point.element)];
      if (!reported.insert({owner.group, owner.block}).second)
        continue;
      std::string why = point.unitShort ? "one unit out of service, it cannot carry its load: "
                                        : "taking it out of service leaves ";
      Diagnostic &d = report(
          DiagCode::E0431, elementRange(design_, graph_, point.element),
          maintainable() + elementName(design_, graph_, point.element) + " is a single point: " +
              why + hallsText(design_, graph_, halls, graph_.elements[point.element].structure) +
              " without power");
      d.note(point.unitShort ? "it has no spare unit, and the racks have no other path from "
                               "on-site generation"
                             : "the racks have no other path from on-site generation around it");
      d.note("Uptime Institute Tier Standard: Topology: each and every capacity component and "
             "element of the distribution paths can be removed from service on a planned basis "
             "without impacting the computer equipment");
    }
  }

  std::string maintainable() const {
    return tierText_ + (level_ >= 4 ? " (fault tolerant)" : " (concurrently maintainable)") +
           " needs every element removable with the racks powered, but ";
  }

  // The racks of a hall with one cord: they drop with any element of the
  // path their cord is on.
  void reportSingleCorded(Index point, Index element) {
    const power::LoadPoint &p = graph_.loadPoints[point];
    std::string types;
    std::set<Index> seen;
    for (Index run = design_.nodes[p.structure].firstRackRun;
         run < design_.nodes[p.structure].rackRunEnd; ++run) {
      Index type = design_.rackRuns[run].rackType;
      const model::Value *cords = design_.property(design_.catalog[type].properties, "power_cords");
      if (cords && cords->quantity() && cords->quantity()->value == units::Rational(1) &&
          seen.insert(type).second)
        types += (types.empty() ? "" : ", ") + entryName(design_, type);
    }
    report(DiagCode::E0431, design_.nodes[p.structure].range,
           maintainable() + "the racks of " + name(p.structure) +
               " with one power cord (" + types + ") are on one path: taking out " +
               elementName(design_, graph_, element) + " drops those on it")
        .note("a single-corded rack needs a point-of-use transfer switch, or a second cord, "
              "to be concurrently maintainable");
  }

  // Tier IV: two active paths to every hall, compartmentalised.
  void checkFaultTolerance(llvm::ArrayRef<Index> points) {
    std::set<Index> ours(points.begin(), points.end());
    for (Index point : points) {
      const power::LoadPoint &p = graph_.loadPoints[point];
      size_t active = 0;
      for (Index cord : p.cords)
        active += analysis_.powerFindings.onSite[cord] ? 1 : 0;
      if (active >= 2 && p.fewestCords >= 2)
        continue;
      report(DiagCode::E0442,
             p.structure != NoIndex ? design_.nodes[p.structure].range : tier_.range,
             tierText_ + " (fault tolerant) needs two simultaneously active paths to every "
                         "rack, but " +
                 name(p.structure) +
                 (p.fewestCords < 2 ? " has single-corded racks"
                                    : " has " + std::to_string(active) +
                                          " active path" + (active == 1 ? "" : "s")))
          .note("Uptime Institute Tier Standard: Topology: Tier IV has multiple, independent, "
                "diverse, active distribution paths simultaneously serving the computer "
                "equipment");
    }
    std::set<std::pair<Index, Index>> reported;
    for (const power::CompartmentFinding &finding : analysis_.powerFindings.compartments) {
      if (!ours.count(finding.loadPoint))
        continue;
      const Element &owner = graph_.elements[writtenElement(graph_, finding.element)];
      if (!reported.insert({owner.group, owner.block}).second)
        continue;
      const power::LoadPoint &p = graph_.loadPoints[finding.loadPoint];
      std::string message =
          finding.other == NoIndex
              ? tierText_ + " (fault tolerant) keeps each path in its own fire compartment, but " +
                    elementName(design_, graph_, finding.element) + ", which feeds " +
                    name(p.structure) + ", has no `compartment`"
              : tierText_ + " (fault tolerant) keeps each path in its own fire compartment, but " +
                    elementName(design_, graph_, finding.element) + " shares compartment `" +
                    graph_.elements[finding.element].compartment.str() + "` with " +
                    elementName(design_, graph_, finding.other);
      report(DiagCode::E0443, elementRange(design_, graph_, finding.element), message)
          .note("Uptime Institute Tier Standard: Topology: complementary systems and "
                "distribution paths must be physically isolated from one another "
                "(compartmentalized) to prevent any single event from impacting both");
    }
  }

  const Design &design_;
  const DesignAnalysis &analysis_;
  const power::PowerGraph &graph_;
  DiagnosticEngine &diagnostics_;
  Index site_;
  const model::Property &tier_;
  int64_t level_;
  std::string tierText_;
  bool firstReplicas_ = false;

  std::string name(Index node) const {
    if (!firstReplicas_ || node == NoIndex)
      return nodeName(design_, node);
    return model::levelName(design_.nodes[node].level).str() + " `" +
           design_.pathOf(model::Replica{node, 0}) + "`";
  }
};

/// The load points of each site.
std::map<Index, std::vector<Index>> loadPointsBySite(const Design &design,
                                                     const power::PowerGraph &graph) {
  std::map<Index, std::vector<Index>> bySite;
  for (Index point = 0; point < graph.loadPoints.size(); ++point)
    if (Index structure = graph.loadPoints[point].structure; structure != NoIndex)
      bySite[design.topLevelOf(structure)].push_back(point);
  return bySite;
}

const model::Property *tierProperty(const Design &design, Index site) {
  for (const model::Property &property : design.propertiesOf(design.nodes[site].properties))
    if (property.name == "tier" && property.value.quantity())
      return &property;
  return nullptr;
}

} // namespace

void checkTier(const Design &design, const DesignAnalysis &analysis,
               DiagnosticEngine &diagnostics) {
  std::map<Index, std::vector<Index>> lines = model::equipmentByTopLevel(design);
  std::map<Index, std::vector<Index>> points = loadPointsBySite(design, analysis.power.graph);
  for (Index site = 0; site < design.nodes.size(); site = design.nodes[site].subtreeEnd) {
    if (design.nodes[site].level != model::Level::Site)
      continue;
    const model::Property *tier = tierProperty(design, site);
    int64_t level = claimedTier(design, site);
    if (!tier || level < 1)
      continue;
    model::NodeScope replicas(diagnostics, design, site);
    TierChecker(design, analysis, diagnostics, site, *tier, level).run(lines[site], points[site]);
  }
}

std::map<Index, TierVerdict> assessTiers(const Design &design, const DesignAnalysis &analysis) {
  std::map<Index, TierVerdict> verdicts;
  std::map<Index, std::vector<Index>> lines = model::equipmentByTopLevel(design);
  std::map<Index, std::vector<Index>> points = loadPointsBySite(design, analysis.power.graph);
  for (Index site = 0; site < design.nodes.size(); site = design.nodes[site].subtreeEnd) {
    if (design.nodes[site].level != model::Level::Site || claimedTier(design, site) < 1)
      continue;
    const model::Property *tier = tierProperty(design, site);
    if (!tier)
      continue;
    TierVerdict &verdict = verdicts[site];
    for (int64_t level = 1; level <= 4; ++level) {
      DiagnosticEngine scratch;
      TierChecker checker(design, analysis, scratch, site, *tier, level);
      checker.nameFirstReplicas();
      checker.run(lines[site], points[site]);
      if (scratch.hasErrors()) {
        verdict.next = scratch.sorted().front()->message;
        break;
      }
      verdict.met = level;
    }
  }
  return verdicts;
}

} // namespace sgd::checks
