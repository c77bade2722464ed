#include "checks/TierCheck.h"

#include "model/Aggregates.h"
#include "model/NodeScope.h"

#include <algorithm>
#include <optional>
#include <string>

namespace sgd::checks {
namespace {

using model::Design;
using model::EquipmentGroup;

enum class Family { Other, Ups, Generator, Cooling, Distribution };

Family familyOf(llvm::StringRef kind) {
  if (kind == "ups")
    return Family::Ups;
  if (kind == "generator")
    return Family::Generator;
  if (kind == "cdu" || kind == "crah" || kind == "chiller" || kind == "cooling_tower" ||
      kind == "dry_cooler")
    return Family::Cooling;
  if (kind == "busway" || kind == "pdu")
    return Family::Distribution;
  return Family::Other;
}

bool twoSided(const EquipmentGroup &group) { return group.redundancy.factor >= 2; }
bool hasSpare(const EquipmentGroup &group) { return twoSided(group) || group.redundancy.spare > 0; }

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

/// For a line without a written redundancy, inserts one after its count.
void suggestRedundancy(Diagnostic &diagnostic, const EquipmentGroup &group, llvm::StringRef form) {
  if (group.hasRedundancy || !group.countRange.isValid())
    return;
  SourceRange after = group.countRange;
  after.begin = after.end;
  diagnostic.fix(after, (" redundancy " + form).str());
}

/// "`ups` `power.ups_1250kw` is N", "… is N (no redundancy written)".
std::string lineIs(const Design &design, const EquipmentGroup &group) {
  return "`" + group.kind.str() + "` `" + design.catalog[group.entry].qualifiedName.str() +
         "` is " + model::redundancyName(group.redundancy) +
         (group.hasRedundancy ? "" : " (no redundancy written)");
}

class TierChecker {
public:
  TierChecker(const Design &design, const DesignAnalysis &analysis, DiagnosticEngine &diagnostics,
              Index site, const model::Property &tier, int64_t level)
      : design_(design), analysis_(analysis), diagnostics_(diagnostics), site_(site), tier_(tier),
        level_(level), tierText_("Tier " + std::to_string(level)) {}

  /// `lines`: the site's equipment lines (model::equipmentByTopLevel).
  void run(llvm::ArrayRef<Index> lines) {
    const model::Node &site = design_.nodes[site_];
    bool ups = false, generator = false, cooling = false;
    for (Index index : lines) {
      const EquipmentGroup &group = design_.equipment[index];
      Family family = familyOf(group.kind);
      ups |= family == Family::Ups;
      generator |= family == Family::Generator;
      cooling |= family == Family::Cooling;
      checkLine(group, family);
    }
    if (site.rackRunEnd > site.firstRackRun)
      checkFamilies(ups, generator, cooling);
    if (level_ >= 3 && ups)
      checkHallsServed(lines);
  }

private:
  Diagnostic &report(DiagCode code, SourceRange at, std::string message) {
    Diagnostic &d = diagnostics_.report(code, at, std::move(message));
    d.note(tier_.range, "the site claims " + tierText_ + " here");
    return d;
  }

  bool servesRacks(const EquipmentGroup &group) const {
    return !analysis_.nodes[group.node].itPower.value.isZero();
  }

  void checkLine(const EquipmentGroup &group, Family family) {
    if (family == Family::Other)
      return;
    // Tier 4: two independent systems of UPS and generators.
    if (level_ >= 4 && (family == Family::Ups || family == Family::Generator)) {
      if (!twoSided(group))
        suggestRedundancy(report(DiagCode::E0430, redundancyAt(group),
                                 tierText_ + " (fault tolerant) needs two independent systems: " +
                                     lineIs(design_, group) +
                                     ", one system; use 2N or 2(N+1) (domain facts "
                                     "§4.1: System + System; §4.2: TIA Rated-4 is 2(N+1))"),
                          group, "2N");
      return;
    }
    // Tier 3 and 4: the UPS, busways and PDUs are the distribution paths.
    // A two-sided form also has the spare that Tier 2 asks for, so a
    // single-sided UPS is reported once, as a single path.
    if (level_ >= 3 && (family == Family::Ups || family == Family::Distribution)) {
      if (!twoSided(group) && servesRacks(group)) {
        suggestRedundancy(
            report(DiagCode::E0431, redundancyAt(group),
                   pathsNeeded() + ": " + lineIs(design_, group) +
                       ", one path (an N+k bus is a single point of failure, domain facts "
                       "§2.7); use 2N, 2N+k or 2(N+k)"),
            group, "2N");
        return;
      }
    }
    if (family == Family::Distribution)
      return;
    // Tier 2 and up: redundant capacity components.
    if (!hasSpare(group))
      suggestRedundancy(
          report(DiagCode::E0430, redundancyAt(group),
                 tierText_ + " needs redundant capacity components: " + lineIs(design_, group) +
                     ", with no spare unit; use N+1 or more (domain facts §4.1: N+1 from "
                     "Tier II)"),
          group, "N+1");
  }

  std::string pathsNeeded() const {
    return level_ >= 4 ? tierText_ + " (fault tolerant) needs two simultaneously active "
                                     "distribution paths (domain facts §4.1)"
                       : tierText_ + " (concurrently maintainable) needs a second "
                                     "distribution path (domain facts §4.1: 1 normal + 1 "
                                     "alternate)";
  }

  void checkFamilies(bool ups, bool generator, bool cooling) {
    std::vector<std::string> missing;
    if (!ups)
      missing.push_back("no `ups` line");
    if (!generator)
      missing.push_back("no `generator` line (Uptime counts only the on-site engine plant "
                        "as a reliable source)");
    if (!cooling)
      missing.push_back("no cooling line (`cdu`, `crah`, `chiller`, `cooling_tower` or "
                        "`dry_cooler`)");
    if (missing.empty())
      return;
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i)
      list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    std::string needs =
        level_ >= 4 ? "2N UPS and generators and N+1 cooling" : "N+1 UPS, generators and cooling";
    diagnostics_.report(DiagCode::E0430, tier_.range,
                        "the site claims " + tierText_ + ", which needs " + needs +
                            " (domain facts §4.1), but it has racks and " + list);
  }

  // Every hall with racks is served by some UPS, busway or PDU line: in the
  // hall or below it, or in its building or site. Nodes are in depth-first
  // order, so parents come before their children.
  // The flags are indexed by node - site_: the site's subtree only.
  void checkHallsServed(llvm::ArrayRef<Index> lines) {
    const model::Node &site = design_.nodes[site_];
    size_t count = site.subtreeEnd - site_;
    std::vector<bool> line(count, false), above(count, false), below(count, false);
    for (Index index : lines) {
      const EquipmentGroup &group = design_.equipment[index];
      Family family = familyOf(group.kind);
      if (family == Family::Ups || family == Family::Distribution)
        line[group.node - site_] = true;
    }
    for (Index node = site_; node < site.subtreeEnd; ++node) {
      Index parent = design_.nodes[node].parent;
      above[node - site_] =
          line[node - site_] || (parent != NoIndex && above[parent - site_]);
    }
    for (Index node = site.subtreeEnd; node-- > site_;) {
      below[node - site_] = below[node - site_] || line[node - site_];
      Index parent = design_.nodes[node].parent;
      if (parent != NoIndex && below[node - site_])
        below[parent - site_] = true;
    }
    for (Index hall = site_; hall < site.subtreeEnd; ++hall) {
      const model::Node &node = design_.nodes[hall];
      if (node.level != model::Level::Hall || node.rackRunEnd == node.firstRackRun)
        continue;
      if (!above[hall - site_] && !below[hall - site_])
        report(DiagCode::E0431, node.range,
               pathsNeeded() + " to every hall, but no `ups`, `busway` or `pdu` line serves "
                               "this hall");
    }
  }

  const Design &design_;
  const DesignAnalysis &analysis_;
  DiagnosticEngine &diagnostics_;
  Index site_;
  const model::Property &tier_;
  int64_t level_;
  std::string tierText_;
};

} // namespace

void checkTier(const Design &design, const DesignAnalysis &analysis,
               DiagnosticEngine &diagnostics) {
  std::map<Index, std::vector<Index>> lines = model::equipmentByTopLevel(design);
  for (Index site = 0; site < design.nodes.size(); site = design.nodes[site].subtreeEnd) {
    if (design.nodes[site].level != model::Level::Site)
      continue;
    for (const model::Property &property : design.propertiesOf(design.nodes[site].properties)) {
      if (property.name != "tier" || !property.value.quantity())
        continue;
      const units::Rational &value = property.value.quantity()->value;
      if (value.denominator() != 1 || value.numerator() < 2)
        continue;
      model::NodeScope replicas(diagnostics, design, site);
      TierChecker(design, analysis, diagnostics, site, property,
                  static_cast<int64_t>(value.numerator()))
          .run(lines[site]);
    }
  }
}

} // namespace sgd::checks
