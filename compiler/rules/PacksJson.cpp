#include "rules/Rules.h"

#include "model/Expansion.h"
#include "model/ModelDump.h"

namespace sgd::rules {

void writePacksJson(const model::Design &design, llvm::ArrayRef<SitePacks> sites,
                    model::ModelForm form, llvm::json::OStream &json) {
  json.attributeArray("rule_packs", [&] {
    model::forEachElementIn(
        design, form, sites.size(), [&](size_t i) { return sites[i].site; },
        [&](size_t index, const std::string &path, uint64_t instances) {
          const SitePacks &site = sites[index];
          json.object([&] {
            json.attribute("site", path);
            if (form == model::ModelForm::Instances)
              json.attribute("instances", static_cast<int64_t>(instances));
            json.attributeArray("packs", [&] {
              for (size_t i = 0; i < site.packs.size(); ++i)
                json.object([&] {
                  const Pack &pack = *site.packs[i];
                  json.attribute("name", pack.name);
                  json.attribute("title", pack.title);
                  json.attribute("version", pack.version);
                  if (pack.effective)
                    json.attribute("effective",
                                   model::formatValue(design, model::Value{*pack.effective}));
                  json.attribute("draft", pack.draft);
                  json.attribute("reason", site.reasons[i]);
                  json.attributeArray("rules", [&] {
                    for (const Rule &rule : pack.rules)
                      json.value(rule.id);
                  });
                });
            });
          });
        });
  });
}

} // namespace sgd::rules
