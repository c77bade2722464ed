#include "sema/RangeBounds.h"

#include "units/Decimal.h"
#include "units/QuantityFormat.h"

namespace sgd::sema {
namespace {

std::optional<units::Rational> wholeBound(const ast::Expr &bound,
                                          const std::optional<Value> &value,
                                          DiagnosticEngine &diagnostics) {
  if (!value)
    return std::nullopt;
  const units::Quantity *number = value->quantity();
  if (!number || number->dimension != units::dimensions::Ratio ||
      number->value.denominator() != 1 || number->value.isNegative()) {
    diagnostics.report(DiagCode::E0314, bound.range,
                       "range bounds are whole numbers, 0 or more; this is " +
                           (number && number->dimension == units::dimensions::Ratio
                                ? units::format(*number)
                                : describe(*value)));
    return std::nullopt;
  }
  return number->value;
}

} // namespace

std::optional<std::pair<uint64_t, uint64_t>>
checkRangeBounds(const ast::RangeSpec &range, const std::optional<Value> &low,
                 const std::optional<Value> &high, DiagnosticEngine &diagnostics) {
  std::optional<units::Rational> first = wholeBound(*range.low, low, diagnostics);
  std::optional<units::Rational> last = wholeBound(*range.high, high, diagnostics);
  if (!first || !last)
    return std::nullopt;
  if (*last < *first) {
    diagnostics.report(DiagCode::E0314, range.range,
                       "the range is empty: its upper bound " + units::formatDecimal(*last) +
                           " is below its lower bound " + units::formatDecimal(*first));
    return std::nullopt;
  }
  // The count, last − first + 1, must fit 64 bits: a bound of 2^64 or more
  // would otherwise be cut off and the elements silently dropped.
  if (last->numerator() > kMaxRangeBound) {
    diagnostics.report(DiagCode::E0314, range.high->range,
                       "the upper bound " + units::formatDecimal(*last) +
                           " is too large: range bounds are at most " +
                           units::withSeparators(kMaxRangeBound));
    return std::nullopt;
  }
  return std::pair{static_cast<uint64_t>(first->numerator()),
                   static_cast<uint64_t>(last->numerator())};
}

} // namespace sgd::sema
