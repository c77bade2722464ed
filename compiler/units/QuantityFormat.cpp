#include "units/QuantityFormat.h"

#include "units/Decimal.h"
#include "units/Unit.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

namespace sgd::units {

namespace {

/// A value with the unit to print it in.
struct Displayed {
  std::string symbol; // empty for a ratio
  Rational value;
};

/// The unit format() prints a quantity in, and the value in that unit; the
/// rule is format()'s (QuantityFormat.h).
Displayed chooseDisplay(const Quantity &quantity) {
  llvm::SmallVector<const Unit *, 8> units;
  for (const Unit &unit : allUnits())
    if (unit.use == UnitUse::Display && unit.dimension == quantity.dimension)
      units.push_back(&unit);
  llvm::stable_sort(units, [](const Unit *a, const Unit *b) { return a->factor > b->factor; });

  // The value in each unit, largest unit first; a unit in which the value
  // does not fit is no choice.
  llvm::SmallVector<Displayed, 8> choices;
  for (const Unit *unit : units)
    if (std::optional<Rational> value = checkedDivide(quantity.value, unit->factor))
      choices.push_back({unit->symbol.str(), *value});

  auto atLeastOne = [](const Displayed &choice) { return choice.value.abs() >= 1; };
  const auto *exact = llvm::find_if(choices, [&](const Displayed &choice) {
    return atLeastOne(choice) && isTerminatingDecimal(choice.value);
  });
  if (exact != choices.end())
    return *exact;
  const auto *rounded = llvm::find_if(choices, atLeastOne);
  if (rounded != choices.end())
    return *rounded;
  if (!choices.empty())
    return choices.back();
  // Canonical units are coherent SI, so the value needs no factor.
  return {composedSpelling(quantity.dimension), quantity.value};
}

std::string withSymbol(const Rational &value, llvm::StringRef symbol) {
  std::string text = formatDecimal(value);
  if (!symbol.empty())
    text += " " + symbol.str();
  return text;
}

} // namespace

std::string format(const Quantity &quantity) {
  Displayed displayed = chooseDisplay(quantity);
  // "1 week", not "1 weeks": exactly one of a plural unit takes its
  // singular, an input unit of the same size.
  llvm::StringRef plural = displayed.symbol;
  if (displayed.value.abs() == Rational(1) && plural.size() > 1 && plural.endswith("s")) {
    const Unit *shown = findUnit(plural);
    const Unit *singular = findUnit(plural.drop_back());
    if (shown && singular && singular->dimension == shown->dimension &&
        singular->factor == shown->factor)
      return withSymbol(displayed.value, singular->symbol);
  }
  return withSymbol(displayed.value, displayed.symbol);
}

llvm::Expected<std::string> formatIn(const Quantity &quantity, llvm::StringRef unit) {
  llvm::Expected<Rational> value = valueIn(quantity, unit);
  if (!value)
    return value.takeError();
  return withSymbol(*value, unit);
}

std::string describe(const Quantity &quantity) {
  std::optional<llvm::StringRef> name = dimensionName(quantity.dimension);
  if (!name)
    return composedSpelling(quantity.dimension);
  std::string symbol = chooseDisplay(quantity).symbol;
  return symbol.empty() ? name->str() : (*name + " (" + symbol + ")").str();
}

} // namespace sgd::units
