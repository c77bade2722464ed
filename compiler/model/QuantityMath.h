#ifndef SGD_MODEL_QUANTITYMATH_H
#define SGD_MODEL_QUANTITYMATH_H

#include "model/Design.h"

#include <string>

namespace sgd::model {

using units::Quantity;

// Exact arithmetic on the figures of a design, shared by the analyses and the
// checks. Every figure of a real design is far below the 127-bit limit
// (10^38 W); a result beyond it, or of mismatched dimensions, keeps the first
// operand rather than stopping the analyses.
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

/// How messages name a node: "hall `s.b1.h2`"; "the design" for NoIndex.
std::string nodeName(const Design &design, Index node);

/// How messages name a catalog entry: "`nvidia.gb200_nvl72`".
std::string entryName(const Design &design, Index entry);

} // namespace sgd::model

#endif
