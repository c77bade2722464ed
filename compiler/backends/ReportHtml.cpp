// out/report.html: the design for people who review it.

#include "backends/ReportHtml.h"

#include "backends/Bom.h"
#include "backends/OneLine.h"
#include "backends/ReportPictures.h"
#include "backends/ReportSvg.h"
#include "backends/ScheduleGantt.h"
#include "model/Aggregates.h"
#include "schedule/Schedule.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>

namespace sgd::backends {
namespace {

using report::escapeXml;

const char *const style = R"(body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;font-size:13px}
th{background:#f0f0f0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer}figure{margin:16px 0}figcaption{font-size:13px;color:#555}
svg{max-width:100%;height:auto;border:1px solid #eee}.error{color:#b00}.warning{color:#a60}
nav a{margin-right:12px})";

// Sorts the BOM table by the clicked column: numbers by their data-sort
// value, text alphabetically; a second click reverses.
const char *const sortScript = R"(document.querySelectorAll("table.sortable th").forEach(function(th,i){
th.addEventListener("click",function(){var body=th.closest("table").tBodies[0];
var rows=Array.from(body.rows);var down=th.dataset.dir!=="asc";th.dataset.dir=down?"asc":"desc";
rows.sort(function(a,b){var x=a.cells[i].dataset.sort||a.cells[i].textContent,y=b.cells[i].dataset.sort||b.cells[i].textContent;
var p=parseFloat(x),q=parseFloat(y);var c=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y);return down?c:-c;});
rows.forEach(function(r){body.appendChild(r);});});});)";

std::string cell(llvm::StringRef text) { return "<td>" + escapeXml(text) + "</td>"; }

std::string number(llvm::StringRef text, llvm::StringRef sortKey) {
  return "<td class=\"n\" data-sort=\"" + escapeXml(sortKey) + "\">" + escapeXml(text) + "</td>";
}

std::string money(const units::Rational &amount) {
  return number(formatMoneyGrouped(amount), formatMoney(amount));
}

// A site's first-power date: its `first_power` milestone, in the one date
// convention of the schedule files and the build summary (docs/schedule.md).
std::map<std::string, std::string> firstPowerBySite(const schedule::Plan &plan) {
  std::map<std::string, std::string> dates;
  for (unsigned t = 0; t < plan.network.tasks.size(); ++t) {
    const schedule::Task &task = plan.network.tasks[t];
    const std::vector<std::string> &outline = plan.network.texts(t).outline;
    if (task.kind == "milestone" && llvm::StringRef(task.name).endswith("first_power") &&
        !outline.empty())
      dates[outline.front()] =
          schedule::formatDate(plan.network.calendar.dateOf(plan.dates(t).finish.day));
  }
  return dates;
}

void writeSummary(const BuildInput &input, const Bom &bom, const schedule::Plan &plan,
                  std::string &html) {
  const model::Design &design = input.design;
  std::map<std::string, std::string> firstPower = firstPowerBySite(plan);
  // The whole capex of each site (equipment and the cost model's lines), as
  // the build summary and bom.* give it.
  std::map<model::Replica, const cost::CapexTotal *> totals;
  for (const cost::CapexTotal &total : bom.capex.sites)
    totals[total.site] = &total;
  html += "<section id=\"summary\"><h2>Summary</h2><table><thead><tr><th>site</th><th>racks</th>"
          "<th>GPUs</th><th>IT load</th><th>peak demand</th><th>capex (" +
          escapeXml(bom.currency) + ")</th><th>first power</th></tr></thead><tbody>\n";
  std::vector<model::Replica> sites;
  for (model::Index n = 0; n < design.nodes.size(); n = design.nodes[n].subtreeEnd)
    for (model::Replica replica : design.replicas(n))
      sites.push_back(replica);
  for (model::Replica site : sites) {
    model::RackTotals racks = model::rackTotals(design, site.node);
    const checks::NodeFigures &figures = input.analysis.nodes[site.node];
    std::string name = design.nameOf(site);
    html += "<tr class=\"site\" data-site=\"" + escapeXml(name) + "\">" + cell(name) +
            number(units::withSeparators(racks.racks), std::to_string(racks.racks)) +
            number(units::withSeparators(racks.gpus), std::to_string(racks.gpus)) +
            cell(units::format(figures.itPower)) + cell(units::format(figures.peakDemand));
    auto total = totals.find(site);
    html += total != totals.end() ? money(total->second->total) : cell("");
    html += cell(firstPower.count(name) ? firstPower[name] : "") + "</tr>\n";
  }
  html += "</tbody></table></section>\n";
}

void writeDiagnostics(const BuildInput &input, const DiagnosticEngine &diagnostics,
                      std::string &html) {
  html += "<section id=\"diagnostics\"><h2>Diagnostics</h2>";
  std::vector<const Diagnostic *> all = diagnostics.sorted();
  if (all.empty())
    html += "<p>None.</p>";
  else
    html += "<ul>";
  for (const Diagnostic *d : all) {
    std::string place;
    if (d->range.isValid())
      place = input.files.displayName(d->range.file).str() + ":" +
              std::to_string(input.files.lineColumn(d->range.file, d->range.begin).line) + ": ";
    std::string severity = severityName(d->severity).str();
    html += "<li class=\"" + escapeXml(severity) + "\">" + escapeXml(place) + severity + " [" +
            escapeXml(d->id()) + "]: " + escapeXml(d->message) + "</li>\n";
  }
  if (!all.empty())
    html += "</ul>";
  html += "</section>\n";
}

void writeCapex(const model::Design &design, const Bom &bom, std::string &html) {
  std::map<std::string, units::Rational> byCategory = capexByCategory(design, bom);
  units::Rational total;
  for (const auto &[category, amount] : byCategory)
    total = units::checkedAdd(total, amount).value_or(total);
  html += "<section id=\"capex\"><h2>Capex by category</h2><table><thead><tr><th>category</th>"
          "<th>" + escapeXml(bom.currency) + "</th><th>share</th></tr></thead><tbody>\n";
  for (const auto &[category, amount] : byCategory) {
    double share = total.isZero() ? 0
                                  : static_cast<double>(amount.numerator()) / amount.denominator() /
                                        (static_cast<double>(total.numerator()) / total.denominator());
    html += "<tr>" + cell(category) + money(amount) + "<td><svg width=\"204\" height=\"12\">" +
            "<rect width=\"" + report::coordinate(200 * share) +
            "\" height=\"12\" style=\"fill:#0072B2\"/></svg> " +
            report::coordinate(100 * share) + " %</td></tr>\n";
  }
  html += "<tr><th>total</th>" + money(total) + "<td></td></tr></tbody></table></section>\n";
}

void writeBom(const model::Design &design, const Bom &bom, std::string &html) {
  html += "<section id=\"bom\"><h2>Bill of materials</h2><p>Click a column to sort.</p>"
          "<table class=\"sortable\" id=\"bom-table\"><thead><tr><th>line</th><th>scope</th>"
          "<th>category</th><th>entry</th><th>quantity</th><th>unit cost (" +
          escapeXml(bom.currency) + ")</th><th>cost (" + escapeXml(bom.currency) +
          ")</th><th>lead time</th></tr></thead><tbody>\n";
  for (const BomLine &line : bom.lines) {
    std::string entry = design.catalog[line.entry].qualifiedName.str();
    html += "<tr class=\"bom-line\" data-entry=\"" + escapeXml(entry) + "\">" +
            number(std::to_string(line.number), std::to_string(line.number)) +
            cell(placeOf(design, line.scope).path) + cell(categoryOf(design, line.entry)) +
            cell(entry) +
            number(units::withSeparators(line.quantity), std::to_string(line.quantity)) +
            (line.unitCost ? money(*line.unitCost) : cell("unpriced")) +
            (line.extendedCost ? money(*line.extendedCost) : cell("")) +
            (line.leadTimeWeeks ? number(units::formatDecimal(*line.leadTimeWeeks) + " weeks",
                                         units::formatDecimal(*line.leadTimeWeeks))
                                : cell("")) +
            "</tr>\n";
  }
  html += "</tbody></table></section>\n";
}

// The single-line diagram of every site with a power topology, drawn as
// oneline-SITE.svg is (backends/OneLine.h).
void writeOneLines(const BuildInput &input, const SiteDiagrams &diagrams, std::string &html) {
  const power::PowerGraph &graph = diagrams.expanded.graph;
  html += "<section id=\"oneline\"><h2>Single-line diagram</h2><p>Per site, from the utility "
          "feeds to the racks: structures drawn once with their count (× N), feeds coloured by "
          "path (A blue, B red), implied elements dashed; also oneline-SITE.svg.</p>\n";
  bool any = false;
  for (const OneLineLayout &layout : diagrams.layouts) {
    if (std::none_of(layout.symbols.begin(), layout.symbols.end(),
                     [&](const OneLineSymbol &symbol) {
                       return !graph.elements[symbol.element].implied;
                     }))
      continue; // no power topology at this site: only the racks the compiler implies
    any = true;
    std::string site = input.design.nameOf(layout.boxes.front().node);
    html += "<figure class=\"oneline\" data-site=\"" + escapeXml(site) + "\" data-symbols=\"" +
            std::to_string(layout.symbols.size()) + "\">\n" +
            oneLineSvg(input.design, graph, layout) + "<figcaption>Single-line diagram of site " +
            escapeXml(site) + "</figcaption></figure>\n";
  }
  if (!any)
    html += "<p>No site of the design has a power topology.</p>\n";
  html += "</section>\n";
}

} // namespace

void emitReport(const BuildInput &input, const Bom &bom, const schedule::Plan &construction,
                const SiteDiagrams &diagrams, OutputSet &outputs,
                const DiagnosticEngine &diagnostics) {
  std::string title = input.settings.designName.empty() ? "design" : input.settings.designName;
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<title>" + escapeXml(title) + ": design report</title>\n<style>\n" +
                     style + "\n</style>\n</head>\n<body>\n<h1>" + escapeXml(title) +
                     ": design report</h1>\n<p>Written by sgdc " +
                     escapeXml(input.settings.toolVersion) +
                     ". Every figure is the compiler's. The floor plans and the campus are to "
                     "scale; the single-line diagram and the Gantt chart are diagrams.</p>\n"
                     "<nav><a href=\"#summary\">summary</a><a href=\"#diagnostics\">"
                     "diagnostics</a><a href=\"#capex\">capex</a><a href=\"#bom\">bill of "
                     "materials</a><a href=\"#plans\">floor plans</a><a href=\"#campus\">campus"
                     "</a><a href=\"#oneline\">single-line diagram</a><a href=\"#schedule\">"
                     "schedule</a></nav>\n";
  writeSummary(input, bom, construction, html);
  writeDiagnostics(input, diagnostics, html);
  writeCapex(input.design, bom, html);
  writeBom(input.design, bom, html);

  html += "<section id=\"plans\"><h2>Hall floor plans</h2><p>One plan per hall type (halls with "
          "the same rows, racks and equipment), to scale. Racks from their footprint, drawn "
          "1.2 m deep with 1.2 m aisles [E: rack types give only the footprint's area]; every "
          "unit of the hall's equipment placed: floor-standing units as squares of their "
          "footprint's area in their block's gallery, units in a rack or overhead marked on the "
          "racks.</p>\n";
  for (const report::HallPlan &plan : report::drawHallPlans(input.design, input.analysis, input.files)) {
    html += "<figure class=\"plan\" data-hall=\"" + escapeXml(plan.path) + "\" data-racks=\"" +
            std::to_string(plan.racks) + "\" data-halls=\"" + std::to_string(plan.halls.size()) +
            "\">\n" + plan.svg + "<figcaption>" + escapeXml(plan.path) + ": " +
            units::withSeparators(plan.racks) + " racks per hall; " +
            std::to_string(plan.halls.size()) + (plan.halls.size() == 1 ? " hall" : " halls") +
            " of this type: " + escapeXml(llvm::join(plan.halls, ", ")) +
            "</figcaption></figure>\n";
    outputs.add("plan-" + plan.path + ".svg", plan.svg);
  }
  html += "</section>\n";
  std::string campus = report::drawCampus(input.design);
  html += "<section id=\"campus\"><h2>Campus</h2><p>Sites, buildings and halls to scale from "
          "their areas, filled by zone class; the design gives no coordinates, so they stand in "
          "a grid with 30 m roads and 6 m corridors [E].</p>\n" +
          campus + "</section>\n";
  outputs.add("campus.svg", campus);
  writeOneLines(input, diagrams, html);
  std::string gantt = drawScheduleGantt(construction, title);
  html += "<section id=\"schedule\"><h2>Construction schedule</h2>\n" + gantt + "</section>\n";
  outputs.add("gantt.svg", gantt);
  html += "<script>\n" + std::string(sortScript) + "\n</script>\n</body>\n</html>\n";
  outputs.add("report.html", std::move(html));
}

} // namespace sgd::backends
