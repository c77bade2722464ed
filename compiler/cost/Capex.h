#ifndef SGD_COST_CAPEX_H
#define SGD_COST_CAPEX_H

#include "checks/DesignAnalysis.h"
#include "cost/Rates.h"
#include "model/Design.h"
#include "schedule/Schedule.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::cost {

using model::Index;
using model::NoIndex;
using model::Replica;
using units::Rational;

/// No site: the design's top level.
inline constexpr Replica NoSite{NoIndex, 0};

/// What a capex line counts towards (docs/costs.md, "Groups").
enum class CostGroup : uint8_t {
  It,       // the racks
  Fabric,   // the GPU network fabric
  Facility, // facility equipment and construction: what [C&W 2025] calls construction
  Land,
  Soft,     // design, permits, taxes and duties, contingency
};
llvm::StringRef groupName(CostGroup group);

/// Equipment the bill of materials prices from the catalog: the input of
/// the cost model, one per BOM line.
struct EquipmentCost {
  Replica site = NoSite; // the site (a top-level structure's replica); NoSite at the top level
  Index entry = NoIndex; // catalog entry
  llvm::StringRef kind;  // "rack_type", "transformer", …
  uint64_t quantity = 0;
  Rational unitCost;     // project currency, to the cent
  Rational amount;       // quantity × unitCost
};

/// Where a line's money is spent: a building (or the site) and its weight
/// among the line's shares; the cash flow spreads the line over them.
struct Share {
  Replica node = NoSite; // a building replica, or the site for the site's own work
  Exact weight;

  friend bool operator==(const Share &, const Share &) = default;
};

/// A capex line the cost model adds to the equipment: a category, the
/// design fact it comes from and the rate it is priced at.
struct CostLine {
  Replica site = NoSite;
  CostGroup group = CostGroup::Facility;
  std::string category; // "network_fabric", "building", "site_works", …
  std::string item;     // "leaf, spine and core switches", "shell and core"
  std::string basis;    // the design fact: "391,680 GPUs in 8 clusters: …"
  Exact quantity;       // of `unit`
  std::string unit;     // "ea", "m2", "m", "ha", "L", "MW", or the project currency (a factor on money)
  Exact rate;           // project currency per unit, exact (FX and indices applied)
  std::string rateNames; // the rates it uses: "shell_per_m2 x construction_index_us_tx"
  Rational amount;      // quantity × rate, rounded to the cent
  /// The schedule tasks it is paid over (`shell`, `mep`, `site_works`, `cx`
  /// for the commissioning levels, …); "" for the site's whole span.
  std::string task;
  bool paidAtStart = false; // paid in full when its tasks start (land, permits)
  std::vector<Share> shares;

  friend bool operator==(const CostLine &, const CostLine &) = default;
};

/// What a site's capex adds up to (the design's with site NoSite).
struct CapexTotal {
  Replica site = NoSite;
  Rational it, fabric, facilityEquipment, construction, land, soft;
  Rational facility; // facilityEquipment + construction
  Rational total;
  std::optional<Rational> itPowerWatts;
};

/// The whole capex of a design: the lines beyond equipment and the totals.
struct Capex {
  std::vector<CostLine> lines; // by site, then in docs/costs.md's category order
  std::vector<CapexTotal> sites;
  CapexTotal design;
};

/// What the cost model reads.
struct CostInput {
  const model::Design &design;
  const checks::DesignAnalysis &analysis;
  const schedule::Plan *plan; // null without a schedule (no top-level structure)
  llvm::ArrayRef<EquipmentCost> equipment;
  const RateTable &rates;
};

/// The keys of a site's regional rates, most specific first: its region,
/// then its country (`US-TX`, `US`).
std::vector<std::string> rateKeys(const model::Design &design, Index site);

/// Prices every category of docs/costs.md from the design facts and the
/// rates; reports a fabric larger than its tiers connect (W0613) and sums
/// beyond exact arithmetic (E0614, nothing then).
std::optional<Capex> computeCapex(const CostInput &input, DiagnosticEngine &diagnostics);

} // namespace sgd::cost

#endif
