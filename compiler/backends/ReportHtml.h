#ifndef SGD_BACKENDS_REPORTHTML_H
#define SGD_BACKENDS_REPORTHTML_H

#include "backends/Bom.h"
#include "backends/OneLine.h"
#include "schedule/Schedule.h"

namespace sgd::backends {

/// out/report.html, one self-contained page (inline CSS and SVG, no
/// network, a few lines of script to sort the BOM table): per site the
/// summary figures, the diagnostics so far, capex by category, the bill of
/// materials, a floor plan per hall type, the campus and the Gantt chart.
/// Each picture is also written on its own: plan-HALL.svg, campus.svg,
/// gantt.svg (docs/report.md), from the bill of materials (buildBom), the
/// construction plan (schedule::planDesign) and the single-line diagrams
/// (drawSiteDiagrams) the other outputs were written from.
void emitReport(const BuildInput &input, const Bom &bom, const schedule::Plan &construction,
                const SiteDiagrams &diagrams, OutputSet &outputs,
                const DiagnosticEngine &diagnostics);

} // namespace sgd::backends

#endif
