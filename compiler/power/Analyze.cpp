#include "power/Analyses.h"

namespace sgd::power {

PowerFindings analyzePower(const model::Design &design, const PowerGraph &graph,
                           const Demand &demand) {
  PowerFindings findings;
  findings.onSite = energised(graph, Sources::OnSite);
  findings.onSitePoints = findSinglePoints(graph, Sources::OnSite);
  findings.allPoints = findSinglePoints(graph, Sources::All);
  findings.voltages = checkVoltages(graph);
  findings.storage = checkEnergyStorage(design, graph);
  findings.utilities = checkUtilityFeeds(graph, demand);
  findings.compartments = checkCompartments(graph, findings.onSite);
  return findings;
}

} // namespace sgd::power
