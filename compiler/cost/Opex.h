#ifndef SGD_COST_OPEX_H
#define SGD_COST_OPEX_H

#include "cost/Capex.h"

namespace sgd::cost {

/// A site's running cost per year and its simple TCO (docs/costs.md, "Opex").
struct SiteOpex {
  Replica site = NoSite;
  Exact itMegawatts;
  Exact annualPue;      // the energy model's, else the stated `pue_design`, else 1
  bool modelled = false; // from the energy model's bins (else IT × 8,760 h × PUE)
  Exact energyMwh;      // a year
  Exact energyCost;     // energyMwh × tariff, to the cent
  std::string tariffRate; // the rate's name: "tariff_per_mwh_us_tx"
  Exact waterM3;
  Exact waterCost;
  Exact maintenance;    // facility capex × maintenance, to the cent
  Exact opex;           // energy + water + maintenance
  Exact capexPerYear;   // facility, land and soft / facility life + IT and fabric / IT life
  std::optional<Exact> tcoPerMegawattYear; // (capexPerYear + opex) / IT MW, to the cent
};

/// The opex of every site the capex has (its `sites`, the top level left out).
std::vector<SiteOpex> computeOpex(const CostInput &input, const Capex &capex);

} // namespace sgd::cost

#endif
