#ifndef SGD_DIFF_DIFFROWS_H
#define SGD_DIFF_DIFFROWS_H

#include "diff/DesignDiff.h"

#include <string>
#include <vector>

namespace sgd::diff {

/// The rows the text and Markdown renderers print, with their figures
/// already written for people: "5,760", "726.4 MW", "18,103,032,000.00".

/// USD to the cent with thousands separators: "18,103,032,000.00".
std::string formatUsd(const Rational &usd);

/// A site figure before and after: racks, GPUs, IT load, peak demand, and
/// capex per category and in total.
struct FigureRow {
  std::string name;   // "racks", "IT load", "capex: ups", "capex: total"
  std::string before; // "" when the side lacks it
  std::string after;
  std::string change; // "+360", "+45.4 MW", "+1,250,000.00"
};
std::vector<FigureRow> figureRows(const SiteDiff &site);

/// A bill-of-materials line: "+" added, "-" removed, "~" changed.
struct BomRow {
  std::string mark;
  std::string scope;
  std::string entry;
  std::string quantity;     // "5,760 → 6,120 (+360)", "12" for an added line
  std::string unitCost;     // "3,200,000.00", "3,000,000.00 → 3,200,000.00"
  std::string extendedCost;
};
/// `sameCurrency`: whether the sides' money subtracts (no change figure if not).
BomRow bomRow(const BomLineDiff &line, bool sameCurrency = true);

/// "2025-06-05 → 2026-03-01", "2025-06-05" for a milestone on one side.
std::string milestoneDates(const MilestoneDiff &milestone);
/// "slips 269 days", "34 days earlier", "" for the same day.
std::string slipText(const MilestoneDiff &milestone);

/// Milestones that changed alike: the same kind (the last part of the
/// name: `ready`), dates, slip and driver. Thirty-two halls that slip the
/// same way are one line.
struct MilestoneGroup {
  std::vector<const MilestoneDiff *> members; // in the diff's order
  /// "first_power", or "b1.h1.ready … b8.h4.ready (32 milestones)".
  std::string names() const;
};
std::vector<MilestoneGroup> groupMilestones(const std::vector<MilestoneDiff> &milestones);

/// "+", "-", "~".
llvm::StringRef changeMark(Change change);

/// A JSON value in one line, for an OCI attribute: `"BM.GPU.GB200.4"`, `18`.
std::string compactJson(const llvm::json::Value &value);

/// What the OCI manifests' change adds, changes in place and destroys, as
/// `terraform plan` counts it: instances of `for_each` resources one by one.
/// The design_hash tag, which changes on every resource, is not counted.
struct OciCounts {
  size_t add = 0, change = 0, destroy = 0;
};
OciCounts ociCounts(const DesignDiff &diff);
/// "5 to add, 2 to change, 0 to destroy"
std::string ociSummary(const DesignDiff &diff);

/// "campus.sgd:12"
std::string diagnosticPlace(const DiagnosticItem &item);

} // namespace sgd::diff

#endif
