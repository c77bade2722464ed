// Construction schedule outputs: MSPDI, CSV, a Mermaid gantt chart and the SVG Gantt
// chart (ScheduleGantt.cpp).

#include "backends/Schedule.h"

#include "backends/CsvField.h"
#include "backends/ScheduleGantt.h"
#include "backends/ScheduleOutline.h"
#include "backends/XmlText.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sgd::backends {

using schedule::formatDate;
using schedule::Moment;
using schedule::TaskDates;

namespace {

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

} // namespace

void writeScheduleMspdi(const schedule::Plan &plan, llvm::StringRef title, llvm::StringRef currency,
                        llvm::raw_ostream &os) {
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
     << "  <CurrencyCode>" << currency << "</CurrencyCode>\n"
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
  std::vector<OutlineRow> rows = outlineRows(tree);
  unsigned nextSummaryUid = static_cast<unsigned>(net.tasks.size());
  unsigned id = 0;
  for (const OutlineRow &row : rows) {
    ++id;
    if (row.summary) {
      // Early and late dates spanning the children (a summary has at least
      // one): the earliest start, the latest end.
      SummarySpan early = summarySpan(plan, row.tasks);
      Moment lateStart{INT64_MAX, true}, lateEnd{INT64_MIN, false};
      for (unsigned t : row.tasks) {
        TaskDates late = plan.dates(t, true);
        lateStart = std::min(lateStart, late.start);
        lateEnd = std::max(lateEnd, late.finish);
      }
      bool critical = early.critical;
      std::string start = at(early.start), finish = at(early.finish);
      std::string span = hours(early.endDay - early.firstDay);
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
    const schedule::TaskTexts &texts = net.texts(t);
    const schedule::TaskTimes &times = cpm.times[t];
    TaskDates early = plan.dates(t), late = plan.dates(t, true);
    // Fixed duration (Type 1) and the work of one crew for the duration:
    // an importer that derives the duration from the work (Planner's
    // msp2planner.xsl makes a task without a Type fixed-work) keeps it too.
    os << "    <Task>\n"
       << "      <UID>" << t + 1 << "</UID>\n"
       << "      <ID>" << id << "</ID>\n"
       << "      <Name>" << escapeXml(texts.title.empty() ? task.name : texts.title) << "</Name>\n"
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
    os << "      <Notes>" << escapeXml(texts.description) << "</Notes>\n";
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
    const schedule::TaskTexts &texts = net.texts(t);
    const schedule::TaskTimes &times = cpm.times[t];
    TaskDates early = plan.dates(t), late = plan.dates(t, true);
    os << t + 1 << ",";
    writeCsvField(os, task.name);
    os << ",";
    writeCsvField(os, texts.title);
    os << "," << task.kind << "," << (task.milestone ? "true" : "false") << "," << task.duration
       << "," << plan.date(early.start) << "," << plan.date(early.finish) << ","
       << plan.date(late.start) << "," << plan.date(late.finish) << "," << times.totalFloat
       << "," << times.freeFloat << "," << (times.critical ? "true" : "false") << ","
       << predecessors[t] << ",";
    writeCsvField(os, texts.description);
    os << "," << orderBy[t] << "," << needBy[t] << "\n";
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
  auto label = [](std::string name) {
    for (char &c : name)
      if (c == ':' || c == '#' || c == ';')
        c = '_';
    return name;
  };
  // Explicit dates for every bar: Mermaid's `after` knows only FS links
  // without lag, and counts calendar days. Its end date is exclusive: the
  // day after the last working day.
  auto bar = [&](const std::string &name, bool critical, bool milestone, const std::string &id,
                 Moment start, int64_t endDay) {
    std::string tags = std::string(critical ? "crit, " : "") + (milestone ? "milestone, " : "");
    std::string end = milestone ? "0d" : formatDate(net.calendar.dateOf(endDay));
    return "    " + label(name) + " :" + tags + id + ", " + plan.date(start) + ", " + end + "\n";
  };

  // One section per site and per building (and the site's own deliveries),
  // each opened by its summary bar; a hall's tasks go into its building's
  // section, folded into the hall's bar at campus scale.
  struct Section {
    const OutlineRow *summary = nullptr;
    std::vector<std::pair<const OutlineRow *, unsigned>> entries; // a folded summary, or a task
    std::set<const OutlineNode *> folded;
  };
  std::vector<std::string> order;
  std::map<std::string, Section> sections;
  std::map<std::string, const OutlineRow *> summaries;
  OutlineNode tree = outlineTree(net);
  std::vector<OutlineRow> rows = outlineRows(tree);
  for (const OutlineRow &row : rows) {
    if (row.summary) {
      summaries[outlineKey(row.path)] = &row;
      continue;
    }
    const std::vector<std::string> &outline = net.texts(row.task).outline;
    std::string key = outlineKey(outline, 2);
    auto [it, inserted] = sections.try_emplace(key);
    if (inserted) {
      order.push_back(key);
      it->second.summary = key.empty() ? nullptr : summaries.at(key);
    }
    Section &section = it->second;
    if (foldedIntoSummary(plan, row.task)) {
      const OutlineRow *hall = summaries.at(outlineKey(outline, 3));
      if (section.folded.insert(hall->summary).second)
        section.entries.push_back({hall, 0});
      continue;
    }
    section.entries.push_back({nullptr, row.task});
  }
  unsigned summaryId = 0;
  for (const std::string &key : order) {
    const Section &section = sections.at(key);
    os << "    section " << (key.empty() ? std::string("design") : label(key)) << "\n";
    auto summaryBar = [&](const OutlineRow &row, const std::string &name) {
      SummarySpan span = summarySpan(plan, row.tasks);
      os << bar(name, span.critical, false, "s" + std::to_string(++summaryId),
                {span.firstDay, false}, span.endDay);
    };
    if (section.summary)
      summaryBar(*section.summary, summaryLabel(net, *section.summary) + " (summary, " +
                                       std::to_string(section.summary->tasks.size()) + " tasks)");
    for (auto [folded, t] : section.entries) {
      if (folded) {
        summaryBar(*folded, outlineKey(folded->path) + " (" +
                                std::to_string(folded->tasks.size()) + " tasks)");
        continue;
      }
      const schedule::Task &task = net.tasks[t];
      os << bar(task.name, cpm.times[t].critical, task.milestone, "t" + std::to_string(t + 1),
                plan.dates(t).start, cpm.times[t].earlyFinish);
    }
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
    // A start-no-earlier date of a task with predecessors: a milestone at
    // that date it also depends on (TaskJuggler's `start` is for tasks
    // without dependencies).
    bool dated = task.startNoEarlier && !predecessors[t].empty();
    if (dated)
      os << "task t" << t + 1 << "_not_before \"" << task.name << " not before "
         << date(*task.startNoEarlier) << "\" {\n  milestone\n  start "
         << date(*task.startNoEarlier) << "\n}\n";
    os << "task t" << t + 1 << " \"" << task.name << "\" {\n";
    if (task.duration > 0)
      os << "  length " << task.duration << "d\n";
    else
      os << "  milestone\n";
    if (predecessors[t].empty())
      os << "  start " << date(task.startNoEarlier ? *task.startNoEarlier : 0) << "\n";
    if (dated)
      os << "  depends t" << t + 1 << "_not_before\n";
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

void emitSchedule(const BuildInput &input, const schedule::Plan &planned, OutputSet &outputs,
                  BuildReport &report) {
  std::optional<schedule::Plan> levelled;
  if (input.settings.levelSchedule)
    levelled =
        schedule::levelledPlan(planned, schedule::levelCrews(planned.network, planned.result));
  const schedule::Plan &plan = levelled ? *levelled : planned;
  if (std::optional<unsigned> firstPower = plan.network.firstPower)
    report.firstPower = plan.date(plan.dates(*firstPower).finish);
  std::string title = input.settings.designName.empty() ? "design" : input.settings.designName;
  llvm::StringRef currency = input.settings.cost.currency;
  writeScheduleMspdi(plan, title, currency.empty() ? "USD" : currency,
                     outputs.open("schedule.xml"));
  writeScheduleCsv(plan, outputs.open("schedule.csv"));
  writeScheduleMermaid(plan, title, outputs.open("schedule.mmd"));
  outputs.add("schedule.svg", drawScheduleGantt(plan, title));
}

} // namespace sgd::backends
