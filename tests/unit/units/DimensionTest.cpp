#include "UnitsTestSupport.h"

#include "units/Dimension.h"

using namespace sgd::units;
namespace dims = sgd::units::dimensions;

TEST_CASE("Named dimensions have the names messages use", "[dimension]") {
  struct Case {
    Dimension dimension;
    const char *name;
  };
  const Case cases[] = {
      {dims::Ratio, "ratio"},
      {dims::Power, "power"},
      {dims::ApparentPower, "apparent power"},
      {dims::Voltage, "voltage"},
      {dims::Current, "current"},
      {dims::Energy, "energy"},
      {dims::Temperature, "temperature"},
      {dims::TemperatureDifference, "temperature difference"},
      {dims::VolumeFlow, "volume flow"},
      {dims::Mass, "mass"},
      {dims::Length, "length"},
      {dims::Area, "area"},
      {dims::Volume, "volume"},
      {dims::ArealMass, "areal mass"},
      {dims::RackSpace, "rack units"},
      {dims::Money, "money"},
      {dims::Duration, "duration"},
      {dims::Frequency, "frequency"},
      {dims::PowerDensity, "power density"},
      {dims::FlowPerPower, "flow per power"},
      {dims::CostPerPower, "cost per power"},
  };
  for (const Case &c : cases) {
    INFO(c.name);
    CHECK(dimensionName(c.dimension) == llvm::StringRef(c.name));
    CHECK(describeDimension(c.dimension) == c.name);
  }
}

TEST_CASE("Dimensions are built from their bases", "[dimension]") {
  CHECK(dims::Ratio == Dimension());
  CHECK(dims::Power.exponent(BaseDimension::Mass) == 1);
  CHECK(dims::Power.exponent(BaseDimension::Length) == 2);
  CHECK(dims::Power.exponent(BaseDimension::Time) == -3);
  CHECK(dims::ApparentPower.exponent(BaseDimension::Apparent) == 1);
  CHECK(dims::Power != dims::ApparentPower);
  // A rack unit is counted in slots, not measured as a length.
  CHECK(dims::RackSpace != dims::Length);
  CHECK(dims::Temperature.isAbsolute());
  CHECK_FALSE(dims::TemperatureDifference.isAbsolute());
  CHECK(dims::Temperature != dims::TemperatureDifference);
  CHECK(dims::Temperature.difference() == dims::TemperatureDifference);
  CHECK(dims::Power.difference() == dims::Power);
}

TEST_CASE("Products and quotients of dimensions add exponents", "[dimension]") {
  CHECK(dims::Voltage.times(dims::Current) == dims::Power);
  CHECK(dims::Power.times(dims::Duration) == dims::Energy);
  CHECK(dims::Energy.dividedBy(dims::Duration) == dims::Power);
  CHECK(dims::Length.times(dims::Length) == dims::Area);
  CHECK(dims::Area.times(dims::Length) == dims::Volume);
  CHECK(dims::Volume.dividedBy(dims::Duration) == dims::VolumeFlow);
  CHECK(dims::Mass.dividedBy(dims::Area) == dims::ArealMass);
  CHECK(dims::Power.dividedBy(dims::Area) == dims::PowerDensity);
  CHECK(dims::VolumeFlow.dividedBy(dims::Power) == dims::FlowPerPower);
  CHECK(dims::Money.dividedBy(dims::Power) == dims::CostPerPower);
  CHECK(dims::Ratio.dividedBy(dims::Duration) == dims::Frequency);
  CHECK(dims::Power.dividedBy(dims::Power) == dims::Ratio);
  CHECK(dims::ApparentPower.dividedBy(dims::ApparentPower) == dims::Ratio);
  // By a ratio on either side: the other dimension, as it is.
  CHECK(dims::Power.times(dims::Ratio) == dims::Power);
  CHECK(dims::Ratio.times(dims::VolumeFlow) == dims::VolumeFlow);
  CHECK(dims::Ratio.times(dims::Ratio) == dims::Ratio);
  CHECK(dims::Ratio.dividedBy(dims::Area).value().times(dims::Area) == dims::Ratio);
}

TEST_CASE("Dimension exponents stay within [-127, 127]", "[dimension]") {
  Dimension dimension = dims::Length;
  for (int exponent = 2; exponent <= 127; ++exponent) {
    std::optional<Dimension> next = dimension.times(dims::Length);
    REQUIRE(next.has_value());
    dimension = *next;
  }
  CHECK(dimension.exponent(BaseDimension::Length) == 127);
  CHECK_FALSE(dimension.times(dims::Length).has_value());
  CHECK_FALSE(dims::Ratio.dividedBy(dimension)->dividedBy(dims::Length).has_value());
  CHECK(dimension.dividedBy(dimension) == dims::Ratio);
}

TEST_CASE("Unnamed dimensions are spelled from their exponents", "[dimension]") {
  auto spell = [](Exponents exponents) {
    Dimension dimension = Dimension::vector(exponents);
    CHECK_FALSE(dimensionName(dimension).has_value());
    CHECK(describeDimension(dimension) == composedSpelling(dimension));
    return composedSpelling(dimension);
  };
  CHECK(spell({.mass = 1, .length = 1, .time = -2}) == "kg·m/s²");
  CHECK(spell({.mass = 1, .length = -1, .time = -2}) == "kg/(m·s²)");
  CHECK(spell({.time = -2}) == "1/s²");
  CHECK(spell({.mass = 1, .length = 1}) == "kg·m");
  CHECK(spell({.length = 12, .current = 3}) == "m¹²·A³");
  CHECK(spell({.temperature = 1, .money = 1, .rackSpace = -1}) == "K·USD/U");
  CHECK(spell({.mass = 1, .length = 2, .time = -2, .apparent = 1}) == "kg·m²·(VA/W)/s²");
  CHECK(spell({.apparent = -1}) == "1/(VA/W)");
  CHECK(composedSpelling(dims::Power) == "kg·m²/s³");
  CHECK(composedSpelling(dims::Ratio).empty());
}
