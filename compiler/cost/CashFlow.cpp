#include "cost/CashFlow.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace sgd::cost {
namespace {

using schedule::daysFromCivil;

/// (site, phase, category) → month number (year × 12 + month − 1) → money.
struct Series {
  std::map<int64_t, Exact> committed, paid;
};
using SeriesKey = std::tuple<std::string, unsigned, std::string>;

struct Span {
  int64_t first = 0, last = 0; // working days, inclusive
};

class Spreader {
public:
  Spreader(const CostInput &input) : in_(input), plan_(*input.plan) {
    const schedule::Network &net = plan_.network;
    // The keys refer to the plan's own names (Network::places). A task's
    // building and site spans are usually the previous task's, and its
    // kind's spans those of an earlier task of the building: kept at hand.
    unsigned lastPlace = 0;
    Span *buildingSpan = nullptr, *siteSpan = nullptr;
    struct KindSpans {
      llvm::StringRef kind;
      Span *inBuilding, *inSite;
    };
    std::vector<KindSpans> kindSpans; // of the building at hand
    Span &designSpan = spans_[{"", "", "*"}];
    for (unsigned t = 0; t < net.tasks.size(); ++t) {
      const schedule::Task &task = net.tasks[t];
      const schedule::TaskTimes &times = plan_.result.times[t];
      int64_t first = times.earlyStart;
      int64_t last = std::max(times.earlyStart, times.earlyFinish - 1);
      const schedule::TaskPlace &place = net.places[task.place];
      llvm::StringRef site = place.site, building = place.building, kind = task.kind;
      if (kind.startswith("cx_"))
        kind = "cx";
      if (!buildingSpan || task.place != lastPlace) {
        buildingSpan = &spans_[{site, building, "*"}];
        siteSpan = &spans_[{site, "", "*"}];
        lastPlace = task.place;
        kindSpans.clear();
      }
      auto spans = llvm::find_if(kindSpans, [&](const KindSpans &k) { return k.kind == kind; });
      if (spans == kindSpans.end())
        spans = kindSpans.insert(kindSpans.end(), KindSpans{kind, &spans_[{site, building, kind}],
                                                            &spans_[{site, "", kind}]});
      widen(*spans->inBuilding, first, last);
      widen(*buildingSpan, first, last);
      widen(*spans->inSite, first, last);
      widen(*siteSpan, first, last);
      widen(designSpan, first, last);
    }
  }

  /// The days of the tasks of `kind` in a building (else in its site, else
  /// the site's whole span).
  Span spanOf(Replica node, llvm::StringRef kind) const {
    const auto &[site, building] = namesOf(node);
    using Key = std::tuple<llvm::StringRef, llvm::StringRef, llvm::StringRef>;
    for (const Key &key : {Key(site, building, kind), Key(site, "", kind), Key(site, building, "*"),
                           Key(site, "", "*"), Key("", "", "*")})
      if (auto it = spans_.find(key); it != spans_.end())
        return it->second;
    return {};
  }

  unsigned phaseOf(Replica replica) const {
    const model::Design &design = in_.design;
    Index node = replica.node;
    auto phaseOfBuilding = [&](Index b) -> unsigned {
      const units::Quantity *phase = checks::quantityProperty(design, design.nodes[b].properties, "phase");
      return phase && phase->value.denominator() == 1 && phase->value.numerator() > 0
                 ? static_cast<unsigned>(phase->value.numerator())
                 : 1;
    };
    if (design.nodes[node].level == model::Level::Building)
      return phaseOfBuilding(node);
    unsigned first = 0;
    for (Index n = node; n < design.nodes[node].subtreeEnd; ++n)
      if (design.nodes[n].level == model::Level::Building)
        first = first == 0 ? phaseOfBuilding(n) : std::min(first, phaseOfBuilding(n));
    return first == 0 ? 1 : first;
  }

  /// The site of `node`.
  Replica siteOf(Replica node) const {
    return in_.design.ancestorOf(node, in_.design.topLevelOf(node.node));
  }

  std::string siteName(Replica node) const { return in_.design.nameOf(siteOf(node)); }

  /// The name of the site whose tasks in the plan carry the dates of
  /// `node`'s site (Plan::plannedSite): the plan may hold only the first
  /// replica of a replicated site.
  std::string plannedSiteName(Replica node) const {
    return in_.design.nameOf(plan_.plannedSite(siteOf(node)));
  }

  /// The month number of a working day.
  int64_t monthOf(int64_t day) const {
    model::Date date = plan_.network.calendar.dateOf(day);
    return int64_t(date.year) * 12 + date.month - 1;
  }

  std::string dateText(int64_t day) const {
    return schedule::formatDate(plan_.network.calendar.dateOf(day));
  }

  /// Adds `amount` paid evenly per calendar day from working day `first` to
  /// `last` (inclusive).
  void spread(Series &series, const Exact &amount, const Span &span) const {
    model::Date from = plan_.network.calendar.dateOf(span.first);
    model::Date to = plan_.network.calendar.dateOf(span.last);
    int64_t start = daysFromCivil(from), end = daysFromCivil(to);
    // amount × days ÷ total is exactly perDay × days: one division a span,
    // not one a month.
    Exact perDay = amount / Exact(end - start + 1);
    int64_t day = start;
    while (day <= end) {
      model::Date date = schedule::civilFromDays(day);
      model::Date next = date.month == 12 ? model::Date{date.year + 1, 1, 1}
                                          : model::Date{date.year, date.month + 1, 1};
      int64_t stop = std::min(end + 1, daysFromCivil(next));
      series.paid[int64_t(date.year) * 12 + date.month - 1] += perDay * Exact(stop - day);
      day = stop;
    }
  }

private:
  static void widen(Span &span, int64_t first, int64_t last) {
    if (span.first == 0 && span.last == 0) {
      span = {first, last};
      return;
    }
    span.first = std::min(span.first, first);
    span.last = std::max(span.last, last);
  }

  /// The plan's name of `node`'s site and `node`'s own name if it is a
  /// building (else ""): asked for every share of every line, made once a
  /// node.
  const std::pair<std::string, std::string> &namesOf(Replica node) const {
    auto [at, added] = names_.try_emplace(node);
    if (added) {
      const model::Design &design = in_.design;
      at->second.first = plannedSiteName(node);
      if (design.nodes[node.node].level == model::Level::Building)
        at->second.second = design.nameOf(node);
    }
    return at->second;
  }

  const CostInput &in_;
  const schedule::Plan &plan_;
  /// (site, building, kind) → the days of those tasks; "" for any building,
  /// "*" for any kind. The names are the plan's.
  std::map<std::tuple<llvm::StringRef, llvm::StringRef, llvm::StringRef>, Span> spans_;
  mutable std::map<Replica, std::pair<std::string, std::string>> names_; // namesOf
};

/// What one site spends: its equipment and capex lines (indices into
/// CostInput::equipment and Capex::lines), in their order.
struct SiteSpending {
  Replica site;
  std::vector<size_t> equipment, lines;
};

/// The sites that spend, in the order their first item comes.
std::vector<SiteSpending> spendingBySite(const CostInput &input, const Capex &capex) {
  std::vector<SiteSpending> sites;
  std::map<Replica, size_t> index;
  auto of = [&](Replica site) -> SiteSpending & {
    auto [at, added] = index.try_emplace(site, sites.size());
    if (added)
      sites.push_back({site, {}, {}});
    return sites[at->second];
  };
  for (size_t e = 0; e < input.equipment.size(); ++e)
    if (input.equipment[e].site != NoSite)
      of(input.equipment[e].site).equipment.push_back(e);
  for (size_t l = 0; l < capex.lines.size(); ++l)
    if (capex.lines[l].site != NoSite)
      of(capex.lines[l].site).lines.push_back(l);
  return sites;
}

/// Whether two replicas of one site structure spend alike: item for item
/// the same equipment and lines, shared over the same buildings (the same
/// node at the same place within its site). Read through the same tasks of
/// the plan (Plan::plannedSite), they then pay the same money in the same
/// months.
bool spendAlike(const CostInput &input, const Capex &capex, const SiteSpending &a,
                const SiteSpending &b) {
  const model::Design &design = input.design;
  if (a.site.node != b.site.node || a.equipment.size() != b.equipment.size() ||
      a.lines.size() != b.lines.size())
    return false;
  for (size_t i = 0; i < a.equipment.size(); ++i) {
    const EquipmentCost &x = input.equipment[a.equipment[i]], &y = input.equipment[b.equipment[i]];
    if (x.entry != y.entry || x.kind != y.kind || x.quantity != y.quantity ||
        x.unitCost != y.unitCost)
      return false;
  }
  auto placeIn = [&](Replica node, Replica site) {
    return node.ordinal - site.ordinal * design.replicasWithin(node.node, site.node);
  };
  for (size_t i = 0; i < a.lines.size(); ++i) {
    const CostLine &x = capex.lines[a.lines[i]], &y = capex.lines[b.lines[i]];
    if (x.category != y.category || x.amount != y.amount || x.task != y.task ||
        x.paidAtStart != y.paidAtStart || x.shares.size() != y.shares.size())
      return false;
    for (size_t j = 0; j < x.shares.size(); ++j) {
      const Share &u = x.shares[j], &v = y.shares[j];
      if (u.node.node == NoIndex || u.node.node != v.node.node || !(u.weight == v.weight) ||
          placeIn(u.node, a.site) != placeIn(v.node, b.site))
        return false;
    }
  }
  return true;
}

/// The rows of one series and what they pay together.
struct RoundedSeries {
  std::vector<CashFlowRow> rows;
  Exact paid; // the rows' paid money added up: the series' total, to the cent
};

/// The rows of one series, month by month: each month's committed and paid
/// money rounded to the cent on the series' running total, so that the rows
/// add up to the series' total exactly.
RoundedSeries roundedRows(const SeriesKey &key, const Series &series) {
  const auto &[site, phase, category] = key;
  std::map<int64_t, std::pair<Exact, Exact>> months; // committed, paid
  for (const auto &[month, amount] : series.committed)
    months[month].first += amount;
  for (const auto &[month, amount] : series.paid)
    months[month].second += amount;
  std::vector<CashFlowRow> rows;
  Exact committed, paid, committedRounded, paidRounded;
  for (const auto &[month, amounts] : months) {
    committed += amounts.first;
    paid += amounts.second;
    Exact c = toCents(committed), p = toCents(paid);
    CashFlowRow row;
    row.year = static_cast<int>(month / 12);
    row.month = static_cast<unsigned>(month % 12 + 1);
    row.site = site;
    row.phase = phase;
    row.category = category;
    row.committed = (c - committedRounded).rational();
    row.paid = (p - paidRounded).rational();
    committedRounded = c;
    paidRounded = p;
    rows.push_back(std::move(row));
  }
  // Each row pays the step of the rounded running total: together, its end.
  return {std::move(rows), paidRounded};
}

} // namespace

CashFlow cashFlow(const CostInput &input, const Capex &capex) {
  CashFlow flow;
  flow.equipmentDates.resize(input.equipment.size());
  flow.lineDates.resize(capex.lines.size());
  if (!input.plan)
    return flow;
  const model::Design &design = input.design;
  const schedule::Plan &plan = *input.plan;
  Spreader spreader(input);
  std::map<SeriesKey, Series> series;
  Exact atOrder = input.rates.number("pay_at_order");
  Exact atDelivery = input.rates.number("pay_at_delivery");

  // Equipment, lot by lot; what no lot delivers is paid with the fit-out.
  auto payEquipment = [&](size_t e) {
    const EquipmentCost &equipment = input.equipment[e];
    std::string site = design.nameOf(equipment.site);
    std::string plannedSite = spreader.plannedSiteName(equipment.site);
    llvm::StringRef kind = equipment.kind == "rack_type" ? "rack" : equipment.kind;
    uint64_t delivered = 0;
    std::optional<int64_t> orderBy, needBy;
    for (const schedule::DeliveryLot &lot : plan.network.lots) {
      if (lot.entry != equipment.entry || lot.site != plannedSite)
        continue;
      uint64_t quantity = std::min(lot.quantity, equipment.quantity - delivered);
      delivered += quantity;
      schedule::LotDates dates = plan.lotDates(lot);
      orderBy = orderBy ? std::min(*orderBy, dates.orderBy) : dates.orderBy;
      needBy = needBy ? std::min(*needBy, dates.needBy) : dates.needBy;
      Replica building = equipment.site;
      for (Index n = equipment.site.node; n < design.nodes[equipment.site.node].subtreeEnd;
           n = design.nodes[n].level == model::Level::Building ? design.nodes[n].subtreeEnd : n + 1)
        if (design.nodes[n].level == model::Level::Building)
          for (Replica replica : design.replicasIn(n, equipment.site))
            if (design.nameOf(replica) == lot.building)
              building = replica;
      Exact amount = Exact(equipment.unitCost) * Exact(static_cast<int64_t>(quantity));
      Series &s = series[{site, spreader.phaseOf(building), kind.str()}];
      s.committed[spreader.monthOf(dates.ordered)] += amount;
      s.paid[spreader.monthOf(dates.ordered)] += amount * atOrder;
      s.paid[spreader.monthOf(dates.delivered)] += amount * atDelivery;
      s.paid[spreader.monthOf(spreader.spanOf(building, "*").last)] +=
          amount * (Exact(1) - atOrder - atDelivery);
    }
    if (orderBy)
      flow.equipmentDates[e] = {spreader.dateText(*orderBy), spreader.dateText(*needBy)};
    if (delivered < equipment.quantity) {
      Exact amount = Exact(equipment.unitCost) *
                     Exact(static_cast<int64_t>(equipment.quantity - delivered));
      Span span = spreader.spanOf(equipment.site, kind == "rack" ? "it_install" : "mep");
      Series &s = series[{site, spreader.phaseOf(equipment.site), kind.str()}];
      s.committed[spreader.monthOf(span.first)] += amount;
      spreader.spread(s, amount, span);
    }
  };

  // The other lines, share by share over their tasks.
  auto payLine = [&](size_t l) {
    const CostLine &line = capex.lines[l];
    std::string site = design.nameOf(line.site);
    Exact weights;
    for (const Share &share : line.shares)
      weights += share.weight;
    // Shares by IT load all weigh nothing while a design has no racks yet
    // (its shells first): its buildings then share the line equally, so
    // that the cash flow still pays every line of the capex.
    bool equally = !weights.isPositive();
    if (equally)
      weights = Exact(static_cast<int64_t>(line.shares.size()));
    std::optional<int64_t> first;
    for (const Share &share : line.shares) {
      Exact weight = equally ? Exact(1) : share.weight;
      if (!weight.isPositive())
        continue;
      Exact amount = Exact(line.amount) * weight / weights;
      bool atStart = line.paidAtStart;
      Span span = line.task.empty() ? spreader.spanOf(line.site, "*")
                                    : spreader.spanOf(share.node, line.task);
      Series &s = series[{site, spreader.phaseOf(share.node), line.category}];
      s.committed[spreader.monthOf(span.first)] += amount;
      if (atStart)
        s.paid[spreader.monthOf(span.first)] += amount;
      else
        spreader.spread(s, amount, span);
      first = first ? std::min(*first, span.first) : span.first;
    }
    if (first)
      flow.lineDates[l] = {spreader.dateText(*first), spreader.dateText(*first)};
  };

  // Site by site. A replica that the plan dates through its structure's
  // first replica, and that spends as that one does, gets that one's series
  // and dates, copied rather than worked out again (a portfolio of ten
  // replicated sites prices one).
  std::vector<SiteSpending> sites = spendingBySite(input, capex);
  std::map<Replica, const SiteSpending *> paid;
  std::vector<std::pair<const SiteSpending *, const SiteSpending *>> copies; // (replica, first)
  for (const SiteSpending &spending : sites) {
    auto first = paid.find(plan.plannedSite(spending.site));
    if (first != paid.end() && spendAlike(input, capex, *first->second, spending)) {
      copies.push_back({&spending, first->second});
      continue;
    }
    for (size_t e : spending.equipment)
      payEquipment(e);
    for (size_t l : spending.lines)
      payLine(l);
    paid.try_emplace(spending.site, &spending);
  }

  // Round each series on its running total, so its rows add up exactly. A
  // copied site's series are its first's: listed under its own name, they
  // point at the first's rows, which are copied once, into the flow.
  std::map<SeriesKey, RoundedSeries> rounded;
  for (const auto &[key, s] : series)
    rounded.emplace(key, roundedRows(key, s));
  std::map<SeriesKey, const RoundedSeries *> everySeries;
  for (const auto &[key, each] : rounded)
    everySeries.emplace(key, &each);
  for (const auto &[replica, first] : copies) {
    std::string from = design.nameOf(first->site), to = design.nameOf(replica->site);
    for (auto it = rounded.lower_bound({from, 0, ""});
         it != rounded.end() && std::get<0>(it->first) == from; ++it)
      everySeries.emplace(SeriesKey{to, std::get<1>(it->first), std::get<2>(it->first)},
                          &it->second);
    for (size_t i = 0; i < replica->equipment.size(); ++i)
      flow.equipmentDates[replica->equipment[i]] = flow.equipmentDates[first->equipment[i]];
    for (size_t i = 0; i < replica->lines.size(); ++i)
      flow.lineDates[replica->lines[i]] = flow.lineDates[first->lines[i]];
  }

  // By month, site, phase and category (a series has one row a month): the
  // series come in (site, phase, category) order, so a stable sort by month
  // alone, with no string compared, leaves the rest in place. Through
  // pointers, which move cheaper than rows.
  struct SiteRow {
    const CashFlowRow *row;
    const std::string *site; // the series' site: a copy's own name
  };
  std::vector<SiteRow> order;
  for (const auto &[key, each] : everySeries)
    for (const CashFlowRow &row : each->rows)
      order.push_back({&row, &std::get<0>(key)});
  std::stable_sort(order.begin(), order.end(), [](const SiteRow &a, const SiteRow &b) {
    return std::tie(a.row->year, a.row->month) < std::tie(b.row->year, b.row->month);
  });
  // What each phase pays: a series' rows share its site and phase, so one
  // look-up and one addition a series, not one a row.
  std::map<std::pair<std::string, unsigned>, Exact> phaseCapex;
  for (const auto &[key, each] : everySeries)
    phaseCapex[{std::get<0>(key), std::get<1>(key)}] += each->paid;
  flow.rows.reserve(order.size());
  for (const auto &[row, site] : order)
    flow.rows.push_back({row->year, row->month, *site, row->phase, row->category, row->committed,
                         row->paid});

  // $/MW of IT per phase: the IT load of its buildings.
  std::map<std::pair<std::string, unsigned>, Exact> phaseIt;
  for (Index node = 0; node < design.nodes.size(); ++node) {
    const model::Node &n = design.nodes[node];
    bool building = n.level == model::Level::Building;
    bool buildingless = n.parent == NoIndex && [&] {
      for (Index m = node + 1; m < n.subtreeEnd; ++m)
        if (design.nodes[m].level == model::Level::Building)
          return false;
      return true;
    }();
    if (building || buildingless)
      for (Replica replica : design.replicas(node))
        phaseIt[{spreader.siteName(replica), spreader.phaseOf(replica)}] +=
            Exact(input.analysis.nodes[node].itPower.value);
  }
  for (const auto &[key, amount] : phaseCapex) {
    PhaseCapex phase;
    phase.site = key.first;
    phase.phase = key.second;
    phase.capex = amount.rational();
    Exact it = phaseIt.count(key) ? phaseIt[key] : Exact(0);
    phase.itWatts = it.rational();
    if (it.isPositive())
      phase.perMegawatt = toCents(amount / (it / Exact(1'000'000))).rational();
    flow.phases.push_back(phase);
  }
  return flow;
}

} // namespace sgd::cost
