#include "sema/TemplateCalls.h"

#include "sema/Suggestion.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>

namespace sgd::sema {
namespace {

class TemplateCallChecker {
public:
  TemplateCallChecker(const ModuleGraph &graph, unsigned module, DiagnosticEngine &diagnostics)
      : graph_(graph), diagnostics_(diagnostics) {
    // The templates a call in `module` can name: its own and those of the
    // files it imports by path.
    for (unsigned scope : graph.visibleModules(module)) {
      llvm::StringMap<const ast::TemplateItem *> &table = templates_[scope];
      for (const ast::Item *item : graph.modules[scope].ast->items)
        if (const auto *tmpl = llvm::dyn_cast<ast::TemplateItem>(item))
          table.try_emplace(tmpl->name.text(), tmpl); // duplicates: checkDuplicates
    }
  }

  void checkModule(unsigned module) { checkItems(graph_.modules[module].ast->items, module); }

private:
  const ModuleGraph &graph_;
  DiagnosticEngine &diagnostics_;
  std::map<unsigned, llvm::StringMap<const ast::TemplateItem *>> templates_; // by module

  void checkItems(llvm::ArrayRef<const ast::Item *> items, unsigned module) {
    ast::forEachItemIn(ast::kHoldsInstantiation, items, [&](const ast::Item &item) {
      if (const auto *structure = llvm::dyn_cast<ast::StructureItem>(&item);
          structure && structure->instantiation)
        checkCall(*structure->instantiation, module);
    });
  }

  const ast::TemplateItem *findTemplate(const ast::Identifier &name, unsigned module) {
    std::vector<llvm::StringRef> known;
    for (unsigned scope : graph_.visibleModules(module)) {
      if (auto found = templates_[scope].find(name.text()); found != templates_[scope].end())
        return found->second;
      for (const auto &entry : templates_[scope])
        known.push_back(entry.first());
    }
    Diagnostic &d = diagnostics_.report(DiagCode::E0302, name.range,
                                        "unknown template `" + name.text().str() + "`");
    if (std::optional<std::string> suggestion = closestName(name.text(), known))
      d.note("did you mean `" + *suggestion + "`?");
    return nullptr;
  }

  void checkCall(const ast::Instantiation &call, unsigned module) {
    const ast::TemplateItem *tmpl = findTemplate(call.templateName, module);
    if (!tmpl)
      return;
    llvm::ArrayRef<ast::Parameter> parameters = tmpl->parameters;
    std::vector<const ast::Argument *> given(parameters.size(), nullptr);
    size_t positional = 0;
    bool sawNamed = false;
    // After a bad argument, a "missing" parameter is usually the one it was
    // meant for: reporting it too would be a cascade.
    bool badArgument = false;
    for (const ast::Argument &argument : call.arguments) {
      std::optional<size_t> slot;
      if (!argument.hasName) {
        if (sawNamed) {
          diagnostics_.report(DiagCode::E0313, argument.value->range,
                              "positional arguments must come before named ones");
          badArgument = true;
          continue;
        }
        if (positional >= parameters.size()) {
          diagnostics_
              .report(DiagCode::E0313, argument.value->range,
                      llvm::formatv("template `{0}` takes {1} parameter{2}; this is "
                                    "argument {3}",
                                    tmpl->name.text(), parameters.size(),
                                    parameters.size() == 1 ? "" : "s", positional + 1)
                          .str())
              .note(tmpl->name.range, "template defined here");
          ++positional;
          badArgument = true;
          continue;
        }
        slot = positional++;
      } else {
        sawNamed = true;
        auto found = llvm::find_if(parameters, [&](const ast::Parameter &parameter) {
          return parameter.name.text() == argument.name.text();
        });
        if (found == parameters.end()) {
          std::vector<llvm::StringRef> names;
          for (const ast::Parameter &parameter : parameters)
            names.push_back(parameter.name.text());
          Diagnostic &d = diagnostics_.report(
              DiagCode::E0302, argument.name.range,
              "template `" + tmpl->name.text().str() + "` has no parameter `" +
                  argument.name.text().str() + "`");
          if (std::optional<std::string> suggestion = closestName(argument.name.text(), names))
            d.note("did you mean `" + *suggestion + "`?");
          badArgument = true;
          continue;
        }
        slot = static_cast<size_t>(found - parameters.begin());
      }
      if (const ast::Argument *earlier = given[*slot]) {
        SourceRange at = argument.hasName ? argument.name.range : argument.value->range;
        diagnostics_
            .report(DiagCode::E0301, at,
                    "parameter `" + parameters[*slot].name.text().str() + "` is given twice")
            .note(earlier->hasName ? earlier->name.range : earlier->value->range,
                  "first given here");
        badArgument = true;
        continue;
      }
      given[*slot] = &argument;
    }
    for (size_t i = 0; i < parameters.size() && !badArgument; ++i)
      if (!given[i] && !parameters[i].defaultValue)
        diagnostics_
            .report(DiagCode::E0313, call.range,
                    "missing a value for parameter `" + parameters[i].name.text().str() +
                        "` of template `" + tmpl->name.text().str() + "`")
            .note(parameters[i].name.range, "parameter declared here, without a default");
  }
};

} // namespace

void checkTemplateCalls(const ModuleGraph &graph, unsigned module, DiagnosticEngine &diagnostics) {
  TemplateCallChecker(graph, module, diagnostics).checkModule(module);
}

} // namespace sgd::sema
