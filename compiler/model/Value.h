#ifndef SGD_MODEL_VALUE_H
#define SGD_MODEL_VALUE_H

#include "units/Quantity.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sgd::model {

/// A calendar date, as written `2024-06-01` (already checked by the front end).
struct Date {
  int year;
  unsigned month;
  unsigned day;
  friend auto operator<=>(const Date &, const Date &) = default;
};

/// An element of the design a value names: `gpu_rack = nvidia.gb200_nvl72`
/// (a catalog entry), `zone = technical` (a security zone), `feed = ercot_345`
/// (a named block such as a utility). `index` is into the design's table of
/// that kind of element.
struct Reference {
  enum class Kind : uint8_t { CatalogEntry, Zone, Block };
  Kind kind;
  uint32_t index;
  friend bool operator==(const Reference &, const Reference &) = default;
};

/// A word from an attribute's fixed vocabulary: `cctv` in
/// `controls = [badge, cctv]`.
struct Symbol {
  std::string name;
  friend bool operator==(const Symbol &, const Symbol &) = default;
};

struct Value;
using ValueList = std::vector<Value>;

/// The result of evaluating an expression: a quantity (plain numbers are
/// ratios), a truth value, a string, a date, a list, a reference to an element
/// of the design or a symbol.
struct Value {
  std::variant<units::Quantity, bool, std::string, Date, ValueList, Reference, Symbol> data;

  const units::Quantity *quantity() const { return std::get_if<units::Quantity>(&data); }
  const bool *truth() const { return std::get_if<bool>(&data); }
  const std::string *text() const { return std::get_if<std::string>(&data); }
  const ValueList *list() const { return std::get_if<ValueList>(&data); }
  const Reference *reference() const { return std::get_if<Reference>(&data); }
  const Symbol *symbol() const { return std::get_if<Symbol>(&data); }

  friend bool operator==(const Value &, const Value &) = default;
};

/// What a value is, for messages: "power (kW)", "a truth value", "a list".
std::string describe(const Value &value);

} // namespace sgd::model

#endif
