// `sgdc diff` as text, for a terminal.

#include "diff/DiffRows.h"
#include "diff/Render.h"

#include "llvm/Support/Format.h"

namespace sgd::diff {
namespace {

// At most this many instance keys are listed per resource; the JSON lists all.
constexpr size_t listedInstances = 8;

void printKeys(llvm::StringRef mark, const std::vector<std::string> &keys, llvm::raw_ostream &out) {
  if (keys.empty())
    return;
  out << "      " << mark << " " << keys.size() << (keys.size() == 1 ? " instance:" : " instances:");
  for (size_t i = 0; i < keys.size() && i < listedInstances; ++i)
    out << " " << keys[i];
  if (keys.size() > listedInstances)
    out << " …";
  out << "\n";
}

void printSite(const SiteDiff &site, llvm::StringRef currency, llvm::raw_ostream &out) {
  out << "site " << site.name;
  if (site.change != Change::Changed)
    out << " (" << changeName(site.change) << ")";
  out << "\n";
  std::vector<FigureRow> rows = figureRows(site);
  size_t nameWidth = 0, beforeWidth = 0, afterWidth = 0;
  for (const FigureRow &row : rows) {
    nameWidth = std::max(nameWidth, row.name.size());
    beforeWidth = std::max(beforeWidth, row.before.size());
    afterWidth = std::max(afterWidth, row.after.size());
  }
  for (const FigureRow &row : rows) {
    out << "  " << llvm::left_justify(row.name, nameWidth) << "  ";
    if (site.change == Change::Changed)
      out << llvm::right_justify(row.before, beforeWidth) << " → "
          << llvm::right_justify(row.after, afterWidth)
          << (row.change.empty() ? std::string() : "  (" + row.change + ")");
    else
      out << (row.after.empty() ? row.before : row.after);
    out << "\n";
  }
  if (!site.bom.empty()) {
    out << "  bill of materials (" << currency << "):\n";
    for (const BomLineDiff &line : site.bom) {
      BomRow row = bomRow(line, site.sameCurrency);
      out << "    " << row.mark << " " << row.scope << "  " << row.entry << "  quantity "
          << row.quantity;
      if (!row.unitCost.empty())
        out << "; unit cost " << row.unitCost;
      if (!row.extendedCost.empty())
        out << "; cost " << row.extendedCost;
      else
        out << "; unpriced";
      out << "\n";
    }
  }
  if (!site.milestones.empty()) {
    out << "  milestones:\n";
    for (const MilestoneGroup &group : groupMilestones(site.milestones)) {
      const MilestoneDiff &milestone = *group.members.front();
      out << "    " << changeMark(milestone.change) << " " << group.names() << "  "
          << milestoneDates(milestone);
      if (std::string slip = slipText(milestone); !slip.empty())
        out << "  (" << slip << ")";
      out << "\n";
      if (milestone.change != Change::Changed)
        continue;
      if (milestone.driver.after && !milestone.driver.after->empty())
        out << "        set by " << *milestone.driver.after << "\n";
      if (milestone.driver.changed() && milestone.driver.before &&
          !milestone.driver.before->empty())
        out << "        was set by " << *milestone.driver.before << "\n";
    }
  }
}

void printOci(const DesignDiff &diff, llvm::raw_ostream &out) {
  if (diff.oci.empty() && !diff.designHash.changed())
    return;
  out << "OCI resources: " << ociSummary(diff) << "\n";
  for (const OciResourceDiff &resource : diff.oci) {
    out << "  " << changeMark(resource.change) << " " << resource.address;
    if (resource.change != Change::Changed && resource.instances != 1)
      out << " (" << resource.instances << " instances)";
    out << "\n";
    for (const AttributeDiff &attribute : resource.attributes)
      out << "      " << attribute.path << ": "
          << (attribute.before ? compactJson(*attribute.before) : "(none)") << " → "
          << (attribute.after ? compactJson(*attribute.after) : "(none)") << "\n";
    printKeys("+", resource.instancesAdded, out);
    printKeys("-", resource.instancesRemoved, out);
  }
  if (diff.designHash.changed())
    out << "  every resource's design_hash tag: " << diff.designHash.before.value_or("") << " → "
        << diff.designHash.after.value_or("") << "\n";
}

void printDiagnostic(llvm::StringRef mark, const DiagnosticItem &item, llvm::raw_ostream &out) {
  out << "  " << mark << " " << item.severity << " " << item.id;
  if (std::string place = diagnosticPlace(item); !place.empty())
    out << " " << place;
  out << ": " << item.message << "\n";
}

} // namespace

void printText(const DesignDiff &diff, llvm::raw_ostream &out) {
  out << "sgdc diff: " << diff.before << " → " << diff.after << "\n";
  if (!diff.changed()) {
    out << "no changes\n";
    return;
  }
  if (!diff.beforeBuilt || !diff.afterBuilt)
    out << "figures not compared: "
        << (!diff.beforeBuilt ? diff.before : diff.after)
        << " has errors, so it has no figures, bill of materials, schedule or manifests\n";
  if (diff.currency.changed())
    out << "currency: " << diff.currencyLabel() << " (each side's money in its own currency)\n";
  for (const SiteDiff &site : diff.sites)
    printSite(site, diff.currencyLabel(), out);
  printOci(diff, out);
  if (!diff.diagnosticsAdded.empty() || !diff.diagnosticsFixed.empty()) {
    out << "diagnostics: " << diff.diagnosticsAdded.size() << " added, "
        << diff.diagnosticsFixed.size() << " fixed\n";
    for (const DiagnosticItem &item : diff.diagnosticsAdded)
      printDiagnostic("+", item, out);
    for (const DiagnosticItem &item : diff.diagnosticsFixed)
      printDiagnostic("-", item, out);
  }
}

} // namespace sgd::diff
