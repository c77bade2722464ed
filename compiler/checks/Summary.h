#ifndef SGD_CHECKS_SUMMARY_H
#define SGD_CHECKS_SUMMARY_H

#include "checks/DesignAnalysis.h"
#include "model/Expansion.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::checks {

/// "IT load 22.7 MW, peak demand 26.1 MW (PUE 1.15), liquid heat …, air heat
/// …, coolant flow … L/min": the figures of a node, on one line.
std::string figuresLine(const NodeFigures &figures);

/// "ups power.ups_1250kw × 38 (auto, 2N: N = 19 per side) for IT load 22.7 MW
/// at 1250 kW each": an equipment line's count and what it is sized for.
std::string equipmentLine(const model::Design &design, model::Index line,
                          const EquipmentSizing &sizing);

/// `sgdc check --summary`: per site, building and hall the IT load, peak
/// demand (IT × PUE), liquid and air heat, coolant flow, and every equipment
/// line with its count (sized or checked) and what it is sized for; in the
/// instances form a range once, with each replica's figures.
void printSummary(const model::Design &design, const DesignAnalysis &analysis,
                  model::ModelForm form, llvm::raw_ostream &out);

/// The same figures as the `"figures"` member of `sgdc dump model --format json`.
void writeSummaryJson(const model::Design &design, const DesignAnalysis &analysis,
                      model::ModelForm form, llvm::json::OStream &json);

} // namespace sgd::checks

#endif
