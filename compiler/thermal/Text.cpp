#include "thermal/Text.h"

#include "units/QuantityFormat.h"

namespace sgd::thermal {

std::string temperature(const Exact &celsius) {
  return units::format(celsius.in(units::dimensions::Temperature));
}

std::string difference(const Exact &kelvin) {
  return units::format(kelvin.in(units::dimensions::TemperatureDifference));
}

std::string power(const Exact &watts) {
  return units::format(watts.in(units::dimensions::Power));
}

std::string powerIn(const Exact &watts, llvm::StringRef unit) {
  llvm::Expected<std::string> text =
      units::formatIn(watts.in(units::dimensions::Power), unit);
  if (!text) {
    llvm::consumeError(text.takeError());
    return power(watts);
  }
  return *text;
}

std::string plain(const Exact &number) {
  return units::format(number.in(units::dimensions::Ratio));
}

std::string nodeLabel(const model::Design &design, model::Index node) {
  return design.describe(node);
}

std::string entryLabel(const model::Design &design, model::Index entry) {
  return "`" + design.catalog[entry].qualifiedName.str() + "`";
}

} // namespace sgd::thermal
