#include "units/UnitError.h"

namespace sgd::units {

char UnitError::ID = 0;

} // namespace sgd::units
