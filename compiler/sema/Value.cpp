#include "sema/Value.h"

#include "units/QuantityFormat.h"

namespace sgd::sema {

std::string describe(const Value &value) {
  if (const units::Quantity *quantity = value.quantity())
    return quantity->dimension == units::dimensions::Ratio ? "a plain number"
                                                           : units::describe(*quantity);
  if (value.truth())
    return "a truth value";
  if (std::holds_alternative<std::string>(value.data))
    return "a string";
  if (std::holds_alternative<Date>(value.data))
    return "a date";
  return "a list";
}

} // namespace sgd::sema
