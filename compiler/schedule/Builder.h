// The builder of the task network (Schedule.h, buildNetwork): private to
// compiler/schedule. Its parts live in files of their own:
//   Network.cpp        sites, buildings and halls, commissioning, milestones
//   GridAndPermits.cpp interconnection, switchyard, substation, permits, air
//                      permits, on-site power plants
//   Procurement.cpp    delivery lots
//   Energisation.cpp   which source energises each building first
//   Overrides.cpp      the `schedule { }` blocks: overrides, new tasks, links
#ifndef SGD_SCHEDULE_BUILDER_H
#define SGD_SCHEDULE_BUILDER_H

#include "power/HallSources.h"
#include "schedule/Schedule.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

#include <set>

namespace sgd::schedule {

using model::Index;
using model::NoIndex;
using model::Replica;

/// No replica: above the top level.
inline constexpr Replica noReplica{NoIndex, 0};

/// ceil(value ÷ unit) for a value that is not negative; 0 when it does not fit.
inline int64_t ceilQuotient(const units::Rational &value, int64_t unit) {
  std::optional<units::Rational> q = units::checkedDivide(value, units::Rational(unit));
  return q ? (q->numerator() + q->denominator() - 1) / q->denominator() : 0;
}

// Every replica of a site, building and hall is its own unit of work: the
// network names each one (`b3.h2.mep`).

/// The tasks of one hall (or of a building without halls, or of a site
/// without buildings).
struct HallUnit {
  Replica node;
  unsigned mep, cxL2, cxL3, cxL4, itInstall, ready;
};

/// The tasks of one building (or of a site without buildings).
struct BuildingUnit {
  Replica node;
  unsigned phase = 1;
  unsigned permit, shell, energise, cxL5;
  std::vector<HallUnit> halls;
};

/// An on-site power plant: the prime generation and storage of one site or
/// building, installed as one task once delivered and permitted.
struct PlantUnit {
  Replica node;               // the site or building whose lines these are
  unsigned task;              // `power_plant`, `b1.power_plant`
  std::vector<Index> lines;   // into Design::equipment: prime generators, BESS (per replica of node)
  bool generates = false;     // it has prime generation, not storage alone
};

/// Whether on-site generation can energise a building before the grid
/// (Energisation.cpp): the plants it waits for, or why not.
struct OnSiteSupply {
  bool carries = false;
  std::vector<unsigned> plants; // the power_plant tasks of its generation and storage
  std::string why;              // when it does not: "h2 has no on-site generation …"
};

/// One lot in the making (Procurement.cpp).
struct LotDraft {
  Index entry = NoIndex;
  Replica building = noReplica; // noReplica: the site's own gear
  uint64_t quantity = 0;
  std::vector<DeliveryLot::Need> needs;

  /// Adds a task that waits for the lot. The same need as the last one is
  /// not added again: the rack lines and rows of a hall all wait for the
  /// same task (an explicit design has a run per rack line), and a lot's
  /// dates and links take each task once.
  void need(unsigned task, int64_t lag = 0) {
    if (needs.empty() || needs.back().task != task || needs.back().lag != lag)
      needs.push_back({task, lag});
  }
};

struct SiteUnit {
  Replica node = noReplica;
  std::string prefix; // "" for a design of one site, else "abilene."
  std::vector<std::string> jurisdiction; // grid, region, country: Defaults::daysIn keys
  unsigned siteWorks = 0, substation = 0;
  std::optional<unsigned> study, agreement, switchyard, airPermit;
  uint64_t hvBreakerBays = 0; // the switchyard's breakers the project procures
  std::vector<PlantUnit> plants;
  std::optional<unsigned> firstPower, firstItReady, complete;
  std::vector<BuildingUnit> buildings;
  std::map<Index, unsigned> order;                        // catalog entry → its order
  std::map<Replica, unsigned> buildingOf;                  // building → index into buildings
  std::map<Replica, std::pair<unsigned, unsigned>> hallOf; // hall → (building, hall)
};

class Builder {
public:
  Builder(const model::Design &design, const checks::DesignAnalysis &analysis,
          DiagnosticEngine &diagnostics, PlanScope scope, PlanDetail detail)
      : design_(design), analysis_(analysis), diagnostics_(diagnostics), scope_(scope) {
    net_.detail = detail;
  }

  std::optional<Network> run();

private:
  // --- tasks and links (Network.cpp) ---------------------------------------
  /// A task; its description (TaskTexts::description) is put into words
  /// only when the plan keeps texts.
  unsigned addTask(std::string name, llvm::StringRef kind, const llvm::Twine &description,
                   int64_t duration, bool milestone = false);
  void link(unsigned pred, unsigned succ, LinkType type = LinkType::FS, int64_t lag = 0);
  /// Keeps each link (the same tasks, type and lag) once, where it first
  /// came; link() adds them as they come (a repeated link changes no CPM
  /// result).
  void dropRepeatedLinks();
  /// A default duration of defaults.sgd in working days (0 when absent).
  int64_t defaultDays(llvm::StringRef name) const;
  /// A duration of permits.sgd for the site's jurisdiction, in working days.
  int64_t lawDays(const SiteUnit &site, llvm::StringRef name) const;
  int64_t workingDaysOf(const units::Rational &days) const {
    return net_.calendar.workingDays(days);
  }

  // --- names ----------------------------------------------------------------
  /// What the names of a node's tasks are made of, below `site`: made once
  /// per replica, for its many tasks, lots and links.
  struct NodeNames {
    std::string path;  // `b1.h1`, "" for the site itself
    std::string words; // `b1 h1`, for titles
  };
  const NodeNames &namesOf(Replica node, Replica site) const;
  /// `b1.h1` below the site, or "" for the site itself.
  std::string relativePath(Replica node, Replica site) const;
  std::string nameOf(const SiteUnit &site, Replica node, llvm::StringRef suffix) const;
  /// The title of a task of `node` (TaskTexts::title): "b1 h1: MEP fit-out", the
  /// path below the site in words; the site's name leads when the design has
  /// several, and a site's own task in a design of one site has none.
  std::string titleOf(const SiteUnit &site, Replica node, llvm::StringRef label) const;
  /// Sets the place (Task::place) of a task of `node`, and in a plan for
  /// outputs its outline and title (the outline of its procurement with
  /// `procurement`).
  void place(unsigned task, const SiteUnit &site, Replica node, llvm::StringRef label,
             bool procurement = false);
  /// The index in Network::places of a node's tasks' place.
  unsigned placeOf(Replica node);
  /// Whether the plan keeps the texts for people and the crews
  /// (PlanDetail::Outputs).
  bool forOutputs() const { return net_.detail == PlanDetail::Outputs; }
  /// Whether the plan keeps the delivery lots (PlanDetail::Outputs, Costs).
  bool keepsLots() const { return net_.detail != PlanDetail::Diagnostics; }
  /// Whether the tasks' names and the groups are indexed (byName_, groups_):
  /// only the design's own schedules look them up.
  bool indexesNames() const { return !design_.schedules.empty(); }
  /// The work-breakdown path of a node's tasks (TaskTexts::outline).
  const std::vector<std::string> &outlineOf(Replica node) const;
  Index ancestorAt(Index node, model::Level level) const;
  Replica ancestorAt(Replica node, model::Level level) const;
  /// Visits each equipment line of the site once per replica of its node
  /// (Design::equipment order within each replica).
  void forEachLine(const SiteUnit &site, llvm::function_ref<void(Index, Replica)> visit) const;

  // --- structure (Network.cpp) ----------------------------------------------
  void buildSite(SiteUnit &site);
  void buildBuilding(SiteUnit &site, Replica building);
  void addMilestones(SiteUnit &site);
  /// The hall units a node's gear serves: its hall, else every hall of its
  /// building, else every hall of the site.
  std::vector<const HallUnit *> hallsFor(const SiteUnit &site, Replica node) const;
  const BuildingUnit *buildingFor(const SiteUnit &site, Replica node) const;

  // --- the grid and the law (GridAndPermits.cpp) ----------------------------
  /// Interconnection study and agreement, HV breakers, switchyard and
  /// substation; nothing of the grid for a site without a `utility`.
  void buildGrid(SiteUnit &site);
  /// The on-site power plants and the air permit their generators need.
  void buildPlants(SiteUnit &site);
  /// Whether a generator line runs continuously (rated COP or PRP).
  bool isPrimeGenerator(Index line) const;
  bool procured(Index line) const;
  /// Whether `value` is at or above the stdlib's threshold `threshold`
  /// (stdlib/schedule/permits.sgd); true when the stdlib has none.
  bool atLeastDefault(const units::Quantity &value, llvm::StringRef threshold) const;

  // --- procurement (Procurement.cpp) ----------------------------------------
  void buildLots(SiteUnit &site);
  /// The tasks the gear of one equipment line (in replica `at` of its node)
  /// waits for.
  void needsOf(const SiteUnit &site, Index line, Replica at, LotDraft &lot) const;
  /// Order and deliveries of one entry's lots, in delivery order.
  void procureEntry(SiteUnit &site, Index entry, std::vector<LotDraft> lots);
  /// A lot of gear without a catalog entry (HV breakers).
  unsigned procureItem(SiteUnit &site, llvm::StringRef item, llvm::StringRef what,
                       uint64_t quantity, const units::Rational &leadDays,
                       std::vector<DeliveryLot::Need> needs);

  // --- first power (Energisation.cpp) ---------------------------------------
  /// Links each building's energisation to the source that reaches it
  /// first, and the first-power and first-hall milestones to the building
  /// and hall that come first (decided on a CPM of the network without
  /// those links, which they cannot move).
  void chooseSources(std::vector<SiteUnit> &sites);
  /// What the one-line says of a building's halls (power::hallSources).
  OnSiteSupply onSiteSupply(const SiteUnit &site, const BuildingUnit &building,
                            llvm::ArrayRef<power::HallSources> halls) const;

  // --- the design's schedules (Overrides.cpp) --------------------------------
  void applySchedules(std::vector<SiteUnit> &sites);
  /// The site of each replica of a schedule's node (the first site for a
  /// schedule at the top level).
  SiteUnit &siteOf(std::vector<SiteUnit> &sites, Replica scope) const;
  /// A delivery whose duration the design overrides: its lot's terms and
  /// description give that duration, not the catalog's lead time.
  void restateLeadTime(unsigned delivery);
  /// The tasks a name in a schedule at `scope` stands for: the first of
  /// `SCOPE.NAME`, `PARENT.NAME`, …, `NAME` below the site (a group names
  /// every member), then the name as the design's full name.
  std::vector<unsigned> resolve(const SiteUnit &site, Replica scope, llvm::StringRef name) const;
  /// Why `name` names no task, with the closest full names: "" when a new
  /// task of that name is fine (a `declaration` without `.` that is no near
  /// miss of a generated name, or is `linked`: it has links or is linked to).
  std::string unknownName(const SiteUnit &site, Replica scope, llvm::StringRef name,
                          bool declaration, bool linked) const;
  /// Indexes the tasks [from, to) and, the first time, the groups by the last
  /// part of their names, so that unknownName finds `X.shell` for `shell`
  /// without a scan of the whole network per written task.
  void indexLeaves(size_t from, size_t to);

  const model::Design &design_;
  const checks::DesignAnalysis &analysis_;
  DiagnosticEngine &diagnostics_;
  PlanScope scope_;
  Network net_;
  llvm::StringMap<unsigned> byName_;
  /// Names that stand for groups of tasks (`b1.it_install`: every hall's IT
  /// install in b1), for the design's schedules: a link to a group links
  /// every member.
  std::map<std::string, std::vector<unsigned>> groups_;
  mutable std::map<std::pair<Replica, Replica>, NodeNames> names_; // namesOf
  mutable std::map<Replica, std::vector<std::string>> outlines_;    // outlineOf
  mutable llvm::StringMap<int64_t> defaultDays_;                     // defaultDays
  std::map<Replica, unsigned> placeOfNode_;                          // placeOf
  std::map<std::pair<std::string, std::string>, unsigned> placeIndex_; // (site, building) → place
  /// The crew a task of each kind holds (`mep_crew`, `mep_crews` of the
  /// defaults), if any: looked up once per kind (Task::kind, a literal).
  std::map<llvm::StringRef, std::optional<ResourceUse>> crews_;
  size_t generated_ = 0; // the tasks the generator made, before the design's own
  // indexLeaves: task indices (ascending) and group names (in the groups'
  // order) by the part of their name after the last `.`.
  std::map<std::string, std::vector<unsigned>, std::less<>> tasksByLeaf_;
  std::map<std::string, std::vector<const std::string *>, std::less<>> groupsByLeaf_;
};

} // namespace sgd::schedule

#endif
