#ifndef SGD_SEMA_VALUETYPE_H
#define SGD_SEMA_VALUETYPE_H

#include "model/Value.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::sema {

// Sema computes the model's values.
using model::Date;
using model::Value;
using model::ValueList;

/// A type a constant can declare (`const hall_it: power = 12 MW;`): `int`,
/// `number`, `bool`, `string`, `date`, `list`, or a named dimension with `_`
/// for spaces (`power`, `apparent_power`, `temperature_difference`).
struct ValueType {
  enum class Kind : uint8_t { Quantity, Integer, Truth, Text, Calendar, Sequence };
  Kind kind;
  units::Dimension dimension; // for Quantity
};

std::optional<ValueType> findValueType(llvm::StringRef name);

/// The name closest to `wanted` among the value types' names and
/// `moreNames` (parameters also take `zone` and component kinds), for "did
/// you mean"; nothing when none is close.
std::optional<std::string> closestTypeName(llvm::StringRef wanted,
                                           llvm::ArrayRef<llvm::StringRef> moreNames = {});

/// Whether `value` is of `type`: an integer is a plain number without a
/// fractional part.
bool hasType(const Value &value, const ValueType &type);

} // namespace sgd::sema

#endif
