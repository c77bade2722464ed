#ifndef SGD_SEMA_VALUE_H
#define SGD_SEMA_VALUE_H

#include "units/Quantity.h"

#include <string>
#include <variant>
#include <vector>

namespace sgd::sema {

/// A calendar date, as written `2024-06-01` (already checked by the front end).
struct Date {
  int year;
  unsigned month;
  unsigned day;
  friend auto operator<=>(const Date &, const Date &) = default;
};

struct Value;
using ValueList = std::vector<Value>;

/// The result of evaluating an expression: a quantity (plain numbers are
/// ratios), a truth value, a string, a date or a list.
struct Value {
  std::variant<units::Quantity, bool, std::string, Date, ValueList> data;

  const units::Quantity *quantity() const { return std::get_if<units::Quantity>(&data); }
  const bool *truth() const { return std::get_if<bool>(&data); }
};

/// What a value is, for messages: "power (kW)", "a truth value", "a list".
std::string describe(const Value &value);

} // namespace sgd::sema

#endif
