#include "UnitsTestSupport.h"

#include "units/Decimal.h"
#include "units/Unit.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace sgd::units;
using namespace sgd::units::test;
namespace dims = sgd::units::dimensions;

namespace {

/// A literal and its exact value in the canonical unit, worked out by hand.
struct Conversion {
  const char *spelling;
  const char *unit;
  Rational canonical;
  Dimension dimension;
};

// One or more per unit of Units.def; the test below fails for a unit that is
// missing here.
const Conversion kConversions[] = {
    {"50", "%", Rational(1, 2), dims::Ratio},
    {"12.5", "%", Rational(1, 8), dims::Ratio},
    {"1_500", "W", Rational(1500), dims::Power},
    {"132", "kW", Rational(132'000), dims::Power},
    {"1.25", "MW", Rational(1'250'000), dims::Power},
    {"1.2", "GW", Rational(1'200'000'000), dims::Power},
    {"800", "VA", Rational(800), dims::ApparentPower},
    {"2_500", "kVA", Rational(2'500'000), dims::ApparentPower},
    {"0.5", "MVA", Rational(500'000), dims::ApparentPower},
    {"415", "V", Rational(415), dims::Voltage},
    {"12.47", "kV", Rational(12'470), dims::Voltage},
    {"193", "A", Rational(193), dims::Current},
    {"4", "kA", Rational(4000), dims::Current},
    {"3_600", "J", Rational(3600), dims::Energy},
    {"0.5", "Wh", Rational(1800), dims::Energy},
    {"2.5", "kWh", Rational(9'000'000), dims::Energy},
    {"16_000", "MWh", Rational(57'600'000'000'000), dims::Energy},
    {"16", "GWh", Rational(57'600'000'000'000), dims::Energy},
    {"30", "C", Rational(30), dims::Temperature},
    {"0.5", "C", Rational(1, 2), dims::Temperature},
    {"10", "K", Rational(10), dims::TemperatureDifference},
    {"198", "L/min", Rational(33, 10'000), dims::VolumeFlow},
    {"3.3", "L/s", Rational(33, 10'000), dims::VolumeFlow},
    {"450", "m3/h", Rational(1, 8), dims::VolumeFlow},
    {"0.125", "m3/s", Rational(1, 8), dims::VolumeFlow},
    {"500", "g", Rational(1, 2), dims::Mass},
    {"1_360", "kg", Rational(1360), dims::Mass},
    {"1.36", "t", Rational(1360), dims::Mass},
    {"600", "mm", Rational(3, 5), dims::Length},
    {"60", "cm", Rational(3, 5), dims::Length},
    {"0.6", "m", Rational(3, 5), dims::Length},
    {"1.5", "km", Rational(1500), dims::Length},
    {"4_000", "m2", Rational(4000), dims::Area},
    {"10", "ha", Rational(100'000), dims::Area},
    {"1.8", "L", Rational(9, 5'000), dims::Volume},
    {"2", "m3", Rational(2), dims::Volume},
    {"2_000", "kg/m2", Rational(2000), dims::ArealMass},
    {"48", "U", Rational(48), dims::RackSpace},
    {"5.59", "USD", Rational(559, 100), dims::Money},
    {"244", "kUSD", Rational(244'000), dims::Money},
    {"3.0", "MUSD", Rational(3'000'000), dims::Money},
    {"2.1", "BUSD", Rational(2'100'000'000), dims::Money},
    {"30", "s", Rational(30), dims::Duration},
    {"5", "min", Rational(300), dims::Duration},
    {"12", "h", Rational(43'200), dims::Duration},
    {"2", "d", Rational(172'800), dims::Duration},
    {"16", "weeks", Rational(9'676'800), dims::Duration},
    {"1", "week", Rational(604'800), dims::Duration},
    {"48", "months", Rational(126'144'000), dims::Duration}, // 4 × 365 d
    {"1", "month", Rational(2'628'000), dims::Duration},     // 730 h
    {"4", "years", Rational(126'144'000), dims::Duration},
    {"1", "year", Rational(31'536'000), dims::Duration},
    {"60", "Hz", Rational(60), dims::Frequency},
    {"5_700", "W/m2", Rational(5700), dims::PowerDensity},
    {"5.7", "kW/m2", Rational(5700), dims::PowerDensity},
    // 1.5 L/min per kW: 1.5 / 60000 m³/s per 1000 W.
    {"1.5", "L/min/kW", Rational(1, 40'000'000), dims::FlowPerPower},
    // WUE 1.8 L/kWh: 1.8 / 1000 m³ per 3 600 000 J.
    {"1.8", "L/kWh", Rational(1, 2'000'000'000), dims::FlowPerPower},
    {"500", "USD/kW", Rational(1, 2), dims::CostPerPower},
    {"11.7", "MUSD/MW", Rational(117, 10), dims::CostPerPower},
};

} // namespace

TEST_CASE("Every unit converts exactly to its canonical unit", "[units]") {
  llvm::StringSet<> tested;
  for (const Conversion &conversion : kConversions) {
    INFO(conversion.spelling << " " << conversion.unit);
    Quantity parsed = quantity(conversion.spelling, conversion.unit);
    CHECK(parsed.value == conversion.canonical);
    CHECK(parsed.dimension == conversion.dimension);
    // And back: in its own unit, the value is the number as written.
    llvm::Expected<Rational> inOwnUnit = valueIn(parsed, conversion.unit);
    REQUIRE(static_cast<bool>(inOwnUnit));
    CHECK(*inOwnUnit == llvm::cantFail(parseDecimal(conversion.spelling)));
    tested.insert(conversion.unit);
  }
  for (const Unit &unit : allUnits()) {
    INFO(unit.symbol.str());
    CHECK(tested.contains(unit.symbol));
  }
}

TEST_CASE("Units of a dimension convert into each other", "[units]") {
  struct Equivalence {
    const char *spelling;
    const char *unit;
    const char *otherSpelling;
    const char *otherUnit;
  };
  const Equivalence equivalences[] = {
      {"1", "MW", "1_000", "kW"},       {"1", "GW", "1_000_000", "kW"},
      {"1", "MVA", "1_000", "kVA"},     {"1", "kWh", "3_600_000", "J"},
      {"1", "GWh", "1_000", "MWh"},     {"60", "L/min", "1", "L/s"},
      {"3", "m3/h", "50", "L/min"},     {"1", "m3/s", "1_000", "L/s"},
      {"1", "t", "1_000_000", "g"},     {"1", "km", "100_000", "cm"},
      {"1", "ha", "10_000", "m2"},      {"1", "m3", "1_000", "L"},
      {"1", "BUSD", "1_000", "MUSD"},   {"1", "d", "1_440", "min"},
      {"1", "weeks", "7", "d"},         {"12", "months", "1", "years"},
      {"1", "year", "365", "d"},        {"1", "month", "730", "h"},
      {"1", "kW/m2", "1_000", "W/m2"},  {"1", "MUSD/MW", "1_000", "USD/kW"},
  };
  for (const Equivalence &e : equivalences) {
    INFO(e.spelling << " " << e.unit << " == " << e.otherSpelling << " " << e.otherUnit);
    Quantity left = quantity(e.spelling, e.unit);
    Quantity right = quantity(e.otherSpelling, e.otherUnit);
    CHECK(left == right);
  }
}

TEST_CASE("The unit table is consistent", "[units]") {
  for (const Unit &unit : allUnits()) {
    INFO(unit.symbol.str());
    // Every unit has a named dimension, for messages.
    CHECK(dimensionName(unit.dimension).has_value());
    CHECK(unit.factor > 0);
    CHECK(findUnit(unit.symbol) == &unit);
    // format() needs one order among the Display units of a dimension.
    for (const Unit &other : allUnits())
      if (&other != &unit && unit.use == UnitUse::Display &&
          other.use == UnitUse::Display && other.dimension == unit.dimension)
        CHECK(other.factor != unit.factor);
  }
}

TEST_CASE("Unit symbols are case-sensitive", "[units]") {
  REQUIRE(findUnit("kW") != nullptr);
  CHECK(findUnit("kW")->factor == 1000);
  CHECK(findUnit("kw") == nullptr);
  CHECK(findUnit("KW") == nullptr);
  CHECK(findUnit("mva") == nullptr);
  CHECK(findUnit("") == nullptr);
  CHECK(findUnit("kW/rack") == nullptr);
}

TEST_CASE("Unknown units get a did-you-mean suggestion", "[units]") {
  struct Case {
    const char *unknown;
    const char *suggestion; // nullptr: none
  };
  const Case cases[] = {
      {"kw", "kW"},           // case differs
      {"KW", "kW"},
      {"mva", "MVA"},
      {"Kva", "kVA"},
      {"l/MIN", "L/min"},
      {"L/min/kw", "L/min/kW"},
      {"weks", "weeks"},      // one letter missing
      {"kgm2", "kg/m2"},
      {"kg/m²", "kg/m2"},     // the superscript is two bytes
      {"kWH", "kWh"},
      {"MUSd", "MUSD"},
      {"hours", nullptr},     // too far from `h`
      {"furlongs", nullptr},
      {"kW/rack", nullptr},
      {"", nullptr},
  };
  for (const Case &c : cases) {
    INFO(c.unknown);
    std::optional<llvm::StringRef> suggestion = suggestUnit(c.unknown);
    if (c.suggestion) {
      REQUIRE(suggestion.has_value());
      CHECK(suggestion->str() == c.suggestion);
    } else {
      CHECK_FALSE(suggestion.has_value());
    }
  }
}

TEST_CASE("docs/units.md lists every unit", "[units]") {
  auto document = llvm::MemoryBuffer::getFile(SGD_SOURCE_DIR "/docs/units.md");
  REQUIRE(document);
  llvm::StringRef text = (*document)->getBuffer();
  for (const Unit &unit : allUnits()) {
    INFO(unit.symbol.str());
    CHECK(text.contains(("| `" + unit.symbol + "` |").str()));
  }
}
