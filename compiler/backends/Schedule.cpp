// Construction schedule outputs: MSPDI, CSV and a Mermaid gantt chart.

#include "backends/Schedule.h"

#include "backends/XmlText.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sgd::backends {

using schedule::formatDate;
using schedule::Moment;
using schedule::TaskDates;

namespace {

std::string csvField(llvm::StringRef text) {
  if (text.find_first_of(",\"\n") == llvm::StringRef::npos)
    return text.str();
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

// MSPDI link types: 0 FF, 1 FS, 2 SF, 3 SS.
int mspdiLinkType(schedule::LinkType type) {
  switch (type) {
  case schedule::LinkType::FF: return 0;
  case schedule::LinkType::FS: return 1;
  case schedule::LinkType::SF: return 2;
  case schedule::LinkType::SS: return 3;
  }
  return 1;
}

// The work breakdown of schedule.xml: the tasks' outline paths
// (schedule::Task::outline) as a tree. A summary's children are its
// sub-summaries and tasks in the order of their first task in the network, so
// the file keeps the network's order within each summary.
struct OutlineNode {
  std::string name;
  std::vector<OutlineNode> summaries;
  // Children in order: an index into `summaries` (summary) or a task index.
  std::vector<std::pair<bool, unsigned>> children;
  std::map<std::string, unsigned> byName; // name → index into summaries
};

OutlineNode outlineTree(const schedule::Network &net) {
  OutlineNode root;
  for (unsigned t = 0; t < net.tasks.size(); ++t) {
    OutlineNode *node = &root;
    for (const std::string &name : net.tasks[t].outline) {
      auto [it, inserted] = node->byName.try_emplace(name, node->summaries.size());
      if (inserted) {
        node->children.push_back({true, it->second});
        node->summaries.push_back(OutlineNode{name, {}, {}, {}});
      }
      node = &node->summaries[it->second];
    }
    node->children.push_back({false, t});
  }
  return root;
}

// One row of the MSPDI's task list: a task of the network or a summary.
struct OutlineRow {
  const OutlineNode *summary = nullptr; // else a task
  unsigned task = 0;
  std::string number; // 1.2.3
  unsigned level = 1;
  std::vector<unsigned> tasks; // a summary's tasks, at any depth
};

void outlineRows(const OutlineNode &node, const std::string &prefix, unsigned level,
                 std::vector<OutlineRow> &rows, std::vector<unsigned> &descendants) {
  unsigned position = 0;
  for (auto [isSummary, index] : node.children) {
    std::string number = prefix + std::to_string(++position);
    if (!isSummary) {
      rows.push_back({nullptr, index, number, level, {}});
      descendants.push_back(index);
      continue;
    }
    size_t row = rows.size();
    rows.push_back({&node.summaries[index], 0, number, level, {}});
    std::vector<unsigned> tasks;
    outlineRows(node.summaries[index], number + ".", level + 1, rows, tasks);
    descendants.insert(descendants.end(), tasks.begin(), tasks.end());
    rows[row].tasks = std::move(tasks);
  }
}

} // namespace

void writeScheduleMspdi(const schedule::Plan &plan, llvm::StringRef title, llvm::raw_ostream &os) {
  const schedule::Network &net = plan.network;
  const schedule::CpmResult &cpm = plan.result;
  const schedule::Calendar &cal = net.calendar;
  auto morning = [&](int64_t day) { return formatDate(cal.dateOf(day)) + "T08:00:00"; };
  auto evening = [&](int64_t day) { return formatDate(cal.dateOf(day)) + "T17:00:00"; };
  auto at = [&](Moment moment) {
    return moment.evening ? evening(moment.day) : morning(moment.day);
  };
  auto hours = [](int64_t days) { return "PT" + std::to_string(days * 8) + "H0M0S"; };
  constexpr int64_t tenthsPerDay = 480 * 10;
  // Task Text1, aliased "sgdc task": the task's identifier, which links in
  // the design name; its Name is the title for people.
  constexpr llvm::StringLiteral identifierField = "188743731";

  os << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
     << "<Project xmlns=\"http://schemas.microsoft.com/project\">\n"
     << "  <SaveVersion>14</SaveVersion>\n"
     << "  <Name>" << escapeXml(title) << ".xml</Name>\n"
     << "  <Title>" << escapeXml(title) << "</Title>\n"
     << "  <ScheduleFromStart>1</ScheduleFromStart>\n"
     << "  <StartDate>" << morning(cpm.projectStart) << "</StartDate>\n"
     << "  <FinishDate>" << at(plan.finish()) << "</FinishDate>\n"
     << "  <CurrencyCode>USD</CurrencyCode>\n"
     << "  <CalendarUID>1</CalendarUID>\n"
     << "  <DefaultStartTime>08:00:00</DefaultStartTime>\n"
     << "  <DefaultFinishTime>17:00:00</DefaultFinishTime>\n"
     << "  <MinutesPerDay>480</MinutesPerDay>\n"
     << "  <MinutesPerWeek>" << 480 * cal.workDays << "</MinutesPerWeek>\n"
     << "  <DaysPerMonth>" << (cal.workDays * 30 / 7) << "</DaysPerMonth>\n"
     << "  <ExtendedAttributes>\n    <ExtendedAttribute>\n"
     << "      <FieldID>" << identifierField << "</FieldID>\n"
     << "      <FieldName>Text1</FieldName>\n      <Alias>sgdc task</Alias>\n"
     << "    </ExtendedAttribute>\n  </ExtendedAttributes>\n"
     << "  <Calendars>\n    <Calendar>\n      <UID>1</UID>\n"
     << "      <Name>" << cal.workDays << "-day week</Name>\n"
     << "      <IsBaseCalendar>1</IsBaseCalendar>\n      <WeekDays>\n";
  // DayType 1 = Sunday … 7 = Saturday; the calendar works Monday first.
  for (unsigned dayType = 1; dayType <= 7; ++dayType) {
    unsigned mondayFirst = (dayType + 5) % 7; // Monday 0 … Sunday 6
    bool working = mondayFirst < cal.workDays;
    os << "        <WeekDay>\n          <DayType>" << dayType << "</DayType>\n"
       << "          <DayWorking>" << (working ? 1 : 0) << "</DayWorking>\n";
    if (working)
      os << "          <WorkingTimes>\n"
         << "            <WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>\n"
         << "            <WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>\n"
         << "          </WorkingTimes>\n";
    os << "        </WeekDay>\n";
  }
  os << "      </WeekDays>\n";
  // Holidays on working weekdays: one non-working exception day each.
  std::vector<model::Date> holidays = cal.workdayHolidays();
  if (!holidays.empty()) {
    os << "      <Exceptions>\n";
    for (const model::Date &holiday : holidays)
      os << "        <Exception>\n"
         << "          <EnteredByOccurrences>0</EnteredByOccurrences>\n"
         << "          <TimePeriod><FromDate>" << formatDate(holiday)
         << "T00:00:00</FromDate><ToDate>" << formatDate(holiday)
         << "T23:59:00</ToDate></TimePeriod>\n"
         << "          <Occurrences>1</Occurrences>\n"
         << "          <Name>Holiday " << formatDate(holiday) << "</Name>\n"
         << "          <Type>1</Type>\n"
         << "          <DayWorking>0</DayWorking>\n"
         << "        </Exception>\n";
    os << "      </Exceptions>\n";
  }
  os << "    </Calendar>\n  </Calendars>\n  <Tasks>\n";

  std::vector<std::vector<const schedule::Link *>> predecessors(net.tasks.size());
  for (const schedule::Link &link : net.links)
    predecessors[link.succ].push_back(&link);

  // Rows in outline order; a task keeps UID index + 1, summaries get the
  // UIDs after the tasks', in row order. ID is the row number.
  OutlineNode tree = outlineTree(net);
  std::vector<OutlineRow> rows;
  std::vector<unsigned> everyTask;
  outlineRows(tree, "", 1, rows, everyTask);
  unsigned nextSummaryUid = static_cast<unsigned>(net.tasks.size());
  unsigned id = 0;
  for (const OutlineRow &row : rows) {
    ++id;
    if (row.summary) {
      // Early and late dates spanning the children (a summary has at least
      // one): the earliest start, the latest end.
      Moment earlyStart{INT64_MAX, true}, earlyEnd{INT64_MIN, false};
      Moment lateStart{INT64_MAX, true}, lateEnd{INT64_MIN, false};
      int64_t earlyFinish = INT64_MIN, firstDay = INT64_MAX;
      bool critical = false;
      for (unsigned t : row.tasks) {
        TaskDates early = plan.dates(t), late = plan.dates(t, true);
        earlyStart = std::min(earlyStart, early.start);
        earlyEnd = std::max(earlyEnd, early.finish);
        lateStart = std::min(lateStart, late.start);
        lateEnd = std::max(lateEnd, late.finish);
        firstDay = std::min(firstDay, cpm.times[t].earlyStart);
        earlyFinish = std::max(earlyFinish, cpm.times[t].earlyFinish);
        critical = critical || cpm.times[t].critical;
      }
      std::string start = at(earlyStart), finish = at(earlyEnd);
      std::string span = hours(earlyFinish - firstDay);
      os << "    <Task>\n"
         << "      <UID>" << ++nextSummaryUid << "</UID>\n"
         << "      <ID>" << id << "</ID>\n"
         << "      <Name>" << escapeXml(row.summary->name) << "</Name>\n"
         << "      <Type>1</Type>\n"
         << "      <OutlineNumber>" << row.number << "</OutlineNumber>\n"
         << "      <OutlineLevel>" << row.level << "</OutlineLevel>\n"
         << "      <Priority>500</Priority>\n"
         << "      <Start>" << start << "</Start>\n"
         << "      <Finish>" << finish << "</Finish>\n"
         << "      <Duration>" << span << "</Duration>\n"
         << "      <DurationFormat>7</DurationFormat>\n"
         << "      <Work>" << span << "</Work>\n"
         << "      <EffortDriven>0</EffortDriven>\n"
         << "      <Milestone>0</Milestone>\n"
         << "      <Summary>1</Summary>\n"
         << "      <Critical>" << (critical ? 1 : 0) << "</Critical>\n"
         << "      <EarlyStart>" << start << "</EarlyStart>\n"
         << "      <EarlyFinish>" << finish << "</EarlyFinish>\n"
         << "      <LateStart>" << at(lateStart) << "</LateStart>\n"
         << "      <LateFinish>" << at(lateEnd) << "</LateFinish>\n"
         << "      <PercentComplete>0</PercentComplete>\n"
         << "      <ConstraintType>0</ConstraintType>\n"
         << "    </Task>\n";
      continue;
    }
    unsigned t = row.task;
    const schedule::Task &task = net.tasks[t];
    const schedule::TaskTimes &times = cpm.times[t];
    TaskDates early = plan.dates(t), late = plan.dates(t, true);
    // Fixed duration (Type 1) and the work of one crew for the duration:
    // an importer that derives the duration from the work (Planner's
    // msp2planner.xsl makes a task without a Type fixed-work) keeps it too.
    os << "    <Task>\n"
       << "      <UID>" << t + 1 << "</UID>\n"
       << "      <ID>" << id << "</ID>\n"
       << "      <Name>" << escapeXml(task.title.empty() ? task.name : task.title) << "</Name>\n"
       << "      <Type>1</Type>\n"
       << "      <OutlineNumber>" << row.number << "</OutlineNumber>\n"
       << "      <OutlineLevel>" << row.level << "</OutlineLevel>\n"
       << "      <Priority>500</Priority>\n"
       << "      <Start>" << at(early.start) << "</Start>\n"
       << "      <Finish>" << at(early.finish) << "</Finish>\n"
       << "      <Duration>" << hours(task.duration) << "</Duration>\n"
       << "      <DurationFormat>7</DurationFormat>\n"
       << "      <Work>" << hours(task.duration) << "</Work>\n"
       << "      <EffortDriven>0</EffortDriven>\n"
       << "      <Milestone>" << (task.milestone ? 1 : 0) << "</Milestone>\n"
       << "      <Summary>0</Summary>\n"
       << "      <Critical>" << (times.critical ? 1 : 0) << "</Critical>\n"
       << "      <EarlyStart>" << at(early.start) << "</EarlyStart>\n"
       << "      <EarlyFinish>" << at(early.finish) << "</EarlyFinish>\n"
       << "      <LateStart>" << at(late.start) << "</LateStart>\n"
       << "      <LateFinish>" << at(late.finish) << "</LateFinish>\n"
       << "      <FreeSlack>" << times.freeFloat * tenthsPerDay << "</FreeSlack>\n"
       << "      <TotalSlack>" << times.totalFloat * tenthsPerDay << "</TotalSlack>\n"
       << "      <PercentComplete>0</PercentComplete>\n";
    if (task.startNoEarlier) {
      os << "      <ConstraintType>4</ConstraintType>\n"
         << "      <ConstraintDate>" << morning(*task.startNoEarlier) << "</ConstraintDate>\n";
    } else {
      os << "      <ConstraintType>0</ConstraintType>\n";
    }
    if (task.finishNoLater)
      os << "      <Deadline>" << evening(*task.finishNoLater) << "</Deadline>\n";
    os << "      <Notes>" << escapeXml(task.description) << "</Notes>\n";
    for (const schedule::Link *link : predecessors[t])
      os << "      <PredecessorLink>\n"
         << "        <PredecessorUID>" << link->pred + 1 << "</PredecessorUID>\n"
         << "        <Type>" << mspdiLinkType(link->type) << "</Type>\n"
         << "        <LinkLag>" << link->lag * tenthsPerDay << "</LinkLag>\n"
         << "        <LagFormat>7</LagFormat>\n"
         << "      </PredecessorLink>\n";
    os << "      <ExtendedAttribute>\n"
       << "        <FieldID>" << identifierField << "</FieldID>\n"
       << "        <Value>" << escapeXml(task.name) << "</Value>\n"
       << "      </ExtendedAttribute>\n"
       << "    </Task>\n";
  }
  os << "  </Tasks>\n</Project>\n";
}

void writeScheduleCsv(const schedule::Plan &plan, llvm::raw_ostream &os) {
  const schedule::Network &net = plan.network;
  const schedule::CpmResult &cpm = plan.result;
  std::vector<std::string> predecessors(net.tasks.size());
  for (const schedule::Link &link : net.links) {
    // Its id, the link type and the lag when there is one: 12FS, 12SS+5d.
    std::string &field = predecessors[link.succ];
    if (!field.empty())
      field += ' ';
    field += std::to_string(link.pred + 1) + schedule::linkTypeName(link.type).str();
    if (link.lag != 0)
      field += (link.lag > 0 ? "+" : "") + std::to_string(link.lag) + "d";
  }
  // A delivery's order-by and need-by dates (docs/schedule.md, "Delivery lots").
  std::vector<std::string> orderBy(net.tasks.size()), needBy(net.tasks.size());
  for (const schedule::DeliveryLot &lot : net.lots) {
    schedule::LotDates dates = plan.lotDates(lot);
    orderBy[lot.delivery] = formatDate(net.calendar.dateOf(dates.orderBy));
    needBy[lot.delivery] = formatDate(net.calendar.dateOf(dates.needBy));
  }
  os << "id,name,title,kind,milestone,duration_days,early_start,early_finish,"
        "late_start,late_finish,total_float_days,free_float_days,critical,"
        "predecessors,description,order_by,need_by\n";
  for (unsigned t = 0; t < net.tasks.size(); ++t) {
    const schedule::Task &task = net.tasks[t];
    const schedule::TaskTimes &times = cpm.times[t];
    TaskDates early = plan.dates(t), late = plan.dates(t, true);
    os << t + 1 << "," << csvField(task.name) << "," << csvField(task.title) << ","
       << task.kind << "," << (task.milestone ? "true" : "false") << "," << task.duration << ","
       << plan.date(early.start) << "," << plan.date(early.finish) << ","
       << plan.date(late.start) << "," << plan.date(late.finish) << "," << times.totalFloat
       << "," << times.freeFloat << "," << (times.critical ? "true" : "false") << ","
       << predecessors[t] << "," << csvField(task.description) << "," << orderBy[t] << ","
       << needBy[t] << "\n";
  }
}

void writeScheduleMermaid(const schedule::Plan &plan, llvm::StringRef title,
                         llvm::raw_ostream &os) {
  const schedule::Network &net = plan.network;
  const schedule::CpmResult &cpm = plan.result;
  os << "gantt\n    title " << title << " construction schedule\n"
     << "    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n";
  std::string excludes = net.calendar.workDays == 5 ? "weekends" : "";
  for (const model::Date &holiday : net.calendar.workdayHolidays())
    excludes += (excludes.empty() ? "" : ", ") + formatDate(holiday);
  if (!excludes.empty())
    os << "    excludes " << excludes << "\n";
  std::string section;
  for (unsigned t = 0; t < net.tasks.size(); ++t) {
    const schedule::Task &task = net.tasks[t];
    const schedule::TaskTimes &times = cpm.times[t];
    if (task.kind != section) {
      section = task.kind;
      os << "    section " << section << "\n";
    }
    std::string name = task.name;
    for (char &c : name)
      if (c == ':' || c == '#' || c == ';')
        c = '_';
    std::string tags;
    if (times.critical)
      tags += "crit, ";
    if (task.milestone)
      tags += "milestone, ";
    TaskDates dates = plan.dates(t);
    std::string start = plan.date(dates.start);
    // Explicit dates for every task: Mermaid's `after` knows only FS links
    // without lag, and counts calendar days. Its end date is exclusive: the
    // day after the last working day.
    std::string end = task.milestone ? "0d" : formatDate(net.calendar.dateOf(times.earlyFinish));
    os << "    " << name << " :" << tags << "t" << t + 1 << ", " << start << ", " << end << "\n";
  }
}

void writeScheduleTjp(const schedule::Plan &plan, llvm::StringRef title, llvm::raw_ostream &os) {
  const schedule::Network &net = plan.network;
  const schedule::CpmResult &cpm = plan.result;
  const schedule::Calendar &cal = net.calendar;
  auto date = [&](int64_t day) { return formatDate(cal.dateOf(day)); };
  static const char *const dayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  os << "# TaskJuggler 3 project written by sgdc: the same task network, durations\n"
     << "# (`length`, in working days) and links as schedule.xml, for an independent\n"
     << "# schedule. TaskJuggler's `depends` has FS and SS links (`onstart`) with\n"
     << "# positive lags; FF and SF links and negative lags are written as comments.\n"
     << "project sgd \"" << title << "\" " << date(cpm.projectStart) << " - "
     << date(cpm.projectFinish + 60) << " {\n"
     << "  timezone \"UTC\"\n"
     << "  dailyworkinghours 8\n"
     << "  workinghours " << dayNames[0] << " - " << dayNames[cal.workDays - 1]
     << " 9:00 - 12:00, 13:00 - 18:00\n";
  if (cal.workDays < 7)
    os << "  workinghours " << dayNames[cal.workDays] << " - sun off\n";
  os << "}\n\n";
  // Global leaves: no task's working time falls on them.
  for (const model::Date &holiday : cal.workdayHolidays())
    os << "leaves holiday \"" << formatDate(holiday) << "\" " << formatDate(holiday) << "\n";
  if (!cal.workdayHolidays().empty())
    os << "\n";
  std::vector<std::vector<const schedule::Link *>> predecessors(net.tasks.size());
  for (const schedule::Link &link : net.links)
    predecessors[link.succ].push_back(&link);
  for (unsigned t = 0; t < net.tasks.size(); ++t) {
    const schedule::Task &task = net.tasks[t];
    os << "task t" << t + 1 << " \"" << task.name << "\" {\n";
    if (task.duration > 0)
      os << "  length " << task.duration << "d\n";
    else
      os << "  milestone\n";
    if (predecessors[t].empty())
      os << "  start " << date(task.startNoEarlier ? *task.startNoEarlier : 0) << "\n";
    for (const schedule::Link *link : predecessors[t]) {
      bool expressible = (link->type == schedule::LinkType::FS ||
                          link->type == schedule::LinkType::SS) &&
                         link->lag >= 0;
      os << "  " << (expressible ? "" : "# ") << "depends t" << link->pred + 1;
      if (link->type == schedule::LinkType::SS || link->lag != 0 || !expressible) {
        os << " {";
        if (link->type == schedule::LinkType::SS)
          os << " onstart";
        if (link->lag != 0)
          os << " gaplength " << link->lag << "d";
        if (!expressible)
          os << " type " << schedule::linkTypeName(link->type);
        os << " }";
      }
      os << "\n";
    }
    os << "}\n";
  }
  os << "\ntaskreport sgd_dates \"sgd_dates\" {\n  formats csv\n"
     << "  columns id, name, start, end\n  timeformat \"%Y-%m-%d %H:%M\"\n}\n";
}

void emitSchedule(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics,
                  BuildReport &report) {
  std::optional<schedule::Plan> plan =
      schedule::planDesign(input.design, input.analysis, diagnostics);
  if (!plan)
    return;
  if (input.settings.levelSchedule)
    plan = schedule::levelledPlan(*plan, schedule::levelCrews(plan->network, plan->result));
  if (std::optional<unsigned> firstPower = plan->network.firstPower)
    report.firstPower = plan->date(plan->dates(*firstPower).finish);
  std::string title = input.settings.designName.empty() ? "design" : input.settings.designName;
  writeScheduleMspdi(*plan, title, outputs.open("schedule.xml"));
  writeScheduleCsv(*plan, outputs.open("schedule.csv"));
  writeScheduleMermaid(*plan, title, outputs.open("schedule.mmd"));
}

} // namespace sgd::backends
