#include "model/Value.h"

#include "units/QuantityFormat.h"

namespace sgd::model {

std::string describe(const Value &value) {
  if (const units::Quantity *quantity = value.quantity())
    return quantity->dimension == units::dimensions::Ratio ? "a plain number"
                                                           : units::describe(*quantity);
  if (value.truth())
    return "a truth value";
  if (value.text())
    return "a string";
  if (value.date())
    return "a date";
  if (const Reference *reference = value.reference()) {
    switch (reference->kind) {
    case Reference::Kind::CatalogEntry: return "a catalog entry";
    case Reference::Kind::Zone: return "a zone";
    case Reference::Kind::Block: return "a named block";
    case Reference::Kind::Node: return "a site, building, hall or row";
    case Reference::Kind::RackRun: return "a rack";
    case Reference::Kind::Equipment: return "an equipment line";
    }
  }
  if (value.symbol())
    return "the word `" + value.symbol()->name + "`";
  if (value.unset())
    return "an unset value";
  if (value.lambda())
    return "a lambda";
  return "a list";
}

} // namespace sgd::model
