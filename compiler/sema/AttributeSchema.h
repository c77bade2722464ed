#ifndef SGD_SEMA_ATTRIBUTESCHEMA_H
#define SGD_SEMA_ATTRIBUTESCHEMA_H

#include "model/Value.h"
#include "units/Dimension.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::sema {

/// What an attribute's value must be.
enum class AttributeType : uint8_t {
  Quantity,     // a quantity of `dimension`; plain numbers are dimension Ratio
  Integer,      // a whole plain number
  Text,         // a string
  Truth,        // true or false
  Calendar,     // a date
  ZoneRef,      // a security zone: `zone = technical;`
  RackTypeRef,  // a `rack_type` catalog entry: `gpu_rack = nvidia.gb200_nvl72`
  EntryRef,     // a catalog entry of the kind named in `vocabulary`: `climate = north_america.abilene`
  BlockRef,     // a named block of the site: `feed = ercot_345;`
  Symbols,      // a list of words from `vocabulary`: `controls = [badge, cctv];`
  TextList,     // a list of strings
  DateList,     // a list of dates: `holidays = [2024-12-25];`
  QuantityList, // a list of quantities of `dimension`: `bin_hours = [12 h, 80 h];`
};

/// One attribute an owner takes.
///
/// Owners are the blocks attributes appear in:
/// - the component kinds of catalog entries (`rack_type`, `transformer`, ...,
///   see componentKinds()), and blocks nested in them as `KIND.BLOCK`
///   (`rack_type.oci`);
/// - the structure levels `site`, `building`, `hall`, `row`, `rack`;
/// - the blocks of a design: `power`, `cooling`, `utility`, `substation`,
///   `site.oci`, `zone`, `schedule`, `crews`, `task`, `milestone`;
/// - `equipment`: the block of an equipment line
///   (`generator power.gen_2500kw * auto redundancy N+1 { fuel_hours = 24 h; }`).
///
/// `name` "*" matches every name (the crews of a schedule are named by the
/// designer).
struct AttributeSchema {
  llvm::StringRef owner;
  llvm::StringRef name;
  AttributeType type;
  units::Dimension dimension; // for Quantity; Ratio otherwise
  bool required;
  /// The value when the attribute is left out, as SGD source (`"0 %"`,
  /// `"1"`); empty for none. Only optional attributes have one.
  llvm::StringRef defaultValue;
  /// Inclusive bounds as SGD source (`"0"`, `"1"`, `"0 kW"`); empty for
  /// unbounded. For Quantity and Integer only.
  llvm::StringRef minimum;
  llvm::StringRef maximum;
  /// For Symbols: the words allowed, separated by single spaces. For
  /// EntryRef: the component kind the entry must have (checked by the
  /// elaborator, which knows the entries).
  llvm::StringRef vocabulary;
  /// One line for docs/language.md and messages.
  llvm::StringRef description;
};

/// Every attribute of `owner`, in declaration order; empty for an unknown owner.
llvm::ArrayRef<AttributeSchema> attributesOf(llvm::StringRef owner);

/// The schema of attribute `name` of `owner`; null when the owner does not take it.
const AttributeSchema *findAttribute(llvm::StringRef owner, llvm::StringRef name);

/// Whether `owner` is a known owner (kinds, levels, blocks, `equipment`).
bool isOwner(llvm::StringRef owner);

/// The component kinds a catalog entry may have, in declaration order (a
/// table built once: the elaborator asks for every equipment line).
llvm::ArrayRef<llvm::StringRef> componentKinds();

/// Every owner, in declaration order (for documentation).
std::vector<llvm::StringRef> owners();

/// The default value of an optional attribute, evaluated; nothing when it has
/// none.
std::optional<model::Value> defaultValue(const AttributeSchema &schema);

/// How `value` breaks `schema`.
struct SchemaViolation {
  enum class Kind : uint8_t {
    WrongType,   // wrong kind of value or dimension (E0316)
    OutOfRange,  // below minimum or above maximum (E0307)
  };
  Kind kind;
  /// The designer's message, e.g. "`liquid_fraction` of a `rack_type` is a
  /// ratio from 0 to 1; this is 1.5" or "`it_power` of a `rack_type` is a
  /// power; this is a length (m)".
  std::string message;
};

/// Checks a value against its schema. References are only checked for their
/// kind (a ZoneRef must hold a Reference of kind Zone); whether the named
/// element exists, and the component kind of an EntryRef, are the caller's
/// business. Symbols must come from the vocabulary; each element of a
/// QuantityList is checked like a Quantity.
std::optional<SchemaViolation> checkValue(const AttributeSchema &schema,
                                          const model::Value &value);

/// "a power (kW) from 0 kW to 500 kW", "a whole number from 1 to 4",
/// "a zone": what the attribute takes, for messages and documentation.
std::string describeSchema(const AttributeSchema &schema);

} // namespace sgd::sema

#endif
