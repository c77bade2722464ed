#include "backends/BomFormats.h"

#include "backends/CsvField.h"
#include "base/JsonWriter.h"
#include "schedule/Schedule.h"
#include "units/Decimal.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <array>

namespace sgd::backends {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;

constexpr llvm::StringLiteral unitEach = "ea";

// ---- shared ----------------------------------------------------------------

std::string designName(const BuildInput &input) {
  if (!input.settings.designName.empty())
    return input.settings.designName;
  std::vector<std::string> names;
  for (Index node : input.design.children(NoIndex))
    for (model::Replica replica : input.design.replicas(node))
      names.push_back(input.design.nameOf(replica));
  return names.empty() ? std::string("design") : llvm::join(names, "+");
}

/// Watts as megawatts, exact when the decimal terminates.
std::string megawatts(const Rational &watts) {
  std::optional<Rational> value = units::checkedDivide(watts, Rational(1'000'000));
  return value ? units::formatDecimal(*value) : units::formatDecimal(watts) + "e-6";
}

llvm::StringRef priceSource(const BomLine &line) {
  if (!line.unitCost)
    return "";
  return line.overridden ? "override" : "catalog";
}

/// What the total of a site is called in messages and descriptions.
std::string groupName(const Design &design, model::Replica group) {
  return group.node == NoIndex ? std::string() : placeOf(design, group).path;
}

// ---- CSV -------------------------------------------------------------------

// A row of fields and its CRLF. The fields are written where they are (a
// field made for the row lives until the row's call returns).
void csvRow(llvm::raw_ostream &out, llvm::ArrayRef<llvm::StringRef> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i)
      out << ',';
    writeCsvField(out, fields[i]);
  }
  out << "\r\n";
}

// ---- JSON helpers ----------------------------------------------------------

// Money is a decimal string with exactly two decimals ("1234.50"): a JSON
// number would be read as a binary float by most tools, and lose cents.
void moneyAttribute(JsonWriter &json, llvm::StringRef key,
                    const std::optional<Rational> &usd) {
  if (usd)
    json.attribute(key, formatMoney(*usd));
  else
    json.attribute(key, nullptr);
}

void decimalAttribute(JsonWriter &json, llvm::StringRef key, const std::string &text) {
  json.attributeBegin(key);
  if (text.empty())
    json.value(nullptr);
  else
    json.rawValue(text);
  json.attributeEnd();
}

void textOrNull(JsonWriter &json, llvm::StringRef key, llvm::StringRef text) {
  if (text.empty())
    json.attribute(key, nullptr);
  else
    json.attribute(key, text);
}

void totalJson(JsonWriter &json, const BomTotal &total, const cost::CapexTotal &capex) {
  json.attribute("lines", static_cast<int64_t>(total.lines));
  json.attribute("unpriced_lines", static_cast<int64_t>(total.unpricedLines));
  moneyAttribute(json, "it_equipment_cost", capex.it);
  moneyAttribute(json, "facility_equipment_cost", total.facilityEquipment);
  moneyAttribute(json, "network_fabric_cost", capex.fabric);
  moneyAttribute(json, "construction_cost", capex.construction);
  moneyAttribute(json, "facility_cost", capex.facility);
  moneyAttribute(json, "land_cost", capex.land);
  moneyAttribute(json, "soft_cost", capex.soft);
  moneyAttribute(json, "total_cost", capex.total);
  decimalAttribute(json, "it_load_mw", total.itPowerWatts ? megawatts(*total.itPowerWatts) : "");
  moneyAttribute(json, "capex_per_mw", costPerMegawatt(capex.total, total.itPowerWatts));
  moneyAttribute(json, "facility_capex_per_mw",
                 costPerMegawatt(capex.facility, total.itPowerWatts));
}

/// A cost model's decimal (a quantity or a rate): every digit when it
/// terminates.
std::string costDecimal(const cost::Exact &value) {
  return units::formatDecimal(value.rational());
}

// ---- CycloneDX ---------------------------------------------------------------

void property(JsonWriter &json, llvm::StringRef name, llvm::StringRef value) {
  json.object([&] {
    json.attribute("name", name);
    json.attribute("value", value);
  });
}

std::string bomRef(const Design &design, const BomLine &line) {
  return placeOf(design, line.scope).path + "/" +
         design.catalog[line.entry].qualifiedName.str();
}

} // namespace

void writeBomCsv(const BuildInput &input, const Bom &bom, llvm::raw_ostream &out) {
  llvm::StringRef currency = bom.currency;
  const Design &design = input.design;
  csvRow(out, {"line", "category", "division", "manufacturer", "model", "part_number",
               "supplier", "catalog_entry", "description", "quantity", "unit", "unit_cost",
               "extended_cost", "currency", "lead_time_weeks", "scope", "site", "building",
               "hall", "cost_group", "basis", "order_by", "need_by"});
  for (const BomLine &line : bom.lines) {
    BomPlace place = placeOf(design, line.scope);
    llvm::StringRef model = entryText(design, line.entry, "model");
    llvm::StringRef description = entryText(design, line.entry, "description");
    csvRow(out, {std::to_string(line.number),
                 categoryOf(design, line.entry),
                 entryText(design, line.entry, "division"),
                 manufacturerOf(design, line.entry),
                 model,
                 entryText(design, line.entry, "part_number"),
                 entryText(design, line.entry, "supplier"),
                 design.catalog[line.entry].qualifiedName,
                 description.empty() ? model : description,
                 std::to_string(line.quantity),
                 unitEach,
                 line.unitCost ? formatMoney(*line.unitCost) : "",
                 line.extendedCost ? formatMoney(*line.extendedCost) : "",
                 line.unitCost ? currency : "",
                 line.leadTimeWeeks ? units::formatDecimal(*line.leadTimeWeeks) : "",
                 place.path,
                 place.site,
                 place.building,
                 place.hall,
                 categoryOf(design, line.entry) == "rack" ? "it" : "facility",
                 line.basis,
                 line.dates.orderBy,
                 line.dates.needBy});
  }
  unsigned number = static_cast<unsigned>(bom.lines.size());
  for (size_t l = 0; l < bom.capex.lines.size(); ++l) {
    const cost::CostLine &line = bom.capex.lines[l];
    BomPlace place = placeOf(design, line.site);
    const cost::LineDates &dates = bom.cashFlow.lineDates[l];
    csvRow(out, {std::to_string(++number), line.category, "", "", "", "", "", "", line.item,
                 costDecimal(line.quantity), line.unit, costDecimal(line.rate),
                 formatMoney(line.amount), currency, "", place.path, place.site, "", "",
                 cost::groupName(line.group), line.basis, dates.orderBy, dates.needBy});
  }
}

void writeCapexCsv(const Bom &bom, llvm::raw_ostream &out) {
  llvm::StringRef currency = bom.currency;
  csvRow(out, {"month", "site", "phase", "category", "committed", "paid", "currency"});
  for (const cost::CashFlowRow &row : bom.cashFlow.rows) {
    // "2025-01": the date of the month's first day, less the day (snprintf
    // was half of this file's cost).
    std::string month = schedule::formatDate(model::Date{row.year, row.month, 1});
    month.erase(month.rfind('-'));
    csvRow(out, {month, row.site, std::to_string(row.phase), row.category,
                 formatMoney(row.committed), formatMoney(row.paid), currency});
  }
}

void writeOpexCsv(const BuildInput &input, const Bom &bom, llvm::raw_ostream &out) {
  llvm::StringRef currency = bom.currency;
  csvRow(out, {"site", "it_load_mw", "annual_pue", "energy_source", "energy_mwh", "tariff",
               "energy_cost", "water_m3", "water_cost", "maintenance_cost", "opex_per_year",
               "capex_per_year", "tco_per_mw_year", "currency"});
  for (const cost::SiteOpex &opex : bom.opex)
    csvRow(out, {placeOf(input.design, opex.site).path, costDecimal(opex.itMegawatts),
                 costDecimal(opex.annualPue), opex.modelled ? "energy model" : "stated PUE",
                 costDecimal(opex.energyMwh), opex.tariffRate,
                 formatMoney(opex.energyCost.rational()), costDecimal(opex.waterM3),
                 formatMoney(opex.waterCost.rational()), formatMoney(opex.maintenance.rational()),
                 formatMoney(opex.opex.rational()), formatMoney(opex.capexPerYear.rational()),
                 opex.tcoPerMegawattYear ? formatMoney(opex.tcoPerMegawattYear->rational()) : "",
                 currency});
}

void writeBomJson(const BuildInput &input, const Bom &bom, llvm::raw_ostream &out) {
  llvm::StringRef currency = bom.currency;
  const Design &design = input.design;
  JsonWriter json(out);
  json.object([&] {
    json.attribute("format", "sgd-bom");
    json.attribute("format_version", 3);
    json.attribute("design", designName(input));
    json.attribute("detail", bom.detail ? "hall" : "site");
    json.attribute("currency", currency);
    json.attributeArray("lines", [&] {
      for (const BomLine &line : bom.lines) {
        BomPlace place = placeOf(design, line.scope);
        llvm::StringRef model = entryText(design, line.entry, "model");
        llvm::StringRef description = entryText(design, line.entry, "description");
        json.object([&] {
          json.attribute("line", static_cast<int64_t>(line.number));
          json.attribute("category", categoryOf(design, line.entry));
          textOrNull(json, "division", entryText(design, line.entry, "division"));
          textOrNull(json, "manufacturer", manufacturerOf(design, line.entry));
          json.attribute("model", model);
          textOrNull(json, "part_number", entryText(design, line.entry, "part_number"));
          textOrNull(json, "supplier", entryText(design, line.entry, "supplier"));
          json.attribute("catalog_entry", design.catalog[line.entry].qualifiedName);
          json.attribute("description", description.empty() ? model : description);
          json.attribute("quantity", static_cast<int64_t>(line.quantity));
          json.attribute("unit", unitEach);
          moneyAttribute(json, "unit_cost", line.unitCost);
          moneyAttribute(json, "extended_cost", line.extendedCost);
          json.attribute("currency", currency);
          textOrNull(json, "price_source", priceSource(line));
          decimalAttribute(json, "lead_time_weeks",
                           line.leadTimeWeeks ? units::formatDecimal(*line.leadTimeWeeks) : "");
          json.attribute("scope", place.path);
          textOrNull(json, "site", place.site);
          textOrNull(json, "building", place.building);
          textOrNull(json, "hall", place.hall);
          json.attribute("cost_group", categoryOf(design, line.entry) == "rack" ? "it" : "facility");
          json.attribute("basis", line.basis);
          textOrNull(json, "order_by", line.dates.orderBy);
          textOrNull(json, "need_by", line.dates.needBy);
        });
      }
    });
    json.attributeArray("capex_lines", [&] {
      unsigned number = static_cast<unsigned>(bom.lines.size());
      for (size_t l = 0; l < bom.capex.lines.size(); ++l) {
        const cost::CostLine &line = bom.capex.lines[l];
        const cost::LineDates &dates = bom.cashFlow.lineDates[l];
        json.object([&] {
          json.attribute("line", static_cast<int64_t>(++number));
          json.attribute("category", line.category);
          json.attribute("description", line.item);
          json.attribute("cost_group", cost::groupName(line.group));
          json.attribute("basis", line.basis);
          decimalAttribute(json, "quantity", costDecimal(line.quantity));
          json.attribute("unit", line.unit);
          decimalAttribute(json, "rate", costDecimal(line.rate));
          json.attribute("rates", line.rateNames);
          moneyAttribute(json, "extended_cost", line.amount);
          json.attribute("currency", currency);
          textOrNull(json, "site", groupName(design, line.site));
          textOrNull(json, "committed", dates.orderBy);
        });
      }
    });
    json.attributeArray("sites", [&] {
      for (const BomTotal &site : bom.sites)
        json.object([&] {
          textOrNull(json, "site", groupName(design, site.group));
          totalJson(json, site, bom.capexOf(site.group));
        });
    });
    json.attributeArray("phases", [&] {
      for (const cost::PhaseCapex &phase : bom.cashFlow.phases)
        json.object([&] {
          json.attribute("site", phase.site);
          json.attribute("phase", static_cast<int64_t>(phase.phase));
          moneyAttribute(json, "capex", phase.capex);
          decimalAttribute(json, "it_load_mw", megawatts(phase.itWatts));
          moneyAttribute(json, "capex_per_mw", phase.perMegawatt);
        });
    });
    json.attributeObject("summary", [&] { totalJson(json, bom.design, bom.capex.design); });
  });
  out << "\n";
}

void writeBomCycloneDx(const BuildInput &input, const Bom &bom, llvm::StringRef serial,
                       llvm::raw_ostream &out) {
  llvm::StringRef currency = bom.currency;
  const Design &design = input.design;
  JsonWriter json(out);
  json.object([&] {
    json.attribute("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
    json.attribute("bomFormat", "CycloneDX");
    json.attribute("specVersion", "1.6");
    json.attribute("serialNumber", ("urn:uuid:" + serial).str());
    json.attribute("version", 1);
    json.attributeObject("metadata", [&] {
      json.attributeArray("lifecycles", [&] {
        json.object([&] { json.attribute("phase", "design"); });
      });
      json.attributeObject("tools", [&] {
        json.attributeArray("components", [&] {
          json.object([&] {
            json.attribute("type", "application");
            json.attribute("name", "sgdc");
            if (!input.settings.toolVersion.empty())
              json.attribute("version", input.settings.toolVersion);
          });
        });
      });
      json.attributeObject("component", [&] {
        json.attribute("type", "device");
        json.attribute("bom-ref", "design");
        json.attribute("name", designName(input));
        json.attribute("description", "Datacenter design compiled by sgdc");
      });
      json.attributeArray("properties", [&] {
        property(json, "sgd:currency", currency);
        property(json, "sgd:detail", bom.detail ? "hall" : "site");
        property(json, "sgd:total_cost", formatMoney(bom.capex.design.total));
        property(json, "sgd:it_equipment_cost", formatMoney(bom.design.itEquipment));
        property(json, "sgd:facility_equipment_cost", formatMoney(bom.design.facilityEquipment));
        if (bom.design.itPowerWatts)
          property(json, "sgd:it_load_mw", megawatts(*bom.design.itPowerWatts));
        if (std::optional<Rational> perMw =
                costPerMegawatt(bom.capex.design.total, bom.design.itPowerWatts))
          property(json, "sgd:capex_per_mw", formatMoney(*perMw));
      });
    });
    json.attributeArray("components", [&] {
      for (const BomLine &line : bom.lines) {
        BomPlace place = placeOf(design, line.scope);
        llvm::StringRef vendor = manufacturerOf(design, line.entry);
        llvm::StringRef supplier = entryText(design, line.entry, "supplier");
        llvm::StringRef partNumber = entryText(design, line.entry, "part_number");
        llvm::StringRef model = entryText(design, line.entry, "model");
        llvm::StringRef description = entryText(design, line.entry, "description");
        llvm::StringRef division = entryText(design, line.entry, "division");
        json.object([&] {
          json.attribute("type", "device");
          json.attribute("bom-ref", bomRef(design, line));
          if (!supplier.empty())
            json.attributeObject("supplier", [&] { json.attribute("name", supplier); });
          if (!vendor.empty())
            json.attributeObject("manufacturer", [&] { json.attribute("name", vendor); });
          json.attribute("name", model.empty() ? design.catalog[line.entry].qualifiedName : model);
          if (!description.empty())
            json.attribute("description", description);
          json.attributeArray("properties", [&] {
            property(json, "cdx:device:quantity", std::to_string(line.quantity));
            property(json, "sgd:line", std::to_string(line.number));
            property(json, "sgd:category", categoryOf(design, line.entry));
            property(json, "sgd:catalog_entry", design.catalog[line.entry].qualifiedName);
            if (!partNumber.empty())
              property(json, "sgd:part_number", partNumber);
            if (!division.empty())
              property(json, "sgd:division", division);
            property(json, "sgd:unit", unitEach);
            if (line.unitCost) {
              property(json, "sgd:unit_cost", formatMoney(*line.unitCost));
              property(json, "sgd:extended_cost", formatMoney(*line.extendedCost));
              property(json, "sgd:currency", currency);
              property(json, "sgd:price_source", priceSource(line));
            }
            if (line.leadTimeWeeks)
              property(json, "sgd:lead_time_weeks", units::formatDecimal(*line.leadTimeWeeks));
            property(json, "sgd:scope", place.path);
            if (!place.site.empty())
              property(json, "sgd:site", place.site);
            if (!place.building.empty())
              property(json, "sgd:building", place.building);
            if (!place.hall.empty())
              property(json, "sgd:hall", place.hall);
          });
        });
      }
    });
    json.attributeArray("dependencies", [&] {
      json.object([&] {
        json.attribute("ref", "design");
        json.attributeArray("dependsOn", [&] {
          for (const BomLine &line : bom.lines)
            json.value(bomRef(design, line));
        });
      });
    });
  });
  out << "\n";
}

ContentUuidStream::ContentUuidStream(llvm::raw_ostream &out) : out_(out) {
  // sgdc's namespace for bills of materials (a fixed random UUID,
  // 629e289c-453e-4b13-acd2-a2e650502548): RFC 4122 §4.3 hashes it first.
  static constexpr std::array<uint8_t, 16> bomNamespace = {
      0x62, 0x9e, 0x28, 0x9c, 0x45, 0x3e, 0x4b, 0x13,
      0xac, 0xd2, 0xa2, 0xe6, 0x50, 0x50, 0x25, 0x48};
  sha1_.update(llvm::ArrayRef<uint8_t>(bomNamespace.data(), bomNamespace.size()));
}

ContentUuidStream::~ContentUuidStream() { flush(); }

void ContentUuidStream::write_impl(const char *data, size_t size) {
  sha1_.update(llvm::StringRef(data, size));
  out_.write(data, size);
  written_ += size;
}

std::string ContentUuidStream::uuid() {
  flush();
  std::array<uint8_t, 20> digest = sha1_.final();
  std::array<uint8_t, 16> bytes;
  std::copy_n(digest.begin(), bytes.size(), bytes.begin());
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x50); // version 5: name-based, SHA-1
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80); // variant: RFC 4122
  std::string text;
  static constexpr char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      text += '-';
    text += hex[bytes[i] >> 4];
    text += hex[bytes[i] & 0x0f];
  }
  return text;
}

} // namespace sgd::backends
