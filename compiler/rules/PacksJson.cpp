#include "rules/Rules.h"

namespace sgd::rules {

void writePacksJson(const model::Design &design, llvm::ArrayRef<SitePacks> sites,
                    llvm::json::OStream &json) {
  json.attributeArray("rule_packs", [&] {
    for (const SitePacks &site : sites)
      for (model::Replica replica : design.replicas(site.site))
        json.object([&] {
          json.attribute("site", design.pathOf(replica));
          json.attributeArray("packs", [&] {
            for (size_t i = 0; i < site.packs.size(); ++i)
              json.object([&] {
                const Pack &pack = *site.packs[i];
                json.attribute("name", pack.name);
                json.attribute("title", pack.title);
                json.attribute("reason", site.reasons[i]);
                json.attributeArray("rules", [&] {
                  for (const Rule &rule : pack.rules)
                    json.value(rule.id);
                });
              });
          });
        });
  });
}

} // namespace sgd::rules
