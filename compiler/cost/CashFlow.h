#ifndef SGD_COST_CASHFLOW_H
#define SGD_COST_CASHFLOW_H

#include "cost/Capex.h"

namespace sgd::cost {

/// One row of capex.csv: what a phase of a site commits and pays in one
/// category in one month (docs/costs.md, "Cash flow"). Money to the cent.
struct CashFlowRow {
  int year = 0;
  unsigned month = 0;
  std::string site;
  unsigned phase = 1;
  std::string category;
  Rational committed;
  Rational paid;
};

/// What one phase of a site costs and the IT load it brings.
struct PhaseCapex {
  std::string site;
  unsigned phase = 1;
  Rational capex;
  Rational itWatts;
  std::optional<Rational> perMegawatt; // to the cent; nothing without IT load
};

/// Dates of a line of the bill of materials: when it must be ordered and
/// when it must be on site, as "2025-06-04" ("" when the schedule has none).
struct LineDates {
  std::string orderBy;
  std::string needBy;
};

struct CashFlow {
  std::vector<CashFlowRow> rows; // by month, site, phase, category
  std::vector<PhaseCapex> phases;
  /// Per EquipmentCost of the input: the earliest order-by and need-by of
  /// its delivery lots.
  std::vector<LineDates> equipmentDates;
  /// Per CostLine of the capex: when it is committed and when work starts.
  std::vector<LineDates> lineDates;
};

/// Spreads the capex over the schedule: equipment committed at its order
/// and paid `pay_at_order` then, `pay_at_delivery` at delivery and the rest
/// when its building's last task finishes; every other line committed when
/// its tasks start and paid day by day while they run (land and permits
/// when site works start). Each (site, phase, category) series is rounded to the cent
/// on its running total, so the rows add up to the capex exactly.
CashFlow cashFlow(const CostInput &input, const Capex &capex);

} // namespace sgd::cost

#endif
