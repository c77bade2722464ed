// `sgdc diff --format markdown`: the diff as a pull-request comment
// (GitHub-flavoured Markdown: tables, and a folded section for long lists).

#include "diff/DiffRows.h"
#include "diff/Render.h"

namespace sgd::diff {
namespace {

// A table cell: `|` would end the cell and a line break the row.
std::string cell(llvm::StringRef text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|')
      escaped += "\\|";
    else if (c == '\n')
      escaped += "<br>";
    else
      escaped += c;
  }
  return escaped;
}

// Inline code that may itself hold backticks.
std::string code(llvm::StringRef text) {
  std::string fence = text.contains('`') ? "`` " : "`";
  std::string close = text.contains('`') ? " ``" : "`";
  return fence + text.str() + close;
}

void printSite(const SiteDiff &site, llvm::StringRef currency, llvm::raw_ostream &out) {
  out << "\n#### Site " << code(site.name);
  if (site.change != Change::Changed)
    out << " (" << changeName(site.change) << ")";
  out << "\n";
  std::vector<FigureRow> rows = figureRows(site);
  if (!rows.empty())
    out << "\n| | before | after | change |\n|---|--:|--:|--:|\n";
  for (const FigureRow &row : rows)
    out << "| " << cell(row.name) << " | " << cell(row.before) << " | " << cell(row.after)
        << " | " << cell(row.change) << " |\n";
  if (!site.bom.empty()) {
    out << "\n**Bill of materials** (" << currency
        << ")\n\n| | scope | entry | quantity | unit cost | cost |\n"
           "|---|---|---|--:|--:|--:|\n";
    for (const BomLineDiff &line : site.bom) {
      BomRow row = bomRow(line, site.sameCurrency);
      out << "| " << row.mark << " | " << code(row.scope) << " | " << code(row.entry) << " | "
          << cell(row.quantity) << " | " << cell(row.unitCost) << " | "
          << cell(row.extendedCost.empty() ? "unpriced" : row.extendedCost) << " |\n";
    }
  }
  if (!site.milestones.empty()) {
    out << "\n**Milestones**\n\n| | milestone | date | slip | set by |\n|---|---|---|---|---|\n";
    for (const MilestoneGroup &group : groupMilestones(site.milestones)) {
      const MilestoneDiff &milestone = *group.members.front();
      std::string driver = milestone.driver.after.value_or("");
      if (milestone.change == Change::Changed && milestone.driver.changed() &&
          milestone.driver.before && !milestone.driver.before->empty())
        driver += " (was: " + *milestone.driver.before + ")";
      out << "| " << changeMark(milestone.change) << " | " << cell(group.names()) << " | "
          << cell(milestoneDates(milestone)) << " | " << cell(slipText(milestone)) << " | "
          << cell(driver) << " |\n";
    }
  }
}

void printOci(const DesignDiff &diff, llvm::raw_ostream &out) {
  if (diff.oci.empty() && !diff.designHash.changed())
    return;
  out << "\n<details><summary>OCI resources: " << ociSummary(diff)
      << "</summary>\n\n```diff\n";
  for (const OciResourceDiff &resource : diff.oci) {
    out << (resource.change == Change::Changed ? "!" : changeMark(resource.change)) << " "
        << resource.address;
    if (resource.change != Change::Changed && resource.instances != 1)
      out << " (" << resource.instances << " instances)";
    out << "\n";
    for (const AttributeDiff &attribute : resource.attributes)
      out << "    " << attribute.path << ": "
          << (attribute.before ? compactJson(*attribute.before) : "(none)") << " -> "
          << (attribute.after ? compactJson(*attribute.after) : "(none)") << "\n";
    for (const std::string &key : resource.instancesAdded)
      out << "+   " << resource.address << "[\"" << key << "\"]\n";
    for (const std::string &key : resource.instancesRemoved)
      out << "-   " << resource.address << "[\"" << key << "\"]\n";
  }
  if (diff.designHash.changed())
    out << "# every resource's design_hash tag: " << diff.designHash.before.value_or("")
        << " -> " << diff.designHash.after.value_or("") << "\n";
  out << "```\n\n</details>\n";
}

void printDiagnostics(llvm::StringRef title, const std::vector<DiagnosticItem> &items,
                      llvm::raw_ostream &out) {
  if (items.empty())
    return;
  out << "\n**" << title << "**\n\n";
  for (const DiagnosticItem &item : items) {
    out << "- " << item.severity << " " << code(item.id);
    if (std::string place = diagnosticPlace(item); !place.empty())
      out << " " << code(place);
    out << ": " << item.message << "\n";
  }
}

} // namespace

void printMarkdown(const DesignDiff &diff, llvm::raw_ostream &out) {
  out << "### sgdc diff: " << code(diff.before) << " → " << code(diff.after) << "\n";
  if (!diff.changed()) {
    out << "\nNo changes.\n";
    return;
  }
  if (!diff.beforeBuilt || !diff.afterBuilt)
    out << "\nFigures not compared: " << code(!diff.beforeBuilt ? diff.before : diff.after)
        << " has errors, so it has no figures, bill of materials, schedule or manifests.\n";
  if (diff.currency.changed())
    out << "\nCurrency: " << diff.currencyLabel()
        << " (each side's money in its own currency).\n";
  for (const SiteDiff &site : diff.sites)
    printSite(site, diff.currencyLabel(), out);
  printOci(diff, out);
  printDiagnostics("Diagnostics added (" + std::to_string(diff.diagnosticsAdded.size()) + ")",
                   diff.diagnosticsAdded, out);
  printDiagnostics("Diagnostics fixed (" + std::to_string(diff.diagnosticsFixed.size()) + ")",
                   diff.diagnosticsFixed, out);
}

} // namespace sgd::diff
