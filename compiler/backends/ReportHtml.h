#ifndef SGD_BACKENDS_REPORTHTML_H
#define SGD_BACKENDS_REPORTHTML_H

#include "backends/Backends.h"

namespace sgd::backends {

/// out/report.html, one self-contained page (inline CSS and SVG, no
/// network, a few lines of script to sort the BOM table): per site the
/// summary figures, the diagnostics so far, capex by category, the bill of
/// materials, a floor plan per hall type, the campus and the Gantt chart.
/// Each picture is also written on its own: plan-HALL.svg, campus.svg,
/// gantt.svg (docs/report.md). Nothing when the BOM or the schedule cannot
/// be computed (their backends report why).
void emitReport(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics);

} // namespace sgd::backends

#endif
