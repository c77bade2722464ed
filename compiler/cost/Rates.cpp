#include "cost/Rates.h"

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
    // A plain number for a money rate is in the project currency, as a
    // whole number of USD is in `[prices]`.
    if (parsed && isMoney && parsed->currency.empty())
      parsed->currency = projectCurrency().str();
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

  for (const auto &[name, rate] : table.rates_) {
    llvm::StringRef key(name);
    if (key.consume_front("fx_") && rate.currency.empty())
      table.fx_[key.upper()] = rate.value;
  }
  for (const auto &[currency, fx] : settings.fx)
    table.fx_[currency] = fx.perUnit;

  // Every currency a money rate is written in must convert.
  std::map<std::string, std::string> unconvertible; // currency → the first rate in it
  for (const auto &[name, rate] : table.rates_)
    if (!rate.currency.empty() && !table.fx_.count(rate.currency))
      unconvertible.try_emplace(rate.currency, name);
  for (const auto &[currency, name] : unconvertible) {
    auto override = settings.rates.find(name);
    diagnostics
        .report(DiagCode::E0612,
                override == settings.rates.end() ? SourceRange() : override->second.range,
                "no exchange rate converts " + currency + " to " + projectCurrency().str() +
                    ", the currency of the rate `" + name + "`")
        .note("give one in `[fx]` of sgd.toml: `" + currency + " = \"RATE\"`, the " +
              projectCurrency().str() + " one " + currency + " buys, an exact decimal");
    failed = true;
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

} // namespace sgd::cost
