#include "UnitsTestSupport.h"

#include "units/Decimal.h"
#include "units/Unit.h"

using namespace sgd::units;
using namespace sgd::units::test;

namespace {

/// Splits format()'s text into the spelling and unit of a literal.
std::pair<std::string, std::string> asLiteral(const std::string &text) {
  size_t space = text.find(' ');
  if (space == std::string::npos)
    return {text, ""};
  return {text.substr(0, space), text.substr(space + 1)};
}

} // namespace

TEST_CASE("format prints literals in a stable display unit", "[format]") {
  struct Case {
    const char *spelling;
    const char *unit;
    const char *expected;
  };
  const Case cases[] = {
      {"1.25", "MW", "1.25 MW"},
      {"1_250_000", "W", "1.25 MW"},
      {"132", "kW", "132 kW"},
      {"132_000", "W", "132 kW"},
      {"999", "W", "999 W"},
      {"1.2", "GW", "1.2 GW"},
      {"2_500", "kVA", "2.5 MVA"},
      {"12.47", "kV", "12.47 kV"},
      {"415", "V", "415 V"},
      {"4_000", "A", "4 kA"},
      {"16_000", "MWh", "16 GWh"},
      {"7_200", "J", "2 Wh"},
      {"1", "J", "0.000277778 Wh"}, // below the smallest display unit, rounded
      {"30", "C", "30 C"},
      {"10", "K", "10 K"},
      {"198", "L/min", "198 L/min"},
      {"450", "m3/h", "7500 L/min"},
      {"1", "m3/s", "60000 L/min"},
      {"1_360", "kg", "1.36 t"},
      {"142.4", "kg", "142.4 kg"},
      {"500", "g", "0.5 kg"},
      {"0.6", "m", "600 mm"},
      {"1.2", "m", "1.2 m"},
      {"1_500", "m", "1.5 km"},
      {"4_000", "m2", "4000 m2"},
      {"100_000", "m2", "10 ha"},
      {"1.8", "L", "1.8 L"},
      {"26_000_000", "L", "26000 m3"},
      {"2_000", "kg/m2", "2000 kg/m2"},
      {"48", "U", "48 U"},
      {"5.59", "USD", "5.59 USD"},
      {"244_000", "USD", "244 kUSD"},
      {"3.0", "MUSD", "3 MUSD"},
      {"11.7", "MUSD", "11.7 MUSD"},
      {"15_000", "MUSD", "15 BUSD"},
      {"90", "s", "1.5 min"},
      {"100", "min", "100 min"},      // 1.666… h does not terminate
      {"12", "h", "12 h"},
      {"24", "h", "1 d"},
      {"36", "h", "1.5 d"},
      {"10", "d", "10 d"},             // not 1.42857 weeks
      {"14", "d", "2 weeks"},
      {"16", "weeks", "16 weeks"},
      {"1", "week", "1 week"},   // the singular for exactly one
      {"7", "d", "1 week"},
      {"1", "month", "730 h"},
      {"1", "year", "365 d"},
      {"60", "Hz", "60 Hz"},
      {"5_700", "W/m2", "5.7 kW/m2"},
      {"1.5", "L/min/kW", "1.5 L/min/kW"},
      {"11.7", "MUSD/MW", "11.7 MUSD/MW"},
      {"500", "USD/kW", "500 USD/kW"},
      {"0.9", "", "0.9"},
      {"50", "%", "0.5"},
      {"72", "", "72"},
      {"0", "W", "0 W"},
      {"0", "USD", "0 USD"},
  };
  for (const Case &c : cases) {
    INFO(c.spelling << " " << c.unit);
    CHECK(format(quantity(c.spelling, c.unit)) == c.expected);
  }
}

TEST_CASE("format prints computed values", "[format]") {
  CHECK(format(negate(quantity("5", "C"))) == "-5 C");
  CHECK(format(negate(quantity("1_360", "kg"))) == "-1.36 t");
  CHECK(format(valueOf(divide(quantity("1", "MW"), quantity("3")))) == "333.333 kW");
  CHECK(format(valueOf(divide(quantity("22_700", "kW"), quantity("4_000", "m2")))) ==
        "5.675 kW/m2");
  CHECK(format(valueOf(multiply(quantity("0.6", "m"), quantity("1.2", "m")))) == "0.72 m2");
  CHECK(format(valueOf(apparentPower(quantity("132", "kW"), quantity("0.95")))) ==
        "138.947 kVA");
  CHECK(format(valueOf(subtract(quantity("45", "C"), quantity("25", "C")))) == "20 K");
  CHECK(format(valueOf(divide(quantity("1"), quantity("2", "s")))) == "0.5 Hz");
  // Dimensions without display units print in SI base units.
  Quantity force = valueOf(divide(valueOf(multiply(quantity("2", "kg"), quantity("3", "m"))),
                             valueOf(multiply(quantity("1", "s"), quantity("1", "s")))));
  CHECK(format(force) == "6 kg·m/s²");
  CHECK(format(valueOf(multiply(quantity("2", "kVA"), quantity("1", "h")))) ==
        "7200000 kg·m²·(VA/W)/s²");
  // A value too large for every display unit falls back to SI base units too.
  CHECK(format(quantity("170141183460469231731687303715884105727", "m3/s")) ==
        "170141183460469231731687303715884105727 m³/s");
}

TEST_CASE("format is the same for equal quantities however written", "[format]") {
  const std::pair<const char *, const char *> spellings[] = {
      {"1.25", "MW"}, {"1_250", "kW"}, {"1_250_000", "W"}, {"1_250_000.000", "W"}};
  for (const auto &[spelling, unit] : spellings)
    CHECK(format(quantity(spelling, unit)) == "1.25 MW");
}

TEST_CASE("Formatted literals parse back to the same quantity", "[format]") {
  for (const Unit &unit : allUnits()) {
    for (const char *spelling : {"0", "1", "0.5", "2.25", "48", "132", "1_360", "12_470",
                                 "0.001", "1_000_000"}) {
      Quantity original = quantity(spelling, unit.symbol);
      std::string text = format(original);
      INFO(spelling << " " << unit.symbol.str() << " -> " << text);
      auto [printedSpelling, printedUnit] = asLiteral(text);
      llvm::Expected<Quantity> reparsed = parseQuantity(printedSpelling, printedUnit);
      REQUIRE(static_cast<bool>(reparsed));
      Rational printed =
          printedUnit.empty() ? original.value : valueOf(valueIn(original, printedUnit));
      if (isTerminatingDecimal(printed))
        CHECK(*reparsed == original);
      else // rounded: printing again gives the same text
        CHECK(format(*reparsed) == text);
    }
  }
}

TEST_CASE("formatIn prints in a chosen unit", "[format]") {
  CHECK(*formatIn(quantity("0.9"), "%") == "90 %");
  CHECK(*formatIn(quantity("1", "%"), "%") == "1 %");
  CHECK(*formatIn(quantity("1.25", "MW"), "kW") == "1250 kW");
  CHECK(*formatIn(quantity("1_360", "kg"), "kg") == "1360 kg");
  CHECK(*formatIn(quantity("1", "month"), "d") == "30.4167 d");
  CHECK(*formatIn(quantity("16", "weeks"), "week") == "16 week");
  Failure failure = failureOf(formatIn(quantity("30", "C"), "K"));
  CHECK(failure.kind == UnitErrorKind::DimensionMismatch);
  CHECK(failure.message == "cannot express temperature (C) in K, a unit of "
                           "temperature difference");
  CHECK(failureOf(formatIn(quantity("1", "kW"), "kw")).message ==
        "unknown unit `kw`; did you mean `kW`?");
}

TEST_CASE("describe names the dimension and the display unit", "[format]") {
  CHECK(describe(quantity("132", "kW")) == "power (kW)");
  CHECK(describe(quantity("1.5", "MW")) == "power (MW)");
  CHECK(describe(quantity("30", "C")) == "temperature (C)");
  CHECK(describe(quantity("10", "K")) == "temperature difference (K)");
  CHECK(describe(quantity("0.9")) == "ratio");
  CHECK(describe(quantity("16", "weeks")) == "duration (weeks)");
  CHECK(describe(Quantity{Rational(1), Dimension::vector({.mass = 1, .time = -2})}) ==
        "kg/s²");
}
