#ifndef SGD_DIFF_DESIGNDIFF_H
#define SGD_DIFF_DESIGNDIFF_H

#include "diff/Snapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::diff {

/// Whether something exists on one side only or on both.
enum class Change { Added, Removed, Changed };

llvm::StringRef changeName(Change change); // "added", "removed", "changed"

/// A figure before and after; a side that lacks it has nothing.
template <typename T> struct Delta {
  std::optional<T> before;
  std::optional<T> after;
  bool changed() const { return before != after; }
  friend bool operator==(const Delta &, const Delta &) = default;
};

/// A bill-of-materials line that differs.
struct BomLineDiff {
  Change change;
  std::string scope;
  std::string entry;
  std::string category;
  Delta<uint64_t> quantity;
  Delta<Rational> unitCost;
  Delta<Rational> extendedCost;
};

/// Capex of one BOM category (or of the whole site, category "total").
struct CapexDiff {
  std::string category;
  Delta<Rational> usd; // nothing on a side without priced lines of it
};

/// A milestone whose date or driver differs.
struct MilestoneDiff {
  Change change;
  std::string name;
  Delta<std::string> date;
  /// Calendar days later (negative: earlier) on the new side; both sides
  /// have the milestone.
  std::optional<int64_t> slipDays;
  Delta<std::string> driver;
};

/// A site's differences; `change` says whether it is new, gone or changed.
struct SiteDiff {
  Change change;
  std::string name;
  Delta<uint64_t> racks;
  Delta<uint64_t> gpus;
  Delta<Quantity> itPower;
  Delta<Quantity> peakDemand;
  std::vector<CapexDiff> capex; // categories that differ, then "total" when it does
  std::vector<BomLineDiff> bom;
  std::vector<MilestoneDiff> milestones;
  /// Whether both sides' money is in one currency, so that it subtracts.
  bool sameCurrency = true;

  bool empty() const;
};

/// One attribute of an OCI resource that differs, by its path in the
/// resource's JSON (`shape`, `freeform_tags.hall`, `//instances`).
struct AttributeDiff {
  std::string path;
  std::optional<llvm::json::Value> before;
  std::optional<llvm::json::Value> after;
};

/// An OCI resource added, removed or changed, like a line of `terraform
/// plan`. Resources that stand for one instance per rack (`for_each`) list
/// the instance keys added and removed.
struct OciResourceDiff {
  Change change;
  std::string address;
  std::string file;
  size_t instances = 1; // of an added or removed resource
  std::vector<AttributeDiff> attributes;
  std::vector<std::string> instancesAdded;
  std::vector<std::string> instancesRemoved;
};

/// The diff of two designs.
struct DesignDiff {
  std::string before; // the sides' labels
  std::string after;
  bool beforeBuilt = true; // whether each side's figures exist (no errors)
  bool afterBuilt = true;
  /// The project currency of each side; money is in each side's own.
  Delta<std::string> currency;
  std::vector<SiteDiff> sites; // sites that differ, in the new side's order, removed ones last
  std::vector<OciResourceDiff> oci;
  /// The `design_hash` freeform tag every resource carries, when it changes
  /// (it changes with any change to the design); left out of `oci`.
  Delta<std::string> designHash;
  std::vector<DiagnosticItem> diagnosticsAdded; // on the new side only
  std::vector<DiagnosticItem> diagnosticsFixed; // on the old side only

  /// Whether the two sides differ in anything the diff compares.
  bool changed() const;

  /// How money is labelled: "EUR", or "USD → EUR" when the sides differ.
  std::string currencyLabel() const;
};

/// Compares two snapshots.
DesignDiff compare(const Snapshot &before, const Snapshot &after);

} // namespace sgd::diff

#endif
