#ifndef SGD_BACKENDS_BACKENDS_H
#define SGD_BACKENDS_BACKENDS_H

#include "backends/OciSettings.h"
#include "backends/OutputSet.h"
#include "base/SourceFiles.h"
#include "checks/DesignAnalysis.h"
#include "cost/Capex.h"
#include "diagnostics/DiagnosticEngine.h"
#include "model/Design.h"
#include "rules/Rules.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <optional>
#include <string>

namespace sgd::backends {

/// A price that `[prices]` of sgd.toml or a `--prices FILE` sets for a
/// catalog entry, replacing its `unit_cost`.
struct PriceOverride {
  units::Rational amount;       // exact, a whole number of cents, not negative
  std::string currency = "USD"; // what it is written in; the BOM converts it
  SourceRange range;            // its key in the TOML file, for diagnostics
};

/// Which backends a build runs: `[outputs]` of sgd.toml. All by default.
struct BackendSelection {
  bool model = true;    // model.json
  bool bom = true;      // bom.csv, bom.json, bom.cdx.json
  bool oci = true;      // oci/*.tf.json, oci-stack.zip
  bool schedule = true; // schedule.xml, schedule.csv, schedule.mmd
  bool oneline = true;  // power.json, oneline-SITE.svg, oneline-SITE.dot
};

/// Settings of a build that come from `sgd.toml` or the command line rather
/// than from the design. Each backend adds the fields it needs.
struct BuildSettings {
  BackendSelection backends;
  // model.json: each replicated node once (instances), or every replica
  // written out (`--expand`).
  model::ModelForm modelForm = model::ModelForm::Instances;
  // Bill of materials (Bom.h).
  std::map<std::string, PriceOverride> prices; // qualified entry name → price
  bool bomDetail = false;   // `--bom-detail`: a line per building and hall, not per site
  cost::CostSettings cost;  // `cost.NAME` of `[prices]`, `[fx]`, `[project] currency`
  bool levelSchedule = false; // `--level`: the schedule's files carry the crew-levelled dates
  std::string designName;   // the project's name, else the entry file's stem
  std::string toolVersion;  // sgdc's version, for the CycloneDX metadata
  // OCI manifests (OciBackend.h): `[oci]` of sgd.toml and the region list.
  OciSettings oci;
};

/// What every backend reads: the checked design, its figures and the settings.
struct BuildInput {
  const model::Design &design;
  const checks::DesignAnalysis &analysis;
  llvm::ArrayRef<rules::SitePacks> rulePacks; // the packs each site is judged by
  const SourceFiles &files;
  const BuildSettings &settings;
};

/// What the capex of the design, or of one site, adds up to.
struct CapexFigures {
  std::string site;                        // its path; "" for the whole design
  cost::CapexTotal capex;                  // by group (docs/costs.md), priced lines only
  std::optional<units::Rational> perMegawatt; // total per MW of IT load, to the cent
  std::optional<units::Rational> facilityPerMegawatt; // facility per MW of IT load
  unsigned unpricedLines = 0;
};

/// The capex of one phase of a site, paid over the schedule.
struct PhaseFigures {
  std::string site;
  unsigned phase = 1;
  units::Rational capex;
  std::optional<units::Rational> perMegawatt;
};

/// Headline figures of a build for its summary; each is set by the backend
/// that computes it, when it succeeds.
struct BuildReport {
  std::string currency = "USD";          // the project currency every amount is in
  std::optional<CapexFigures> capex;     // the BOM's grand total
  std::vector<CapexFigures> siteCapex;   // per site, when the design has several
  std::vector<PhaseFigures> phases;      // per site and phase, from the cash flow
  /// The cash flow's paid capex per year ("2025" → amount), for the summary's curve.
  std::vector<std::pair<std::string, units::Rational>> paidByYear;
  std::optional<std::string> firstPower; // the schedule's first-power date, "2025-06-05"
};

/// model.json, which `sgdc dump model --format json` prints too: the model
/// dump in `form` from `root` ({NoIndex, 0}: the whole design) and, for the whole design,
/// the checks' figures (when the checks ran) and the rule packs of each site.
void writeModelJson(const model::Design &design, const SourceFiles &files,
                    const checks::DesignAnalysis *analysis,
                    llvm::ArrayRef<rules::SitePacks> rulePacks, model::Replica root,
                    model::ModelForm form,
                    llvm::raw_ostream &out);

/// Runs every selected backend into `outputs`, telling `phase` which one
/// starts ("writing the bill of materials"), for a progress display. A
/// backend that finds the design unfit for its output (an OCI site without a
/// region) reports a diagnostic and adds nothing; the caller then writes
/// nothing at all.
void emitAll(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics,
             BuildReport &report, llvm::function_ref<void(llvm::StringRef)> phase);

} // namespace sgd::backends

#endif
