#ifndef SGD_POWER_REDUNDANCY_H
#define SGD_POWER_REDUNDANCY_H

#include "model/Design.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::power {

using units::Quantity;

/// How many units a load needs: ceil(load ÷ unit), 0 when the load is 0.
/// Nothing when `unit` is not positive or the dimensions differ.
std::optional<uint64_t> unitsFor(const Quantity &load, const Quantity &unit);

/// The units one system of a form needs for a load: N for N, N+k, 2N,
/// 2N+k, 2(N+k) and N+k catcher (one system carries the whole load);
/// ceil(load ÷ (y × unit)) for xN/y, whose systems each carry 1/y.
std::optional<uint64_t> unitsPerSystem(const Quantity &load, const Quantity &unit,
                                       const model::Redundancy &redundancy);

/// Units a form installs for `perSystem` units of need: factor × N + spare,
/// or factor × (N + spare) when the spares are per side; x × N for xN/y;
/// N + k for N+k catcher.
uint64_t installedFor(uint64_t perSystem, const model::Redundancy &redundancy);

/// Of `installed` units, those that carry the load at N: less the spares,
/// one system of a two-sided form, y systems of xN/y.
uint64_t unitsAtN(uint64_t installed, const model::Redundancy &redundancy);

/// Whether the form keeps a spare unit or system: N+k (k ≥ 1), two-sided,
/// distributed or catcher forms.
bool hasSpare(const model::Redundancy &redundancy);

/// The paths a form lays its units on, in order: "A", "B" for 2N, 2N+k and
/// 2(N+k); "1" … "x" for xN/y; "blocks" and "R" (the reserve bus) for
/// N+k catcher; one common path ("") for N and N+k.
std::vector<std::string> pathsOf(const model::Redundancy &redundancy);

/// The reserve path of a catcher form.
inline constexpr const char *ReservePath = "R";
/// The path of the blocks of a catcher form.
inline constexpr const char *BlocksPath = "blocks";

} // namespace sgd::power

#endif
