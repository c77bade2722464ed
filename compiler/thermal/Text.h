#ifndef SGD_THERMAL_TEXT_H
#define SGD_THERMAL_TEXT_H

#include "model/Design.h"
#include "thermal/Exact.h"

#include <string>

namespace sgd::thermal {

// How the energy model's messages print its figures: as units::format
// prints quantities ("40 C", "5 K", "2.5 MW"), or in a given unit.
std::string temperature(const Exact &celsius);
std::string difference(const Exact &kelvin);
std::string power(const Exact &watts);
/// A power in `unit` ("22440 kW").
std::string powerIn(const Exact &watts, llvm::StringRef unit);
std::string plain(const Exact &number);

/// "hall `s.b1.h1`", "site `s`".
std::string nodeLabel(const model::Design &design, model::Index node);
/// "`cooling.chiller_750t`".
std::string entryLabel(const model::Design &design, model::Index entry);

} // namespace sgd::thermal

#endif
