#include "rules/PackConstants.h"

#include "sema/Suggestion.h"

namespace sgd::rules {

std::optional<model::Value> PackConstants::resolveName(const ast::NameExpr &name) {
  llvm::StringRef text = name.name().text();
  auto item = items_.find(text);
  if (item != items_.end())
    return valueOf(*item->second);
  Diagnostic &d =
      diagnostics_.report(DiagCode::E0302, name.range, "unknown name `" + text.str() + "`");
  if (std::optional<std::string> best = sema::closestName(text, names()))
    d.note("did you mean `" + *best + "`?");
  return std::nullopt;
}

std::optional<model::Value> PackConstants::valueOf(const ast::ConstItem &item) {
  llvm::StringRef name = item.name.text();
  if (auto done = values_.find(name); done != values_.end())
    return done->second;
  if (!evaluating_.insert(name).second) {
    diagnostics_.report(DiagCode::E0303, item.name.range,
                        "constant `" + name.str() + "` depends on itself");
    values_[name] = std::nullopt;
    return std::nullopt;
  }
  std::optional<model::Value> value = evaluator_.evaluate(*item.value, *this);
  evaluating_.erase(name);
  return values_.try_emplace(name, std::move(value)).first->second;
}

std::vector<llvm::StringRef> PackConstants::names() const {
  std::vector<llvm::StringRef> result;
  for (const auto &entry : items_)
    result.push_back(entry.first());
  return result;
}

} // namespace sgd::rules
