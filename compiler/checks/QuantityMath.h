#ifndef SGD_CHECKS_QUANTITYMATH_H
#define SGD_CHECKS_QUANTITYMATH_H

#include "model/Design.h"

#include <string>

namespace sgd::checks {

using units::Quantity;

// Exact arithmetic on the figures of a design. Every figure of a real design
// is far below the 127-bit limit (10^38 W); a result beyond it, or of
// mismatched dimensions, keeps the first operand rather than stopping the
// checks.
Quantity plus(const Quantity &a, const Quantity &b);
Quantity minus(const Quantity &a, const Quantity &b);
Quantity times(const Quantity &a, const Quantity &b);
Quantity times(const Quantity &a, uint64_t count);
/// Apparent power of a real power at a power factor (kVA-rated gear).
Quantity apparent(const Quantity &real, const Quantity &powerFactor);
/// A plain number.
Quantity ratio(int64_t numerator, int64_t denominator = 1);

/// a < b; false when the two do not compare.
bool below(const Quantity &a, const Quantity &b);
bool isPositive(const Quantity &quantity);

/// The quantity in `unit` ("22440 kW") where it converts, else as
/// units::format prints it.
std::string inUnit(const Quantity &quantity, llvm::StringRef unit);

/// How messages name a node: "hall `s.b1.h2`"; "each hall `s.b[1..8].h2`"
/// for a node that stands for several replicas; "the design" for NoIndex.
std::string nodeName(const model::Design &design, model::Index node);

/// How messages name a catalog entry: "`nvidia.gb200_nvl72`".
std::string entryName(const model::Design &design, model::Index entry);

} // namespace sgd::checks

#endif
