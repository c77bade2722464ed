#include "driver/ProjectFile.h"

#include "base/InputFile.h"
#include "base/LineTable.h"
#include "driver/TomlNesting.h"
#include "sema/Suggestion.h"
#include "units/Decimal.h"
#include "units/Quantity.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <toml++/toml.h>

namespace sgd::driver {

char ProjectFileError::ID = 0;

void ProjectFileError::log(llvm::raw_ostream &os) const {
  os << place.file << ":" << place.line << ":" << place.column << ": " << message;
}

namespace {

TomlPlace placeOf(llvm::StringRef file, const toml::source_region &where) {
  return TomlPlace{file.str(), where.begin.line, where.begin.column, where.end.line,
                   where.end.column};
}

llvm::Error errorAt(llvm::StringRef file, const toml::source_region &where, std::string message) {
  return llvm::make_error<ProjectFileError>(placeOf(file, where), std::move(message));
}

// "takes `name` and `entry`, not `entrys`; did you mean `entry`?"
llvm::Error unknownKey(llvm::StringRef file, const toml::key &key, llvm::StringRef owner,
                       std::vector<llvm::StringRef> known) {
  // Tables of sgd.toml are shown as `[outputs]`, keys as `dir`.
  bool tables = !owner.startswith("[");
  std::vector<std::string> quoted;
  for (llvm::StringRef name : known)
    quoted.push_back(tables ? "[" + name.str() + "]" : "`" + name.str() + "`");
  std::string list = quoted.size() == 1
                         ? quoted.front()
                         : llvm::join(llvm::ArrayRef(quoted).drop_back(), ", ") + " and " +
                               quoted.back();
  std::string message = owner.str() + (tables ? " has the tables " : " takes ") +
                        list + ", not `" + std::string(key.str()) + "`";
  if (std::optional<std::string> best = sema::closestName(llvm::StringRef(key.str()), known))
    message += "; did you mean `" + *best + "`?";
  return errorAt(file, key.source(), std::move(message));
}

// A currency unit other than USD's: an ISO 4217 code in capitals, with
// `k`, `M` or `B` for thousands, millions, billions (`MEUR`); the code and
// the scale, or nothing.
std::optional<std::pair<std::string, units::Rational>> otherCurrency(llvm::StringRef unit) {
  units::Rational scale(1);
  if (unit.size() == 4 && (unit[0] == 'k' || unit[0] == 'M' || unit[0] == 'B')) {
    scale = units::Rational(unit[0] == 'k' ? 1'000 : unit[0] == 'M' ? 1'000'000 : 1'000'000'000);
    unit = unit.drop_front();
  }
  if (unit.size() != 3 || unit == "USD" ||
      !llvm::all_of(unit, [](char c) { return c >= 'A' && c <= 'Z'; }))
    return std::nullopt;
  return std::make_pair(unit.str(), scale);
}

// One price: a string with a money unit ("350 kUSD") or a currency code
// ("320000 EUR"), or a whole number of USD.
llvm::Expected<Price> parsePrice(llvm::StringRef file, const std::string &name,
                                 const toml::node &value) {
  auto fail = [&](const std::string &message) {
    return errorAt(file, value.source(), "the price of `" + name + "` " + message);
  };
  Price price;
  if (const toml::value<int64_t> *whole = value.as_integer()) {
    if (whole->get() < 0)
      return fail("is negative");
    price.amount = units::Rational(whole->get());
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
    if (std::optional<std::pair<std::string, units::Rational>> currency = otherCurrency(unit)) {
      // Another currency than the units' USD: converted at `[fx]` by the
      // bill of materials, which also checks the code.
      llvm::Expected<units::Rational> amount = units::parseDecimal(number);
      std::optional<units::Rational> scaled =
          amount ? units::checkedMultiply(*amount, currency->second) : std::nullopt;
      if (!amount)
        return fail("is not money: " + llvm::toString(amount.takeError()));
      if (!scaled)
        return fail("is too large to be exact");
      price.amount = *scaled;
      price.currency = currency->first;
    } else {
      llvm::Expected<units::Quantity> money = units::parseQuantity(number, unit);
      if (!money)
        return fail("is not money: " + llvm::toString(money.takeError()));
      if (money->dimension != units::dimensions::Money)
        return fail("is not money: `" + unit.str() +
                    "` is not a unit of money (USD, kUSD, MUSD, BUSD, or an ISO 4217 code "
                    "such as EUR)");
      price.amount = money->value;
    }
  } else {
    return fail("is not money: write a string with its unit (\"350 kUSD\") or a whole number "
                "of USD");
  }
  if (100 % price.amount.denominator() != 0)
    return fail("is not a whole number of cents");
  return price;
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
    if (llvm::StringRef(name).startswith("cost.")) {
      // A rate of the cost model: its value is read by compiler/cost, which
      // knows whether it is money or a factor.
      std::optional<std::string> text;
      if (const toml::value<std::string> *written = value.as_string())
        text = written->get();
      else if (const toml::value<int64_t> *whole = value.as_integer())
        text = std::to_string(whole->get());
      if (!text)
        return errorAt(file, value.source(),
                       "the rate `" + name + "` is a string (\"4500 USD\", \"0.82\") or a whole "
                       "number; TOML floats are not exact");
      Price &price = prices[name];
      price.place = placeOf(file, key.source());
      price.rate = std::move(text);
      continue;
    }
    llvm::Expected<Price> price = parsePrice(file, name, value);
    if (!price)
      return price.takeError();
    price->place = placeOf(file, key.source());
    prices[name] = std::move(*price);
  }
  return llvm::Error::success();
}

// The table `name` of `root`, or null when it is absent; an error when
// `name` is there but not a table.
llvm::Expected<const toml::table *> optionalTable(llvm::StringRef file, const toml::table &root,
                                                  llvm::StringRef name, llvm::StringRef example) {
  const toml::node *node = root.get(std::string_view(name.data(), name.size()));
  if (!node)
    return nullptr;
  if (const toml::table *table = node->as_table())
    return table;
  return errorAt(file, node->source(),
                 "`" + name.str() + "` is a table: " + example.str());
}

llvm::Error readPriceTable(llvm::StringRef file, const toml::table &root, PriceList &prices) {
  llvm::Expected<const toml::table *> table =
      optionalTable(file, root, "prices", "[prices] with one `\"catalog.entry\" = \"350 kUSD\"` per line");
  if (!table)
    return table.takeError();
  return *table ? readPrices(file, **table, "", prices) : llvm::Error::success();
}

// `[fx]`: exchange rates, `EUR = "1.08"`: the project currency (USD unless
// `[project] currency` says) per unit of an ISO 4217 currency, exact and
// positive.
llvm::Error readFxTable(llvm::StringRef file, const toml::table &root,
                        std::map<std::string, ExchangeRate> &fx) {
  llvm::Expected<const toml::table *> table =
      optionalTable(file, root, "fx",
                    "[fx] with one `EUR = \"1.08\"` (project currency per EUR) per line");
  if (!table)
    return table.takeError();
  if (!*table)
    return llvm::Error::success();
  for (const auto &[key, value] : **table) {
    std::string code(key.str());
    if (code.size() != 3 || !llvm::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; }))
      return errorAt(file, key.source(),
                     "`" + code + "` is not a currency code: [fx] keys are ISO 4217 codes in "
                     "capitals (EUR, AED)");
    std::optional<units::Rational> rate;
    if (const toml::value<std::string> *text = value.as_string()) {
      llvm::Expected<units::Rational> parsed = units::parseDecimal(llvm::StringRef(text->get()).trim());
      if (parsed)
        rate = *parsed;
      else
        llvm::consumeError(parsed.takeError());
    } else if (const toml::value<int64_t> *whole = value.as_integer()) {
      rate = units::Rational(whole->get());
    }
    if (!rate || rate->isZero() || rate->isNegative())
      return errorAt(file, value.source(),
                     "the exchange rate of " + code + " must be a positive decimal in a string "
                     "(project currency per " + code + ", \"1.08\"); TOML floats are not exact");
    fx[code] = ExchangeRate{*rate, placeOf(file, key.source())};
  }
  return llvm::Error::success();
}

// `[oci]`: the OCI region of sites that name none, and the parent compartment.
llvm::Error readOciTable(llvm::StringRef file, const toml::table &root,
                         backends::OciSettings &oci) {
  llvm::Expected<const toml::table *> table =
      optionalTable(file, root, "oci", "[oci] with `region = \"us-ashburn-1\"`");
  if (!table || !*table)
    return table.takeError();
  oci.projectFile = llvm::sys::path::filename(file).str();
  for (const auto &[key, value] : **table) {
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
      return unknownKey(file, key, "[oci]", {"region", "dedicated", "compartment"});
    }
  }
  return llvm::Error::success();
}

// `[outputs]`: `dir`, and `true`/`false` for each backend.
llvm::Error readOutputsTable(llvm::StringRef file, const toml::table &root, Project &project) {
  llvm::Expected<const toml::table *> table =
      optionalTable(file, root, "outputs", "[outputs] with `dir = \"out\"` and `oci = false`");
  if (!table || !*table)
    return table.takeError();
  backends::BackendSelection &selection = project.backends;
  const std::pair<llvm::StringRef, bool *> switches[] = {{"model", &selection.model},
                                                         {"bom", &selection.bom},
                                                         {"oci", &selection.oci},
                                                         {"schedule", &selection.schedule},
                                                         {"oneline", &selection.oneline}};
  for (const auto &[key, value] : **table) {
    if (key == "dir") {
      if (!value.is_string() || value.as_string()->get().empty())
        return errorAt(file, value.source(),
                       "`dir` is the output folder, a string such as \"out\" (relative to sgd.toml)");
      project.outputDir = value.as_string()->get();
      continue;
    }
    // A lambda may not capture a structured binding before C++20's P1091
    // (clang 14, the fuzzing build, does not have it): capture a name instead.
    llvm::StringRef name(key.str());
    auto known =
        llvm::find_if(switches, [&](const auto &entry) { return entry.first == name; });
    if (known == std::end(switches))
      return unknownKey(file, key, "[outputs]",
                        {"dir", "model", "bom", "oci", "schedule", "oneline"});
    if (!value.is_boolean())
      return errorAt(file, value.source(),
                     "`" + std::string(key.str()) + "` is true (write these outputs) or false");
    *known->second = value.as_boolean()->get();
  }
  if (!selection.model && !selection.bom && !selection.oci && !selection.schedule &&
      !selection.oneline)
    return errorAt(file, (*table)->source(),
                   "[outputs] turns every output off; `sgdc check` checks a design without "
                   "writing anything");
  return llvm::Error::success();
}

// `[checks]`: `deny-warnings`, and `[checks.disable]` with one
// `ID = "justification"` per rule or warning code.
llvm::Error readChecksTable(llvm::StringRef file, const toml::table &root, CheckSettings &checks) {
  llvm::Expected<const toml::table *> table = optionalTable(
      file, root, "checks", "[checks] with `deny-warnings = true`");
  if (!table || !*table)
    return table.takeError();
  for (const auto &[key, value] : **table) {
    if (key == "deny-warnings") {
      if (!value.is_boolean())
        return errorAt(file, value.source(),
                       "`deny-warnings` is true (every warning is an error) or false");
      checks.denyWarnings = value.as_boolean()->get();
    } else if (key == "disable") {
      const toml::table *disabled = value.as_table();
      if (!disabled)
        return errorAt(file, value.source(),
                       "`disable` is a table: [checks.disable] with one "
                       "`RULE-ID = \"why it does not apply\"` per line");
      for (const auto &[id, why] : *disabled) {
        if (!why.is_string())
          return errorAt(file, why.source(),
                         "disabling `" + std::string(id.str()) +
                             "` needs a justification: a string saying why it does not apply");
        if (llvm::StringRef(why.as_string()->get()).trim().empty())
          return errorAt(file, why.source(),
                         "the justification for disabling `" + std::string(id.str()) +
                             "` is blank; say why the rule does not apply");
        checks.disabled.push_back(
            {std::string(id.str()), why.as_string()->get(), placeOf(file, id.source())});
      }
    } else {
      return unknownKey(file, key, "[checks]", {"deny-warnings", "disable"});
    }
  }
  return llvm::Error::success();
}

// `[compliance]`: one `PACK = "VERSION"` per pack; which packs and versions
// exist is for the rules to say.
llvm::Error readComplianceTable(llvm::StringRef file, const toml::table &root, Project &project) {
  llvm::Expected<const toml::table *> table = optionalTable(
      file, root, "compliance", "[compliance] with one `de_enefg = \"2023\"` per rule pack");
  if (!table || !*table)
    return table.takeError();
  for (const auto &[key, value] : **table) {
    if (!value.is_string() || value.as_string()->get().empty())
      return errorAt(file, value.source(),
                     "the version of rule pack `" + std::string(key.str()) +
                         "` is a string, as in `" + std::string(key.str()) + " = \"2023\"`");
    project.packVersions.push_back(
        {std::string(key.str()), value.as_string()->get(), placeOf(file, value.source())});
  }
  return llvm::Error::success();
}

llvm::Expected<toml::table> parseToml(llvm::StringRef path, uint64_t maxBytes) {
  // Read as every input is (a regular file, within the size limit): toml++'s
  // own parse_file would block on a FIFO and read /dev/zero for ever.
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> buffer = readInputFile(path, maxBytes);
  if (!buffer)
    return buffer.takeError();
  llvm::StringRef text = (*buffer)->getBuffer();
  if (std::optional<TooDeep> deep = findTooDeepTomlKey(text)) {
    LineTable lines(text);
    unsigned line = lines.lineIndex(deep->offset) + 1, column = lines.column(deep->offset);
    return llvm::make_error<ProjectFileError>(
        TomlPlace{path.str(), line, column, line, column + 1},
        "this key nests tables " + std::to_string(deep->depth) + " levels deep; settings "
        "files nest at most " + std::to_string(kMaxTomlNesting));
  }
  // Debian's toml++ is built with exceptions: a parse error is caught here
  // and becomes an llvm::Error, so no exception leaves this file.
  try {
    return toml::parse(std::string_view(text.data(), text.size()),
                       std::string_view(path.data(), path.size()));
  } catch (const toml::parse_error &error) {
    // toml++ says "Error while parsing array: expected comma ..."; in our
    // messages' voice that is "not valid TOML: expected comma ...".
    llvm::StringRef description = error.description();
    if (size_t colon = description.find(": "); description.startswith("Error while parsing") &&
                                               colon != llvm::StringRef::npos)
      description = description.drop_front(colon + 2);
    std::string reason = description.str();
    if (reason.size() > 1 && reason[0] >= 'A' && reason[0] <= 'Z' && reason[1] >= 'a' &&
        reason[1] <= 'z')
      reason[0] = llvm::toLower(reason[0]);
    return errorAt(path, error.source(), "not valid TOML: " + reason);
  }
}

llvm::Error readProjectTable(llvm::StringRef path, llvm::StringRef folder, const toml::table &root,
                             Project &result) {
  const toml::table *project = root["project"].as_table();
  if (!project)
    return errorAt(path, root.source(), "sgd.toml needs a [project] table with `entry`");
  for (const auto &[key, value] : *project)
    if (key != "name" && key != "entry" && key != "currency")
      return unknownKey(path, key, "[project]", {"name", "entry", "currency"});
  if (const toml::node *name = project->get("name")) {
    if (!name->is_string())
      return errorAt(path, name->source(), "`name` is a string");
    result.name = name->as_string()->get();
  }
  if (const toml::node *currency = project->get("currency")) {
    if (!currency->is_string())
      return errorAt(path, currency->source(),
                     "`currency` is the ISO 4217 code of the totals' currency, a string such as "
                     "\"EUR\"");
    result.currency = ProjectCurrency{currency->as_string()->get(),
                                      placeOf(path, currency->source())};
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
    if (!llvm::sys::fs::is_regular_file(entryPath))
      return errorAt(path, file.source(),
                     "`entry` names `" + file.as_string()->get() + "`, which " +
                         (llvm::sys::fs::exists(entryPath) ? "is not a file"
                                                           : "does not exist") +
                         " (entries are relative to sgd.toml)");
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
  return llvm::Error::success();
}

} // namespace

llvm::Expected<PriceList> loadPrices(llvm::StringRef path, uint64_t maxBytes) {
  llvm::Expected<toml::table> root = parseToml(path, maxBytes);
  if (!root)
    return root.takeError();
  if (!root->get("prices"))
    return errorAt(path, root->source(), "needs a [prices] table, as in sgd.toml");
  PriceList prices;
  if (llvm::Error error = readPriceTable(path, *root, prices))
    return error;
  return prices;
}

llvm::Expected<Project> loadProject(llvm::StringRef folder, uint64_t maxBytes) {
  static const std::vector<llvm::StringRef> kTables = {"project", "outputs", "prices", "fx",
                                                       "oci", "checks", "compliance"};
  llvm::SmallString<256> path(folder);
  llvm::sys::path::append(path, "sgd.toml");
  llvm::sys::path::remove_dots(path, true);
  llvm::Expected<toml::table> root = parseToml(path, maxBytes);
  if (!root)
    return root.takeError();
  for (const auto &[key, value] : *root)
    if (!llvm::is_contained(kTables, llvm::StringRef(key.str())))
      return unknownKey(path, key, "sgd.toml", kTables);
  Project result;
  if (llvm::Error error = readProjectTable(path, folder, *root, result))
    return error;
  if (llvm::Error error = readOutputsTable(path, *root, result))
    return error;
  if (llvm::Error error = readPriceTable(path, *root, result.prices))
    return error;
  if (llvm::Error error = readFxTable(path, *root, result.fx))
    return error;
  if (llvm::Error error = readOciTable(path, *root, result.oci))
    return error;
  if (llvm::Error error = readChecksTable(path, *root, result.checks))
    return error;
  if (llvm::Error error = readComplianceTable(path, *root, result))
    return error;
  return result;
}

} // namespace sgd::driver
