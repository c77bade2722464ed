#include "sema/AttributeSchema.h"

#include "syntax/Parser.h"
#include "units/QuantityFormat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Casting.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

using namespace sgd;
using namespace sgd::sema;
namespace dims = sgd::units::dimensions;

namespace {

units::Quantity quantity(llvm::StringRef spelling, llvm::StringRef unit = "") {
  llvm::Expected<units::Quantity> result = units::parseQuantity(spelling, unit);
  if (!result)
    FAIL(llvm::toString(result.takeError()));
  return *result;
}

model::Value value(llvm::StringRef spelling, llvm::StringRef unit = "") {
  return model::Value{quantity(spelling, unit)};
}

model::Value words(std::initializer_list<const char *> names) {
  model::ValueList list;
  for (const char *name : names)
    list.push_back(model::Value{model::Symbol{name}});
  return model::Value{list};
}

const AttributeSchema &schemaOf(llvm::StringRef owner, llvm::StringRef name) {
  const AttributeSchema *schema = findAttribute(owner, name);
  INFO(owner.str() << "." << name.str());
  REQUIRE(schema);
  return *schema;
}

/// The violation of `value`, which the test expects.
SchemaViolation violation(llvm::StringRef owner, llvm::StringRef name,
                          const model::Value &value) {
  std::optional<SchemaViolation> result = checkValue(schemaOf(owner, name), value);
  INFO(owner.str() << "." << name.str() << " accepted a value it should not");
  REQUIRE(result);
  return *result;
}

bool accepts(llvm::StringRef owner, llvm::StringRef name, const model::Value &value) {
  std::optional<SchemaViolation> result = checkValue(schemaOf(owner, name), value);
  if (result)
    UNSCOPED_INFO(result->message);
  return !result;
}

/// A bound as the table writes it: "0 kW", "1", "-60 C".
std::optional<units::Quantity> bound(llvm::StringRef source) {
  if (source.empty())
    return std::nullopt;
  bool negative = source.consume_front("-");
  auto [number, unit] = source.split(' ');
  llvm::Expected<units::Quantity> result = units::parseQuantity(number, unit);
  if (!result) {
    FAIL_CHECK("bound `" << source.str() << "`: " << llvm::toString(result.takeError()));
    return std::nullopt;
  }
  return negative ? units::negate(*result) : *result;
}

// --- Checking the repository's own designs -------------------------------------

/// The value of an attribute written with literals only (the catalog's
/// figures): numbers with units, strings, truths, dates, `a * b` and `-a`.
/// Nothing for expressions that need names.
std::optional<model::Value> literalValue(const ast::Expr &expr) {
  if (const auto *number = llvm::dyn_cast<ast::NumberExpr>(&expr)) {
    llvm::Expected<units::Quantity> result = units::parseQuantity(number->spelling, number->unit);
    if (!result) {
      llvm::consumeError(result.takeError());
      return std::nullopt;
    }
    return model::Value{*result};
  }
  if (const auto *text = llvm::dyn_cast<ast::StringExpr>(&expr))
    return model::Value{text->value.str()};
  if (const auto *truth = llvm::dyn_cast<ast::BoolExpr>(&expr))
    return model::Value{truth->value};
  if (const auto *date = llvm::dyn_cast<ast::DateExpr>(&expr))
    return model::Value{model::Date{date->year, date->month, date->day}};
  if (const auto *binary = llvm::dyn_cast<ast::BinaryExpr>(&expr)) {
    std::optional<model::Value> lhs = literalValue(*binary->lhs);
    std::optional<model::Value> rhs = literalValue(*binary->rhs);
    if (!lhs || !rhs || !lhs->quantity() || !rhs->quantity())
      return std::nullopt;
    const units::Quantity &a = *lhs->quantity(), &b = *rhs->quantity();
    std::optional<llvm::Expected<units::Quantity>> computed;
    switch (binary->op) {
    case ast::BinaryOp::Multiply: computed.emplace(units::multiply(a, b)); break;
    case ast::BinaryOp::Divide: computed.emplace(units::divide(a, b)); break;
    case ast::BinaryOp::Add: computed.emplace(units::add(a, b)); break;
    case ast::BinaryOp::Subtract: computed.emplace(units::subtract(a, b)); break;
    default: return std::nullopt;
    }
    llvm::Expected<units::Quantity> result = std::move(*computed);
    if (!result) {
      llvm::consumeError(result.takeError());
      return std::nullopt;
    }
    return model::Value{*result};
  }
  return std::nullopt;
}

/// Checks the attributes of a block that `owner` takes: known names, values
/// that fit, required ones present. Appends problems as "file: message".
void checkBlock(llvm::StringRef owner, const ast::Block &body, const std::string &where,
                std::vector<std::string> &problems) {
  llvm::StringSet<> seen;
  for (const ast::Item *item : body.items) {
    const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(item);
    if (!attribute)
      continue;
    llvm::StringRef name = attribute->name.text();
    seen.insert(name);
    const AttributeSchema *schema = findAttribute(owner, name);
    if (!schema) {
      problems.push_back(where + ": " + owner.str() + " takes no attribute `" + name.str() + "`");
      continue;
    }
    if (std::optional<model::Value> literal = literalValue(*attribute->value))
      if (std::optional<SchemaViolation> broken = checkValue(*schema, *literal))
        problems.push_back(where + ": " + broken->message);
  }
  for (const AttributeSchema &schema : attributesOf(owner))
    if (schema.required && schema.name != "*" && !seen.count(schema.name))
      problems.push_back(where + ": " + owner.str() + " lacks `" + schema.name.str() + "`");
}

/// The owner of a named block (`power { }`) inside a block of `parent`.
std::string blockOwner(llvm::StringRef parent, llvm::StringRef kind) {
  if (kind == "oci")
    return parent.str() + ".oci";
  return kind.str();
}

void checkItems(llvm::ArrayRef<const ast::Item *> items, llvm::StringRef parent,
                const std::string &file, std::vector<std::string> &problems) {
  for (const ast::Item *item : items) {
    std::string owner;
    const ast::Block *body = ast::bodyOf(*item);
    if (const auto *component = llvm::dyn_cast<ast::ComponentItem>(item)) {
      owner = component->componentKind.text().str();
      if (!llvm::is_contained(componentKinds(), llvm::StringRef(owner))) {
        problems.push_back(file + ": unknown component kind `" + owner + "`");
        continue;
      }
      checkBlock(owner, component->body, file + " " + component->name.text().str(), problems);
      checkItems(component->body.items, owner, file, problems);
      continue;
    }
    if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(item))
      owner = ast::structureLevelName(structure->level).str();
    else if (llvm::isa<ast::ZoneItem>(item))
      owner = "zone";
    else if (llvm::isa<ast::ScheduleItem>(item))
      owner = "schedule";
    else if (const auto *task = llvm::dyn_cast<ast::TaskItem>(item))
      owner = task->isMilestone ? "milestone" : "task";
    else if (const auto *equipment = llvm::dyn_cast<ast::EquipmentItem>(item))
      // `ups power.ups_1250kw * auto { }` is an equipment line; `power { }`
      // and `utility ercot_345 { }` are named blocks.
      owner = llvm::is_contained(componentKinds(), equipment->equipmentKind.text())
                  ? "equipment"
                  : blockOwner(parent, equipment->equipmentKind.text());
    else if (llvm::isa<ast::TemplateItem>(item))
      owner = "hall"; // the examples' templates make halls
    if (owner.empty() || !body)
      continue;
    INFO(file << ": " << owner);
    CHECK(isOwner(owner));
    checkBlock(owner, *body, file, problems);
    checkItems(body->items, owner, file, problems);
  }
}

std::vector<std::string> problemsOf(const std::filesystem::path &path) {
  SourceFiles files;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  llvm::Expected<FileId> id = files.addFile(path.string());
  REQUIRE(static_cast<bool>(id));
  const ast::File *file = syntax::parseFile(files, *id, context, diagnostics);
  REQUIRE(file);
  REQUIRE_FALSE(diagnostics.hasErrors());
  std::vector<std::string> problems;
  checkItems(file->items, "", path.filename().string(), problems);
  return problems;
}

std::vector<std::filesystem::path> sgdFiles(const std::filesystem::path &folder) {
  std::vector<std::filesystem::path> result;
  for (const auto &entry : std::filesystem::recursive_directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".sgd")
      result.push_back(entry.path());
  std::sort(result.begin(), result.end());
  return result;
}

} // namespace

TEST_CASE("schema: lookup by owner and name", "[schema]") {
  const AttributeSchema &itPower = schemaOf("rack_type", "it_power");
  CHECK(itPower.owner == "rack_type");
  CHECK(itPower.type == AttributeType::Quantity);
  CHECK(itPower.dimension == dims::Power);
  CHECK(itPower.required);
  CHECK(itPower.minimum == "0 kW");

  const AttributeSchema &shape = schemaOf("rack_type.oci", "shape");
  CHECK(shape.type == AttributeType::Text);
  CHECK(shape.required);

  CHECK(schemaOf("zone", "class").type == AttributeType::Integer);
  CHECK(schemaOf("zone", "controls").type == AttributeType::Symbols);
  CHECK(schemaOf("hall", "zone").type == AttributeType::ZoneRef);
  CHECK(schemaOf("substation", "feed").type == AttributeType::BlockRef);
  CHECK(schemaOf("site", "data_transfers").type == AttributeType::TextList);
  CHECK(schemaOf("site.oci", "dedicated").type == AttributeType::Truth);
  CHECK(schemaOf("milestone", "deadline").type == AttributeType::Calendar);
  CHECK(schemaOf("cooling", "supply_water").dimension == dims::Temperature);
  CHECK(schemaOf("cooling", "flow_per_kw").dimension == dims::FlowPerPower);
  CHECK(schemaOf("utility", "capacity").dimension == dims::Power);
  CHECK(schemaOf("equipment", "fuel_hours").dimension == dims::Duration);

  CHECK(findAttribute("rack_type", "it_powr") == nullptr);
  CHECK(findAttribute("rack_type", "shape") == nullptr); // only in `oci { }`
  CHECK(findAttribute("site", "class") == nullptr);
  CHECK(isOwner("rack_type"));
  CHECK(isOwner("rack_type.oci"));
  CHECK(isOwner("site.oci"));
  CHECK(isOwner("equipment"));
}

TEST_CASE("schema: an unknown owner has no attributes", "[schema]") {
  CHECK_FALSE(isOwner("spaceship"));
  CHECK_FALSE(isOwner(""));
  CHECK_FALSE(isOwner("oci")); // always `KIND.oci` or `site.oci`
  CHECK(attributesOf("spaceship").empty());
  CHECK(findAttribute("spaceship", "model") == nullptr);
  CHECK_FALSE(llvm::is_contained(componentKinds(), llvm::StringRef("site")));
}

TEST_CASE("schema: crews take any name", "[schema]") {
  const AttributeSchema *electrical = findAttribute("crews", "electrical");
  REQUIRE(electrical);
  CHECK(electrical->name == "*");
  CHECK(electrical->type == AttributeType::Integer);
  CHECK(findAttribute("crews", "anything_at_all") == electrical);
  CHECK(findAttribute("schedule", "electrical") == nullptr);

  CHECK(accepts("crews", "x", value("40")));
  CHECK(accepts("crews", "x", value("0")));
  SchemaViolation fraction = violation("crews", "x", value("2.5"));
  CHECK(fraction.kind == SchemaViolation::Kind::WrongType);
  CHECK(fraction.message ==
        "each attribute of the `crews` block is a whole number of at least 0; this is 2.5");
}

TEST_CASE("schema: every owner has attributes, in one run of the table", "[schema]") {
  // Count the table's lines per owner directly, to compare with attributesOf.
  llvm::StringMap<size_t> declared;
  std::vector<std::string> ownerLines;
#define OWNER(NAME, ROLE, NOUN, DESCRIPTION) ownerLines.push_back(NAME);
#define ATTRIBUTE(OWNER, NAME, TYPE, DIMENSION, PRESENCE, DEFAULT, MIN, MAX, VOCABULARY,     \
                  DESCRIPTION)                                                               \
  ++declared[OWNER];
#include "sema/Attributes.def"

  std::vector<llvm::StringRef> all = owners();
  REQUIRE(all.size() == ownerLines.size());
  CHECK(std::set<llvm::StringRef>(all.begin(), all.end()).size() == all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    llvm::StringRef owner = all[i];
    INFO(owner.str());
    CHECK(owner == ownerLines[i]);
    CHECK(isOwner(owner));
    llvm::ArrayRef<AttributeSchema> attributes = attributesOf(owner);
    CHECK_FALSE(attributes.empty());
    CHECK(attributes.size() == declared.lookup(owner));
    llvm::StringSet<> names;
    for (const AttributeSchema &schema : attributes) {
      INFO(schema.name.str());
      CHECK(schema.owner == owner);
      CHECK(names.insert(schema.name).second);
      CHECK_FALSE(schema.description.empty());
      CHECK(findAttribute(owner, schema.name) == &schema);
      CHECK(schema.vocabulary.empty() == (schema.type != AttributeType::Symbols &&
                                          schema.type != AttributeType::EntryRef));
      if (schema.type != AttributeType::Quantity && schema.type != AttributeType::QuantityList)
        CHECK(schema.dimension == dims::Ratio);
      CHECK_FALSE(describeSchema(schema).empty());
    }
  }
  for (const auto &entry : declared)
    CHECK(isOwner(entry.getKey()));
}

TEST_CASE("schema: every default parses and fits its own schema", "[schema]") {
  size_t defaults = 0;
  for (llvm::StringRef owner : owners())
    for (const AttributeSchema &schema : attributesOf(owner)) {
      INFO(owner.str() << "." << schema.name.str() << " = " << schema.defaultValue.str());
      std::optional<model::Value> value = defaultValue(schema);
      if (schema.defaultValue.empty()) {
        CHECK_FALSE(value);
        continue;
      }
      ++defaults;
      CHECK_FALSE(schema.required); // only optional attributes have one
      REQUIRE(value);
      std::optional<SchemaViolation> broken = checkValue(schema, *value);
      CHECK_FALSE(broken);
    }
  CHECK(defaults >= 5);

  std::optional<model::Value> liquid = defaultValue(schemaOf("rack_type", "liquid_fraction"));
  REQUIRE(liquid);
  REQUIRE(liquid->quantity());
  CHECK(*liquid->quantity() == quantity("0"));
  std::optional<model::Value> flow = defaultValue(schemaOf("cooling", "flow_per_kw"));
  REQUIRE(flow);
  REQUIRE(flow->quantity());
  CHECK(*flow->quantity() == quantity("1.5", "L/min/kW"));
  std::optional<model::Value> dedicated = defaultValue(schemaOf("site.oci", "dedicated"));
  REQUIRE(dedicated);
  REQUIRE(dedicated->truth());
  CHECK_FALSE(*dedicated->truth());
  std::optional<model::Value> calendar = defaultValue(schemaOf("schedule", "calendar"));
  REQUIRE(calendar);
  REQUIRE(calendar->text());
  CHECK(*calendar->text() == "5d");
  CHECK_FALSE(defaultValue(schemaOf("rack_type", "it_power")));
}

TEST_CASE("schema: every bound parses, in the attribute's dimension, minimum <= maximum",
          "[schema]") {
  for (llvm::StringRef owner : owners())
    for (const AttributeSchema &schema : attributesOf(owner)) {
      INFO(owner.str() << "." << schema.name.str());
      bool numeric = schema.type == AttributeType::Quantity ||
                     schema.type == AttributeType::Integer ||
                     schema.type == AttributeType::QuantityList;
      if (!numeric) {
        CHECK(schema.minimum.empty());
        CHECK(schema.maximum.empty());
        continue;
      }
      std::optional<units::Quantity> minimum = bound(schema.minimum);
      std::optional<units::Quantity> maximum = bound(schema.maximum);
      for (const std::optional<units::Quantity> &limit : {minimum, maximum}) {
        if (!limit)
          continue;
        CHECK(limit->dimension == schema.dimension);
        if (schema.type == AttributeType::Integer)
          CHECK(limit->value.denominator() == 1);
        // A bound is a value the attribute accepts (in a list, for a list).
        model::Value value{*limit};
        if (schema.type == AttributeType::QuantityList)
          value = model::Value{model::ValueList{value}};
        CHECK_FALSE(checkValue(schema, value));
      }
      if (minimum && maximum) {
        llvm::Expected<std::strong_ordering> order = units::compare(*minimum, *maximum);
        REQUIRE(static_cast<bool>(order));
        CHECK(std::is_lteq(*order));
      }
    }
}

TEST_CASE("schema: a quantity of the wrong dimension is the wrong type", "[schema]") {
  SchemaViolation length = violation("rack_type", "it_power", value("12", "m"));
  CHECK(length.kind == SchemaViolation::Kind::WrongType);
  CHECK(length.message == "`it_power` of a `rack_type` is a power (kW); this is a length (m)");

  SchemaViolation plain = violation("rack_type", "it_power", value("132"));
  CHECK(plain.kind == SchemaViolation::Kind::WrongType);
  CHECK(plain.message == "`it_power` of a `rack_type` is a power (kW); this is a plain number");

  // W and VA are different dimensions.
  CHECK(violation("ups", "capacity", value("500", "kVA")).message ==
        "`capacity` of a `ups` is a power (kW); this is an apparent power (kVA)");
  // A temperature difference is not a temperature reading.
  CHECK(violation("cooling", "supply_water", value("30", "K")).message ==
        "`supply_water` of a `cooling` block is a temperature (C); this is a temperature "
        "difference (K)");
  CHECK(violation("site", "investment", value("3", "h")).message ==
        "`investment` of a site is an amount of money (USD); this is a duration (h)");
  CHECK(violation("rack_type", "height", value("2", "m")).message ==
        "`height` of a `rack_type` is a number of rack units (U); this is a length (m)");
  CHECK(violation("site", "pue_design", value("1.2", "kW")).kind ==
        SchemaViolation::Kind::WrongType);
  CHECK(violation("site", "country", value("1")).message ==
        "`country` of a site is a string; this is a plain number");
  CHECK(violation("site", "commissioning", model::Value{std::string("2026-07-01")}).message ==
        "`commissioning` of a site is a date; this is a string");
  CHECK(violation("site.oci", "dedicated", model::Value{std::string("yes")}).message ==
        "`dedicated` of the `oci` block of a site is true or false; this is a string");
  CHECK(violation("site", "data_transfers", model::Value{std::string("AR")}).kind ==
        SchemaViolation::Kind::WrongType);
  CHECK(violation("site", "data_transfers", words({"AR"})).message ==
        "`data_transfers` of a site is a list of strings; this is a list holding the word `AR`");

  CHECK(accepts("rack_type", "it_power", value("132", "kW")));
  CHECK(accepts("rack_type", "it_power", value("0.132", "MW")));
  CHECK(accepts("rack_type", "footprint",
                model::Value{*units::multiply(quantity("0.6", "m"), quantity("1.2", "m"))}));
  CHECK(accepts("site", "data_transfers",
                model::Value{model::ValueList{model::Value{std::string("AR")}}}));
  CHECK(accepts("site", "data_transfers", model::Value{model::ValueList{}}));
  CHECK(accepts("site", "commissioning", model::Value{model::Date{2026, 7, 1}}));
}

TEST_CASE("schema: values outside the bounds are out of range, at both ends", "[schema]") {
  SchemaViolation high = violation("rack_type", "liquid_fraction", value("1.5"));
  CHECK(high.kind == SchemaViolation::Kind::OutOfRange);
  CHECK(high.message == "`liquid_fraction` of a `rack_type` is a ratio from 0 to 1; this is 1.5");
  SchemaViolation low =
      violation("rack_type", "liquid_fraction", model::Value{units::negate(quantity("0.1"))});
  CHECK(low.kind == SchemaViolation::Kind::OutOfRange);
  CHECK(low.message == "`liquid_fraction` of a `rack_type` is a ratio from 0 to 1; this is -0.1");
  CHECK(accepts("rack_type", "liquid_fraction", value("0")));
  CHECK(accepts("rack_type", "liquid_fraction", value("1")));
  CHECK(accepts("rack_type", "liquid_fraction", value("90", "%")));

  // Bounds written in % print the value in %.
  CHECK(violation("transformer", "efficiency", value("120", "%")).message ==
        "`efficiency` of a `transformer` is a ratio from 0 % to 100 %; this is 120 %");

  CHECK(violation("rack_type", "it_power", value("1.5", "MW")).message ==
        "`it_power` of a `rack_type` is a power (kW) from 0 kW to 1000 kW; this is 1.5 MW");
  CHECK(violation("rack_type", "it_power", model::Value{units::negate(quantity("1", "kW"))})
            .kind == SchemaViolation::Kind::OutOfRange);
  CHECK(accepts("rack_type", "it_power", value("1", "MW"))); // bounds are inclusive

  // Temperatures compare as readings.
  CHECK(violation("cooling", "supply_water", value("4", "C")).kind ==
        SchemaViolation::Kind::OutOfRange);
  CHECK(violation("cooling", "supply_water", value("61", "C")).message ==
        "`supply_water` of a `cooling` block is a temperature (C) from 5 C to 60 C; this is 61 C");
  CHECK(violation("cooling", "supply_air", model::Value{units::negate(quantity("5", "C"))})
            .kind == SchemaViolation::Kind::OutOfRange);
  CHECK(accepts("cooling", "supply_water", value("30", "C")));
  CHECK(accepts("cooling", "supply_air", value("24", "C")));

  CHECK(violation("rack_type", "height", value("0", "U")).kind ==
        SchemaViolation::Kind::OutOfRange);
  CHECK(violation("rack_type", "height", value("61", "U")).kind ==
        SchemaViolation::Kind::OutOfRange);
  CHECK(violation("site", "pue_design", value("0.9")).message ==
        "`pue_design` of a site is a ratio from 1 to 3; this is 0.9");
  CHECK(violation("rack_type", "lead_time", model::Value{units::negate(quantity("2", "weeks"))})
            .message == "`lead_time` of a `rack_type` is a duration (weeks) of at least 0 weeks; "
                        "this is -2 weeks");
}

TEST_CASE("schema: whole numbers reject fractions and keep their bounds", "[schema]") {
  CHECK(accepts("rack_type", "gpus", value("72")));
  CHECK(accepts("rack_type", "gpus", value("0")));
  SchemaViolation fraction = violation("rack_type", "gpus", value("2.5"));
  CHECK(fraction.kind == SchemaViolation::Kind::WrongType);
  CHECK(fraction.message == "`gpus` of a `rack_type` is a whole number of at least 0; this is 2.5");
  CHECK(violation("rack_type", "gpus", value("72", "kW")).message ==
        "`gpus` of a `rack_type` is a whole number; this is a power (kW)");

  SchemaViolation tier = violation("site", "tier", value("5"));
  CHECK(tier.kind == SchemaViolation::Kind::OutOfRange);
  CHECK(tier.message == "`tier` of a site is a whole number from 1 to 4; this is 5");
  CHECK(violation("site", "tier", value("0")).kind == SchemaViolation::Kind::OutOfRange);
  CHECK(accepts("site", "tier", value("3")));
  CHECK(accepts("zone", "class", value("4")));
  CHECK(violation("zone", "class", value("3.5")).kind == SchemaViolation::Kind::WrongType);
  CHECK(violation("rack_type.oci", "nodes", value("0")).kind ==
        SchemaViolation::Kind::OutOfRange);
  // 300 % is the whole number 3.
  CHECK(accepts("site", "tier", value("300", "%")));
}

TEST_CASE("schema: symbols come from the vocabulary", "[schema]") {
  CHECK(accepts("zone", "controls",
                words({"fence", "vehicle_gate", "cctv", "intrusion_detection"})));
  CHECK(accepts("zone", "controls", words({"badge", "biometric", "mantrap", "cctv"})));
  CHECK(accepts("zone", "controls", words({})));

  SchemaViolation typo = violation("zone", "controls", words({"badge", "cctvv"}));
  CHECK(typo.kind == SchemaViolation::Kind::WrongType);
  CHECK(typo.message == "`controls` of a zone takes no word `cctvv`; did you mean `cctv`?");
  SchemaViolation unknown = violation("zone", "controls", words({"moat"}));
  CHECK(unknown.kind == SchemaViolation::Kind::WrongType);
  CHECK_THAT(unknown.message, Catch::StartsWith("`controls` of a zone is a list of the words "
                                                "`fence`, `wall`, "));
  CHECK_THAT(unknown.message, Catch::EndsWith("`locked_rack`; `moat` is not one of them"));

  SchemaViolation bare = violation("zone", "controls", model::Value{model::Symbol{"cctv"}});
  CHECK(bare.kind == SchemaViolation::Kind::WrongType);
  CHECK_THAT(bare.message,
             Catch::EndsWith(
                 "; this is the word `cctv` (a list is written in brackets: `[cctv]`)"));
  CHECK_THAT(violation("zone", "controls",
                       model::Value{model::ValueList{model::Value{std::string("cctv")}}})
                 .message,
             Catch::EndsWith("; this is a list holding a string"));
}

TEST_CASE("schema: references are checked for their kind only", "[schema]") {
  using Kind = model::Reference::Kind;
  model::Value zone{model::Reference{Kind::Zone, 3}};
  model::Value entry{model::Reference{Kind::CatalogEntry, 0}};
  model::Value block{model::Reference{Kind::Block, 1}};

  CHECK(accepts("hall", "zone", zone));
  CHECK(accepts("zone", "inside", zone));
  SchemaViolation catalog = violation("hall", "zone", entry);
  CHECK(catalog.kind == SchemaViolation::Kind::WrongType);
  CHECK(catalog.message == "`zone` of a hall is a zone; this is a catalog entry");
  CHECK(violation("building", "zone", model::Value{std::string("campus")}).message ==
        "`zone` of a building is a zone; this is a string");

  CHECK(accepts("substation", "feed", block));
  CHECK(violation("substation", "feed", zone).message ==
        "`feed` of a `substation` is a named block of the site; this is a zone");
}

TEST_CASE("schema: describeSchema says what an attribute takes", "[schema]") {
  CHECK(describeSchema(schemaOf("rack_type", "it_power")) ==
        "a power (kW) from 0 kW to 1000 kW");
  CHECK(describeSchema(schemaOf("site", "tier")) == "a whole number from 1 to 4");
  CHECK(describeSchema(schemaOf("rack_type", "weight")) == "a mass (kg) of at least 0 kg");
  CHECK(describeSchema(schemaOf("site", "site_area")) == "an area (m2) of at least 0 m2");
  CHECK(describeSchema(schemaOf("dry_cooler", "design_ambient")) == "a temperature (C)");
  CHECK(describeSchema(schemaOf("hall", "zone")) == "a zone");
  CHECK(describeSchema(schemaOf("rack_type", "model")) == "a string");
  CHECK(describeSchema(schemaOf("site.oci", "dedicated")) == "true or false");
  CHECK(describeSchema(schemaOf("task", "deadline")) == "a date");
  CHECK(describeSchema(schemaOf("site", "renewable_share")) == "a ratio from 0 to 1");
}

TEST_CASE("schema: the component kinds are the catalog's, the climates' and network_switch",
          "[schema]") {
  std::vector<llvm::StringRef> kinds = componentKinds();
  std::set<std::string> expected = {"network_switch"};
  std::vector<std::filesystem::path> files = sgdFiles(SGD_SOURCE_DIR "/stdlib/catalog");
  for (const auto &path : sgdFiles(SGD_SOURCE_DIR "/stdlib/climate"))
    files.push_back(path);
  for (const auto &path : files) {
    SourceFiles files;
    ast::AstContext context;
    DiagnosticEngine diagnostics;
    llvm::Expected<FileId> id = files.addFile(path.string());
    REQUIRE(static_cast<bool>(id));
    const ast::File *file = syntax::parseFile(files, *id, context, diagnostics);
    REQUIRE(file);
    for (const ast::Item *item : file->items)
      if (const auto *component = llvm::dyn_cast<ast::ComponentItem>(item))
        expected.insert(component->componentKind.text().str());
  }
  CHECK(expected.size() > 10);
  std::set<std::string> actual;
  for (llvm::StringRef kind : kinds) {
    actual.insert(kind.str());
    CHECK(isOwner(kind));
  }
  CHECK(actual == expected);
  CHECK(actual.size() == kinds.size());
  for (const char *kind : {"rack_type", "transformer", "switchgear", "ups", "generator",
                           "busway", "pdu", "cdu", "crah", "chiller", "cooling_tower",
                           "dry_cooler", "network_switch"})
    CHECK(llvm::is_contained(kinds, llvm::StringRef(kind)));
  CHECK(kinds.front() == "rack_type");
}

TEST_CASE("schema: the standard catalog and the examples fit their schemas", "[schema]") {
  std::vector<std::filesystem::path> paths = sgdFiles(SGD_SOURCE_DIR "/stdlib");
  std::vector<std::filesystem::path> examples = sgdFiles(SGD_SOURCE_DIR "/examples");
  paths.insert(paths.end(), examples.begin(), examples.end());
  REQUIRE(paths.size() >= 6);
  std::vector<std::string> problems;
  for (const auto &path : paths) {
    std::vector<std::string> found = problemsOf(path);
    problems.insert(problems.end(), found.begin(), found.end());
  }
  for (const std::string &problem : problems)
    UNSCOPED_INFO(problem);
  CHECK(problems.empty());
}
