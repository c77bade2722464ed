#include "sema/ZoneReferences.h"

#include "sema/Suggestion.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Casting.h"

namespace sgd::sema {
namespace {

void collectZones(llvm::ArrayRef<const ast::Item *> items, llvm::StringSet<> &zones) {
  ast::forEachItemIn(ast::holdsKind(ast::ItemKind::Zone), items, [&](const ast::Item &item) {
    if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(&item))
      zones.insert(zone->name.text());
  });
}

class ZoneChecker {
public:
  explicit ZoneChecker(DiagnosticEngine &diagnostics) : diagnostics_(diagnostics) {}

  void checkFile(const ast::File &file) {
    llvm::StringSet<> fileZones;
    for (const ast::Item *item : file.items)
      if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(item))
        fileZones.insert(zone->name.text());
    for (const ast::Item *item : file.items) {
      if (const auto *zone = llvm::dyn_cast<ast::ZoneItem>(item))
        checkItems(zone->body.items, fileZones);
      const auto *site = llvm::dyn_cast<ast::StructureItem>(item);
      if (!site || site->level != ast::StructureLevel::Site || !site->body)
        continue;
      llvm::StringSet<> siteZones = fileZones;
      collectZones(site->body->items, siteZones);
      checkItems(site->body->items, siteZones);
    }
  }

private:
  DiagnosticEngine &diagnostics_;

  void checkItems(llvm::ArrayRef<const ast::Item *> items, const llvm::StringSet<> &zones) {
    ast::forEachItemIn(ast::holdsKind(ast::ItemKind::Attribute), items, [&](const ast::Item &item) {
      if (const auto *attribute = llvm::dyn_cast<ast::AttributeItem>(&item))
        if (attribute->name.text() == "zone" || attribute->name.text() == "inside")
          if (const auto *name = llvm::dyn_cast<ast::NameExpr>(attribute->value))
            checkZone(name->name(), zones);
    });
  }

  void checkZone(const ast::Identifier &name, const llvm::StringSet<> &zones) {
    if (zones.contains(name.text()))
      return;
    std::vector<llvm::StringRef> known;
    for (const auto &zone : zones)
      known.push_back(zone.getKey());
    Diagnostic &d = diagnostics_.report(DiagCode::E0302, name.range,
                                        "unknown zone `" + name.text().str() + "`");
    if (std::optional<std::string> suggestion = closestName(name.text(), known))
      d.note("did you mean `" + *suggestion + "`?");
    else if (known.empty())
      d.note("no zone is declared here; declare it with `zone " + name.text().str() +
             " { class = ...; }`");
  }
};

} // namespace

void checkZoneReferences(const ast::File &file, DiagnosticEngine &diagnostics) {
  ZoneChecker(diagnostics).checkFile(file);
}

} // namespace sgd::sema
