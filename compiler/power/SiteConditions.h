#ifndef SGD_POWER_SITECONDITIONS_H
#define SGD_POWER_SITECONDITIONS_H

#include "model/Design.h"

#include <optional>

namespace sgd::power {

/// The conditions at a site that generator datasheets derate for.
struct SiteConditions {
  std::optional<units::Quantity> altitude; // above sea level
  std::optional<units::Quantity> ambient;  // design-day extreme dry bulb
};

/// The site's `altitude` and `design_ambient`, else the `design_dry_bulb` of
/// its `climate`; nothing for NoIndex. The one place the power graph reads
/// the climate.
SiteConditions siteConditions(const model::Design &design, model::Index site);

} // namespace sgd::power

#endif
