#include "power/SiteConditions.h"

namespace sgd::power {

SiteConditions siteConditions(const model::Design &design, model::Index site) {
  SiteConditions conditions;
  if (site == model::NoIndex)
    return conditions;
  model::PropertySpan properties = design.nodes[site].properties;
  if (const model::Value *altitude = design.property(properties, "altitude"))
    if (const units::Quantity *value = altitude->quantity())
      conditions.altitude = *value;
  if (const model::Value *ambient = design.property(properties, "design_ambient"))
    if (const units::Quantity *value = ambient->quantity())
      conditions.ambient = *value;
  // Without a written one, the design dry bulb of the site's climate.
  if (!conditions.ambient)
    if (const model::Value *climate = design.property(properties, "climate"))
      if (const model::Reference *entry = climate->reference())
        if (const model::Value *dryBulb =
                design.property(design.catalog[entry->index].properties, "design_dry_bulb"))
          if (const units::Quantity *value = dryBulb->quantity())
            conditions.ambient = *value;
  return conditions;
}

} // namespace sgd::power
