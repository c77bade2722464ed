#include "sema/AttributeSchema.h"

#include "sema/Suggestion.h"

#include "units/QuantityFormat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <cassert>
#include <memory>
#include <mutex>

namespace sgd::sema {
namespace {

// --- The table of Attributes.def ---------------------------------------------

enum class OwnerRole : uint8_t { Kind, KindBlock, Structure, Block, Equipment };
enum class Presence : uint8_t { Required, Optional };

struct OwnerInfo {
  llvm::StringRef name;
  OwnerRole role;
  llvm::StringRef noun;
  llvm::StringRef description;
};

constexpr OwnerInfo kOwners[] = {
#define OWNER(NAME, ROLE, NOUN, DESCRIPTION) {NAME, OwnerRole::ROLE, NOUN, DESCRIPTION},
#include "sema/Attributes.def"
};

constexpr AttributeSchema kAttributes[] = {
#define ATTRIBUTE(OWNER, NAME, TYPE, DIMENSION, PRESENCE, DEFAULT, MIN, MAX, VOCABULARY,     \
                  DESCRIPTION)                                                               \
  {OWNER,                                                                                    \
   NAME,                                                                                     \
   AttributeType::TYPE,                                                                      \
   units::dimensions::DIMENSION,                                                             \
   Presence::PRESENCE == Presence::Required,                                                 \
   DEFAULT,                                                                                  \
   MIN,                                                                                      \
   MAX,                                                                                      \
   VOCABULARY,                                                                               \
   DESCRIPTION},
#include "sema/Attributes.def"
};

constexpr size_t kAttributeCount = std::size(kAttributes);

/// A value written as SGD source in the table: "0 kW", "-5 C", "1".
std::optional<units::Quantity> parseSource(llvm::StringRef source) {
  source = source.trim();
  if (source.empty())
    return std::nullopt;
  bool negative = source.consume_front("-");
  auto [number, unit] = source.split(' ');
  llvm::Expected<units::Quantity> quantity = units::parseQuantity(number, unit.trim());
  if (!quantity) {
    llvm::consumeError(quantity.takeError());
    return std::nullopt;
  }
  return negative ? units::negate(*quantity) : *quantity;
}

struct Bounds {
  std::optional<units::Quantity> minimum;
  std::optional<units::Quantity> maximum;
};

Bounds parseBounds(const AttributeSchema &schema) {
  return {parseSource(schema.minimum), parseSource(schema.maximum)};
}

/// What the table is looked up by, built once.
struct Index {
  llvm::StringMap<llvm::ArrayRef<AttributeSchema>> attributes;
  llvm::StringMap<const OwnerInfo *> owners;
  /// Parallel to kAttributes, each parsed when first asked for (a design
  /// uses a few dozen of the hundreds: parsing all was 5% of checking a
  /// small one); by any thread, once.
  std::unique_ptr<Bounds[]> bounds;
  std::unique_ptr<std::once_flag[]> boundsParsed;
};

const Index &index() {
  static const Index index = [] {
    Index result;
    for (const OwnerInfo &owner : kOwners) {
      result.owners[owner.name] = &owner;
      result.attributes[owner.name] = {};
    }
    // The attributes of an owner are contiguous (Attributes.def says so).
    for (size_t begin = 0; begin < kAttributeCount;) {
      size_t end = begin + 1;
      while (end < kAttributeCount && kAttributes[end].owner == kAttributes[begin].owner)
        ++end;
      llvm::ArrayRef<AttributeSchema> &slot = result.attributes[kAttributes[begin].owner];
      assert(result.owners.count(kAttributes[begin].owner) && "attribute of an undeclared owner");
      assert(slot.empty() && "the attributes of an owner must be contiguous");
      slot = llvm::ArrayRef<AttributeSchema>(kAttributes + begin, end - begin);
      begin = end;
    }
    result.bounds = std::make_unique<Bounds[]>(kAttributeCount);
    result.boundsParsed = std::make_unique<std::once_flag[]>(kAttributeCount);
    return result;
  }();
  return index;
}

Bounds boundsOf(const AttributeSchema &schema) {
  if (&schema < std::begin(kAttributes) || &schema >= std::end(kAttributes))
    return parseBounds(schema); // a copy made by the caller
  auto at = static_cast<size_t>(&schema - std::begin(kAttributes));
  const Index &table = index();
  std::call_once(table.boundsParsed[at], [&] { table.bounds[at] = parseBounds(schema); });
  return table.bounds[at];
}

// --- Words for messages --------------------------------------------------------

/// "a power", "an area", "an amount of money": a value of the dimension.
std::string dimensionNoun(const units::Dimension &dimension) {
  std::optional<llvm::StringRef> name = units::dimensionName(dimension);
  if (!name)
    return "a quantity in " + units::composedSpelling(dimension);
  if (*name == "money")
    return "an amount of money";
  if (*name == "rack units")
    return "a number of rack units";
  bool vowel = llvm::StringRef("aeio").contains(name->front());
  return (vowel ? "an " : "a ") + name->str();
}

/// The unit of a value written as source: "kW" in "0 kW"; empty for none.
llvm::StringRef unitOf(llvm::StringRef source) {
  return source.trim().split(' ').second.trim();
}

/// The unit the attribute is written in, from its bounds or default, else the
/// unit a quantity of 1 of the dimension prints in; empty for a ratio.
std::string unitHint(const AttributeSchema &schema) {
  for (llvm::StringRef source : {schema.minimum, schema.maximum, schema.defaultValue})
    if (llvm::StringRef unit = unitOf(source); !unit.empty())
      return unit == "%" ? "" : unit.str();
  if (schema.dimension == units::dimensions::Ratio)
    return "";
  return unitOf(units::format({units::Rational(1), schema.dimension})).str();
}

/// What the attribute takes, without its range: "a power (kW)".
std::string typePhrase(const AttributeSchema &schema) {
  switch (schema.type) {
  case AttributeType::Quantity: {
    if (schema.dimension == units::dimensions::Ratio)
      return "a ratio";
    std::string unit = unitHint(schema);
    return dimensionNoun(schema.dimension) + (unit.empty() ? "" : " (" + unit + ")");
  }
  case AttributeType::Integer: return "a whole number";
  case AttributeType::Text: return "a string";
  case AttributeType::Truth: return "true or false";
  case AttributeType::Calendar: return "a date";
  case AttributeType::ZoneRef: return "a zone";
  case AttributeType::RackTypeRef: return "a rack type (a `rack_type` catalog entry)";
  case AttributeType::EntryRef: return "a `" + schema.vocabulary.str() + "` catalog entry";
  case AttributeType::BlockRef: return "a named block of the site";
  case AttributeType::Symbols: {
    std::string words;
    llvm::SmallVector<llvm::StringRef, 16> vocabulary;
    schema.vocabulary.split(vocabulary, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef word : vocabulary)
      words += (words.empty() ? "`" : ", `") + word.str() + "`";
    return "a list of the words " + words;
  }
  case AttributeType::TextList: return "a list of strings";
  case AttributeType::DateList: return "a list of dates";
  case AttributeType::QuantityList: {
    // "a list of temperatures (C)": the dimension's noun without its article.
    std::string noun = schema.dimension == units::dimensions::Ratio
                           ? "ratio"
                           : llvm::StringRef(dimensionNoun(schema.dimension)).split(' ').second.str();
    std::string unit = unitHint(schema);
    return "a list of " + noun + "s" + (unit.empty() ? "" : " (" + unit + ")");
  }
  }
  return "a value";
}

/// "`it_power` of a `rack_type`".
std::string subject(const AttributeSchema &schema) {
  std::string noun = schema.owner.str();
  if (auto found = index().owners.find(schema.owner); found != index().owners.end())
    noun = found->second->noun.str();
  if (schema.name == "*")
    return "each attribute of " + noun;
  return "`" + schema.name.str() + "` of " + noun;
}

/// A quantity as the attribute is written: in % when its bounds are.
std::string formatLike(const units::Quantity &quantity, const AttributeSchema &schema) {
  if (unitOf(schema.minimum) == "%" || unitOf(schema.maximum) == "%") {
    llvm::Expected<std::string> percent = units::formatIn(quantity, "%");
    if (percent)
      return *percent;
    llvm::consumeError(percent.takeError());
  }
  return units::format(quantity);
}

/// What a value is, for "this is …": "a length (m)", "a string".
std::string describeGot(const model::Value &value) {
  const units::Quantity *quantity = value.quantity();
  if (!quantity || quantity->dimension == units::dimensions::Ratio)
    return model::describe(value);
  std::string described = units::describe(*quantity); // "length (m)"
  std::optional<llvm::StringRef> name = units::dimensionName(quantity->dimension);
  if (name && llvm::StringRef(described).startswith(*name))
    return dimensionNoun(quantity->dimension) + described.substr(name->size());
  return "a quantity in " + described;
}

SchemaViolation wrongType(const AttributeSchema &schema, const std::string &got) {
  return {SchemaViolation::Kind::WrongType,
          subject(schema) + " is " + typePhrase(schema) + "; this is " + got};
}

std::optional<SchemaViolation> checkRange(const AttributeSchema &schema,
                                          const units::Quantity &quantity) {
  Bounds bounds = boundsOf(schema);
  auto outside = [&](const std::optional<units::Quantity> &bound, bool below) {
    if (!bound)
      return false;
    llvm::Expected<std::strong_ordering> order = units::compare(quantity, *bound);
    if (!order) {
      llvm::consumeError(order.takeError());
      return false;
    }
    return below ? *order < 0 : *order > 0;
  };
  if (outside(bounds.minimum, /*below=*/true) || outside(bounds.maximum, /*below=*/false))
    return SchemaViolation{SchemaViolation::Kind::OutOfRange,
                           subject(schema) + " is " + describeSchema(schema) + "; this is " +
                               formatLike(quantity, schema)};
  return std::nullopt;
}

std::optional<SchemaViolation> checkReference(const AttributeSchema &schema,
                                              const model::Value &value,
                                              model::Reference::Kind kind) {
  const model::Reference *reference = value.reference();
  if (!reference || reference->kind != kind)
    return wrongType(schema, describeGot(value));
  return std::nullopt;
}

std::optional<SchemaViolation> checkSymbols(const AttributeSchema &schema,
                                            const model::Value &value) {
  const model::ValueList *list = value.list();
  if (!list) {
    std::string got = describeGot(value);
    if (const model::Symbol *symbol = value.symbol())
      got += " (a list is written in brackets: `[" + symbol->name + "]`)";
    return wrongType(schema, got);
  }
  llvm::SmallVector<llvm::StringRef, 16> vocabulary;
  schema.vocabulary.split(vocabulary, ' ', -1, /*KeepEmpty=*/false);
  for (const model::Value &element : *list) {
    const model::Symbol *symbol = element.symbol();
    if (!symbol)
      return wrongType(schema, "a list holding " + describeGot(element));
    if (llvm::is_contained(vocabulary, symbol->name))
      continue;
    // With a likely typo, the suggestion says more than the whole vocabulary.
    if (std::optional<std::string> close =
            closestName(symbol->name, {vocabulary.begin(), vocabulary.end()}))
      return SchemaViolation{SchemaViolation::Kind::WrongType,
                             subject(schema) + " takes no word `" + symbol->name +
                                 "`; did you mean `" + *close + "`?"};
    return SchemaViolation{SchemaViolation::Kind::WrongType,
                           subject(schema) + " is " + typePhrase(schema) + "; `" +
                               symbol->name + "` is not one of them"};
  }
  return std::nullopt;
}

std::optional<model::Date> parseDate(llvm::StringRef text) {
  llvm::SmallVector<llvm::StringRef, 3> parts;
  text.trim().split(parts, '-');
  int year = 0;
  unsigned month = 0, day = 0;
  if (parts.size() != 3 || parts[0].getAsInteger(10, year) ||
      parts[1].getAsInteger(10, month) || parts[2].getAsInteger(10, day) || month < 1 ||
      month > 12 || day < 1 || day > 31)
    return std::nullopt;
  return model::Date{year, month, day};
}

std::optional<std::string> parseString(llvm::StringRef text) {
  text = text.trim();
  if (text.size() < 2 || !text.consume_front("\"") || !text.consume_back("\""))
    return std::nullopt;
  std::string result;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size())
      ++i; // only \" and \\ are used in the table
    result += text[i];
  }
  return result;
}

} // namespace

llvm::ArrayRef<AttributeSchema> attributesOf(llvm::StringRef owner) {
  auto found = index().attributes.find(owner);
  return found == index().attributes.end() ? llvm::ArrayRef<AttributeSchema>() : found->second;
}

const AttributeSchema *findAttribute(llvm::StringRef owner, llvm::StringRef name) {
  const AttributeSchema *wildcard = nullptr;
  for (const AttributeSchema &schema : attributesOf(owner)) {
    if (schema.name == name)
      return &schema;
    if (schema.name == "*" && !wildcard)
      wildcard = &schema;
  }
  return wildcard;
}

bool isOwner(llvm::StringRef owner) { return index().owners.count(owner) != 0; }

llvm::ArrayRef<llvm::StringRef> componentKinds() {
  static const std::vector<llvm::StringRef> kinds = [] {
    std::vector<llvm::StringRef> found;
    for (const OwnerInfo &owner : kOwners)
      if (owner.role == OwnerRole::Kind)
        found.push_back(owner.name);
    return found;
  }();
  return kinds;
}

std::vector<llvm::StringRef> owners() {
  std::vector<llvm::StringRef> names;
  for (const OwnerInfo &owner : kOwners)
    names.push_back(owner.name);
  return names;
}

std::optional<model::Value> defaultValue(const AttributeSchema &schema) {
  if (schema.defaultValue.empty())
    return std::nullopt;
  switch (schema.type) {
  case AttributeType::Quantity:
  case AttributeType::Integer:
    if (std::optional<units::Quantity> quantity = parseSource(schema.defaultValue))
      return model::Value{*quantity};
    return std::nullopt;
  case AttributeType::Truth:
    if (schema.defaultValue == "true" || schema.defaultValue == "false")
      return model::Value{schema.defaultValue == "true"};
    return std::nullopt;
  case AttributeType::Text:
    if (std::optional<std::string> text = parseString(schema.defaultValue))
      return model::Value{*text};
    return std::nullopt;
  case AttributeType::Calendar:
    if (std::optional<model::Date> date = parseDate(schema.defaultValue))
      return model::Value{*date};
    return std::nullopt;
  case AttributeType::ZoneRef:
  case AttributeType::RackTypeRef:
  case AttributeType::EntryRef:
  case AttributeType::BlockRef:
  case AttributeType::Symbols:
  case AttributeType::TextList:
  case AttributeType::DateList:
  case AttributeType::QuantityList:
    return std::nullopt; // no default names an element or lists values
  }
  return std::nullopt;
}

std::optional<SchemaViolation> checkValue(const AttributeSchema &schema,
                                          const model::Value &value) {
  switch (schema.type) {
  case AttributeType::Quantity: {
    const units::Quantity *quantity = value.quantity();
    if (!quantity || quantity->dimension != schema.dimension)
      return wrongType(schema, describeGot(value));
    return checkRange(schema, *quantity);
  }
  case AttributeType::Integer: {
    const units::Quantity *quantity = value.quantity();
    if (!quantity || quantity->dimension != units::dimensions::Ratio)
      return wrongType(schema, describeGot(value));
    if (quantity->value.denominator() != 1)
      return SchemaViolation{SchemaViolation::Kind::WrongType,
                             subject(schema) + " is " + describeSchema(schema) + "; this is " +
                                 units::format(*quantity)};
    return checkRange(schema, *quantity);
  }
  case AttributeType::Text:
    if (!value.text())
      return wrongType(schema, describeGot(value));
    return std::nullopt;
  case AttributeType::Truth:
    if (!value.truth())
      return wrongType(schema, describeGot(value));
    return std::nullopt;
  case AttributeType::Calendar:
    if (!std::holds_alternative<model::Date>(value.data))
      return wrongType(schema, describeGot(value));
    return std::nullopt;
  case AttributeType::ZoneRef:
    return checkReference(schema, value, model::Reference::Kind::Zone);
  case AttributeType::RackTypeRef:
  case AttributeType::EntryRef:
    return checkReference(schema, value, model::Reference::Kind::CatalogEntry);
  case AttributeType::BlockRef:
    return checkReference(schema, value, model::Reference::Kind::Block);
  case AttributeType::Symbols:
    return checkSymbols(schema, value);
  case AttributeType::TextList: {
    const model::ValueList *list = value.list();
    if (!list)
      return wrongType(schema, describeGot(value));
    for (const model::Value &element : *list)
      if (!element.text())
        return wrongType(schema, "a list holding " + describeGot(element));
    return std::nullopt;
  }
  case AttributeType::DateList: {
    const model::ValueList *list = value.list();
    if (!list)
      return wrongType(schema, describeGot(value));
    for (const model::Value &element : *list)
      if (!std::holds_alternative<model::Date>(element.data))
        return wrongType(schema, "a list holding " + describeGot(element));
    return std::nullopt;
  }
  case AttributeType::QuantityList: {
    const model::ValueList *list = value.list();
    if (!list || list->empty())
      return wrongType(schema, list ? "an empty list" : describeGot(value));
    for (const model::Value &element : *list) {
      const units::Quantity *quantity = element.quantity();
      if (!quantity || quantity->dimension != schema.dimension)
        return wrongType(schema, "a list holding " + describeGot(element));
      if (std::optional<SchemaViolation> outside = checkRange(schema, *quantity))
        return outside;
    }
    return std::nullopt;
  }
  }
  return std::nullopt;
}

std::string describeSchema(const AttributeSchema &schema) {
  std::string phrase = typePhrase(schema);
  if (schema.type != AttributeType::Quantity && schema.type != AttributeType::Integer &&
      schema.type != AttributeType::QuantityList)
    return phrase;
  llvm::StringRef minimum = schema.minimum.trim(), maximum = schema.maximum.trim();
  if (!minimum.empty() && !maximum.empty())
    return phrase + " from " + minimum.str() + " to " + maximum.str();
  if (!minimum.empty())
    return phrase + " of at least " + minimum.str();
  if (!maximum.empty())
    return phrase + " of at most " + maximum.str();
  return phrase;
}

} // namespace sgd::sema
