#include "model/QuantityMath.h"

#include "units/QuantityFormat.h"

namespace sgd::model {
namespace {

Quantity orFirst(llvm::Expected<Quantity> result, const Quantity &first) {
  if (!result) {
    llvm::consumeError(result.takeError());
    return first;
  }
  return *result;
}

} // namespace

Quantity plus(const Quantity &a, const Quantity &b) { return orFirst(units::add(a, b), a); }
Quantity minus(const Quantity &a, const Quantity &b) { return orFirst(units::subtract(a, b), a); }
Quantity times(const Quantity &a, const Quantity &b) { return orFirst(units::multiply(a, b), a); }

Quantity times(const Quantity &a, uint64_t count) {
  // As times(a, ratio(count)), without the error it would build and drop: a
  // count keeps the dimension; a reading on a scale, or a product out of
  // range, leaves `a`.
  if (count > static_cast<uint64_t>(INT64_MAX) || a.dimension.isAbsolute())
    return a;
  std::optional<units::Rational> value =
      units::checkedMultiply(a.value, units::Rational(static_cast<int64_t>(count)));
  return value ? Quantity{*value, a.dimension} : a;
}

Quantity apparent(const Quantity &real, const Quantity &powerFactor) {
  return orFirst(units::apparentPower(real, powerFactor), real);
}

Quantity ratio(int64_t numerator, int64_t denominator) {
  return Quantity{units::Rational(numerator, denominator), units::dimensions::Ratio};
}

bool below(const Quantity &a, const Quantity &b) {
  llvm::Expected<std::strong_ordering> order = units::compare(a, b);
  if (!order) {
    llvm::consumeError(order.takeError());
    return false;
  }
  return *order < 0;
}

bool isPositive(const Quantity &quantity) {
  return !quantity.value.isZero() && !quantity.value.isNegative();
}

std::string inUnit(const Quantity &quantity, llvm::StringRef unit) {
  llvm::Expected<std::string> text = units::formatIn(quantity, unit);
  if (!text) {
    llvm::consumeError(text.takeError());
    return units::format(quantity);
  }
  return *text;
}

std::string nodeName(const Design &design, Index node) {
  if (node == NoIndex)
    return "the design";
  // A replicated node's figures are each replica's.
  return (design.nodes[node].instances > 1 ? "each " : "") + design.describe(node);
}

std::string entryName(const Design &design, Index entry) {
  return "`" + design.catalog[entry].qualifiedName.str() + "`";
}

} // namespace sgd::model
