#ifndef SGD_SEMA_RANGEBOUNDS_H
#define SGD_SEMA_RANGEBOUNDS_H

#include "ast/Item.h"
#include "diagnostics/DiagnosticEngine.h"
#include "sema/ValueType.h"

#include <optional>
#include <utility>

namespace sgd::sema {

/// The largest range bound: one less than 2^64 − 1, so that the count of
/// any range, high − low + 1, fits 64 bits.
constexpr uint64_t kMaxRangeBound = UINT64_MAX - 1;

/// Checks the evaluated bounds of `name[low..high]`: whole numbers, 0 or
/// more, with low ≤ high ≤ kMaxRangeBound (E0314). A bound whose evaluation
/// failed (nothing) was reported already. Returns the bounds when both are
/// valid.
std::optional<std::pair<uint64_t, uint64_t>>
checkRangeBounds(const ast::RangeSpec &range, const std::optional<Value> &low,
                 const std::optional<Value> &high, DiagnosticEngine &diagnostics);

} // namespace sgd::sema

#endif
