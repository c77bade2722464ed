#ifndef SGD_THERMAL_CLIMATE_H
#define SGD_THERMAL_CLIMATE_H

#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "thermal/Exact.h"

#include <optional>
#include <vector>

namespace sgd::thermal {

/// Outdoor air: dry bulb and wet bulb, °C.
struct Condition {
  Exact dryBulb;
  Exact wetBulb;
};

/// One bin of the ASHRAE bin method: the hours of a year whose dry bulb falls
/// in the bin, at the bin's middle dry bulb and mean coincident wet bulb.
struct ClimateBin {
  Condition air;
  Exact hours; // h
};

/// A site's climate, read from a `climate` catalog entry (stdlib/climate/).
struct Climate {
  model::Index entry = model::NoIndex;
  /// The two design-day conditions: the hottest (design dry bulb with its
  /// coincident wet bulb), which air-cooled plant must meet, and the most
  /// humid (design wet bulb with its coincident dry bulb), which evaporative
  /// plant must meet. The peak is the larger demand of the two.
  Condition hottest;
  Condition mostHumid;
  std::vector<ClimateBin> bins;
  Exact hours; // Σ bin hours: 8760 or 8784
};

/// The climate of `entry`, checked: the three bin lists of equal length, dry
/// bulbs ascending, every wet bulb at or below its dry bulb, hours summing to
/// a year. Problems are E0474 at the attribute; nothing is returned then.
std::optional<Climate> readClimate(const model::Design &design, model::Index entry,
                                   DiagnosticEngine &diagnostics);

} // namespace sgd::thermal

#endif
