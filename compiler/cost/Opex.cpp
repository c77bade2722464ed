#include "cost/Opex.h"

namespace sgd::cost {

std::vector<SiteOpex> computeOpex(const CostInput &input, const Capex &capex) {
  std::vector<SiteOpex> result;
  const RateTable &rates = input.rates;
  for (const CapexTotal &total : capex.sites) {
    if (total.site == NoSite)
      continue;
    std::vector<std::string> keys = rateKeys(input.design, total.site.node);
    SiteOpex opex;
    opex.site = total.site;
    opex.itMegawatts = Exact(input.analysis.nodes[total.site.node].itPower.value) / Exact(1'000'000);
    const thermal::SiteEnergy *energy =
        input.analysis.thermal.siteOf(input.design, total.site.node);
    const Exact joulesPerMwh(3'600'000'000LL);
    if (energy && energy->modelled()) {
      opex.modelled = true;
      opex.annualPue = energy->annualPue();
      opex.energyMwh = energy->annualEnergy / joulesPerMwh;
      opex.waterM3 = energy->water / Exact(1000);
    } else {
      opex.annualPue = energy ? energy->annualPue() : Exact(1);
      opex.energyMwh = opex.itMegawatts * Exact(8760) * opex.annualPue;
    }
    opex.tariffRate = rates.nameOf("tariff_per_mwh", keys);
    opex.energyCost = toCents(opex.energyMwh * rates.money("tariff_per_mwh", keys));
    opex.waterCost = toCents(opex.waterM3 * rates.money("water_per_m3", keys));
    opex.maintenance = toCents(Exact(total.facility) * rates.number("maintenance", keys));
    opex.opex = opex.energyCost + opex.waterCost + opex.maintenance;
    Exact longLived = Exact(total.facility) + Exact(total.land) + Exact(total.soft);
    Exact shortLived = Exact(total.it) + Exact(total.fabric);
    opex.capexPerYear = toCents(longLived / rates.number("facility_life_years", keys) +
                                shortLived / rates.number("it_life_years", keys));
    if (opex.itMegawatts.isPositive())
      opex.tcoPerMegawattYear = toCents((opex.capexPerYear + opex.opex) / opex.itMegawatts);
    result.push_back(opex);
  }
  return result;
}

} // namespace sgd::cost
