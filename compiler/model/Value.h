#ifndef SGD_MODEL_VALUE_H
#define SGD_MODEL_VALUE_H

#include "base/SourceRange.h"
#include "units/Quantity.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sgd::ast {
struct LambdaExpr;
}

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
/// (a named block such as a utility); in rules also a site, building, hall
/// or row (Node), a run of racks and an equipment line. `index` is into the
/// design's table of that kind of element.
struct Reference {
  enum class Kind : uint8_t { CatalogEntry, Zone, Block, Node, RackRun, Equipment };
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

/// A value the design does not state: an optional attribute left out, read
/// by a rule. Arithmetic and comparisons with it are unset too; `what` names
/// it for messages ("`site.operation_start`").
struct Unset {
  std::string what;
  /// A date left out: a rule a law ties to that date cannot decide whether
  /// it applies, which is worth a warning (W0508).
  bool date = false;
  friend bool operator==(const Unset &, const Unset &) = default;
};

/// A lambda, `h => h.it_load > 5 MW`: what an aggregate or `where` applies to
/// each element of a list. It has no captured variables: the names of its
/// body are looked up where it is applied.
struct Lambda {
  const ast::LambdaExpr *expr;
  friend bool operator==(const Lambda &, const Lambda &) = default;
};

struct Value;
using ValueList = std::vector<Value>;

/// The result of evaluating an expression, in constants, attribute values
/// and rules alike: a quantity (plain numbers are ratios), a truth value, a
/// string, a date, a list, a reference to an element of the design, a
/// symbol, an unset value or a lambda. Only the first seven are stored in
/// the model.
struct Value {
  std::variant<units::Quantity, bool, std::string, Date, ValueList, Reference, Symbol, Unset,
               Lambda>
      data;
  /// Where the design states the value, when it does (a rule's diagnostic
  /// points there); not part of the value.
  SourceRange origin = {};
  /// How many elements the value stands for as an entry of a list: a run of
  /// twelve racks is one entry of weight 12, and so is its `gpus`. `sum` and
  /// `count` count weights, `len` entries. Not part of the value.
  uint64_t weight = 1;

  const units::Quantity *quantity() const { return std::get_if<units::Quantity>(&data); }
  const bool *truth() const { return std::get_if<bool>(&data); }
  const std::string *text() const { return std::get_if<std::string>(&data); }
  const ValueList *list() const { return std::get_if<ValueList>(&data); }
  const Reference *reference() const { return std::get_if<Reference>(&data); }
  const Symbol *symbol() const { return std::get_if<Symbol>(&data); }
  const Date *date() const { return std::get_if<Date>(&data); }
  const Unset *unset() const { return std::get_if<Unset>(&data); }
  const Lambda *lambda() const { return std::get_if<Lambda>(&data); }

  friend bool operator==(const Value &a, const Value &b) { return a.data == b.data; }
};

/// What a value is, for messages: "power (kW)", "a truth value", "a list".
std::string describe(const Value &value);

} // namespace sgd::model

#endif
