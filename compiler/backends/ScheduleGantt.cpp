// schedule.svg: the construction schedule as a Gantt chart.

#include "backends/ScheduleGantt.h"

#include "backends/ReportSvg.h"
#include "backends/ScheduleOutline.h"

#include <algorithm>

namespace sgd::backends {

namespace {

constexpr double nameWidth = 320, chartWidth = 1100, rowHeight = 16, margin = 10;
constexpr llvm::StringLiteral criticalColour = "#D55E00"; // Okabe-Ito vermilion
constexpr llvm::StringLiteral taskColour = "#0072B2";     // Okabe-Ito blue
constexpr llvm::StringLiteral keyColour = "#009E73";      // Okabe-Ito bluish green

/// The x of a working day's start on the chart, by calendar days.
struct TimeAxis {
  const schedule::Calendar *calendar;
  int64_t first = 0, last = 1; // calendar days (daysFromCivil)
  double scale = 1;

  int64_t civil(int64_t workingDay) const {
    return schedule::daysFromCivil(calendar->dateOf(workingDay));
  }
  /// A moment: the start of its day, or the end (the next calendar day).
  double x(schedule::Moment moment) const {
    return nameWidth + (civil(moment.day) + (moment.evening ? 1 : 0) - first) * scale;
  }
};

} // namespace

std::string drawScheduleGantt(const schedule::Plan &plan, llvm::StringRef title) {
  using report::SvgWriter;
  const schedule::Network &net = plan.network;
  const schedule::CpmResult &cpm = plan.result;

  OutlineNode tree = outlineTree(net);
  std::vector<OutlineRow> rows;
  for (OutlineRow &row : outlineRows(tree))
    if (row.summary || !foldedIntoSummary(plan, row.task))
      rows.push_back(std::move(row));

  TimeAxis axis{&net.calendar};
  bool any = false;
  for (unsigned t = 0; t < net.tasks.size(); ++t) {
    schedule::TaskDates dates = plan.dates(t);
    double start = axis.civil(dates.start.day), finish = axis.civil(dates.finish.day) + 1;
    axis.first = any ? std::min<int64_t>(axis.first, start) : start;
    axis.last = any ? std::max<int64_t>(axis.last, finish) : finish;
    any = true;
  }
  axis.scale = chartWidth / std::max<int64_t>(axis.last - axis.first, 1);

  // The key milestones, drawn across the chart.
  std::vector<std::pair<unsigned, std::string>> keys;
  if (net.firstPower)
    keys.push_back({*net.firstPower, "first power"});
  if (net.firstItReady)
    keys.push_back({*net.firstItReady, "first hall ready for IT"});
  for (const auto &[phase, t] : net.phaseReady)
    keys.push_back({t, "phase " + std::to_string(phase) + " ready"});
  if (net.complete)
    keys.push_back({*net.complete, "complete"});

  // Each key milestone's label on a line of its own above the chart.
  double top = 62 + 10 * keys.size();
  double chartBottom = top + rows.size() * rowHeight;
  double height = chartBottom + 60;
  SvgWriter svg(nameWidth + chartWidth + 2 * margin, height,
                title.str() + ": construction schedule", "schedule-gantt");
  svg.text(margin, 18, title.str() + " construction schedule", "font-size:14px;font-weight:bold");
  svg.text(margin, 34,
           "Start " + plan.date({cpm.projectStart, false}) + ", finish " +
               plan.date(plan.finish()) + "; " + std::to_string(net.tasks.size()) + " tasks, " +
               std::to_string(net.calendar.workDays) + "-day weeks; bars by early dates",
           "font-size:11px");

  // Month lines; the month named at January and July (every month on a
  // chart of two years or less).
  bool everyMonth = axis.last - axis.first <= 731;
  model::Date month = schedule::civilFromDays(axis.first);
  month.day = 1;
  for (int64_t day = schedule::daysFromCivil(month); day <= axis.last;) {
    model::Date date = schedule::civilFromDays(day);
    if (day >= axis.first) {
      double x = nameWidth + (day - axis.first) * axis.scale;
      svg.line(x, top - 8, x, chartBottom, date.month == 1 ? "stroke:#bbb" : "stroke:#e6e6e6");
      if ((everyMonth || date.month == 1 || date.month == 7) &&
          x + 2 + 7 * 6.2 <= nameWidth + chartWidth + 2 * margin)
        svg.text(x + 2, top - 10, schedule::formatDate(date).substr(0, 7), "font-size:10px");
    }
    date.month = date.month == 12 ? 1 : date.month + 1;
    date.year += date.month == 1 ? 1 : 0;
    day = schedule::daysFromCivil(date);
  }

  for (size_t r = 0; r < rows.size(); ++r) {
    const OutlineRow &row = rows[r];
    double y = top + r * rowHeight;
    double indent = margin + (row.level - 1) * 12;
    if (r % 2 == 1)
      svg.rect(0, y, nameWidth + chartWidth + 2 * margin, rowHeight, "fill:#f7f7f7");
    if (row.summary) {
      SummarySpan span = summarySpan(plan, row.tasks);
      std::string label = summaryLabel(net, row);
      std::string key = outlineKey(row.path);
      svg.beginGroup(span.critical ? "summary critical" : "summary", "summary", key);
      svg.text(indent, y + 12, label, "font-weight:bold");
      double x1 = axis.x(span.start), x2 = axis.x(span.finish);
      svg.rect(x1, y + 4, std::max(x2 - x1, 1.0), 6,
               span.critical ? "fill:#333;stroke:" + criticalColour.str() + ";stroke-width:1.5"
                             : std::string("fill:#333"),
               key + ": " + plan.date(span.start) + " to " + plan.date(span.finish) + ", " +
                   std::to_string(row.tasks.size()) + " tasks" +
                   (span.critical ? ", holds critical tasks" : ""));
      svg.endGroup();
      continue;
    }
    const schedule::Task &task = net.tasks[row.task];
    const schedule::TaskTimes &times = cpm.times[row.task];
    schedule::TaskDates dates = plan.dates(row.task);
    std::string tooltip = task.name + ": " + plan.date(dates.start) +
                          (task.milestone ? "" : " to " + plan.date(dates.finish) + ", " +
                                                     std::to_string(task.duration) +
                                                     " working days") +
                          ", float " + std::to_string(times.totalFloat) +
                          (times.critical ? ", critical" : "");
    svg.beginGroup(times.critical ? "task critical" : "task", "task", task.name);
    const std::string &title = net.texts(row.task).title;
    svg.text(indent, y + 12, title.empty() ? task.name : title,
             times.critical ? "fill:" + criticalColour.str() : std::string());
    llvm::StringRef colour = times.critical ? criticalColour : taskColour;
    if (task.milestone) {
      svg.diamond(axis.x(dates.start), y + rowHeight / 2, 5, "fill:" + colour.str(), tooltip);
    } else {
      double x1 = axis.x(dates.start), x2 = axis.x(dates.finish);
      svg.rect(x1, y + 3, std::max(x2 - x1, 1.0), rowHeight - 6, "fill:" + colour.str(),
               tooltip);
    }
    svg.endGroup();
  }

  // Key milestones: a dashed line down the chart, the name and date above.
  for (size_t k = 0; k < keys.size(); ++k) {
    auto [t, name] = keys[k];
    schedule::Moment moment = plan.dates(t).start;
    double x = axis.x(moment);
    svg.beginGroup("key-milestone", "task", net.tasks[t].name);
    svg.line(x, 54 + 10 * k, x, chartBottom, "stroke:" + keyColour.str() + ";stroke-dasharray:4 3");
    // A label that would run past the picture's edge ends at its line
    // instead, on its left (its width estimated at 0.62 em a character).
    std::string text = name + " " + plan.date(moment);
    bool right = x + 3 + text.size() * 6.2 > nameWidth + chartWidth + 2 * margin;
    svg.text(right ? x - 3 - text.size() * 6.2 : x + 3, 52 + 10 * k, text,
             "font-size:10px;fill:" + keyColour.str());
    svg.endGroup();
  }

  double legend = chartBottom + 20;
  svg.rect(margin, legend - 9, 18, 10, "fill:" + criticalColour.str());
  svg.text(margin + 24, legend, "critical (no float): the critical path");
  svg.rect(margin + 260, legend - 9, 18, 10, "fill:" + taskColour.str());
  svg.text(margin + 284, legend, "task with float");
  svg.rect(margin + 400, legend - 7, 18, 6, "fill:#333");
  svg.text(margin + 424, legend, "summary: site, building (phase), hall");
  svg.line(margin + 680, legend - 10, margin + 680, legend + 2,
           "stroke:" + keyColour.str() + ";stroke-dasharray:4 3");
  svg.text(margin + 686, legend, "key milestone");
  if (net.tasks.size() > campusScaleTasks) {
    size_t shown = 0;
    for (const OutlineRow &row : rows)
      shown += row.summary ? 0 : 1;
    svg.text(margin, legend + 18,
             std::to_string(shown) + " of " + std::to_string(net.tasks.size()) +
                 " tasks drawn: a hall's tasks and a building's deliveries that are not "
                 "critical are drawn as their summary's bar (schedule.xml has every task).",
             "font-size:10px");
  }
  return svg.finish();
}

} // namespace sgd::backends
