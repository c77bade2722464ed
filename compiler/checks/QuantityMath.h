#ifndef SGD_CHECKS_QUANTITYMATH_H
#define SGD_CHECKS_QUANTITYMATH_H

// The checks use the model's exact arithmetic (model/QuantityMath.h) under
// their own namespace.
#include "model/QuantityMath.h"

namespace sgd::checks {

using model::apparent;
using model::below;
using model::entryName;
using model::inUnit;
using model::isPositive;
using model::minus;
using model::nodeName;
using model::plus;
using model::ratio;
using model::times;
using units::Quantity;

} // namespace sgd::checks

#endif
