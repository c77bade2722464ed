#ifndef SGD_DIFF_SNAPSHOT_H
#define SGD_DIFF_SNAPSHOT_H

#include "backends/Bom.h"
#include "base/SourceFiles.h"
#include "checks/DesignAnalysis.h"
#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "schedule/Schedule.h"

#include "llvm/Support/JSON.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sgd::diff {

using units::Quantity;
using units::Rational;

/// One bill-of-materials line as a diff sees it: keyed by where it goes and
/// what it is, since line numbers move when a line is added before it.
struct BomItem {
  std::string scope;    // `abilene` (or `abilene.b1.h1` with --bom-detail)
  std::string entry;    // `nvidia.gb200_nvl72`
  std::string category; // `rack`, `ups`, `transformer`, …
  uint64_t quantity = 0;
  std::optional<Rational> unitCost;     // USD, absent when unpriced
  std::optional<Rational> extendedCost; // USD
};

/// A milestone of the schedule and what sets its date.
struct Milestone {
  std::string name;   // `first_power`, `b1.h1.ready`
  int64_t day = 0;    // days since 1970-01-01
  std::string date;   // `2025-06-05`
  /// What sets the date: the lead time of equipment on the driving path
  /// (`lead time of power.xfmr_100mva (128 weeks): ordered 2024-06-01,
  /// delivered 2026-12-04`), else the chain of work it starts from.
  std::string driver;
};

/// The figures of one site (a top-level structure).
struct SiteFigures {
  std::string name;
  uint64_t racks = 0;
  uint64_t gpus = 0;
  Quantity itPower;
  Quantity peakDemand;
  /// Capex by BOM category (priced lines only), in the project currency;
  /// the sum is the total.
  std::map<std::string, Rational> capexByCategory;
  std::vector<BomItem> bom;
  std::vector<Milestone> milestones; // in schedule order
};

/// A resource or data source of the OCI manifests, by its Terraform address.
struct OciResource {
  std::string address; // `oci_core_vcn.abilene`, `data.oci_identity_availability_domains.ads`
  std::string file;    // `oci/network.tf.json`
  llvm::json::Value body = nullptr;
};

/// A diagnostic as the diff compares it: by code (or rule id), file and
/// message, since line numbers move with every edit above them.
struct DiagnosticItem {
  std::string id;       // `W0412`, `DE-ENEFG-PUE`
  std::string severity; // `error`, `warning`, `note`
  std::string file;     // relative to the side's root; `<stdlib>/…` for the standard library
  unsigned line = 0;
  std::string message;
  /// In the side's only entry file: diagnostics there are matched whatever
  /// the file is called (`old.sgd` against `new.sgd`).
  bool inEntry = false;
};

/// Everything a diff compares of one side, read from the analyses' results.
struct Snapshot {
  std::string label; // how the side was named on the command line
  /// Whether the design was checked without errors, so that its figures,
  /// bill of materials, schedule and manifests exist.
  bool built = false;
  std::string currency = "USD";   // the project currency its money is in
  std::vector<SiteFigures> sites; // in design order
  std::vector<OciResource> oci;   // in address order
  std::vector<DiagnosticItem> diagnostics;
};

/// What one side's pipeline produced. Each result may be missing: a design
/// with errors has no model or figures, a design with an error in the
/// schedule has no plan, and so on.
struct SideResults {
  const model::Design *design = nullptr;
  const checks::DesignAnalysis *analysis = nullptr;
  const backends::Bom *bom = nullptr;
  const schedule::Plan *plan = nullptr;
  /// The OCI backend's files (`oci/*.tf.json`), path → contents.
  const std::map<std::string, std::string> *ociFiles = nullptr;
  const SourceFiles *files = nullptr;
  const DiagnosticEngine *diagnostics = nullptr;
  /// The side's folder: file names of diagnostics are made relative to it.
  std::string root;
  /// The display name of the side's entry file when it has only one.
  std::string entryFile;
};

/// Reads the figures a diff compares out of one side's results.
Snapshot takeSnapshot(std::string label, const SideResults &results);

} // namespace sgd::diff

#endif
