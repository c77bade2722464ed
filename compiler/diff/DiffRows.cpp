// The figures of a diff written for people, shared by the text and
// Markdown renderers.

#include "diff/DiffRows.h"

#include "backends/Bom.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"

namespace sgd::diff {
namespace {

const char *const arrow = " → ";

std::string countChange(uint64_t before, uint64_t after) {
  return after >= before ? "+" + units::withSeparators(after - before)
                         : "-" + units::withSeparators(before - after);
}

std::string usdChange(const Rational &before, const Rational &after) {
  std::optional<Rational> change = units::checkedSubtract(after, before);
  if (!change)
    return "";
  return (change->isNegative() ? "" : "+") + formatUsd(*change);
}

std::string quantityChange(const Quantity &before, const Quantity &after) {
  llvm::Expected<Quantity> change = units::subtract(after, before);
  if (!change) {
    llvm::consumeError(change.takeError());
    return "";
  }
  return (change->value.isNegative() ? "" : "+") + units::format(*change);
}

template <typename T, typename Format, typename ChangeOf>
FigureRow row(std::string name, const Delta<T> &delta, Format format, ChangeOf changeOf) {
  FigureRow row{std::move(name), delta.before ? format(*delta.before) : "",
                delta.after ? format(*delta.after) : "", ""};
  if (delta.before && delta.after)
    row.change = changeOf(*delta.before, *delta.after);
  return row;
}

// "a → b" when both sides have it and they differ, else the one there is.
template <typename T, typename Format>
std::string beforeAfter(const Delta<T> &delta, Format format) {
  if (delta.before && delta.after && *delta.before != *delta.after)
    return format(*delta.before) + arrow + format(*delta.after);
  if (delta.after)
    return format(*delta.after);
  return delta.before ? format(*delta.before) : "";
}

} // namespace

std::string formatUsd(const Rational &usd) { return backends::formatMoneyGrouped(usd); }

std::vector<FigureRow> figureRows(const SiteDiff &site) {
  auto count = [](uint64_t n) { return units::withSeparators(n); };
  auto quantity = [](const Quantity &q) { return units::format(q); };
  std::vector<FigureRow> rows;
  bool whole = site.change != Change::Changed;
  if (whole || site.racks.changed())
    rows.push_back(row("racks", site.racks, count, countChange));
  if (whole || site.gpus.changed())
    rows.push_back(row("GPUs", site.gpus, count, countChange));
  if (whole || site.itPower.changed())
    rows.push_back(row("IT load", site.itPower, quantity, quantityChange));
  if (whole || site.peakDemand.changed())
    rows.push_back(row("peak demand", site.peakDemand, quantity, quantityChange));
  for (const CapexDiff &capex : site.capex) {
    FigureRow money = row("capex: " + capex.category, capex.usd, formatUsd, usdChange);
    if (!site.sameCurrency)
      money.change = ""; // euros do not subtract from dollars
    else if (capex.usd.before.has_value() != capex.usd.after.has_value())
      money.change = (capex.usd.after ? "+" : "-") +
                     formatUsd(capex.usd.after ? *capex.usd.after : *capex.usd.before);
    rows.push_back(std::move(money));
  }
  return rows;
}

BomRow bomRow(const BomLineDiff &line, bool sameCurrency) {
  BomRow row{changeMark(line.change).str(), line.scope, line.entry, "", "", ""};
  row.quantity = beforeAfter(line.quantity, [](uint64_t n) { return units::withSeparators(n); });
  if (line.quantity.before && line.quantity.after && line.quantity.changed())
    row.quantity += " (" + countChange(*line.quantity.before, *line.quantity.after) + ")";
  row.unitCost = beforeAfter(line.unitCost, formatUsd);
  row.extendedCost = beforeAfter(line.extendedCost, formatUsd);
  if (sameCurrency && line.extendedCost.before && line.extendedCost.after &&
      line.extendedCost.changed())
    row.extendedCost += " (" + usdChange(*line.extendedCost.before, *line.extendedCost.after) + ")";
  return row;
}

std::string milestoneDates(const MilestoneDiff &milestone) {
  return beforeAfter(milestone.date, [](const std::string &date) { return date; });
}

std::string slipText(const MilestoneDiff &milestone) {
  if (!milestone.slipDays || *milestone.slipDays == 0)
    return "";
  int64_t days = *milestone.slipDays;
  int64_t magnitude = days < 0 ? -days : days;
  std::string span = std::to_string(magnitude) + (magnitude == 1 ? " day" : " days");
  return days > 0 ? "slips " + span : span + " earlier";
}

std::string MilestoneGroup::names() const {
  if (members.size() == 1)
    return members.front()->name;
  return members.front()->name + " … " + members.back()->name + " (" +
         std::to_string(members.size()) + " milestones)";
}

std::vector<MilestoneGroup> groupMilestones(const std::vector<MilestoneDiff> &milestones) {
  auto kind = [](const MilestoneDiff &m) { return llvm::StringRef(m.name).rsplit('.').second; };
  auto alike = [&](const MilestoneDiff &a, const MilestoneDiff &b) {
    return a.change == b.change && !kind(a).empty() && kind(a) == kind(b) && a.date == b.date &&
           a.slipDays == b.slipDays && a.driver == b.driver;
  };
  std::vector<MilestoneGroup> groups;
  for (const MilestoneDiff &milestone : milestones) {
    if (!groups.empty() && alike(*groups.back().members.front(), milestone))
      groups.back().members.push_back(&milestone);
    else
      groups.push_back({{&milestone}});
  }
  return groups;
}

llvm::StringRef changeMark(Change change) {
  return change == Change::Added ? "+" : change == Change::Removed ? "-" : "~";
}

std::string compactJson(const llvm::json::Value &value) {
  std::string text;
  llvm::raw_string_ostream out(text);
  out << value;
  return out.str();
}

OciCounts ociCounts(const DesignDiff &diff) {
  OciCounts counts;
  for (const OciResourceDiff &resource : diff.oci)
    switch (resource.change) {
    case Change::Added: counts.add += resource.instances; break;
    case Change::Removed: counts.destroy += resource.instances; break;
    case Change::Changed:
      counts.add += resource.instancesAdded.size();
      counts.destroy += resource.instancesRemoved.size();
      if (!resource.attributes.empty())
        ++counts.change;
      break;
    }
  return counts;
}

std::string ociSummary(const DesignDiff &diff) {
  OciCounts counts = ociCounts(diff);
  return std::to_string(counts.add) + " to add, " + std::to_string(counts.change) +
         " to change, " + std::to_string(counts.destroy) + " to destroy";
}

std::string diagnosticPlace(const DiagnosticItem &item) {
  if (item.file.empty())
    return "";
  return item.file + (item.line ? ":" + std::to_string(item.line) : "");
}

} // namespace sgd::diff
