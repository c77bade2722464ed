// The project currency's exchange rates and the fabric shape's counts,
// figures worked by hand (docs/costs.md, "Currencies", "Network fabric").

#include "cost/Currencies.h"
#include "cost/Fabric.h"
#include "cost/Rates.h"
#include "units/Decimal.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace sgd;
using namespace sgd::cost;

namespace {

units::Rational decimal(const char *text) {
  return llvm::cantFail(units::parseDecimal(text));
}

CostSettings inCurrency(const char *code) {
  CostSettings settings;
  settings.currency = code;
  return settings;
}

} // namespace

TEST_CASE("ISO 4217 codes are known by their capitals only") {
  CHECK(isCurrency("EUR"));
  CHECK(isCurrency("AED"));
  CHECK_FALSE(isCurrency("eur"));
  CHECK_FALSE(isCurrency("EURO"));
  CHECK_FALSE(isCurrency("XXX")); // "no currency" is not one
  CHECK(currencyName("GBP") == "Pound Sterling");
  CHECK(currencyName("XXX").empty());
  // Every `const` line of stdlib/cost/currencies.sgd, in order of code.
  REQUIRE(currencyCodes().size() == 179);
  CHECK(currencyCodes().front() == "AED");
  CHECK(currencyCodes().back() == "ZWL");
  CHECK(currencyName("ZWL") == "Zimbabwe Dollar");
  CHECK(std::is_sorted(currencyCodes().begin(), currencyCodes().end()));
}

TEST_CASE("a EUR project converts at [fx], others through USD") {
  CostSettings settings = inCurrency("EUR");
  settings.fx["USD"] = FxOverride{decimal("0.8"), {}};
  settings.fx["GBP"] = FxOverride{decimal("1.15"), {}};
  DiagnosticEngine diagnostics;
  std::optional<RateTable> rates = RateTable::load(settings, diagnostics);
  REQUIRE(rates);
  CHECK(rates->projectCurrency() == "EUR");
  CHECK(rates->exchangeRate("EUR") == Exact(1));
  CHECK(rates->exchangeRate("USD") == Exact(decimal("0.8")));
  CHECK(rates->exchangeRate("GBP") == Exact(decimal("1.15")));
  // AED is not in [fx]: stdlib fx_aed 0.2723 USD x 0.8 EUR per USD.
  CHECK(rates->exchangeRate("AED") == Exact(decimal("0.21784")));
  // 199,999.99 USD x 0.8 = 159,999.992, to the cent 159,999.99.
  CHECK(rates->toProjectCents(decimal("199999.99"), "USD") == Exact(decimal("159999.99")));
  // 2,500,000.01 GBP x 1.15 = 2,875,000.0115 -> 2,875,000.01.
  CHECK(rates->toProjectCents(decimal("2500000.01"), "GBP") == Exact(decimal("2875000.01")));
  CHECK_FALSE(diagnostics.hasErrors());
}

TEST_CASE("without [fx] USD, a project converts at the stdlib's rate for its currency") {
  DiagnosticEngine diagnostics;
  std::optional<RateTable> rates = RateTable::load(inCurrency("EUR"), diagnostics);
  REQUIRE(rates);
  // fx_eur = 1.08 USD per EUR: 1 / 1.08 = 25/27 EUR per USD, exact;
  // 100 USD = 92.592… -> 92.59 EUR.
  CHECK(rates->exchangeRate("USD") == Exact(1) / Exact(decimal("1.08")));
  CHECK(rates->toProjectCents(units::Rational(100), "USD") == Exact(decimal("92.59")));
}

TEST_CASE("a currency nothing converts, or that is not one, is an error") {
  DiagnosticEngine gbp;
  CHECK_FALSE(RateTable::load(inCurrency("GBP"), gbp)); // no fx_gbp, no [fx] USD
  REQUIRE(!gbp.sorted().empty());
  CHECK(gbp.sorted().front()->code == DiagCode::E0612);
  DiagnosticEngine euro;
  CHECK_FALSE(RateTable::load(inCurrency("EURO"), euro));
  REQUIRE(euro.sorted().size() == 1);
  CHECK(euro.sorted().front()->code == DiagCode::E0615);
}

TEST_CASE("a stated fabric shape: fixed tiers and an oversubscribed leaf") {
  FabricShape shape;
  shape.ports = 144;
  shape.oversubscription = Exact(2);
  shape.rails = 4;
  // 144 x 2 / 3 = 96 GPU ports, 48 up.
  CHECK(fabricDownPorts(shape) == 96);
  shape.fixedTiers = 3;
  shape.maxTiers = 3;
  // 288 GPUs: leaves 4 x ceil(72 / 96) = 4, uplinks 192; spines
  // ceil(192 / 72) = 3 with 216 up; cores ceil(216 / 144) = 2; links
  // 288 + 192 + 216 = 696.
  FabricCounts counts = fabricFor(288, shape);
  CHECK(counts.tiers == 3);
  CHECK(counts.leaves == 4);
  CHECK(counts.spines == 3);
  CHECK(counts.cores == 2);
  CHECK(counts.links == 696);
  CHECK_FALSE(counts.overflowTiers);
  // 64 ports at 2:1 cannot split exactly: 42 down, 22 up.
  FabricShape leaf;
  leaf.oversubscription = Exact(2);
  CHECK(fabricDownPorts(leaf) == 42);
}
