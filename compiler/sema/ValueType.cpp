#include "sema/ValueType.h"

#include "sema/Suggestion.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace sgd::sema {
namespace {

struct NamedType {
  std::string name;
  ValueType type;
};

const std::vector<NamedType> &namedTypes() {
  static const std::vector<NamedType> types = [] {
    using Kind = ValueType::Kind;
    const units::Dimension none = units::dimensions::Ratio;
    std::vector<NamedType> result = {
        {"int", {Kind::Integer, none}},   {"number", {Kind::Quantity, none}},
        {"bool", {Kind::Truth, none}},    {"string", {Kind::Text, none}},
        {"date", {Kind::Calendar, none}}, {"list", {Kind::Sequence, none}},
    };
#define DIMENSION(ID, NAME, KIND, ...)                                                   \
  result.push_back({NAME, {Kind::Quantity, units::dimensions::ID}});
#include "units/Dimensions.def"
    for (NamedType &named : result)
      std::replace(named.name.begin(), named.name.end(), ' ', '_');
    return result;
  }();
  return types;
}

} // namespace

std::optional<ValueType> findValueType(llvm::StringRef name) {
  for (const NamedType &named : namedTypes())
    if (named.name == name)
      return named.type;
  return std::nullopt;
}

std::optional<std::string> closestTypeName(llvm::StringRef wanted,
                                           llvm::ArrayRef<llvm::StringRef> moreNames) {
  std::vector<llvm::StringRef> candidates(moreNames.begin(), moreNames.end());
  for (const NamedType &named : namedTypes())
    candidates.push_back(named.name);
  return closestName(wanted, std::move(candidates));
}

bool hasType(const Value &value, const ValueType &type) {
  using Kind = ValueType::Kind;
  switch (type.kind) {
  case Kind::Quantity:
    return value.quantity() && value.quantity()->dimension == type.dimension;
  case Kind::Integer:
    return value.quantity() && value.quantity()->dimension == units::dimensions::Ratio &&
           value.quantity()->value.denominator() == 1;
  case Kind::Truth:
    return value.truth() != nullptr;
  case Kind::Text:
    return std::holds_alternative<std::string>(value.data);
  case Kind::Calendar:
    return std::holds_alternative<Date>(value.data);
  case Kind::Sequence:
    return std::holds_alternative<ValueList>(value.data);
  }
  return false;
}

} // namespace sgd::sema
