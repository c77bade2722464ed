#include "UnitsTestSupport.h"

#include "units/Unit.h"

using namespace sgd::units;
using namespace sgd::units::test;
namespace dims = sgd::units::dimensions;

TEST_CASE("parseQuantity reads literals exactly", "[quantity]") {
  CHECK(quantity("1.25", "MW") == Quantity{Rational(1'250'000), dims::Power});
  CHECK(quantity("1_500", "kg/m2") == Quantity{Rational(1500), dims::ArealMass});
  CHECK(quantity("50", "%") == Quantity{Rational(1, 2), dims::Ratio});
  CHECK(quantity("0.6", "m") == Quantity{Rational(3, 5), dims::Length});
  CHECK(quantity("16", "weeks") == Quantity{Rational(16 * 7 * 86'400), dims::Duration});
  CHECK(quantity("30", "C") == Quantity{Rational(30), dims::Temperature});
  // A plain number is a ratio (or a count): the same dimension.
  CHECK(quantity("0.90") == Quantity{Rational(9, 10), dims::Ratio});
  CHECK(quantity("72") == Quantity{Rational(72), dims::Ratio});
  CHECK(quantity("90", "%") == quantity("0.9"));
}

TEST_CASE("parseQuantity reports bad numbers and units", "[quantity]") {
  Failure malformed = failureOf(parseQuantity("200__000", "USD"));
  CHECK(malformed.kind == UnitErrorKind::MalformedNumber);
  CHECK(malformed.message == "malformed number `200__000`");

  Failure misspelt = failureOf(parseQuantity("10", "kw"));
  CHECK(misspelt.kind == UnitErrorKind::UnknownUnit);
  CHECK(misspelt.message == "unknown unit `kw`; did you mean `kW`?");

  Failure unknown = failureOf(parseQuantity("10", "furlongs"));
  CHECK(unknown.kind == UnitErrorKind::UnknownUnit);
  CHECK(unknown.message == "unknown unit `furlongs`");

  // The number is checked before the unit.
  CHECK(failureOf(parseQuantity("1__0", "kw")).kind == UnitErrorKind::MalformedNumber);
}

TEST_CASE("parseQuantity reports values out of range", "[quantity]") {
  // 10^29 GWh is 3.6 × 10^41 J, beyond 2^127 ≈ 1.7 × 10^38.
  Failure failure = failureOf(parseQuantity("100_000_000_000_000_000_000_000_000_000", "GWh"));
  CHECK(failure.kind == UnitErrorKind::OutOfRange);
  CHECK(failure.message ==
        "`100_000_000_000_000_000_000_000_000_000 GWh`: the result is out of range");
  // The same number in J fits.
  CHECK(static_cast<bool>(parseQuantity("100_000_000_000_000_000_000_000_000_000", "J")));
}

TEST_CASE("Sums and differences keep the dimension", "[quantity]") {
  CHECK(valueOf(add(quantity("132", "kW"), quantity("0.5", "MW"))) == quantity("632", "kW"));
  CHECK(valueOf(subtract(quantity("2", "h"), quantity("30", "min"))) == quantity("1.5", "h"));
  CHECK(valueOf(add(quantity("0.1"), quantity("0.2"))) == quantity("0.3"));
  CHECK(valueOf(subtract(quantity("1", "USD"), quantity("3", "USD"))) ==
        negate(quantity("2", "USD")));
}

TEST_CASE("Temperature readings and differences follow the °C rules", "[quantity]") {
  Quantity supply = quantity("25", "C");
  Quantity ret = quantity("45", "C");
  Quantity rise = quantity("20", "K");
  CHECK(valueOf(subtract(ret, supply)) == rise);                            // C − C = K
  CHECK(valueOf(subtract(supply, ret)) == negate(rise));
  CHECK(valueOf(add(supply, rise)) == ret);                                 // C + K = C
  CHECK(valueOf(add(rise, supply)) == ret);                                 // K + C = C
  CHECK(valueOf(subtract(ret, rise)) == supply);                            // C − K = C
  CHECK(valueOf(subtract(rise, quantity("5", "K"))) == quantity("15", "K")); // K − K = K
  CHECK(valueOf(multiply(rise, quantity("0.5"))) == quantity("10", "K"));
  CHECK(negate(quantity("5", "C")) == Quantity{Rational(-5), dims::Temperature});
  CHECK(valueOf(compare(supply, ret)) == std::strong_ordering::less);
}

TEST_CASE("Products and quotients combine dimensions", "[quantity]") {
  CHECK(valueOf(divide(quantity("1", "MW"), quantity("1", "kW"))) == quantity("1_000"));
  CHECK(valueOf(multiply(quantity("0.6", "m"), quantity("1.2", "m"))) == quantity("0.72", "m2"));
  CHECK(valueOf(multiply(quantity("132", "kW"), quantity("0.9"))) == quantity("118.8", "kW"));
  CHECK(valueOf(multiply(quantity("10", "kW"), quantity("2", "h"))) == quantity("20", "kWh"));
  CHECK(valueOf(multiply(quantity("415", "V"), quantity("100", "A"))) == quantity("41.5", "kW"));
  CHECK(valueOf(divide(quantity("22_700", "kW"), quantity("4_000", "m2"))) ==
        quantity("5.675", "kW/m2"));
  CHECK(valueOf(multiply(quantity("132", "kW"), quantity("1.5", "L/min/kW"))) ==
        quantity("198", "L/min"));
  CHECK(valueOf(multiply(quantity("100", "MW"), quantity("11.7", "MUSD/MW"))) ==
        quantity("1.17", "BUSD"));
  CHECK(valueOf(divide(quantity("1_360", "kg"), quantity("0.72", "m2"))) ==
        Quantity{Rational(17'000, 9), dims::ArealMass});
  CHECK(valueOf(divide(quantity("1"), quantity("50", "Hz"))) == quantity("0.02", "s"));
}

TEST_CASE("Sums of different dimensions are errors naming both", "[quantity][errors]") {
  Failure kWAndC = failureOf(add(quantity("132", "kW"), quantity("30", "C")));
  CHECK(kWAndC.kind == UnitErrorKind::DimensionMismatch);
  CHECK(kWAndC.message == "cannot add power (kW) and temperature (C)");

  CHECK(failureOf(subtract(quantity("1.5", "MW"), quantity("10", "K"))).message ==
        "cannot subtract temperature difference (K) from power (MW)");
  CHECK(failureOf(add(quantity("48", "U"), quantity("2", "m"))).message ==
        "cannot add rack units (U) and length (m)");
  CHECK(failureOf(add(quantity("3", "MUSD"), quantity("0.5"))).message ==
        "cannot add money (MUSD) and ratio");
  CHECK(failureOf(add(quantity("1", "kWh"), quantity("1", "kW"))).message ==
        "cannot add energy (kWh) and power (kW)");
  Quantity force = valueOf(divide(valueOf(multiply(quantity("2", "kg"), quantity("3", "m"))),
                             valueOf(multiply(quantity("1", "s"), quantity("1", "s")))));
  CHECK(failureOf(add(force, quantity("1", "kg"))).message ==
        "cannot add kg·m/s² and mass (kg)");
}

TEST_CASE("Power and apparent power never mix", "[quantity][errors]") {
  Failure sum = failureOf(add(quantity("132", "kW"), quantity("150", "kVA")));
  CHECK(sum.kind == UnitErrorKind::DimensionMismatch);
  CHECK(sum.message == "cannot add power (kW) and apparent power (kVA): W and VA "
                       "convert only through a power factor");
  CHECK(failureOf(subtract(quantity("2", "MVA"), quantity("1", "MW"))).message ==
        "cannot subtract power (MW) from apparent power (MVA): W and VA convert "
        "only through a power factor");
  CHECK(failureOf(compare(quantity("1", "MW"), quantity("1", "MVA"))).message ==
        "cannot compare power (MW) with apparent power (MVA): W and VA convert "
        "only through a power factor");
  Failure converted = failureOf(valueIn(quantity("132", "kW"), "kVA"));
  CHECK(converted.kind == UnitErrorKind::DimensionMismatch);
  CHECK(converted.message == "cannot express power (kW) in kVA, a unit of apparent "
                             "power: W and VA convert only through a power factor");
  // Their quotient is not a ratio either.
  Quantity quotient = valueOf(divide(quantity("1", "kW"), quantity("1", "kVA")));
  CHECK(quotient.dimension != dims::Ratio);
}

TEST_CASE("Temperature readings do not add or scale", "[quantity][errors]") {
  Failure twoReadings = failureOf(add(quantity("20", "C"), quantity("30", "C")));
  CHECK(twoReadings.kind == UnitErrorKind::DimensionMismatch);
  CHECK(twoReadings.message == "cannot add temperature (C) and temperature (C): "
                               "temperature readings do not add; add a difference "
                               "in K to a reading");
  CHECK(failureOf(subtract(quantity("10", "K"), quantity("30", "C"))).message ==
        "cannot subtract temperature (C) from temperature difference (K)");

  const char *notAnAmount = ": a temperature in C is a reading on a scale, not an "
                            "amount; use a difference in K";
  Failure scaled = failureOf(multiply(quantity("30", "C"), quantity("2")));
  CHECK(scaled.kind == UnitErrorKind::DimensionMismatch);
  CHECK(scaled.message == std::string("cannot multiply temperature (C) by ratio") +
                              notAnAmount);
  CHECK(failureOf(multiply(quantity("2"), quantity("30", "C"))).message ==
        std::string("cannot multiply ratio by temperature (C)") + notAnAmount);
  CHECK(failureOf(divide(quantity("30", "C"), quantity("2"))).message ==
        std::string("cannot divide temperature (C) by ratio") + notAnAmount);
  CHECK(failureOf(divide(quantity("1", "kW"), quantity("30", "C"))).message ==
        std::string("cannot divide power (kW) by temperature (C)") + notAnAmount);
  CHECK(failureOf(divide(quantity("30", "C"), quantity("30", "C"))).kind ==
        UnitErrorKind::DimensionMismatch);
}

TEST_CASE("Comparisons need equal dimensions", "[quantity][errors]") {
  CHECK(valueOf(compare(quantity("1", "MW"), quantity("1_000", "kW"))) ==
        std::strong_ordering::equal);
  CHECK(valueOf(compare(quantity("75", "MW"), quantity("74_999.999", "kW"))) ==
        std::strong_ordering::greater);
  CHECK(valueOf(compare(quantity("0.9"), quantity("90", "%"))) == std::strong_ordering::equal);
  CHECK(valueOf(compare(quantity("12", "months"), quantity("365", "d"))) ==
        std::strong_ordering::equal);
  Failure mismatch = failureOf(compare(quantity("30", "C"), quantity("30", "K")));
  CHECK(mismatch.kind == UnitErrorKind::DimensionMismatch);
  CHECK(mismatch.message ==
        "cannot compare temperature (C) with temperature difference (K)");
  CHECK(failureOf(compare(quantity("16", "weeks"), quantity("16"))).message ==
        "cannot compare duration (weeks) with ratio");
}

TEST_CASE("Division by zero is an error", "[quantity][errors]") {
  Failure failure = failureOf(divide(quantity("132", "kW"), quantity("0", "kW")));
  CHECK(failure.kind == UnitErrorKind::DivisionByZero);
  CHECK(failure.message == "cannot divide power (kW) by zero");
}

TEST_CASE("Arithmetic reports results out of range", "[quantity][errors]") {
  Quantity huge = quantity("100_000_000_000_000_000_000_000_000_000", "BUSD");
  Failure product = failureOf(multiply(huge, huge));
  CHECK(product.kind == UnitErrorKind::OutOfRange);
  CHECK(product.message == "cannot multiply money (BUSD) by money (BUSD): the result "
                           "is out of range");
  Quantity largest = quantity("170141183460469231731687303715884105727", "USD");
  CHECK(failureOf(add(largest, quantity("1", "USD"))).kind == UnitErrorKind::OutOfRange);
  CHECK(failureOf(subtract(negate(largest), quantity("1", "USD"))).kind ==
        UnitErrorKind::OutOfRange);
  CHECK(failureOf(divide(largest, quantity("0.5"))).kind == UnitErrorKind::OutOfRange);
  CHECK(failureOf(valueIn(quantity("170141183460469231731687303715884105727", "m3/s"),
                          "L/min"))
            .message == "cannot express volume flow (m³/s) in L/min: the result is out "
                        "of range");

  // Exponents overflow too, even when the value stays 1.
  Quantity power = quantity("1", "m");
  for (int exponent = 2; exponent <= 127; ++exponent)
    power = valueOf(multiply(power, quantity("1", "m")));
  Failure exponent = failureOf(multiply(power, quantity("1", "m")));
  CHECK(exponent.kind == UnitErrorKind::OutOfRange);
}

TEST_CASE("Power factors convert between W and VA", "[quantity][power-factor]") {
  CHECK(valueOf(realPower(quantity("1_250", "kVA"), quantity("0.9"))) ==
        quantity("1_125", "kW"));
  CHECK(valueOf(realPower(quantity("1_200", "kVA"), quantity("100", "%"))) ==
        quantity("1_200", "kW"));
  CHECK(valueOf(apparentPower(quantity("1_200", "kW"), quantity("1"))) ==
        quantity("1_200", "kVA"));
  // 132 kW at PF 0.95: 132000 / 0.95 VA, exactly 2640000/19.
  CHECK(valueOf(apparentPower(quantity("132", "kW"), quantity("0.95"))) ==
        Quantity{Rational(2'640'000, 19), dims::ApparentPower});
  CHECK(valueOf(apparentPower(quantity("1", "kW"), quantity("80", "%"))) ==
        quantity("1.25", "kVA"));
  // There and back is the identity.
  Quantity real = quantity("22.7", "MW");
  Quantity apparent = valueOf(apparentPower(real, quantity("0.93")));
  CHECK(valueOf(realPower(apparent, quantity("0.93"))) == real);
}

TEST_CASE("Power factor conversions check their operands", "[quantity][power-factor]") {
  Failure wrongSide = failureOf(realPower(quantity("132", "kW"), quantity("0.9")));
  CHECK(wrongSide.kind == UnitErrorKind::DimensionMismatch);
  CHECK(wrongSide.message ==
        "a power factor converts apparent power to power, not power (kW)");
  CHECK(failureOf(apparentPower(quantity("150", "kVA"), quantity("0.9"))).message ==
        "a power factor converts power to apparent power, not apparent power (kVA)");
  CHECK(failureOf(apparentPower(quantity("30", "C"), quantity("0.9"))).kind ==
        UnitErrorKind::DimensionMismatch);

  struct Case {
    Quantity powerFactor;
    const char *message;
  };
  const Case cases[] = {
      {quantity("0"), "a power factor must be more than 0 and at most 1, not 0"},
      {quantity("1.1"), "a power factor must be more than 0 and at most 1, not 1.1"},
      {quantity("101", "%"), "a power factor must be more than 0 and at most 1, not 1.01"},
      {negate(quantity("0.9")), "a power factor must be more than 0 and at most 1, not -0.9"},
      {quantity("0.9", "kW"), "a power factor must be a ratio, not power (W)"},
  };
  for (const Case &c : cases) {
    INFO(c.message);
    Failure failure = failureOf(realPower(quantity("1", "MVA"), c.powerFactor));
    CHECK(failure.kind == UnitErrorKind::InvalidPowerFactor);
    CHECK(failure.message == c.message);
    CHECK(failureOf(apparentPower(quantity("1", "MW"), c.powerFactor)).message ==
          c.message);
  }
}

TEST_CASE("Equal quantities hash equally whatever unit they were written in", "[quantity]") {
  // 1.5 MW and 1500 kW are both {1500000, power}; 1500 kVA is apparent
  // power, another quantity (the hash may differ, and does here).
  Quantity megawatts = llvm::cantFail(parseQuantity("1.5", "MW"));
  Quantity kilowatts = llvm::cantFail(parseQuantity("1500", "kW"));
  Quantity apparent = llvm::cantFail(parseQuantity("1500", "kVA"));
  REQUIRE(megawatts == kilowatts);
  CHECK(hash_value(megawatts) == hash_value(kilowatts));
  CHECK(hash_value(megawatts) != hash_value(apparent));
  // A value above 2^64 hashes by both halves of its 128-bit parts.
  Rational big = *Rational::fromParts(Rational::Int(1) << 70, 3);
  Rational other = *Rational::fromParts((Rational::Int(1) << 70) + 1, 3);
  CHECK(hash_value(big) != hash_value(other));
  CHECK(hash_value(big) == hash_value(*Rational::fromParts(Rational::Int(1) << 71, 6)));
}
