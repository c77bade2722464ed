#include "power/Analyses.h"

#include "model/QuantityMath.h"

namespace sgd::power {
namespace {

using model::below;
using model::ratio;
using model::times;

/// Sources, and the paralleling gear that carries a generator's voltage.
bool isSource(ElementKind kind) {
  return kind == ElementKind::Generator || kind == ElementKind::Bess ||
         kind == ElementKind::ParallelingGear;
}

/// Elements that set the system voltage below them.
bool setsVoltage(ElementKind kind) {
  return kind == ElementKind::Utility || kind == ElementKind::Transformer ||
         kind == ElementKind::Ups || kind == ElementKind::Generator || kind == ElementKind::Bess;
}

/// Within ANSI C84.1 range A of a nominal system voltage: ±5 %.
bool withinRangeA(const Quantity &value, const Quantity &nominal) {
  return !below(value, times(nominal, ratio(95, 100))) &&
         !below(times(nominal, ratio(105, 100)), value);
}

} // namespace

std::vector<VoltageMismatch> checkVoltages(const PowerGraph &graph) {
  size_t n = graph.elements.size();
  // The nominal system voltage at each element's output and the feeder it
  // comes from, in feed order (feeders first). Sources count only where
  // nothing else sets the voltage of a bus: they are checked against it.
  std::vector<const Quantity *> system(n, nullptr);
  std::vector<Index> setter(n, NoIndex); // the element that set the system voltage there
  std::vector<uint32_t> waiting(n);
  std::vector<Index> order;
  for (Index element = 0; element < n; ++element)
    if ((waiting[element] = static_cast<uint32_t>(graph.feeders(element).size())) == 0)
      order.push_back(element);
  std::vector<VoltageMismatch> found;
  auto supplyOf = [&](Index element) -> Index {
    Index fallback = NoIndex;
    for (Index feeder : graph.feeders(element)) {
      if (!system[feeder] || graph.elements[feeder].kind == ElementKind::Storage)
        continue;
      if (!isSource(graph.elements[feeder].kind))
        return feeder;
      if (fallback == NoIndex)
        fallback = feeder;
    }
    return fallback;
  };
  for (size_t next = 0; next < order.size(); ++next) {
    Index element = order[next];
    const Element &e = graph.elements[element];
    Index feeder = supplyOf(element);
    if (feeder != NoIndex && !isSource(e.kind)) {
      const Quantity &nominal = *system[feeder];
      switch (e.kind) {
      case ElementKind::Transformer:
      case ElementKind::Ups:
        if (e.voltageIn && !withinRangeA(*e.voltageIn, nominal))
          found.push_back({element, setter[feeder], nominal, *e.voltageIn,
                           e.kind == ElementKind::Transformer ? "primary" : "input"});
        break;
      case ElementKind::Switchgear:
      case ElementKind::TransferSwitch:
      case ElementKind::Busway:
      case ElementKind::Panel:
      case ElementKind::Connection:
        // Conductors and gear are rated at least for the system voltage.
        if (e.voltageIn && below(*e.voltageIn, times(nominal, ratio(95, 100))))
          found.push_back({element, setter[feeder], nominal, *e.voltageIn, "rated"});
        break;
      default:
        break;
      }
    }
    if (setsVoltage(e.kind) && e.voltageOut) {
      system[element] = e.voltageOut;
      setter[element] = element;
    } else if (feeder != NoIndex) {
      system[element] = system[feeder];
      setter[element] = setter[feeder];
    }
    // Generators land on a bus of their own voltage.
    if (feeder != NoIndex && !isSource(graph.elements[feeder].kind))
      for (Index source : graph.feeders(element))
        if (isSource(graph.elements[source].kind) && system[source] &&
            !withinRangeA(*system[source], *system[feeder])) {
          Index generator = source;
          while (graph.elements[generator].kind == ElementKind::ParallelingGear &&
                 !graph.feeders(generator).empty())
            generator = graph.feeders(generator).front();
          found.push_back({generator, setter[feeder], *system[feeder], *system[source], "output"});
        }
    for (Index fed : graph.feeds(element))
      if (--waiting[fed] == 0)
        order.push_back(fed);
  }
  return found;
}

} // namespace sgd::power
