#ifndef SGD_BACKENDS_BOM_H
#define SGD_BACKENDS_BOM_H

#include "backends/Backends.h"
#include "cost/CashFlow.h"
#include "cost/Opex.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sgd::backends {

using units::Rational;

/// One line of the bill of materials: the units of one catalog entry that
/// one scope installs. The scope is a site (a replica of a top-level
/// structure) or, with `--bom-detail`, the nearest site, building or hall of
/// each rack and equipment line: every replica gets lines of its own. Money is
/// exact and in the project currency (Bom::currency): every amount is a whole
/// number of cents.
struct BomLine {
  unsigned number = 0;          // 1, 2, …: the line id
  model::Replica scope;         // {NoIndex, 0} for lines at the top level of the design
  model::Replica group;         // the site (top-level replica) of the scope; {NoIndex, 0} at the top
  model::Index entry;           // catalog entry
  uint64_t quantity = 0;
  std::optional<Rational> unitCost;     // absent when neither the catalog nor an override prices it
  std::optional<Rational> extendedCost; // quantity × unitCost
  bool overridden = false;              // the price comes from `[prices]`
  std::optional<Rational> leadTimeWeeks;
  SourceRange range; // the first rack item or equipment line that adds to it
  std::string basis; // the design fact its quantity comes from
  cost::LineDates dates; // its delivery lots' order-by and need-by
};

/// What the lines of one site, or of the whole design, add up to.
struct BomTotal {
  model::Replica group{model::NoIndex, 0}; // the site; {NoIndex, 0}: the design, the top level
  unsigned lines = 0;
  unsigned unpricedLines = 0;
  Rational itEquipment;       // racks
  Rational facilityEquipment; // every other line
  Rational total;             // itEquipment + facilityEquipment
  /// The IT load the capex is spread over, in W; nothing for the lines at the
  /// top level of the design, which no site's load stands for.
  std::optional<Rational> itPowerWatts;
};

/// The bill of materials of a design: the equipment lines, and the whole
/// capex the cost model prices around them (compiler/cost/).
struct Bom {
  bool detail = false;
  std::string currency = "USD"; // the project currency every amount is in
  std::vector<BomLine> lines;  // by scope (design order), then catalog order
  std::vector<BomTotal> sites; // per site, in design order; the top level last, if it has lines
  BomTotal design;             // the grand total of the equipment
  cost::Capex capex;           // the lines beyond equipment and the capex totals
  cost::CashFlow cashFlow;     // capex.csv; empty without a schedule
  std::vector<cost::SiteOpex> opex;
  std::vector<cost::LineDates> capexLineDates; // parallel to capex.lines

  /// The capex totals of a site (NoIndex: of the design).
  const cost::CapexTotal &capexOf(model::Replica site) const;
};

/// The whole capex by category: the equipment lines' categories (`ups`,
/// `rack`, …) and the cost model's (`network_fabric`, `building`, …), of one
/// site or, without one, of the design. Summed exactly; the sums add up to
/// the capex total.
std::map<std::string, Rational> capexByCategory(const model::Design &design, const Bom &bom,
                                                std::optional<model::Replica> site = std::nullopt);

/// Where a line goes: the scope as a dotted path (`abilene.b1.h1`) and its
/// site, building and hall by name (empty when the scope has none).
struct BomPlace {
  std::string path;
  std::string site;
  std::string building;
  std::string hall;
};

BomPlace placeOf(const model::Design &design, model::Replica scope);

/// A text attribute of a catalog entry (`vendor`, `model`, …), or "".
llvm::StringRef entryText(const model::Design &design, model::Index entry, llvm::StringRef name);

/// The manufacturer of an entry: its `vendor`, or "" when it names none or
/// `"generic"` (no particular manufacturer, stdlib/README.md): a bill of
/// materials leaves an unknown manufacturer out rather than name a company
/// called "generic".
llvm::StringRef manufacturerOf(const model::Design &design, model::Index entry);

/// The category of a line: "rack" for rack types, else the component kind.
llvm::StringRef categoryOf(const model::Design &design, model::Index entry);

/// Builds the bill of materials: racks by type from the rack runs, every
/// equipment line with its installed count (written, or sized by the checks),
/// priced from the catalog or the overrides. Reports unknown overrides
/// (W0601), prices that are not whole cents (E0602), sums beyond the exact
/// range (E0603), nothing on an error; and every entry it cannot price
/// (W0604), whose lines stay without a cost. Then the cost model prices the
/// rest of the capex, its cash flow and opex over the schedule
/// (cost::computeCapex, cost::cashFlow, cost::computeOpex; E0611-E0614).
/// `plan` is the design's construction plan (schedule::planDesign), nullptr
/// when it could not be planned: the caller plans once for every output.
std::optional<Bom> buildBom(const BuildInput &input, const schedule::Plan *plan,
                            DiagnosticEngine &diagnostics);

/// Money to the cent: "1234567.80". `usd` is a whole number of cents.
std::string formatMoney(const Rational &usd);

/// Money to the cent with thousands separators, for people: "1,234,567.80".
std::string formatMoneyGrouped(const Rational &usd);

/// `amount` rounded to the cent, half away from zero.
Rational roundToCents(const Rational &amount);

/// Capex per MW of IT load, rounded to the cent; nothing without IT load.
std::optional<Rational> costPerMegawatt(const Rational &usd, const std::optional<Rational> &watts);

/// Writes out/bom.csv, out/bom.json, out/bom.cdx.json, and capex.csv and
/// opex.csv of the cost model, from the bill of materials of buildBom.
void emitBom(const BuildInput &input, const Bom &bom, OutputSet &outputs, BuildReport &report);

} // namespace sgd::backends

#endif
