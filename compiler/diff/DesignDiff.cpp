// Compares the snapshots of two designs.

#include "diff/DesignDiff.h"

#include <set>
#include <tuple>

namespace sgd::diff {
namespace {

// Items of both sides matched by key: `visit(before, after)` with a null
// pointer for a side that lacks the item; the new side's order first, then
// what only the old side has, in its order.
template <typename Item, typename KeyOf, typename Visit>
void matchByKey(const std::vector<Item> &before, const std::vector<Item> &after, KeyOf keyOf,
                Visit visit) {
  std::map<decltype(keyOf(before.front())), const Item *> old;
  for (const Item &item : before)
    old.emplace(keyOf(item), &item);
  std::set<decltype(keyOf(before.front()))> seen;
  for (const Item &item : after) {
    auto key = keyOf(item);
    seen.insert(key);
    auto it = old.find(key);
    visit(it == old.end() ? nullptr : it->second, &item);
  }
  for (const Item &item : before)
    if (!seen.count(keyOf(item)))
      visit(&item, nullptr);
}

Change changeOf(const void *before, const void *after) {
  return !before ? Change::Added : !after ? Change::Removed : Change::Changed;
}

// A member of an item on either side; nothing on a side without the item.
template <typename Item, typename T>
Delta<T> deltaOf(const Item *before, const Item *after, T Item::*member) {
  Delta<T> delta;
  if (before)
    delta.before = before->*member;
  if (after)
    delta.after = after->*member;
  return delta;
}

// The same for a member that may itself be missing.
template <typename Item, typename T>
Delta<T> deltaOf(const Item *before, const Item *after, std::optional<T> Item::*member) {
  return {before ? before->*member : std::nullopt, after ? after->*member : std::nullopt};
}

std::vector<BomLineDiff> compareBom(const SiteFigures *before, const SiteFigures *after) {
  static const std::vector<BomItem> none;
  std::vector<BomLineDiff> lines;
  matchByKey(
      before ? before->bom : none, after ? after->bom : none,
      [](const BomItem &item) { return std::make_pair(item.scope, item.entry); },
      [&](const BomItem *old, const BomItem *now) {
        const BomItem &any = now ? *now : *old;
        BomLineDiff line{changeOf(old, now),
                         any.scope,
                         any.entry,
                         any.category,
                         deltaOf(old, now, &BomItem::quantity),
                         deltaOf(old, now, &BomItem::unitCost),
                         deltaOf(old, now, &BomItem::extendedCost)};
        if (line.quantity.changed() || line.unitCost.changed() || line.extendedCost.changed())
          lines.push_back(std::move(line));
      });
  return lines;
}

std::vector<CapexDiff> compareCapex(const SiteFigures *before, const SiteFigures *after) {
  std::set<std::string> categories;
  for (const SiteFigures *side : {before, after})
    if (side)
      for (const auto &[category, usd] : side->capexByCategory)
        categories.insert(category);
  auto amount = [](const SiteFigures *side, const std::string &category) {
    std::optional<Rational> usd;
    if (side)
      if (auto it = side->capexByCategory.find(category); it != side->capexByCategory.end())
        usd = it->second;
    return usd;
  };
  auto total = [](const SiteFigures *side) {
    std::optional<Rational> usd;
    if (side)
      for (const auto &[category, amount] : side->capexByCategory)
        usd = units::checkedAdd(usd.value_or(Rational(0)), amount).value_or(*usd);
    return usd;
  };
  std::vector<CapexDiff> capex;
  for (const std::string &category : categories) {
    CapexDiff line{category, {amount(before, category), amount(after, category)}};
    if (line.usd.changed())
      capex.push_back(std::move(line));
  }
  CapexDiff sum{"total", {total(before), total(after)}};
  if (sum.usd.changed())
    capex.push_back(std::move(sum));
  return capex;
}

std::vector<MilestoneDiff> compareMilestones(const SiteFigures *before, const SiteFigures *after) {
  static const std::vector<Milestone> none;
  std::vector<MilestoneDiff> milestones;
  matchByKey(
      before ? before->milestones : none, after ? after->milestones : none,
      [](const Milestone &m) { return m.name; },
      [&](const Milestone *old, const Milestone *now) {
        MilestoneDiff diff{changeOf(old, now), (now ? now : old)->name,
                           deltaOf(old, now, &Milestone::date), {},
                           deltaOf(old, now, &Milestone::driver)};
        if (old && now)
          diff.slipDays = now->day - old->day;
        if (diff.date.changed() || diff.driver.changed())
          milestones.push_back(std::move(diff));
      });
  // By date on the new side (the old one for a removed milestone), so first
  // power comes before the halls it leads to.
  std::stable_sort(milestones.begin(), milestones.end(),
                   [](const MilestoneDiff &a, const MilestoneDiff &b) {
                     return (a.date.after ? *a.date.after : *a.date.before) <
                            (b.date.after ? *b.date.after : *b.date.before);
                   });
  return milestones;
}

SiteDiff compareSite(const SiteFigures *before, const SiteFigures *after) {
  SiteDiff site;
  site.change = changeOf(before, after);
  site.name = (after ? after : before)->name;
  site.racks = deltaOf(before, after, &SiteFigures::racks);
  site.gpus = deltaOf(before, after, &SiteFigures::gpus);
  site.itPower = deltaOf(before, after, &SiteFigures::itPower);
  site.peakDemand = deltaOf(before, after, &SiteFigures::peakDemand);
  site.capex = compareCapex(before, after);
  site.bom = compareBom(before, after);
  site.milestones = compareMilestones(before, after);
  return site;
}

// The instance keys of a `for_each` resource (Snapshot.cpp puts them in
// `//instances`).
std::vector<std::string> instanceKeys(const llvm::json::Value *body) {
  std::vector<std::string> keys;
  if (const llvm::json::Object *object = body ? body->getAsObject() : nullptr)
    if (const llvm::json::Array *list = object->getArray("//instances"))
      for (const llvm::json::Value &key : *list)
        if (auto text = key.getAsString())
          keys.push_back(text->str());
  return keys;
}

// Every leaf that differs between two JSON values, by path. The
// `design_hash` tag goes to `hash` instead: it changes with any change of
// the design, on every resource.
void compareJson(const std::string &path, const llvm::json::Value *before,
                 const llvm::json::Value *after, std::vector<AttributeDiff> &out,
                 Delta<std::string> &hash) {
  if (llvm::StringRef(path).endswith("freeform_tags.design_hash") || path == "design_hash") {
    if (before && after && *before != *after) {
      hash.before = before->getAsString().getValueOr("").str();
      hash.after = after->getAsString().getValueOr("").str();
    }
    return;
  }
  if (path == "//instances")
    return;
  const llvm::json::Object *old = before ? before->getAsObject() : nullptr;
  const llvm::json::Object *now = after ? after->getAsObject() : nullptr;
  if (old && now) {
    std::set<std::string> keys;
    for (const auto &[key, value] : *old)
      keys.insert(key.str());
    for (const auto &[key, value] : *now)
      keys.insert(key.str());
    for (const std::string &key : keys)
      compareJson(path.empty() ? key : path + "." + key, old->get(key), now->get(key), out, hash);
    return;
  }
  const llvm::json::Array *oldList = before ? before->getAsArray() : nullptr;
  const llvm::json::Array *newList = after ? after->getAsArray() : nullptr;
  if (oldList && newList && oldList->size() == newList->size()) {
    for (size_t i = 0; i < oldList->size(); ++i)
      compareJson(path + "[" + std::to_string(i) + "]", &(*oldList)[i], &(*newList)[i], out, hash);
    return;
  }
  if (before && after && *before == *after)
    return;
  AttributeDiff diff{path, std::nullopt, std::nullopt};
  if (before)
    diff.before = *before;
  if (after)
    diff.after = *after;
  out.push_back(std::move(diff));
}

std::vector<std::string> without(const std::vector<std::string> &keys,
                                 const std::vector<std::string> &remove) {
  std::set<std::string> drop(remove.begin(), remove.end());
  std::vector<std::string> kept;
  for (const std::string &key : keys)
    if (!drop.count(key))
      kept.push_back(key);
  return kept;
}

std::vector<OciResourceDiff> compareOci(const Snapshot &before, const Snapshot &after,
                                        Delta<std::string> &hash) {
  std::vector<OciResourceDiff> resources;
  matchByKey(
      before.oci, after.oci, [](const OciResource &r) { return r.address; },
      [&](const OciResource *old, const OciResource *now) {
        const OciResource &any = now ? *now : *old;
        OciResourceDiff diff{changeOf(old, now), any.address, any.file, 1, {}, {}, {}};
        std::vector<std::string> oldKeys = instanceKeys(old ? &old->body : nullptr);
        std::vector<std::string> newKeys = instanceKeys(now ? &now->body : nullptr);
        if (!old || !now) {
          const std::vector<std::string> &keys = now ? newKeys : oldKeys;
          if (any.body.getAsObject() && any.body.getAsObject()->get("//instances"))
            diff.instances = keys.size();
          resources.push_back(std::move(diff));
          return;
        }
        compareJson("", &old->body, &now->body, diff.attributes, hash);
        diff.instancesAdded = without(newKeys, oldKeys);
        diff.instancesRemoved = without(oldKeys, newKeys);
        if (!diff.attributes.empty() || !diff.instancesAdded.empty() ||
            !diff.instancesRemoved.empty())
          resources.push_back(std::move(diff));
      });
  // Added first, then changed, then removed, as `terraform plan` reads.
  std::stable_sort(resources.begin(), resources.end(),
                   [](const OciResourceDiff &a, const OciResourceDiff &b) {
                     auto rank = [](Change c) {
                       return c == Change::Added ? 0 : c == Change::Changed ? 1 : 2;
                     };
                     return rank(a.change) < rank(b.change);
                   });
  return resources;
}

// Diagnostics on one side and not the other, matched by code, file and
// message (lines move with any edit above them), as multisets.
void compareDiagnostics(const Snapshot &before, const Snapshot &after, DesignDiff &diff) {
  using Key = std::tuple<std::string, std::string, std::string>;
  auto keyOf = [](const DiagnosticItem &d) {
    return Key{d.id, d.inEntry ? std::string("<entry>") : d.file, d.message};
  };
  auto onlyIn = [&](const std::vector<DiagnosticItem> &side,
                    const std::vector<DiagnosticItem> &other) {
    std::map<Key, size_t> count;
    for (const DiagnosticItem &d : other)
      ++count[keyOf(d)];
    std::vector<DiagnosticItem> only;
    for (const DiagnosticItem &d : side) {
      size_t &left = count[keyOf(d)];
      if (left > 0)
        --left;
      else
        only.push_back(d);
    }
    return only;
  };
  diff.diagnosticsAdded = onlyIn(after.diagnostics, before.diagnostics);
  diff.diagnosticsFixed = onlyIn(before.diagnostics, after.diagnostics);
}

} // namespace

llvm::StringRef changeName(Change change) {
  switch (change) {
  case Change::Added: return "added";
  case Change::Removed: return "removed";
  case Change::Changed: return "changed";
  }
  return "changed";
}

bool SiteDiff::empty() const {
  return change == Change::Changed && !racks.changed() && !gpus.changed() &&
         !itPower.changed() && !peakDemand.changed() && capex.empty() && bom.empty() &&
         milestones.empty();
}

bool DesignDiff::changed() const {
  return beforeBuilt != afterBuilt || currency.changed() || !sites.empty() || !oci.empty() ||
         designHash.changed() || !diagnosticsAdded.empty() || !diagnosticsFixed.empty();
}

std::string DesignDiff::currencyLabel() const {
  std::string now = currency.after.value_or(currency.before.value_or("USD"));
  return currency.changed() && currency.before && currency.after
             ? *currency.before + " → " + now
             : now;
}

DesignDiff compare(const Snapshot &before, const Snapshot &after) {
  DesignDiff diff;
  diff.before = before.label;
  diff.after = after.label;
  diff.beforeBuilt = before.built;
  diff.afterBuilt = after.built;
  compareDiagnostics(before, after, diff);
  // Without figures on a side there is nothing to set against the other's.
  if (!before.built || !after.built)
    return diff;
  diff.currency = {before.currency, after.currency};
  matchByKey(
      before.sites, after.sites, [](const SiteFigures &s) { return s.name; },
      [&](const SiteFigures *old, const SiteFigures *now) {
        SiteDiff site = compareSite(old, now);
        site.sameCurrency = !diff.currency.changed();
        if (!site.empty())
          diff.sites.push_back(std::move(site));
      });
  diff.oci = compareOci(before, after, diff.designHash);
  return diff;
}

} // namespace sgd::diff
