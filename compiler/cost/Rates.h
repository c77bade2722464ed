#ifndef SGD_COST_RATES_H
#define SGD_COST_RATES_H

#include "base/SourceRange.h"
#include "diagnostics/DiagnosticEngine.h"
#include "thermal/Exact.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>

namespace sgd::cost {

using thermal::Exact;

/// A rate that `[prices]` of sgd.toml sets: `"cost.shell_per_m2" = "4800 EUR"`,
/// the value as written (a string, or a TOML integer as its digits).
struct RateOverride {
  std::string text;
  SourceRange range; // its key, for diagnostics
};

/// An exchange rate of `[fx]`: project currency per unit of `EUR`.
struct FxOverride {
  units::Rational perUnit; // exact, positive
  SourceRange range;
};

/// What sgd.toml says about costs: rate overrides by rate name (without
/// `cost.`), exchange rates by currency code, and the project currency of
/// `[project] currency` ("" for USD) with where it is written.
struct CostSettings {
  std::map<std::string, RateOverride> rates;
  std::map<std::string, FxOverride> fx;
  std::string currency;
  SourceRange currencyRange;
};

/// One rate: money in a currency (`4500 USD`), a plain number, or a text.
struct Rate {
  units::Rational value;
  std::string currency; // "" for a plain number or a text
  std::string text;     // for `const currency_de = "EUR";`
  bool overridden = false;
};

/// The rates of stdlib/cost/rates.sgd (embedded at build time) with the
/// project's overrides, and the exchange rates into the project currency
/// (`[project] currency`, USD by default).
class RateTable {
public:
  /// Reads the embedded rates and applies `settings`: an override of a rate
  /// the file does not have is W0610; one that is not a number, or money
  /// where a number is meant (or the reverse), E0611; a currency no exchange
  /// rate converts, USD (the catalog's) included, E0612; a project currency,
  /// `[fx]` key or rate currency that is not an ISO 4217 code, E0615; an
  /// `[fx]` rate for the project currency itself, W0616. Nothing on an
  /// error.
  ///
  /// Exchange rates: `[fx]` gives the project currency per unit; a currency
  /// it does not list converts through USD, at its `fx_CUR` (USD per unit)
  /// times the project currency per USD (`[fx] USD`, else 1 / `fx_PROJECT`).
  static std::optional<RateTable> load(const CostSettings &settings,
                                       DiagnosticEngine &diagnostics);

  /// The rate `name` for a place: `NAME_KEY` for the first of `keys` (most
  /// specific first: region, country) the table has, else `NAME`; null
  /// when neither exists.
  const Rate *find(llvm::StringRef name, llvm::ArrayRef<std::string> keys = {}) const;

  /// The name find() takes the rate from: `construction_index_us_tx`.
  std::string nameOf(llvm::StringRef name, llvm::ArrayRef<std::string> keys = {}) const;

  /// A plain number (a factor, a count); invalid when absent or money.
  Exact number(llvm::StringRef name, llvm::ArrayRef<std::string> keys = {}) const;
  /// Money in the project currency: the rate times its currency's exchange
  /// rate, exact; invalid when absent.
  Exact money(llvm::StringRef name, llvm::ArrayRef<std::string> keys = {}) const;
  /// A text rate (`currency`), or "".
  std::string text(llvm::StringRef name, llvm::ArrayRef<std::string> keys = {}) const;
  /// The currency a money rate is written in ("" when absent).
  std::string currencyOf(llvm::StringRef name, llvm::ArrayRef<std::string> keys = {}) const;

  /// Project currency per unit of `currency`; invalid for an unknown one.
  Exact exchangeRate(llvm::StringRef currency) const;

  /// `amount` of `currency` in the project currency, to the cent (half away
  /// from zero): how a catalog price becomes a BOM line's unit cost.
  /// Invalid when no rate converts it.
  Exact toProjectCents(const units::Rational &amount, llvm::StringRef currency) const;

  /// Reports `currency`, which `what` is written in, at `range` when it is
  /// not an ISO 4217 code (E0615) or no rate converts it (E0612); whether
  /// it converts.
  bool checkCurrency(llvm::StringRef currency, llvm::StringRef what, SourceRange range,
                     DiagnosticEngine &diagnostics) const;

  /// The project currency: `EUR`, `USD`.
  llvm::StringRef projectCurrency() const { return projectCurrency_; }

private:
  std::string projectCurrency_ = "USD";
  std::map<std::string, Rate> rates_;
  std::map<std::string, units::Rational> fx_; // currency → project currency per unit
};

/// `amount` to the cent, half away from zero.
Exact toCents(const Exact &amount);

/// Reads a rate as written, `4500 USD`, `2.5 MUSD`, `0.82`: its value and
/// currency ("" for a plain number; `k`/`M` prefixes scale the value);
/// nothing when it is neither.
std::optional<Rate> parseRate(llvm::StringRef text);

} // namespace sgd::cost

#endif
