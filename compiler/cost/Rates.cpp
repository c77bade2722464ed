#include "cost/Rates.h"

#include "cost/Currencies.h"
#include "sema/Suggestion.h"
#include "units/Decimal.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>

namespace sgd::cost {
namespace {

const char *const kRatesText =
#include "CostRates.inc"
    ;

bool isCurrencyCode(llvm::StringRef code) {
  return code.size() == 3 && llvm::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string lowerKey(llvm::StringRef key) {
  std::string lowered = key.lower();
  std::replace(lowered.begin(), lowered.end(), '-', '_');
  return lowered;
}

/// E0615 for `code`, which `what` is written in, with the closest ISO 4217
/// code when one is near.
void reportUnknownCurrency(llvm::StringRef code, llvm::StringRef what, SourceRange range,
                           DiagnosticEngine &diagnostics) {
  Diagnostic &error = diagnostics.report(
      DiagCode::E0615, range,
      "`" + code.str() + "`, the currency of " + what.str() + ", is not an ISO 4217 currency code");
  // Two letters swapped (GPB) are the likeliest slip: a code of the same
  // letters first, else the nearest by edit distance.
  std::string letters = code.upper();
  std::sort(letters.begin(), letters.end());
  std::optional<std::string> best;
  for (const std::string &candidate : currencyCodes()) {
    std::string sorted = candidate;
    std::sort(sorted.begin(), sorted.end());
    if (sorted == letters && !best)
      best = candidate;
  }
  std::vector<llvm::StringRef> codes(currencyCodes().begin(), currencyCodes().end());
  if (!best)
    best = sema::closestName(code.upper(), codes);
  if (best)
    error.note("did you mean `" + *best + "` (" + currencyName(*best) + ")?");
  else
    error.note("a currency is three capital letters of ISO 4217: USD, EUR, GBP, AED");
}

} // namespace

std::optional<Rate> parseRate(llvm::StringRef text) {
  auto [number, unit] = text.trim().split(' ');
  llvm::Expected<units::Rational> value = units::parseDecimal(number.trim());
  if (!value) {
    llvm::consumeError(value.takeError());
    return std::nullopt;
  }
  Rate rate;
  rate.value = *value;
  unit = unit.trim();
  if (unit.empty())
    return rate;
  units::Rational scale(1);
  if (unit.size() == 4 && unit.front() == 'k')
    scale = units::Rational(1'000);
  else if (unit.size() == 4 && unit.front() == 'M')
    scale = units::Rational(1'000'000);
  if (unit.size() == 4 && scale == units::Rational(1))
    return std::nullopt;
  llvm::StringRef code = unit.take_back(3);
  if (!isCurrencyCode(code) || unit.size() > 4)
    return std::nullopt;
  std::optional<units::Rational> scaled = units::checkedMultiply(rate.value, scale);
  if (!scaled)
    return std::nullopt;
  rate.value = *scaled;
  rate.currency = code.str();
  return rate;
}

std::optional<RateTable> RateTable::load(const CostSettings &settings,
                                         DiagnosticEngine &diagnostics) {
  RateTable table;
  llvm::SmallVector<llvm::StringRef, 128> lines;
  llvm::StringRef(kRatesText).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.split("//").first.trim();
    if (!line.consume_front("const "))
      continue;
    auto [name, value] = line.split('=');
    value = value.trim();
    value.consume_back(";");
    value = value.trim();
    Rate rate;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      // Money in a currency sgd's units do not know is quoted: "160 EUR".
      llvm::StringRef inner = value.drop_front().drop_back();
      std::optional<Rate> money = parseRate(inner);
      if (money && !money->currency.empty())
        rate = *money;
      else
        rate.text = inner.str();
    } else if (std::optional<Rate> parsed = parseRate(value)) {
      rate = *parsed;
    } else {
      continue; // a malformed line of the embedded file: tests/unit/cost reads every line
    }
    table.rates_[name.trim().str()] = rate;
  }

  bool failed = false;
  std::vector<llvm::StringRef> known;
  for (const auto &[name, rate] : table.rates_)
    known.push_back(name);
  for (const auto &[name, override] : settings.rates) {
    auto found = table.rates_.find(name);
    // A regional rate the file does not list, `shell_per_m2_fr`, takes the
    // kind of its base rate `shell_per_m2`.
    for (size_t cut = name.rfind('_'); found == table.rates_.end() && cut != std::string::npos &&
                                        cut > 0;
         cut = name.rfind('_', cut - 1))
      if (auto base = table.rates_.find(name.substr(0, cut)); base != table.rates_.end())
        found = table.rates_.emplace(name, base->second).first;
    if (found == table.rates_.end()) {
      Diagnostic &warning = diagnostics.report(
          DiagCode::W0610, override.range,
          "the rate `cost." + name + "` is not used: stdlib/cost/rates.sgd has no rate `" + name +
              "`");
      if (std::optional<std::string> best = sema::closestName(name, known))
        warning.note("did you mean `cost." + *best + "`?");
      continue;
    }
    Rate &rate = found->second;
    if (!rate.text.empty()) {
      rate.text = llvm::StringRef(override.text).trim().str();
      rate.overridden = true;
      continue;
    }
    std::optional<Rate> parsed = parseRate(override.text);
    bool isMoney = !rate.currency.empty();
    // A plain number for a money rate is in the project currency.
    if (parsed && isMoney && parsed->currency.empty())
      parsed->currency = settings.currency.empty() ? "USD" : settings.currency;
    if (!parsed || parsed->value.isNegative() || (!isMoney && !parsed->currency.empty())) {
      diagnostics
          .report(DiagCode::E0611, override.range,
                  "the rate `cost." + name + "` must be " +
                      (isMoney ? "money, a number and a currency (\"4500 USD\")"
                               : "a number without a currency (\"0.82\")") +
                      ", not `" + override.text + "`")
          .note("stdlib/cost/rates.sgd sets it to " + units::formatDecimal(rate.value) +
                (isMoney ? " " + rate.currency : std::string()));
      failed = true;
      continue;
    }
    rate = *parsed;
    rate.overridden = true;
  }

  // The project currency, and the currencies rates and `[fx]` are written in.
  if (!settings.currency.empty()) {
    if (isCurrency(settings.currency)) {
      table.projectCurrency_ = settings.currency;
    } else {
      reportUnknownCurrency(settings.currency, "the project's totals (`[project] currency`)",
                            settings.currencyRange, diagnostics);
      failed = true;
    }
  }
  const std::string &project = table.projectCurrency_;

  // Exchange rates: the stdlib's `fx_CUR` are USD per unit; each converts
  // into the project currency through USD.
  std::map<std::string, units::Rational> usdPerUnit;
  for (const auto &[name, rate] : table.rates_) {
    llvm::StringRef key(name);
    if (key.consume_front("fx_") && rate.currency.empty() && rate.text.empty())
      usdPerUnit[key.upper()] = rate.value;
  }
  Exact perUsd = Exact::invalid(); // project currency per USD
  if (project == "USD")
    perUsd = Exact(1);
  else if (auto stated = settings.fx.find("USD"); stated != settings.fx.end())
    perUsd = Exact(stated->second.perUnit);
  else if (auto stdlib = usdPerUnit.find(project); stdlib != usdPerUnit.end())
    perUsd = Exact(1) / Exact(stdlib->second);
  if (perUsd.valid())
    for (const auto &[currency, usd] : usdPerUnit)
      if (Exact converted = Exact(usd) * perUsd; converted.valid())
        table.fx_[currency] = converted.rational();
  for (const auto &[currency, fx] : settings.fx) {
    if (!isCurrency(currency)) {
      reportUnknownCurrency(currency, "an exchange rate of `[fx]`", fx.range, diagnostics);
      failed = true;
    } else if (currency == project && fx.perUnit != units::Rational(1) &&
               (settings.currency.empty() || isCurrency(settings.currency))) {
      diagnostics
          .report(DiagCode::W0616, fx.range,
                  "the exchange rate of " + currency + " is not used: " + currency +
                      " is the project currency, one " + currency + " is one " + currency)
          .note("`[fx]` gives the " + project + " one unit of another currency buys");
    } else if (currency != project) {
      table.fx_[currency] = fx.perUnit;
    }
  }
  table.fx_[project] = units::Rational(1);

  // Every currency a money rate is written in, and USD (the catalog's
  // prices), must convert (into a project currency that is one).
  if (isCurrency(project)) {
    // currency → what is written in it first, and where.
    std::map<std::string, std::pair<std::string, SourceRange>> used{
        {"USD", {"the catalog's prices", settings.currencyRange}}};
    for (const auto &[name, rate] : table.rates_) {
      auto override = settings.rates.find(name);
      if (!rate.currency.empty())
        used.try_emplace(rate.currency, "the rate `" + name + "`",
                         override == settings.rates.end() ? SourceRange()
                                                          : override->second.range);
    }
    for (const auto &[currency, where] : used) {
      const auto &[what, at] = where;
      if (!table.checkCurrency(currency, what, at, diagnostics))
        failed = true;
    }
  }
  if (failed)
    return std::nullopt;
  return table;
}

std::string RateTable::nameOf(llvm::StringRef name, llvm::ArrayRef<std::string> keys) const {
  for (const std::string &key : keys)
    if (!key.empty() && rates_.count(name.str() + "_" + lowerKey(key)))
      return name.str() + "_" + lowerKey(key);
  return name.str();
}

const Rate *RateTable::find(llvm::StringRef name, llvm::ArrayRef<std::string> keys) const {
  auto it = rates_.find(nameOf(name, keys));
  return it == rates_.end() ? nullptr : &it->second;
}

Exact RateTable::number(llvm::StringRef name, llvm::ArrayRef<std::string> keys) const {
  const Rate *rate = find(name, keys);
  return rate && rate->currency.empty() && rate->text.empty() ? Exact(rate->value)
                                                               : Exact::invalid();
}

Exact RateTable::money(llvm::StringRef name, llvm::ArrayRef<std::string> keys) const {
  const Rate *rate = find(name, keys);
  if (!rate || rate->currency.empty())
    return Exact::invalid();
  return Exact(rate->value) * exchangeRate(rate->currency);
}

std::string RateTable::text(llvm::StringRef name, llvm::ArrayRef<std::string> keys) const {
  const Rate *rate = find(name, keys);
  return rate ? rate->text : std::string();
}

std::string RateTable::currencyOf(llvm::StringRef name, llvm::ArrayRef<std::string> keys) const {
  const Rate *rate = find(name, keys);
  return rate ? rate->currency : std::string();
}

Exact RateTable::exchangeRate(llvm::StringRef currency) const {
  auto it = fx_.find(currency.str());
  return it == fx_.end() ? Exact::invalid() : Exact(it->second);
}

Exact RateTable::toProjectCents(const units::Rational &amount, llvm::StringRef currency) const {
  return toCents(Exact(amount) * exchangeRate(currency));
}

bool RateTable::checkCurrency(llvm::StringRef currency, llvm::StringRef what, SourceRange range,
                              DiagnosticEngine &diagnostics) const {
  if (!isCurrency(currency)) {
    reportUnknownCurrency(currency, what, range, diagnostics);
    return false;
  }
  if (exchangeRate(currency).valid())
    return true;
  diagnostics
      .report(DiagCode::E0612, range,
              "no exchange rate converts " + currency.str() + ", the currency of " + what.str() +
                  ", to " + projectCurrency_ + ", the project currency")
      .note("give one in `[fx]` of sgd.toml: `" + currency.str() + " = \"RATE\"`, the " +
            projectCurrency_ + " one " + currency.str() + " buys, an exact decimal");
  return false;
}

Exact toCents(const Exact &amount) { return (amount * Exact(100)).rounded() / Exact(100); }

} // namespace sgd::cost
