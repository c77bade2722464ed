#include "units/QuantityFormat.h"

#include "units/Decimal.h"
#include "units/Unit.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace sgd::units {

namespace {

/// A value with the unit to print it in.
struct Displayed {
  std::string symbol; // empty for a ratio
  Rational value;
};

/// The display units of `dimension`, largest first (Units.def order among
/// equal factors): sorted once, since format() runs for every figure of the
/// outputs.
llvm::ArrayRef<const Unit *> displayUnits(const Dimension &dimension) {
  using Group = std::pair<Dimension, std::vector<const Unit *>>;
  static const std::vector<Group> groups = [] {
    std::vector<Group> result;
    for (const Unit &unit : allUnits()) {
      if (unit.use != UnitUse::Display)
        continue;
      auto group = llvm::find_if(result, [&](const Group &g) { return g.first == unit.dimension; });
      if (group == result.end())
        group = result.insert(result.end(), Group{unit.dimension, {}});
      group->second.push_back(&unit);
    }
    for (Group &group : result)
      llvm::stable_sort(group.second,
                        [](const Unit *a, const Unit *b) { return a->factor > b->factor; });
    return result;
  }();
  for (const Group &group : groups)
    if (group.first == dimension)
      return group.second;
  return {};
}

/// The unit format() prints a quantity in, and the value in that unit; the
/// rule is format()'s (QuantityFormat.h): of the units the value fits in,
/// largest first, the first in which it is at least one and a terminating
/// decimal, else the first in which it is at least one, else the last.
Displayed chooseDisplay(const Quantity &quantity) {
  using Choice = std::pair<const Unit *, Rational>;
  std::optional<Choice> firstAtLeastOne, last;
  for (const Unit *unit : displayUnits(quantity.dimension)) {
    std::optional<Rational> value = checkedDivide(quantity.value, unit->factor);
    if (!value)
      continue; // the value does not fit in this unit: no choice
    bool atLeastOne = value->abs() >= 1;
    if (atLeastOne && isTerminatingDecimal(*value))
      return {unit->symbol.str(), *value};
    if (atLeastOne && !firstAtLeastOne)
      firstAtLeastOne = Choice{unit, *value};
    last = Choice{unit, *value};
  }
  if (std::optional<Choice> choice = firstAtLeastOne ? firstAtLeastOne : last)
    return {choice->first->symbol.str(), choice->second};
  // Canonical units are coherent SI, so the value needs no factor.
  return {composedSpelling(quantity.dimension), quantity.value};
}

std::string withSymbol(const Rational &value, llvm::StringRef symbol) {
  std::string text = formatDecimal(value);
  if (!symbol.empty())
    text += " " + symbol.str();
  return text;
}

std::string formatOnce(const Quantity &quantity) {
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

/// Where format() remembers a quantity's text.
size_t hashOf(const Quantity &quantity) {
  auto top = static_cast<unsigned __int128>(quantity.value.numerator());
  auto bottom = static_cast<unsigned __int128>(quantity.value.denominator());
  uint64_t hash = static_cast<uint64_t>(top) ^
                  static_cast<uint64_t>(top >> 64) * 0x9E3779B97F4A7C15u ^
                  static_cast<uint64_t>(bottom) * 0xC2B2AE3D27D4EB4Fu;
  for (size_t base = 0; base < kBaseDimensionCount; ++base)
    hash = hash * 31 +
           static_cast<uint8_t>(quantity.dimension.exponent(static_cast<BaseDimension>(base)));
  hash = hash * 31 + quantity.dimension.isAbsolute();
  return static_cast<size_t>(hash ^ hash >> 29);
}

} // namespace

std::string format(const Quantity &quantity) {
  // The outputs print the same figures again and again (each replica's
  // elements in power.json and the diagrams), and choosing the unit divides
  // by each candidate: the texts of recent quantities are kept, per thread.
  struct Remembered {
    std::optional<Quantity> quantity;
    std::string text;
  };
  static thread_local std::array<Remembered, 256> remembered;
  Remembered &slot = remembered[hashOf(quantity) % remembered.size()];
  if (slot.quantity != quantity) {
    slot.text = formatOnce(quantity);
    slot.quantity = quantity;
  }
  return slot.text;
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
