#include "driver/ProjectFile.h"

#include "units/Quantity.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <toml++/toml.h>

namespace sgd::driver {
namespace {

llvm::Error errorAt(llvm::StringRef file, const toml::source_region &where,
                    llvm::StringRef message) {
  return llvm::createStringError(std::errc::invalid_argument,
                                 llvm::formatv("{0}:{1}:{2}: {3}", file, where.begin.line,
                                               where.begin.column, message)
                                     .str()
                                     .c_str());
}

using PriceList = std::map<std::string, backends::PriceOverride>;

std::string positionOf(llvm::StringRef file, const toml::source_region &where) {
  return llvm::formatv("{0}:{1}:{2}", file, where.begin.line, where.begin.column).str();
}

// One price: a string with a money unit ("350 kUSD") or a whole number of USD.
llvm::Expected<units::Rational> parsePrice(llvm::StringRef file, const std::string &name,
                                           const toml::node &value) {
  auto fail = [&](const std::string &message) {
    return errorAt(file, value.source(), "the price of `" + name + "` " + message);
  };
  units::Rational usd;
  if (const toml::value<int64_t> *whole = value.as_integer()) {
    if (whole->get() < 0)
      return fail("is negative");
    usd = units::Rational(whole->get());
  } else if (value.is_floating_point()) {
    return fail("is a TOML float, which is not exact: write money as a string with its "
                "unit (\"1.25 MUSD\") or as a whole number of USD");
  } else if (const toml::value<std::string> *text = value.as_string()) {
    llvm::StringRef written = llvm::StringRef(text->get()).trim();
    if (written.startswith("-"))
      return fail("is negative");
    size_t unitStart = written.find_first_not_of("0123456789._");
    llvm::StringRef number = written.substr(0, unitStart).rtrim();
    llvm::StringRef unit = unitStart == llvm::StringRef::npos
                               ? llvm::StringRef("USD")
                               : written.substr(unitStart).trim();
    if (number.empty())
      return fail("is not money: write a number and a unit, as in \"350 kUSD\"");
    llvm::Expected<units::Quantity> money = units::parseQuantity(number, unit);
    if (!money)
      return fail("is not money: " + llvm::toString(money.takeError()));
    if (money->dimension != units::dimensions::Money)
      return fail("is not money: `" + unit.str() + "` is not a unit of money (USD, kUSD, MUSD, BUSD)");
    usd = money->value;
  } else {
    return fail("is not money: write a string with its unit (\"350 kUSD\") or a whole number "
                "of USD");
  }
  if (100 % usd.denominator() != 0)
    return fail("is not a whole number of cents");
  return usd;
}

// The prices of a `[prices]` table; a dotted key (`power.ups_1250kw = ...`)
// is a nested table, flattened back into the qualified name.
llvm::Error readPrices(llvm::StringRef file, const toml::table &table, const std::string &prefix,
                       PriceList &prices) {
  for (const auto &[key, value] : table) {
    std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const toml::table *nested = value.as_table()) {
      if (llvm::Error error = readPrices(file, *nested, name, prices))
        return error;
      continue;
    }
    llvm::Expected<units::Rational> usd = parsePrice(file, name, value);
    if (!usd)
      return usd.takeError();
    prices[name] = backends::PriceOverride{*usd, positionOf(file, key.source())};
  }
  return llvm::Error::success();
}

llvm::Error readPriceTable(llvm::StringRef file, const toml::table &root, PriceList &prices) {
  const toml::node *node = root.get("prices");
  if (!node)
    return llvm::Error::success();
  const toml::table *table = node->as_table();
  if (!table)
    return errorAt(file, node->source(),
                   "`prices` is a table: [prices] with one `\"catalog.entry\" = \"350 kUSD\"` per line");
  return readPrices(file, *table, "", prices);
}

// `[oci]`: the OCI region of sites that name none, and the parent compartment.
llvm::Error readOciTable(llvm::StringRef file, const toml::table &root,
                         backends::OciSettings &oci) {
  const toml::node *node = root.get("oci");
  if (!node)
    return llvm::Error::success();
  const toml::table *table = node->as_table();
  if (!table)
    return errorAt(file, node->source(), "`oci` is a table: [oci] with `region = \"us-ashburn-1\"`");
  oci.projectFile = llvm::sys::path::filename(file).str();
  for (const auto &[key, value] : *table) {
    if (key == "region" || key == "compartment") {
      if (!value.is_string())
        return errorAt(file, value.source(), "`" + std::string(key.str()) + "` is a string");
      std::string text = value.as_string()->get();
      if (key == "compartment" && !llvm::StringRef(text).startswith("ocid1."))
        return errorAt(file, value.source(),
                       "`compartment` is the OCID of the parent compartment (`ocid1.compartment.…` "
                       "or `ocid1.tenancy.…`); a site's `oci { compartment }` names its own");
      (key == "region" ? oci.region : oci.compartment) = text;
    } else if (key == "dedicated") {
      if (!value.is_boolean())
        return errorAt(file, value.source(), "`dedicated` is true or false");
      oci.dedicated = value.as_boolean()->get();
    } else {
      return errorAt(file, key.source(),
                     "[oci] takes `region`, `dedicated` and `compartment`, not `" +
                         std::string(key.str()) + "`");
    }
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<PriceList> loadPrices(llvm::StringRef path) {
  toml::table root;
  try {
    root = toml::parse_file(std::string_view(path.data(), path.size()));
  } catch (const toml::parse_error &error) {
    return errorAt(path, error.source(), std::string(error.description()));
  }
  if (!root.get("prices"))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: needs a [prices] table, as in sgd.toml",
                                   path.str().c_str());
  PriceList prices;
  if (llvm::Error error = readPriceTable(path, root, prices))
    return error;
  return prices;
}

llvm::Expected<Project> loadProject(llvm::StringRef folder) {
  llvm::SmallString<256> path(folder);
  llvm::sys::path::append(path, "sgd.toml");
  // Debian's toml++ is built with exceptions: a parse error is caught here
  // and becomes an llvm::Error, so no exception leaves this function.
  toml::table root;
  try {
    root = toml::parse_file(std::string_view(path.data(), path.size()));
  } catch (const toml::parse_error &error) {
    return errorAt(path, error.source(), std::string(error.description()));
  }
  for (const auto &[key, value] : root)
    if (key != "project" && key != "prices" && key != "oci")
      return errorAt(path, key.source(),
                     "sgd.toml has the tables [project], [prices] and [oci], not `" +
                         std::string(key.str()) + "`");
  const toml::table *project = root["project"].as_table();
  if (!project)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "%s: needs a [project] table with `entry`", path.c_str());
  for (const auto &[key, value] : *project)
    if (key != "name" && key != "entry")
      return errorAt(path, key.source(),
                     "[project] takes `name` and `entry`, not `" + std::string(key.str()) + "`");
  Project result;
  if (const toml::node *name = project->get("name")) {
    if (!name->is_string())
      return errorAt(path, name->source(), "`name` is a string");
    result.name = name->as_string()->get();
  }
  const toml::node *entry = project->get("entry");
  if (!entry)
    return errorAt(path, project->source(), "[project] needs `entry`: the design's files");
  auto addEntry = [&](const toml::node &file) -> llvm::Error {
    if (!file.is_string())
      return errorAt(path, file.source(), "`entry` lists file names, as strings");
    llvm::SmallString<256> entryPath(folder);
    llvm::sys::path::append(entryPath, file.as_string()->get());
    llvm::sys::path::remove_dots(entryPath, true);
    result.entries.push_back(std::string(entryPath));
    return llvm::Error::success();
  };
  if (const toml::array *files = entry->as_array()) {
    for (const toml::node &file : *files)
      if (llvm::Error error = addEntry(file))
        return error;
  } else if (llvm::Error error = addEntry(*entry)) {
    return error;
  }
  if (result.entries.empty())
    return errorAt(path, entry->source(), "`entry` names no file");
  if (llvm::Error error = readPriceTable(path, root, result.prices))
    return error;
  if (llvm::Error error = readOciTable(path, root, result.oci))
    return error;
  return result;
}

} // namespace sgd::driver
