#include "power/Redundancy.h"

namespace sgd::power {

std::optional<uint64_t> unitsFor(const Quantity &load, const Quantity &unit) {
  if (load.dimension != unit.dimension || unit.value.isZero() || unit.value.isNegative())
    return std::nullopt;
  if (load.value.isZero() || load.value.isNegative())
    return 0;
  std::optional<units::Rational> units = units::checkedDivide(load.value, unit.value);
  if (!units)
    return std::nullopt;
  units::Rational::Int whole = units->numerator() / units->denominator();
  if (units->numerator() % units->denominator() != 0)
    ++whole;
  if (whole > static_cast<units::Rational::Int>(UINT64_MAX / 4))
    return std::nullopt;
  return static_cast<uint64_t>(whole);
}

std::optional<uint64_t> unitsPerSystem(const Quantity &load, const Quantity &unit,
                                       const model::Redundancy &redundancy) {
  if (redundancy.share <= 1)
    return unitsFor(load, unit);
  std::optional<units::Rational> part =
      units::checkedDivide(load.value, units::Rational(static_cast<int64_t>(redundancy.share)));
  if (!part)
    return std::nullopt;
  return unitsFor(Quantity{*part, load.dimension}, unit);
}

uint64_t installedFor(uint64_t perSystem, const model::Redundancy &redundancy) {
  if (redundancy.sparePerSide)
    return redundancy.factor * (perSystem + redundancy.spare);
  return redundancy.factor * perSystem + redundancy.spare;
}

uint64_t unitsAtN(uint64_t installed, const model::Redundancy &redundancy) {
  uint64_t factor = redundancy.factor ? redundancy.factor : 1;
  if (redundancy.share > 1)
    return installed / factor * redundancy.share;
  if (redundancy.sparePerSide) {
    uint64_t side = installed / factor;
    return side > redundancy.spare ? side - redundancy.spare : 0;
  }
  return installed > redundancy.spare ? (installed - redundancy.spare) / factor : 0;
}

bool hasSpare(const model::Redundancy &redundancy) {
  return redundancy.factor >= 2 || redundancy.spare > 0;
}

std::vector<std::string> pathsOf(const model::Redundancy &redundancy) {
  if (redundancy.catcher)
    return {BlocksPath, ReservePath};
  if (redundancy.share > 1) {
    std::vector<std::string> systems;
    for (unsigned system = 1; system <= redundancy.factor; ++system)
      systems.push_back(std::to_string(system));
    return systems;
  }
  if (redundancy.factor == 2)
    return {"A", "B"};
  return {""};
}

} // namespace sgd::power
