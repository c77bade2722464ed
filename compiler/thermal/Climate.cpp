#include "thermal/Climate.h"

#include "thermal/Text.h"

namespace sgd::thermal {
namespace {

using model::Design;
using model::Property;

/// The numbers of a list attribute, in canonical units.
std::vector<Exact> numbers(const Property &property) {
  std::vector<Exact> result;
  if (const model::ValueList *list = property.value.list())
    for (const model::Value &element : *list)
      if (const units::Quantity *quantity = element.quantity())
        result.push_back(Exact(*quantity));
  return result;
}

} // namespace

std::optional<Climate> readClimate(const Design &design, model::Index entry,
                                   DiagnosticEngine &diagnostics) {
  const model::CatalogEntry &catalog = design.catalog[entry];
  auto find = [&](llvm::StringRef name) { return design.findProperty(catalog.properties, name); };
  auto reading = [&](llvm::StringRef name) {
    const Property *property = find(name);
    return property && property->value.quantity() ? Exact(*property->value.quantity())
                                                  : Exact::invalid();
  };
  Climate climate;
  climate.entry = entry;
  climate.hottest = {reading("design_dry_bulb"), reading("design_coincident_wet_bulb")};
  climate.mostHumid = {reading("design_coincident_dry_bulb"), reading("design_wet_bulb")};
  const Property *dryBulbs = find("bin_dry_bulb");
  const Property *wetBulbs = find("bin_wet_bulb");
  const Property *hours = find("bin_hours");
  // The schema requires all seven; an entry without them was reported (E0317).
  if (!dryBulbs || !wetBulbs || !hours || !climate.hottest.dryBulb.valid() ||
      !climate.hottest.wetBulb.valid() || !climate.mostHumid.dryBulb.valid() ||
      !climate.mostHumid.wetBulb.valid())
    return std::nullopt;
  std::string name = entryLabel(design, entry);
  bool sound = true;
  auto fail = [&](const Property &at, std::string message) -> Diagnostic & {
    sound = false;
    return diagnostics.report(DiagCode::E0474, at.range, name + ": " + std::move(message));
  };
  for (auto [dry, wet, label] :
       {std::tuple{climate.hottest.dryBulb, climate.hottest.wetBulb, "design_coincident_wet_bulb"},
        std::tuple{climate.mostHumid.dryBulb, climate.mostHumid.wetBulb, "design_wet_bulb"}})
    if (dry < wet)
      fail(*find(label), "the wet bulb " + temperature(wet) + " is above its dry bulb " +
                             temperature(dry) + "; a wet bulb is at most the dry bulb");
  if (climate.hottest.dryBulb < climate.mostHumid.dryBulb)
    fail(*find("design_coincident_dry_bulb"),
         "the dry bulb coincident with the design wet bulb, " +
             temperature(climate.mostHumid.dryBulb) + ", is above the design dry bulb " +
             temperature(climate.hottest.dryBulb));
  if (climate.mostHumid.wetBulb < climate.hottest.wetBulb)
    fail(*find("design_coincident_wet_bulb"),
         "the wet bulb coincident with the design dry bulb, " +
             temperature(climate.hottest.wetBulb) + ", is above the design wet bulb " +
             temperature(climate.mostHumid.wetBulb));
  std::vector<Exact> dry = numbers(*dryBulbs), wet = numbers(*wetBulbs), time = numbers(*hours);
  if (wet.size() != dry.size() || time.size() != dry.size()) {
    fail(wet.size() != dry.size() ? *wetBulbs : *hours,
         "`bin_dry_bulb`, `bin_wet_bulb` and `bin_hours` list one value per bin; they have " +
             std::to_string(dry.size()) + ", " + std::to_string(wet.size()) + " and " +
             std::to_string(time.size()) + " values");
    return std::nullopt;
  }
  const Exact secondsPerHour(3600);
  Exact total;
  for (size_t bin = 0; bin < dry.size(); ++bin) {
    if (bin > 0 && !(dry[bin - 1] < dry[bin]))
      fail(*dryBulbs, "the bins' dry bulbs ascend; bin " + std::to_string(bin + 1) + " (" +
                          temperature(dry[bin]) + ") does not follow bin " +
                          std::to_string(bin) + " (" + temperature(dry[bin - 1]) + ")");
    if (dry[bin] < wet[bin])
      fail(*wetBulbs, "bin " + std::to_string(bin + 1) + ": the wet bulb " +
                          temperature(wet[bin]) + " is above the dry bulb " +
                          temperature(dry[bin]));
    Exact binHours = time[bin] / secondsPerHour;
    climate.bins.push_back({{dry[bin], wet[bin]}, binHours});
    total += binHours;
  }
  climate.hours = total;
  if (!(total == Exact(8760)) && !(total == Exact(8784)))
    fail(*hours, "the bins hold " + plain(total) +
                     " h; a year is 8760 h (8784 h in a leap year)");
  if (!sound)
    return std::nullopt;
  return climate;
}

} // namespace sgd::thermal
