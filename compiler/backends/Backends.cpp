#include "backends/Backends.h"

#include "backends/Bom.h"
#include "backends/OciBackend.h"
#include "backends/ReportHtml.h"
#include "backends/OneLine.h"
#include "backends/Schedule.h"
#include "checks/Summary.h"
#include "model/ModelDump.h"

namespace sgd::backends {

void writeModelJson(const model::Design &design, const SourceFiles &files,
                    const checks::DesignAnalysis *analysis,
                    llvm::ArrayRef<rules::SitePacks> rulePacks, model::Replica root,
                    model::ModelForm form, llvm::raw_ostream &out) {
  model::dumpModelJson(design, files, root, form, out, [&](llvm::json::OStream &json) {
    if (!analysis || root.node != model::NoIndex)
      return;
    checks::writeSummaryJson(design, *analysis, form, json);
    rules::writePacksJson(design, rulePacks, form, json);
  });
}

void emitAll(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics,
             BuildReport &report, llvm::function_ref<void(llvm::StringRef)> phase) {
  const BackendSelection &selected = input.settings.backends;
  // The construction plan and the bill of materials feed several outputs
  // (the BOM's cash flow and order-by dates read the plan; report.html reads
  // both), and so do the single-line diagrams (power.json, oneline-SITE.svg,
  // report.html): each is computed once, when first needed.
  // Without the schedule's files and report.html, the BOM's cash flow is
  // the plan's only reader: it takes a replicated site's dates from the
  // first replica (schedule::PlanScope) and reads no text for people
  // (schedule::PlanDetail).
  std::optional<std::optional<schedule::Plan>> plan;
  auto planned = [&]() -> const schedule::Plan * {
    if (!plan)
      plan = selected.schedule
                 ? schedule::planDesign(input.design, input.analysis, diagnostics)
                 : schedule::planDesign(input.design, input.analysis, diagnostics,
                                        schedule::PlanScope::FirstReplicas,
                                        schedule::PlanDetail::Costs);
    return *plan ? &**plan : nullptr;
  };
  std::optional<std::optional<Bom>> bom;
  auto billed = [&]() -> const Bom * {
    if (!bom)
      bom = buildBom(input, planned(), diagnostics);
    return *bom ? &**bom : nullptr;
  };
  std::optional<SiteDiagrams> diagrams;
  auto drawn = [&]() -> const SiteDiagrams & {
    if (!diagrams)
      diagrams = drawSiteDiagrams(input.design, input.analysis.power.graph);
    return *diagrams;
  };
  // The schedule's links, calendar and preorders are part of the design: a
  // build that writes no schedule reports their errors (E0801-E0803, W0804)
  // too, as `sgdc check` does; planned here when the BOM needs the plan.
  if (!selected.schedule) {
    if (selected.bom)
      (void)planned();
    else
      schedule::checkSchedules(input.design, input.analysis, diagnostics);
  }

  // The resolved design with its figures, for tools that read JSON.
  if (selected.model) {
    phase("writing the design model");
    writeModelJson(input.design, input.files, &input.analysis, input.rulePacks, {model::NoIndex, 0},
                   input.settings.modelForm, outputs.open("model.json"));
  }

  // Bills of materials: bom.csv, bom.json, bom.cdx.json.
  if (selected.bom) {
    phase("writing the bill of materials");
    if (const Bom *billOfMaterials = billed())
      emitBom(input, *billOfMaterials, outputs, report);
  }

  // OCI manifests: oci/*.tf.json and the Resource Manager stack oci-stack.zip.
  if (selected.oci) {
    phase("writing the OCI manifests");
    emitOci(input, outputs, diagnostics);
  }

  // Single-line diagrams: oneline-SITE.svg and oneline-SITE.dot.
  if (selected.oneline) {
    phase("drawing the single-line diagrams");
    emitOneLine(input, drawn(), outputs);
  }

  // Construction schedule: schedule.xml (MSPDI), schedule.csv, schedule.mmd.
  if (selected.schedule) {
    phase("scheduling construction");
    if (const schedule::Plan *construction = planned())
      emitSchedule(input, *construction, outputs, report);
  }

  // For people who review the design: report.html with its pictures, from
  // the bill of materials and the schedule; nothing when either cannot be
  // computed (their backends report why).
  if (selected.bom && selected.schedule) {
    phase("drawing the report");
    const Bom *billOfMaterials = billed();
    const schedule::Plan *construction = planned();
    if (billOfMaterials && construction)
      emitReport(input, *billOfMaterials, *construction, drawn(), outputs, diagnostics);
  }
}

} // namespace sgd::backends
