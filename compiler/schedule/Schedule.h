#ifndef SGD_SCHEDULE_SCHEDULE_H
#define SGD_SCHEDULE_SCHEDULE_H

#include "base/SourceRange.h"
#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"

#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sgd::schedule {

/// The four precedence relations. The first letter is the predecessor's end
/// that counts, the second the successor's.
enum class LinkType : uint8_t { FS, SS, FF, SF };

llvm::StringRef linkTypeName(LinkType type);

/// Days since 1970-01-01 (negative before), and back.
int64_t daysFromCivil(const model::Date &date);
model::Date civilFromDays(int64_t days);
/// 2024-06-01
std::string formatDate(const model::Date &date);

/// A working-day calendar: the first `workDays` days of every week (Monday
/// first) are worked, except the `holidays`. Working days are numbered from
/// the first working day on or after `start` (number 0); days before it have
/// negative numbers.
struct Calendar {
  model::Date start{2025, 1, 1};
  unsigned workDays = 7; // 5, 6 or 7
  /// Days not worked although their weekday is (`holidays = [2024-12-25];`),
  /// in any order; a holiday on a day off of the week changes nothing.
  std::vector<model::Date> holidays;

  /// Whether `date` is worked: a working weekday and no holiday.
  bool isWorking(const model::Date &date) const;
  /// The holidays that fall on working weekdays, sorted, without
  /// duplicates: the calendar exceptions the outputs write.
  std::vector<model::Date> workdayHolidays() const;

  /// The number of the working day `date` falls on, or of the next working
  /// day when `date` is not worked.
  int64_t dayNumber(const model::Date &date) const;
  /// The date of working day `number`.
  model::Date dateOf(int64_t number) const;
  /// Elapsed `days` (a fraction allowed, negative for a lead) in working
  /// days at the calendar's ratio, rounded away from zero.
  int64_t workingDays(const units::Rational &days) const;
};

/// Something a task holds while it runs, for levelling: `amount` of the
/// pool `pool` of Network::crews (a crew of `crews { }`, or `load_banks` in
/// kW of load-bank capacity).
struct ResourceUse {
  std::string pool;
  int64_t amount = 0;
};

/// One activity of the network. Times are in working days. Its texts for
/// people are in Network::texts, which a plan for diagnostics leaves empty.
struct Task {
  std::string name;     // b1.h1.mep, power.xfmr_100mva.b1.delivery, first_power
  /// A literal, which outlives any network: procurement, order, preorder,
  /// permit, grid, switchyard, site_works, substation, shell, energise,
  /// power_plant, mep, cx_l2 … cx_l5, it_install, milestone, task (the
  /// design's own).
  llvm::StringRef kind;
  int64_t duration = 0;
  bool milestone = false;
  std::optional<int64_t> startNoEarlier; // a date: `date =`, a preorder, the order day
  std::optional<int64_t> finishNoLater;  // `deadline =`: the working day it must finish by (inclusive)
  SourceRange deadlineRange;              // where `deadline =` is written
  model::Index entry = model::NoIndex;    // the catalog entry of an order or delivery
  std::vector<ResourceUse> resources;     // what it holds while it runs, for levelling
  /// Working days that crew levelling adds before the task starts
  /// (`--level`): its start is the precedence-feasible one plus this.
  int64_t levellingDelay = 0;
  SourceRange range;                      // where the design writes it, if it does
  unsigned place = 0;                     // where it is: Network::places (0: nowhere)
};

/// Where a task is, for the cash flow that spreads money over its dates: its
/// site (top-level structure) and building, the first two levels of its
/// outline (TaskTexts::outline, without the procurement summary). "" when it
/// has none: a site's own task has no building, a task at the top level no
/// site.
struct TaskPlace {
  std::string site;
  std::string building;
};

/// What the outputs and the report say of a task (Network::texts).
struct TaskTexts {
  std::string title;       // for people: "b1 h1: MEP fit-out", "Deliver power.xfmr_100mva"
  std::string description; // for readers: "Deliver 88 × power.xfmr_2500kva to b1 (…)"
  /// Its place in the work breakdown of schedule.xml: the names of the
  /// summary tasks that hold it, outermost first. A site's (top-level
  /// structure's) own tasks, its milestones and the design's tasks have the
  /// site's name ({"abilene"}); its own orders and deliveries {"abilene",
  /// "Procurement and delivery"}; a building's tasks the names of the site,
  /// building ({"abilene", "b1"}), a building's delivery lots {"abilene",
  /// "b1", "Procurement and delivery"}; a hall's tasks also the hall's
  /// ({"abilene", "b1", "h1"}). A building that is its own hall has no hall
  /// level, a site that is its own building no building level. Empty: at
  /// the top level.
  std::vector<std::string> outline;
};

/// `succ` depends on `pred`.
struct Link {
  unsigned pred;
  unsigned succ;
  LinkType type = LinkType::FS;
  int64_t lag = 0;
};

/// A delivery lot: the units of one catalog entry that one building (or the
/// site itself) installs, made and delivered together (docs/schedule.md,
/// "Delivery lots"). The lots of an entry share the entry's order and leave
/// the factory one after the other, in order of phase and then of the
/// design, at the entry's `factory_output`.
struct DeliveryLot {
  model::Index entry = model::NoIndex; // NoIndex for gear without an entry (HV breakers)
  std::string item;                    // the entry's qualified name, or "hv_breakers"
  uint64_t quantity = 0;
  std::string terms;                   // "transformer, 128 weeks lead time; units 1-88 of 704 at 40 a week"
  std::string site;                    // the site (top-level structure)
  std::string building;                // "b3", "" for the site's own gear
  unsigned phase = 1;                  // the building's phase (the site's gear: its first)
  unsigned order = 0;                  // the order milestone, shared by the entry's lots
  unsigned delivery = 0;               // the delivery task: lead time and production
  /// The tasks that wait for it, each `lag` working days after it arrives
  /// (yard plant is set and connected before the tests that run it).
  struct Need {
    unsigned task;
    int64_t lag = 0;
  };
  std::vector<Need> needs;
};

/// Where the power that first energises a building comes from (item 4 of
/// docs/schedule.md, "First power").
struct Energisation {
  unsigned energise = 0;          // the building's energisation task
  std::string building;           // "b1" (the site's name when the site is its own building)
  bool onSite = false;            // on-site generation, else the grid
  std::vector<unsigned> sources;  // what it waits for: the substation, or the power plants
  unsigned grid = 0;              // the substation: when the grid reaches the site
  /// From the grid: why on-site generation does not energise it first
  /// ("b1.h2 has no on-site generation that energises it alone"), "" when
  /// the site has none.
  std::string gridBecause;
};

/// Which sites a plan holds. The replicas of a top-level structure
/// (`site s[1..10]`) are identical but for their names, and the generated
/// network gives each site its own tasks, orders, delivery lots, grid and
/// energisation, linked to nothing of another site: every replica gets the
/// dates of the first. Only `schedule { }` blocks tie sites together (a link
/// may name a task of any site) or tell replicas apart, so a design with one
/// is always planned in full.
enum class PlanScope : uint8_t {
  EverySite,    // every replica of every top-level structure
  FirstReplicas // the first replica of each top-level structure, for all of them
};

/// What a plan is for. `sgdc check` (checkSchedules) reads only the
/// diagnostics of planning, which name tasks by Task::name and do not level
/// crews: its plan has no Network::texts, no delivery lots and no crews, and
/// every task's resources are empty. The bills of materials read the dates
/// of the delivery lots and of each place's tasks (the cash flow): a build
/// that writes no schedule plans with Costs, without the texts and crews.
enum class PlanDetail : uint8_t {
  Outputs,     // every text the outputs and the report print, the lots and the crews
  Costs,       // names, durations, dates, links, places and the lots (without their terms)
  Diagnostics  // names, durations, dates, links and places only
};

/// A task network on one calendar.
struct Network {
  Calendar calendar;
  /// The sites it holds (PlanScope::FirstReplicas only for a design without
  /// `schedule { }` blocks).
  PlanScope scope = PlanScope::EverySite;
  /// Whether the texts for people, the lots and the crews are there
  /// (PlanDetail::Outputs).
  PlanDetail detail = PlanDetail::Outputs;
  std::vector<Task> tasks;
  std::vector<Link> links;
  /// The milestone of the first MV energisation, if the design has a building.
  std::optional<unsigned> firstPower;
  /// The milestone of the first hall ready for IT.
  std::optional<unsigned> firstItReady;
  /// Per phase of the first site (when it has more than one): the milestone
  /// of its last hall ready for IT.
  std::map<unsigned, unsigned> phaseReady;
  /// The milestone after every other task.
  std::optional<unsigned> complete;
  /// What levelling shares: `crews { civil = 20; }`, how many crews of each
  /// kind work at once, and `load_banks` (the schedule's `load_banks`, kW).
  std::map<std::string, int64_t> crews;
  /// The delivery lots, in the order the network creates them
  /// (PlanDetail::Outputs and Costs; a plan for costs leaves their `terms`
  /// empty).
  std::vector<DeliveryLot> lots;
  /// The places of the tasks (Task::place), each once; the first is nowhere.
  std::vector<TaskPlace> places{TaskPlace{}};
  /// How each building is first energised.
  std::vector<Energisation> energisations;
  /// The phase of each building, by its outline path joined with `.`
  /// ("abilene.b1", TaskTexts::outline), for the outputs' labels
  /// (PlanDetail::Outputs).
  std::map<std::string, unsigned> phases;

  /// The task of that name, if any.
  std::optional<unsigned> find(llvm::StringRef name) const;

  /// The texts of task `task`. Only a plan for outputs has them: `sgdc
  /// check` plans with PlanDetail::Diagnostics and keeps none, so reading
  /// them there is a programming error (asserted), never an empty title.
  const TaskTexts &texts(size_t task) const {
    assert(detail == PlanDetail::Outputs && "a plan for diagnostics keeps no task texts");
    assert(task < texts_.size() && "no texts for that task");
    return texts_[task];
  }
  TaskTexts &texts(size_t task) {
    return const_cast<TaskTexts &>(std::as_const(*this).texts(task));
  }
  /// Gives the task just added its texts (PlanDetail::Outputs).
  void addTexts(TaskTexts texts) {
    assert(detail == PlanDetail::Outputs && "a plan for diagnostics keeps no task texts");
    texts_.push_back(std::move(texts));
  }

private:
  /// Parallel to `tasks` in a plan for outputs; empty in one for diagnostics.
  std::vector<TaskTexts> texts_;
};

/// Early and late times of one task. A task works the days [start, finish):
/// `earlyFinish` is the first working day after it (its start for a milestone).
struct TaskTimes {
  int64_t earlyStart = 0;
  int64_t earlyFinish = 0;
  int64_t lateStart = 0;
  int64_t lateFinish = 0;
  int64_t totalFloat = 0; // lateStart - earlyStart; negative when a deadline is missed
  int64_t freeFloat = 0;  // delay possible without delaying any successor
  bool critical = false;  // totalFloat <= 0
  /// A milestone that the end of a task places (a finish-to-start or
  /// finish-to-finish link drives it): it falls at the end of the working day
  /// before `earlyStart`, where that task ends, not at the start of
  /// `earlyStart` (see TaskDates).
  bool atEvening = false;
};

/// A point in the schedule as the outputs date it: the start (08:00) or the
/// end (17:00) of a working day.
struct Moment {
  int64_t day = 0;
  bool evening = false;
  auto operator<=>(const Moment &) const = default;
};

/// The dates of a task, the one convention of the report, schedule.csv and
/// schedule.xml (docs/schedule.md, "Dates"): a task with work starts at the
/// start of its first working day and finishes at the end of its last; a
/// milestone falls where what drives it happens: at the end of the day a
/// driving task finishes (`atEvening`), else at the start of its day (the
/// project start, its own `date`, a start-to-start link).
struct TaskDates {
  Moment start;
  Moment finish;
};

/// The early dates (or, with `late`, the late dates) of a task.
TaskDates taskDates(const Task &task, const TaskTimes &times, bool late = false);

/// The same with the task started on working day `start` (a levelled start).
TaskDates taskDatesFrom(const Task &task, const TaskTimes &times, int64_t start);

/// The result of the critical path method.
struct CpmResult {
  std::vector<TaskTimes> times; // parallel to Network::tasks
  int64_t projectStart = 0;
  int64_t projectFinish = 0;
  /// The tasks in the order the forward pass took them (topological; ties
  /// by task index, so the result is deterministic).
  std::vector<unsigned> order;
  /// When the links form a cycle: its tasks, in order; `times` is empty then.
  std::vector<unsigned> cycle;
};

/// Forward and backward pass. Forward: a task without predecessors starts at
/// day 0 (or its `startNoEarlier`); otherwise ES = max over its links of
/// FS: EF(p)+lag, SS: ES(p)+lag, FF: EF(p)+lag−D, SF: ES(p)+lag−D, and no
/// earlier than `startNoEarlier`. Backward: a task without successors must
/// finish by the project finish; otherwise LF = min over its links of FS:
/// LS(s)−lag, SS: LS(s)−lag+D, FF: LF(s)−lag, SF: LF(s)−lag+D, and by its
/// `finishNoLater`.
CpmResult computeCpm(const Network &network);

/// The chain of driving links that ends at `task`: each step is a
/// predecessor whose link leaves the successor no slack (the first such link
/// in link order). First element: where the chain starts.
std::vector<unsigned> drivingPath(const Network &network, const CpmResult &result, unsigned task);

/// Start days after resource levelling.
struct LevelledSchedule {
  std::vector<int64_t> start;  // parallel to Network::tasks
  std::vector<int64_t> finish; // start + duration
  int64_t projectFinish = 0;
  std::vector<unsigned> unplaceable; // tasks needing more crews than exist (placed unlevelled)
};

/// Crew levelling by a serial schedule-generation scheme. Priority rule:
/// among the tasks whose predecessors are all placed, the least total float
/// of the unlevelled schedule first, then the earliest unlevelled start,
/// then the task's index. Each task is placed at the first day on or after
/// its precedence-feasible start (the CPM formulas over its placed
/// predecessors) on which its crews are free for its whole duration.
/// `result` must be the network's CPM result (no cycle).
LevelledSchedule levelCrews(const Network &network, const CpmResult &result);

/// The default durations, as read from stdlib/schedule/defaults.sgd and
/// stdlib/schedule/permits.sgd.
struct Defaults {
  model::Date start{2025, 1, 1};
  std::map<std::string, units::Rational> days; // name → elapsed days
  std::map<std::string, std::string> texts;     // `const shell_crew = "civil";`
  std::map<std::string, int64_t> counts;        // `const shell_crews = 4;`
  std::map<std::string, units::Quantity> quantities; // other quantities: `const large_load = 75 MW;`

  /// The duration of `name` in a jurisdiction: `NAME_KEY` for the first of
  /// `keys` (most specific first: grid, region, country; lower case, `_`
  /// for `-`) that the files give, else `NAME`.
  std::optional<units::Rational> daysIn(llvm::StringRef name,
                                        llvm::ArrayRef<std::string> keys) const;
};

/// Reads the `const NAME = NUMBER UNIT;` and `const NAME = DATE;` lines of
/// the embedded defaults files.
const Defaults &defaults();

/// Builds the task network of a design: the generated tasks (permits, the
/// grid connection, procurement in delivery lots, site works, substation,
/// on-site power plants, shells, energisation, MEP, commissioning L2-L5, IT
/// install, milestones) and the `schedule { }` blocks' tasks, milestones,
/// links and preorders. Reports unknown task names (E0801, E0810), unknown
/// calendars (E0803) and preorders of equipment the design does not use
/// (W0804). Nothing when the design has no top-level structure.
/// With PlanScope::FirstReplicas it holds the first replica of each
/// top-level structure, named as in the full network, when the design has no
/// `schedule { }` block (Network::scope says which it holds).
std::optional<Network> buildNetwork(const model::Design &design,
                                    const checks::DesignAnalysis &analysis,
                                    DiagnosticEngine &diagnostics,
                                    PlanScope scope = PlanScope::EverySite,
                                    PlanDetail detail = PlanDetail::Outputs);

/// The dates of a delivery lot, as working days.
struct LotDates {
  int64_t ordered = 0;   // the order's date (its early start)
  int64_t orderBy = 0;   // the latest order that still meets `needBy`: needBy − the delivery's duration
  int64_t delivered = 0; // the last working day of the delivery (its early finish − 1)
  int64_t needBy = 0;    // on site for the first task that waits for it: its early start − its lag
};

/// Builds the network and runs the CPM; reports a cycle of links (E0802)
/// and every deadline the early schedule misses (W0805).
struct Plan {
  Network network;
  CpmResult result;

  /// The site whose tasks carry the dates of site `site` (a replica of a
  /// top-level structure): itself, or its structure's first replica.
  model::Replica plannedSite(model::Replica site) const {
    return network.scope == PlanScope::FirstReplicas ? model::Replica{site.node, 0} : site;
  }

  /// The dates of one of `network.lots`.
  LotDates lotDates(const DeliveryLot &lot) const;

  /// The dates of task `t` (early, or late with `late`).
  TaskDates dates(unsigned t, bool late = false) const {
    return taskDates(network.tasks[t], result.times[t], late);
  }
  /// The calendar date of a moment: 2025-06-04.
  std::string date(Moment moment) const { return formatDate(network.calendar.dateOf(moment.day)); }
  /// When the project finishes: the latest finish of any task.
  Moment finish() const;
};
std::optional<Plan> planDesign(const model::Design &design, const checks::DesignAnalysis &analysis,
                               DiagnosticEngine &diagnostics,
                               PlanScope scope = PlanScope::EverySite,
                               PlanDetail detail = PlanDetail::Outputs);

/// Reports what planDesign reports, for a command that needs no plan
/// (`sgdc check`, a build without the schedule and the BOM). Only a design's
/// `schedule { }` blocks can be wrong: the generated network has no deadline
/// and no cycle, and names only its own tasks. So a design without one is not
/// planned, and checking it costs nothing per building and hall replica.
void checkSchedules(const model::Design &design, const checks::DesignAnalysis &analysis,
                    DiagnosticEngine &diagnostics);

/// The plan with the levelled starts written into it (`--level`): each task
/// gets the delay levelling adds to its precedence-feasible start
/// (Task::levellingDelay), so the CPM of the result gives every task its
/// levelled start, and its floats are those of the levelled schedule.
Plan levelledPlan(const Plan &plan, const LevelledSchedule &levelled);

/// The critical-path report of `sgdc schedule`.
void printReport(const Plan &plan, llvm::raw_ostream &os);

/// What levelling by crews changes (`sgdc schedule --level`).
void printLevelling(const Plan &plan, const LevelledSchedule &levelled, llvm::raw_ostream &os);

} // namespace sgd::schedule

#endif
