// `sgdc diff --format json`: the diff for programs. Money is an exact
// decimal string in each side's project currency (`currency`), power an
// exact decimal string in W, so nothing is rounded through a float.

#include "diff/DiffRows.h"
#include "diff/Render.h"

#include "backends/Bom.h"
#include "units/Decimal.h"

namespace sgd::diff {
namespace {

using llvm::json::OStream;

template <typename T, typename Write>
void writeDelta(OStream &json, llvm::StringRef name, const Delta<T> &delta, Write write) {
  json.attributeObject(name, [&] {
    json.attributeBegin("before");
    delta.before ? write(*delta.before) : json.value(nullptr);
    json.attributeEnd();
    json.attributeBegin("after");
    delta.after ? write(*delta.after) : json.value(nullptr);
    json.attributeEnd();
  });
}

void writeCount(OStream &json, llvm::StringRef name, const Delta<uint64_t> &delta) {
  writeDelta(json, name, delta, [&](uint64_t n) { json.value(static_cast<int64_t>(n)); });
}

void writeUsd(OStream &json, llvm::StringRef name, const Delta<Rational> &delta) {
  writeDelta(json, name, delta, [&](const Rational &usd) { json.value(backends::formatMoney(usd)); });
}

void writeWatts(OStream &json, llvm::StringRef name, const Delta<Quantity> &delta) {
  writeDelta(json, name, delta,
             [&](const Quantity &watts) { json.value(units::formatDecimal(watts.value)); });
}

void writeText(OStream &json, llvm::StringRef name, const Delta<std::string> &delta) {
  writeDelta(json, name, delta, [&](const std::string &text) { json.value(text); });
}

void writeSite(OStream &json, const SiteDiff &site) {
  json.object([&] {
    json.attribute("name", site.name);
    json.attribute("change", changeName(site.change));
    writeCount(json, "racks", site.racks);
    writeCount(json, "gpus", site.gpus);
    writeWatts(json, "it_load_w", site.itPower);
    writeWatts(json, "peak_demand_w", site.peakDemand);
    json.attributeArray("capex", [&] {
      for (const CapexDiff &capex : site.capex)
        json.object([&] {
          json.attribute("category", capex.category);
          writeUsd(json, "usd", capex.usd);
        });
    });
    json.attributeArray("bom", [&] {
      for (const BomLineDiff &line : site.bom)
        json.object([&] {
          json.attribute("change", changeName(line.change));
          json.attribute("scope", line.scope);
          json.attribute("entry", line.entry);
          json.attribute("category", line.category);
          writeCount(json, "quantity", line.quantity);
          writeUsd(json, "unit_cost_usd", line.unitCost);
          writeUsd(json, "cost_usd", line.extendedCost);
        });
    });
    json.attributeArray("milestones", [&] {
      for (const MilestoneDiff &milestone : site.milestones)
        json.object([&] {
          json.attribute("change", changeName(milestone.change));
          json.attribute("name", milestone.name);
          writeText(json, "date", milestone.date);
          json.attribute("slip_days", milestone.slipDays ? llvm::json::Value(*milestone.slipDays)
                                                         : nullptr);
          writeText(json, "driver", milestone.driver);
        });
    });
  });
}

void writeOci(OStream &json, const DesignDiff &diff) {
  json.attributeObject("oci", [&] {
    OciCounts counts = ociCounts(diff);
    json.attribute("add", static_cast<int64_t>(counts.add));
    json.attribute("change", static_cast<int64_t>(counts.change));
    json.attribute("destroy", static_cast<int64_t>(counts.destroy));
    writeText(json, "design_hash", diff.designHash);
    json.attributeArray("resources", [&] {
      for (const OciResourceDiff &resource : diff.oci)
        json.object([&] {
          json.attribute("change", changeName(resource.change));
          json.attribute("address", resource.address);
          json.attribute("file", resource.file);
          json.attribute("instances", static_cast<int64_t>(resource.instances));
          json.attributeArray("attributes", [&] {
            for (const AttributeDiff &attribute : resource.attributes)
              json.object([&] {
                json.attribute("path", attribute.path);
                json.attribute("before", attribute.before ? *attribute.before : nullptr);
                json.attribute("after", attribute.after ? *attribute.after : nullptr);
              });
          });
          json.attributeArray("instances_added", [&] {
            for (const std::string &key : resource.instancesAdded)
              json.value(key);
          });
          json.attributeArray("instances_removed", [&] {
            for (const std::string &key : resource.instancesRemoved)
              json.value(key);
          });
        });
    });
  });
}

void writeDiagnostics(OStream &json, llvm::StringRef name, const std::vector<DiagnosticItem> &items) {
  json.attributeArray(name, [&] {
    for (const DiagnosticItem &item : items)
      json.object([&] {
        json.attribute("id", item.id);
        json.attribute("severity", item.severity);
        json.attribute("file", item.file.empty() ? llvm::json::Value(nullptr) : item.file);
        json.attribute("line", item.line ? llvm::json::Value(static_cast<int64_t>(item.line))
                                         : nullptr);
        json.attribute("message", item.message);
      });
  });
}

} // namespace

void printJson(const DesignDiff &diff, llvm::raw_ostream &out) {
  OStream json(out, 2);
  json.object([&] {
    json.attribute("before", diff.before);
    json.attribute("after", diff.after);
    json.attribute("changed", diff.changed());
    json.attribute("before_built", diff.beforeBuilt);
    json.attribute("after_built", diff.afterBuilt);
    writeText(json, "currency", diff.currency);
    json.attributeArray("sites", [&] {
      for (const SiteDiff &site : diff.sites)
        writeSite(json, site);
    });
    writeOci(json, diff);
    json.attributeObject("diagnostics", [&] {
      writeDiagnostics(json, "added", diff.diagnosticsAdded);
      writeDiagnostics(json, "fixed", diff.diagnosticsFixed);
    });
  });
  out << "\n";
}

} // namespace sgd::diff
