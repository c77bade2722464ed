#include "backends/Bom.h"

#include "backends/BomFormats.h"
#include "checks/DesignAnalysis.h"
#include "model/Expansion.h"
#include "schedule/Schedule.h"
#include "units/Decimal.h"

#include "llvm/ADT/StringMap.h"

#include <array>
#include <charconv>
#include <map>
#include <set>

namespace sgd::backends {
namespace {

using model::Design;
using model::Index;
using model::NoIndex;
using Int = Rational::Int;

// Scopes are keyed by node, the top level of the design (NoIndex) sorting
// after every node; a scope node's tally holds for each of its replicas.
using ScopeKey = std::pair<Index, Index>; // scope node, catalog entry

struct Tally {
  uint64_t quantity = 0;
  SourceRange range;
  uint64_t written = 0, sized = 0; // units from written counts and from `* auto`
};

/// The design fact a line's quantity comes from: "rack items of the
/// design", "12 written, 36 sized by the checks (`* auto`)".
std::string basisOf(const Tally &tally, bool rack) {
  if (rack)
    return units::withSeparators(tally.quantity) + " racks of the design's rack items";
  std::vector<std::string> parts;
  if (tally.written)
    parts.push_back(units::withSeparators(tally.written) + " written");
  if (tally.sized)
    parts.push_back(units::withSeparators(tally.sized) +
                    " sized by the checks for their load and redundancy (`* auto`)");
  return llvm::join(parts, ", ");
}

/// The cost model's input: the equipment lines summed per site and entry.
std::vector<cost::EquipmentCost> equipmentCosts(const Design &design,
                                                const std::vector<BomLine> &lines) {
  std::map<std::pair<model::Replica, Index>, cost::EquipmentCost> sums;
  for (const BomLine &line : lines) {
    if (!line.extendedCost)
      continue;
    cost::EquipmentCost &sum = sums[{line.group, line.entry}];
    sum.site = line.group;
    sum.entry = line.entry;
    sum.kind = design.catalog[line.entry].kind;
    sum.quantity += line.quantity;
    sum.unitCost = *line.unitCost;
    sum.amount = (cost::Exact(sum.amount) + cost::Exact(*line.extendedCost)).rational();
  }
  std::vector<cost::EquipmentCost> result;
  for (auto &[key, sum] : sums)
    result.push_back(sum);
  return result;
}

/// Reports that an exact sum or product of the bill of materials left the
/// 127-bit range.
void reportOverflow(DiagnosticEngine &diagnostics, SourceRange range, const std::string &what) {
  diagnostics.report(DiagCode::E0603, range,
                     "the bill of materials cannot be computed exactly: " + what +
                         " exceeds the range of exact arithmetic (128-bit fractions)");
}

std::optional<Rational> fromCount(uint64_t count) {
  return Rational::fromParts(static_cast<Int>(count), 1);
}

bool isWholeCents(const Rational &usd) { return 100 % usd.denominator() == 0; }

/// W0604 once per catalog entry that installed lines leave unpriced, at the
/// first rack or equipment line that adds to them.
void reportUnpriced(const Design &design, const std::vector<BomLine> &lines,
                    DiagnosticEngine &diagnostics) {
  std::map<Index, std::vector<const BomLine *>> unpriced; // entry → its lines
  for (const BomLine &line : lines)
    if (!line.unitCost)
      unpriced[line.entry].push_back(&line);
  for (const auto &[entry, entryLines] : unpriced) {
    const model::CatalogEntry &catalogEntry = design.catalog[entry];
    uint64_t units = 0;
    std::vector<std::string> numbers;
    for (const BomLine *line : entryLines) {
      units += line->quantity;
      numbers.push_back(std::to_string(line->number));
    }
    std::string what = catalogEntry.kind == "rack_type"
                           ? (units == 1 ? "rack" : "racks")
                           : (units == 1 ? "unit" : "units");
    diagnostics
        .report(DiagCode::W0604, entryLines.front()->range,
                "`" + catalogEntry.qualifiedName.str() + "` has no price: its " +
                    units::withSeparators(units) + " " + what + " (bill-of-materials " +
                    (numbers.size() == 1 ? "line " : "lines ") + llvm::join(numbers, ", ") +
                    (units == 1 ? ") is" : ") are") + " left out of the capex")
        .note(catalogEntry.range, "`" + catalogEntry.qualifiedName.str() +
                                      "` has no `unit_cost`; give it one, or a price in "
                                      "`[prices]` of sgd.toml");
  }
}

} // namespace

std::string formatMoney(const Rational &usd) {
  // The denominator divides 100. Whole dollars and cents separately: the
  // amount in cents, 100 times a numerator near 2^127, would not fit.
  units::detail::UInt magnitude = units::detail::magnitude(usd.numerator());
  auto denominator = static_cast<uint64_t>(usd.denominator());
  std::array<char, 48> text; // a sign, 39 digits, the point and two
  char *end = text.data();
  if (usd.isNegative())
    *end++ = '-';
  unsigned cents;
  if (magnitude >> 64 == 0) {
    // Nearly every amount: 64-bit division (a 128-bit one is a library
    // call) and the digits written in place, one string made.
    auto amount = static_cast<uint64_t>(magnitude);
    cents = static_cast<unsigned>(amount % denominator * (100 / denominator));
    end = std::to_chars(end, text.data() + text.size(), amount / denominator).ptr;
  } else {
    cents = static_cast<unsigned>(magnitude % denominator * (100 / denominator));
    std::string dollars = units::wholeDigits(magnitude / denominator);
    end = std::copy(dollars.begin(), dollars.end(), end);
  }
  *end++ = '.';
  *end++ = static_cast<char>('0' + cents / 10);
  *end++ = static_cast<char>('0' + cents % 10);
  return std::string(text.data(), end);
}

std::string formatMoneyGrouped(const Rational &usd) {
  std::string money = formatMoney(usd);
  size_t digitsStart = money.front() == '-' ? 1 : 0;
  for (size_t at = money.find('.'); at > digitsStart + 3; at -= 3)
    money.insert(at - 3, ",");
  return money;
}

Rational roundToCents(const Rational &amount) {
  std::optional<Rational> scaled = units::checkedMultiply(amount, Rational(100));
  if (!scaled)
    return amount;
  Int quotient = scaled->numerator() / scaled->denominator();
  Int rest = scaled->numerator() % scaled->denominator();
  units::detail::UInt restMagnitude = units::detail::magnitude(rest);
  units::detail::UInt denominator = static_cast<units::detail::UInt>(scaled->denominator());
  if (restMagnitude >= denominator - restMagnitude) // half or more: away from zero
    quotient += rest < 0 ? -1 : 1;
  return Rational::fromParts(quotient, 100).value_or(amount);
}

std::optional<Rational> costPerMegawatt(const Rational &usd, const std::optional<Rational> &watts) {
  if (!watts || watts->isZero() || watts->isNegative())
    return std::nullopt;
  std::optional<Rational> megawatts = units::checkedDivide(*watts, Rational(1'000'000));
  if (!megawatts)
    return std::nullopt;
  std::optional<Rational> perMegawatt = units::checkedDivide(usd, *megawatts);
  if (!perMegawatt)
    return std::nullopt;
  return roundToCents(*perMegawatt);
}

BomPlace placeOf(const Design &design, model::Replica scope) {
  BomPlace place;
  std::vector<std::string> names;
  for (model::Replica at = scope; at.node != NoIndex; at = design.parentOf(at)) {
    std::string name = design.nameOf(at);
    names.insert(names.begin(), name);
    switch (design.nodes[at.node].level) {
    case model::Level::Site: place.site = name; break;
    case model::Level::Building: place.building = name; break;
    case model::Level::Hall: place.hall = name; break;
    default: break;
    }
  }
  place.path = llvm::join(names, ".");
  return place;
}

llvm::StringRef entryText(const Design &design, Index entry, llvm::StringRef name) {
  const model::Value *value = design.property(design.catalog[entry].properties, name);
  const std::string *text = value ? value->text() : nullptr;
  return text ? llvm::StringRef(*text) : llvm::StringRef();
}

llvm::StringRef manufacturerOf(const Design &design, Index entry) {
  llvm::StringRef vendor = entryText(design, entry, "vendor");
  return vendor.equals_insensitive("generic") ? llvm::StringRef() : vendor;
}

llvm::StringRef categoryOf(const Design &design, Index entry) {
  llvm::StringRef kind = design.catalog[entry].kind;
  return kind == "rack_type" ? llvm::StringRef("rack") : kind;
}

std::optional<Bom> buildBom(const BuildInput &input, const schedule::Plan *plan,
                            DiagnosticEngine &diagnostics) {
  const Design &design = input.design;
  const BuildSettings &settings = input.settings;
  Bom bom;
  bom.detail = settings.bomDetail;

  // Overrides must name an entry the design uses; an unknown name is most
  // likely a typo (a shared price list may also cover entries this design
  // does not use, so it is a warning).
  llvm::StringMap<Index> entries;
  for (Index entry = 0; entry < design.catalog.size(); ++entry)
    entries.try_emplace(design.catalog[entry].qualifiedName, entry);
  for (const auto &[name, price] : settings.prices) {
    if (entries.count(name))
      continue;
    Diagnostic &warning = diagnostics.report(
        DiagCode::W0601, price.range,
        "the price for `" + name + "` is not used: the design uses no catalog entry of that name");
    llvm::StringRef best;
    unsigned bestDistance = std::max<unsigned>(2, name.size() / 3) + 1;
    for (const model::CatalogEntry &candidate : design.catalog)
      if (unsigned distance = candidate.qualifiedName.edit_distance(name); distance < bestDistance) {
        bestDistance = distance;
        best = candidate.qualifiedName;
      }
    if (!best.empty())
      warning.note("did you mean `" + best.str() + "`?");
  }

  // The scope of each node: the top-level node above it, or with detail the
  // nearest site, building or hall (racks of a row go to its hall).
  std::vector<Index> scopeOfNode(design.nodes.size());
  std::vector<Index> groupOfNode(design.nodes.size());
  for (Index node = 0; node < design.nodes.size(); ++node) {
    Index parent = design.nodes[node].parent;
    groupOfNode[node] = parent == NoIndex ? node : groupOfNode[parent];
    bool own = parent == NoIndex || (bom.detail && design.nodes[node].level <= model::Level::Hall);
    scopeOfNode[node] = own ? node : scopeOfNode[parent];
  }
  auto scopeOf = [&](Index node) { return node == NoIndex ? NoIndex : scopeOfNode[node]; };

  // The rates and exchange rates: every price converts into the project
  // currency (docs/costs.md, "Currencies").
  std::optional<cost::RateTable> rates = cost::RateTable::load(settings.cost, diagnostics);
  if (!rates)
    return std::nullopt;
  bom.currency = rates->projectCurrency().str();
  bool unconvertible = false;
  for (const auto &[name, price] : settings.prices)
    if (!rates->checkCurrency(price.currency, "the price of `" + name + "`", price.range,
                              diagnostics))
      unconvertible = true;
  if (unconvertible)
    return std::nullopt;

  bool failed = false;
  std::map<ScopeKey, Tally> tallies;
  auto add = [&](Index node, Index entry, uint64_t count, SourceRange range, bool sized) {
    Index scope = scopeOf(node);
    Tally &tally = tallies[{scope, entry}];
    if (!tally.range.isValid())
      tally.range = range;
    // Per replica of the scope: each replica of `node` inside it adds `count`.
    uint64_t units = 0;
    if (__builtin_mul_overflow(count, design.replicasWithin(node, scope), &units) ||
        __builtin_add_overflow(tally.quantity, units, &tally.quantity)) {
      if (!failed)
        reportOverflow(diagnostics, range, "the quantity of `" +
                                               design.catalog[entry].qualifiedName.str() + "`");
      failed = true;
      return;
    }
    (sized ? tally.sized : tally.written) += units;
  };
  for (const model::RackRun &run : design.rackRuns)
    add(run.parent, run.rackType, run.count, run.range, false);
  for (Index index = 0; index < design.equipment.size(); ++index) {
    const model::EquipmentGroup &group = design.equipment[index];
    uint64_t installed = index < input.analysis.equipment.size()
                             ? input.analysis.equipment[index].installed
                             : (group.autoCount ? 0 : group.count);
    // Equipment the utility furnishes is not bought.
    if (index < input.analysis.equipment.size() && !input.analysis.equipment[index].procured)
      continue;
    if (installed != 0)
      add(group.node, group.entry, installed, group.range, group.autoCount);
  }
  if (failed)
    return std::nullopt;

  // The lines of each scope replica, in design order (the top level last),
  // each scope's by catalog entry.
  std::vector<std::pair<model::Replica, std::pair<Index, Tally>>> perReplica;
  auto emitScope = [&](model::Replica replica) {
    for (auto at = tallies.lower_bound({replica.node, 0});
         at != tallies.end() && at->first.first == replica.node; ++at)
      perReplica.push_back({replica, {at->first.second, at->second}});
  };
  model::forEachReplica(design, {NoIndex, 0}, [&](model::Replica replica) {
    if (scopeOfNode[replica.node] != replica.node)
      return false; // its racks and lines count in an enclosing scope
    emitScope(replica);
    return true;
  });
  emitScope({NoIndex, 0});

  // Price each line; a price that is not a whole number of cents is reported
  // once per entry.
  std::set<Index> badPrices;
  for (const auto &[scope, entryTally] : perReplica) {
    const auto &[entry, tally] = entryTally;
    if (tally.quantity == 0)
      continue;
    BomLine line;
    line.number = static_cast<unsigned>(bom.lines.size() + 1);
    line.scope = scope;
    line.group = scope.node == NoIndex ? scope : design.ancestorOf(scope, groupOfNode[scope.node]);
    line.entry = entry;
    line.quantity = tally.quantity;
    line.range = tally.range;
    line.basis = basisOf(tally, design.catalog[entry].kind == "rack_type");
    const model::CatalogEntry &catalogEntry = design.catalog[entry];
    auto override = settings.prices.find(catalogEntry.qualifiedName.str());
    // A price converts into the project currency once, to the cent; the
    // line is its quantity times that (docs/costs.md, "Currencies").
    if (override != settings.prices.end()) {
      line.unitCost =
          rates->toProjectCents(override->second.amount, override->second.currency).rational();
      line.overridden = true;
    } else if (const model::Value *cost = design.property(catalogEntry.properties, "unit_cost")) {
      if (const units::Quantity *money = cost->quantity()) {
        if (isWholeCents(money->value)) {
          line.unitCost = rates->toProjectCents(money->value, "USD").rational();
        } else if (badPrices.insert(entry).second) {
          const model::Property *property = nullptr;
          for (const model::Property &candidate : design.propertiesOf(catalogEntry.properties))
            if (candidate.name == "unit_cost")
              property = &candidate;
          diagnostics
              .report(DiagCode::E0602, property ? property->range : catalogEntry.range,
                      "the unit cost of `" + catalogEntry.qualifiedName.str() + "` is " +
                          units::formatDecimal(money->value) +
                          " USD, which is not a whole number of cents")
              .note("a bill of materials prices every line to the cent; write the price "
                    "rounded to the cent (" +
                    formatMoney(roundToCents(money->value)) +
                    " USD), or set it in `[prices]` of sgd.toml");
        }
      }
    }
    if (line.unitCost) {
      std::optional<Rational> count = fromCount(line.quantity);
      std::optional<Rational> extended =
          count ? units::checkedMultiply(*line.unitCost, *count) : std::nullopt;
      if (!extended) {
        reportOverflow(diagnostics, line.range,
                       std::to_string(line.quantity) + " x `" +
                           catalogEntry.qualifiedName.str() + "` at " +
                           formatMoney(*line.unitCost) + " " + bom.currency);
        return std::nullopt;
      }
      line.extendedCost = *extended;
    }
    if (const units::Quantity *lead =
            checks::quantityProperty(design, catalogEntry.properties, "lead_time")) {
      llvm::Expected<Rational> weeks = units::valueIn(*lead, "weeks");
      if (weeks)
        line.leadTimeWeeks = *weeks;
      else
        llvm::consumeError(weeks.takeError());
    }
    bom.lines.push_back(std::move(line));
  }
  if (!badPrices.empty())
    return std::nullopt;
  reportUnpriced(design, bom.lines, diagnostics);

  // Totals per site and for the design: exact sums of the lines' exact
  // extended costs, so every total is the sum of its lines to the cent.
  std::map<model::Replica, BomTotal> sites;
  auto addTo = [&](BomTotal &total, const BomLine &line) {
    ++total.lines;
    if (!line.extendedCost) {
      ++total.unpricedLines;
      return true;
    }
    Rational &part = categoryOf(design, line.entry) == "rack" ? total.itEquipment
                                                              : total.facilityEquipment;
    std::optional<Rational> sum = units::checkedAdd(part, *line.extendedCost);
    std::optional<Rational> grand =
        sum ? units::checkedAdd(total.total, *line.extendedCost) : std::nullopt;
    if (!grand) {
      reportOverflow(diagnostics, line.range, "the total cost");
      return false;
    }
    part = *sum;
    total.total = *grand;
    return true;
  };
  for (const BomLine &line : bom.lines) {
    BomTotal &site = sites[line.group];
    site.group = line.group;
    if (!addTo(site, line) || !addTo(bom.design, line))
      return std::nullopt;
  }
  for (auto &[group, total] : sites) {
    if (group.node != NoIndex)
      total.itPowerWatts = input.analysis.nodes[group.node].itPower.value;
    bom.sites.push_back(total);
  }
  bom.design.itPowerWatts = input.analysis.design.itPower.value;

  // The rest of the capex, its cash flow over the schedule and the opex.
  std::vector<cost::EquipmentCost> equipment = equipmentCosts(design, bom.lines);
  cost::CostInput costInput{design, input.analysis, plan, equipment, *rates};
  std::optional<cost::Capex> capex = cost::computeCapex(costInput, diagnostics);
  if (!capex)
    return std::nullopt;
  bom.capex = std::move(*capex);
  bom.cashFlow = cost::cashFlow(costInput, bom.capex);
  bom.opex = cost::computeOpex(costInput, bom.capex);
  std::map<std::pair<model::Replica, Index>, size_t> equipmentOf;
  for (size_t e = 0; e < equipment.size(); ++e)
    equipmentOf.emplace(std::pair(equipment[e].site, equipment[e].entry), e);
  for (BomLine &line : bom.lines)
    if (auto found = equipmentOf.find({line.group, line.entry}); found != equipmentOf.end())
      line.dates = bom.cashFlow.equipmentDates[found->second];
  return bom;
}

const cost::CapexTotal &Bom::capexOf(model::Replica site) const {
  for (const cost::CapexTotal &total : capex.sites)
    if (total.site == site)
      return total;
  return capex.design;
}

std::map<std::string, Rational> capexByCategory(const Design &design, const Bom &bom,
                                                std::optional<model::Replica> site) {
  std::map<std::string, Rational> byCategory;
  auto add = [&](const std::string &category, const Rational &amount) {
    Rational &sum = byCategory[category];
    sum = units::checkedAdd(sum, amount).value_or(sum);
  };
  for (const BomLine &line : bom.lines)
    if (line.extendedCost && (!site || line.group == *site))
      add(categoryOf(design, line.entry).str(), *line.extendedCost);
  for (const cost::CostLine &line : bom.capex.lines)
    if (!site || line.site == *site)
      add(line.category, line.amount);
  return byCategory;
}

void emitBom(const BuildInput &input, const Bom &bom, OutputSet &outputs, BuildReport &report) {
  auto figures = [&](const BomTotal &total, std::string site, bool whole = false) {
    const cost::CapexTotal &capex = whole ? bom.capex.design : bom.capexOf(total.group);
    CapexFigures result;
    result.site = std::move(site);
    result.capex = capex;
    result.perMegawatt = costPerMegawatt(capex.total, total.itPowerWatts);
    result.facilityPerMegawatt = costPerMegawatt(capex.facility, total.itPowerWatts);
    result.unpricedLines = total.unpricedLines;
    return result;
  };
  report.currency = bom.currency;
  report.capex = figures(bom.design, "", true);
  for (const cost::PhaseCapex &phase : bom.cashFlow.phases)
    report.phases.push_back({phase.site, phase.phase, phase.capex, phase.perMegawatt});
  // Summed by the year's number, a look-up of an int a row; then keyed by
  // its text, in the text's order, as the report lists them.
  std::map<int, cost::Exact> paidByYear;
  for (const cost::CashFlowRow &row : bom.cashFlow.rows)
    paidByYear[row.year] += cost::Exact(row.paid);
  std::map<std::string, Rational> byYear;
  for (const auto &[year, paid] : paidByYear)
    byYear[std::to_string(year)] = paid.rational();
  report.paidByYear.assign(byYear.begin(), byYear.end());
  if (bom.sites.size() > 1)
    for (const BomTotal &site : bom.sites)
      report.siteCapex.push_back(figures(
          site, site.group.node == NoIndex ? std::string() : placeOf(input.design, site.group).path));
  // The CycloneDX serial number names bom.json's content: hashed as it is
  // written.
  std::string serial;
  {
    ContentUuidStream json(outputs.open("bom.json"));
    writeBomJson(input, bom, json);
    serial = json.uuid();
  }
  writeBomCsv(input, bom, outputs.open("bom.csv"));
  writeBomCycloneDx(input, bom, serial, outputs.open("bom.cdx.json"));
  if (!bom.cashFlow.rows.empty())
    writeCapexCsv(bom, outputs.open("capex.csv"));
  if (!bom.opex.empty())
    writeOpexCsv(input, bom, outputs.open("opex.csv"));
}

} // namespace sgd::backends
