// Evaluating rules: values over the model (elements, their attributes and
// the derived figures), aggregates, and the explanation of a broken rule.
#include "rules/Rules.h"

#include "model/Aggregates.h"
#include "model/NodeScope.h"
#include "sema/AttributeSchema.h"
#include "sema/Suggestion.h"
#include "units/Decimal.h"
#include "units/QuantityFormat.h"
#include "units/UnitError.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <variant>

namespace sgd::rules {
namespace {

using model::Index;
using model::NoIndex;
using units::Quantity;

struct Element {
  enum class Kind : uint8_t { Node, Rack, Zone, Equipment, Entry, Block };
  Kind kind;
  Index index;
  friend bool operator==(const Element &, const Element &) = default;
};

struct RValue;
using RList = std::vector<RValue>;
/// A value the design does not state (an optional attribute left out).
struct Missing {
  friend bool operator==(const Missing &, const Missing &) = default;
};

struct RValue {
  RValue() = default;
  template <typename T>
    requires(!std::is_same_v<std::decay_t<T>, RValue>)
  RValue(T value, SourceRange origin = {}) : data(std::move(value)), origin(origin) {}

  std::variant<Missing, Quantity, bool, std::string, model::Date, Element, RList> data;
  SourceRange origin;       // where the design states the value, when it does
  uint64_t weight = 1;      // elements a list entry stands for (a run of racks)
  std::string missingWhat;  // for Missing: what is not set

  const Quantity *quantity() const { return std::get_if<Quantity>(&data); }
  const bool *truth() const { return std::get_if<bool>(&data); }
  const std::string *text() const { return std::get_if<std::string>(&data); }
  const Element *element() const { return std::get_if<Element>(&data); }
  const RList *list() const { return std::get_if<RList>(&data); }
  const model::Date *date() const { return std::get_if<model::Date>(&data); }
  bool isMissing() const { return std::holds_alternative<Missing>(data); }
  friend bool operator==(const RValue &a, const RValue &b) { return a.data == b.data; }
};

RValue missing(std::string what) {
  RValue value{Missing{}};
  value.missingWhat = std::move(what);
  return value;
}

Quantity number(uint64_t n) {
  return Quantity{units::Rational(static_cast<int64_t>(n)), units::dimensions::Ratio};
}

std::string kindNoun(const RValue &value) {
  switch (value.data.index()) {
  case 0: return "an unset value";
  case 1: return units::describe(*value.quantity());
  case 2: return "a truth value";
  case 3: return "a string";
  case 4: return "a date";
  case 5: return "an element of the design";
  default: return "a list";
  }
}

class Evaluator {
public:
  Evaluator(const model::Design &design, const checks::DesignAnalysis &analysis,
            const SourceFiles &files, DiagnosticEngine &diagnostics, const Pack &pack)
      : design_(design), analysis_(analysis), files_(files), diagnostics_(diagnostics),
        pack_(pack) {}

  std::vector<std::pair<llvm::StringRef, RValue>> bindings;

  RValue elementValue(Element element) const {
    RValue value{element, rangeOf(element)};
    return value;
  }

  SourceRange rangeOf(Element element) const {
    switch (element.kind) {
    case Element::Kind::Node: return design_.nodes[element.index].range;
    case Element::Kind::Rack: return design_.rackRuns[element.index].range;
    case Element::Kind::Zone: return design_.zones[element.index].range;
    case Element::Kind::Equipment: return design_.equipment[element.index].range;
    case Element::Kind::Entry: return design_.catalog[element.index].range;
    case Element::Kind::Block: return design_.blocks[element.index].range;
    }
    return {};
  }

  std::string describeElement(Element element) const {
    switch (element.kind) {
    case Element::Kind::Node:
      return model::levelName(design_.nodes[element.index].level).str() + " " +
             design_.runPath(element.index);
    case Element::Kind::Rack: {
      const model::RackRun &run = design_.rackRuns[element.index];
      return "rack " + design_.runPath(run.parent) + "." + run.name.str() +
             (run.numbered ? "[" + std::to_string(run.first) + ".." +
                                 std::to_string(run.first + run.count - 1) + "]"
                           : "");
    }
    case Element::Kind::Zone: return "zone " + design_.zones[element.index].name.str();
    case Element::Kind::Equipment: {
      const model::EquipmentGroup &group = design_.equipment[element.index];
      return group.kind.str() + " " + design_.catalog[group.entry].qualifiedName.str();
    }
    case Element::Kind::Entry: return design_.catalog[element.index].qualifiedName.str();
    case Element::Kind::Block: {
      const model::Block &block = design_.blocks[element.index];
      return block.kind.str() + (block.name.empty() ? "" : " " + block.name.str());
    }
    }
    return "";
  }

  /// The first number with a unit in `expr` (`10 %` in `if … then 20 % else
  /// 10 %`): values compared with it are shown in its unit.
  static const ast::NumberExpr *unitLiteral(const ast::Expr *expr) {
    if (!expr)
      return nullptr;
    if (const auto *number = llvm::dyn_cast<ast::NumberExpr>(expr))
      return number->unit.empty() ? nullptr : number;
    if (const auto *binary = llvm::dyn_cast<ast::BinaryExpr>(expr)) {
      const ast::NumberExpr *found = unitLiteral(binary->lhs);
      return found ? found : unitLiteral(binary->rhs);
    }
    if (const auto *conditional = llvm::dyn_cast<ast::IfExpr>(expr)) {
      const ast::NumberExpr *found = unitLiteral(conditional->thenValue);
      return found ? found : unitLiteral(conditional->elseValue);
    }
    if (const auto *unary = llvm::dyn_cast<ast::UnaryExpr>(expr))
      return unitLiteral(unary->operand);
    return nullptr;
  }

  std::string show(const RValue &value, const ast::Expr *hint = nullptr,
                   const ast::Expr *otherHint = nullptr) const {
    if (hint && !unitLiteral(hint))
      hint = otherHint;
    if (value.isMissing())
      return "not set";
    if (const Quantity *quantity = value.quantity()) {
      if (const ast::NumberExpr *literal = unitLiteral(hint)) {
        if (llvm::Expected<std::string> text = units::formatIn(*quantity, literal->unit))
          return *text;
        else
          llvm::consumeError(text.takeError());
      }
      return units::format(*quantity);
    }
    if (const bool *truth = value.truth())
      return *truth ? "true" : "false";
    if (const std::string *text = value.text())
      return "\"" + *text + "\"";
    if (const model::Date *date = value.date())
      return llvm::formatv("{0:04}-{1:02}-{2:02}", date->year, date->month, date->day).str();
    if (const Element *element = value.element())
      return describeElement(*element);
    std::string text = "[";
    for (const RValue &entry : *value.list())
      text += (text.size() > 1 ? ", " : "") + show(entry);
    return text + "]";
  }

  llvm::StringRef sourceText(const ast::Expr &expr) const {
    return files_.text(expr.range.file).slice(expr.range.begin, expr.range.end);
  }

  std::optional<RValue> fail(DiagCode code, SourceRange at, std::string message) {
    diagnostics_.report(code, at, std::move(message));
    return std::nullopt;
  }

  // --- Evaluation ------------------------------------------------------------

  std::optional<RValue> eval(const ast::Expr &expr) {
    using llvm::cast;
    switch (expr.kind) {
    case ast::ExprKind::Number: {
      const auto &literal = cast<ast::NumberExpr>(expr);
      llvm::Expected<Quantity> quantity = units::parseQuantity(literal.spelling, literal.unit);
      if (!quantity)
        return fail(DiagCode::E0506, expr.range, llvm::toString(quantity.takeError()));
      return RValue{*quantity};
    }
    case ast::ExprKind::String: return RValue{cast<ast::StringExpr>(expr).value.str()};
    case ast::ExprKind::Date: {
      const auto &date = cast<ast::DateExpr>(expr);
      return RValue{model::Date{date.year, date.month, date.day}};
    }
    case ast::ExprKind::Bool: return RValue{cast<ast::BoolExpr>(expr).value};
    case ast::ExprKind::Name: return evalName(cast<ast::NameExpr>(expr));
    case ast::ExprKind::List: {
      RList elements;
      for (const ast::Expr *element : cast<ast::ListExpr>(expr).elements) {
        std::optional<RValue> value = eval(*element);
        if (!value)
          return std::nullopt;
        elements.push_back(std::move(*value));
      }
      return RValue{std::move(elements)};
    }
    case ast::ExprKind::Member: {
      const auto &member = cast<ast::MemberExpr>(expr);
      std::optional<RValue> base = eval(*member.base);
      if (!base)
        return std::nullopt;
      return memberOf(*base, member.member, sourceText(expr));
    }
    case ast::ExprKind::Call: return evalCall(cast<ast::CallExpr>(expr));
    case ast::ExprKind::Index: {
      const auto &index = cast<ast::IndexExpr>(expr);
      std::optional<RValue> base = eval(*index.base);
      std::optional<RValue> at = base ? eval(*index.index) : std::nullopt;
      if (!at)
        return std::nullopt;
      const Quantity *position = at->quantity();
      if (!base->list() || !position || position->value.denominator() != 1 ||
          position->value.isNegative())
        return fail(DiagCode::E0506, expr.range,
                    "indexing needs a list and a whole number from 0; this is " +
                        kindNoun(*base) + " and " + kindNoun(*at));
      auto n = static_cast<size_t>(position->value.numerator());
      if (n >= base->list()->size())
        return missing("`" + sourceText(expr).str() + "` (the list has " +
                       std::to_string(base->list()->size()) + " elements)");
      return (*base->list())[n];
    }
    case ast::ExprKind::Unary: {
      const auto &unary = cast<ast::UnaryExpr>(expr);
      std::optional<RValue> operand = eval(*unary.operand);
      if (!operand)
        return std::nullopt;
      if (operand->isMissing())
        return operand;
      if (unary.op == ast::UnaryOp::Negate && operand->quantity())
        return RValue{units::negate(*operand->quantity()), operand->origin};
      if (unary.op == ast::UnaryOp::Not && operand->truth())
        return RValue{!*operand->truth(), operand->origin};
      return fail(DiagCode::E0506, expr.range,
                  std::string(unary.op == ast::UnaryOp::Negate ? "cannot negate "
                                                               : "`not` needs a truth value, not ") +
                      kindNoun(*operand));
    }
    case ast::ExprKind::Binary: return evalBinary(cast<ast::BinaryExpr>(expr));
    case ast::ExprKind::If: {
      const auto &conditional = cast<ast::IfExpr>(expr);
      std::optional<RValue> condition = eval(*conditional.condition);
      if (!condition)
        return std::nullopt;
      if (condition->isMissing())
        return condition;
      if (!condition->truth())
        return fail(DiagCode::E0506, conditional.condition->range,
                    "the condition of `if` must be a truth value, not " + kindNoun(*condition));
      return eval(*condition->truth() ? *conditional.thenValue : *conditional.elseValue);
    }
    case ast::ExprKind::Lambda:
      return fail(DiagCode::E0506, expr.range,
                  "a lambda is an argument of an aggregate (`all(site.halls, h => …)`) or "
                  "the right side of `where`, not a value");
    }
    return std::nullopt;
  }

  std::optional<RValue> evalName(const ast::NameExpr &name) {
    llvm::StringRef text = name.name.text;
    for (auto it = bindings.rbegin(); it != bindings.rend(); ++it)
      if (it->first == text)
        return it->second;
    for (auto it = implicit_.rbegin(); it != implicit_.rend(); ++it) {
      bool known = false;
      std::optional<RValue> value = lookupMember(*it, text, text, known);
      if (known)
        return value;
    }
    if (auto constant = pack_.constants.find(text); constant != pack_.constants.end()) {
      if (auto cached = constants_.find(text); cached != constants_.end())
        return cached->second;
      if (!evaluating_.insert(text).second)
        return fail(DiagCode::E0506, name.range,
                    "the constant `" + text.str() + "` is defined in terms of itself");
      std::optional<RValue> value = eval(*constant->second->value);
      evaluating_.erase(text);
      if (value)
        constants_[text] = *value;
      return value;
    }
    std::vector<llvm::StringRef> candidates;
    for (const auto &binding : bindings)
      candidates.push_back(binding.first);
    for (const auto &constant : pack_.constants)
      candidates.push_back(constant.first());
    Diagnostic &d = diagnostics_.report(
        DiagCode::E0505, name.range,
        "unknown name `" + text.str() + "` in a rule: a rule names its scope (`site`, `hall`, "
        "…), `site`, lambda parameters and the constants of its pack");
    if (std::optional<std::string> best = sema::closestName(text, candidates))
      d.note("did you mean `" + *best + "`?");
    return std::nullopt;
  }

  /// `base.name`: a member of an element; mapped over a list (lists of
  /// lists flatten); unset stays unset.
  std::optional<RValue> memberOf(const RValue &base, const ast::Identifier &name,
                                 llvm::StringRef written) {
    if (base.isMissing())
      return base;
    if (const RList *list = base.list()) {
      RList result;
      for (const RValue &entry : *list) {
        std::optional<RValue> value = memberOf(entry, name, written);
        if (!value)
          return std::nullopt;
        if (const RList *inner = value->list())
          for (RValue nested : *inner) {
            nested.weight *= entry.weight;
            result.push_back(std::move(nested));
          }
        else if (!value->isMissing()) {
          value->weight = entry.weight;
          result.push_back(std::move(*value));
        }
      }
      return RValue{std::move(result)};
    }
    bool known = false;
    std::optional<RValue> value = lookupMember(base, name.text, written, known);
    if (known)
      return value;
    return fail(DiagCode::E0505, name.range,
                (base.element() ? describeElement(*base.element()) : kindNoun(base)) +
                    " has no member `" + name.text.str() + "`");
  }

  std::optional<RValue> fromModel(const model::Value &value, SourceRange origin) {
    RValue result;
    result.origin = origin;
    std::visit(
        [&](const auto &data) {
          using T = std::decay_t<decltype(data)>;
          if constexpr (std::is_same_v<T, model::ValueList>) {
            RList list;
            for (const model::Value &entry : data)
              if (std::optional<RValue> converted = fromModel(entry, origin))
                list.push_back(std::move(*converted));
            result.data = std::move(list);
          } else if constexpr (std::is_same_v<T, model::Reference>) {
            Element::Kind kind = data.kind == model::Reference::Kind::CatalogEntry
                                     ? Element::Kind::Entry
                                 : data.kind == model::Reference::Kind::Zone
                                     ? Element::Kind::Zone
                                     : Element::Kind::Block;
            result.data = Element{kind, data.index};
          } else if constexpr (std::is_same_v<T, model::Symbol>) {
            result.data = data.name;
          } else {
            result.data = data;
          }
        },
        value.data);
    return result;
  }

  /// The property `name` of an element of schema owner `owner`; `known`
  /// when the owner has such an attribute (unset is then Missing).
  std::optional<RValue> property(model::PropertySpan span, llvm::StringRef owner,
                                 llvm::StringRef name, llvm::StringRef written, bool &known) {
    for (const model::Property &property : design_.propertiesOf(span))
      if (property.name == name) {
        known = true;
        return fromModel(property.value, property.range);
      }
    if (sema::findAttribute(owner, name)) {
      known = true;
      return missing("`" + written.str() + "`");
    }
    return std::nullopt;
  }

  RValue listOf(std::vector<Element> elements, std::vector<uint64_t> weights = {}) {
    RList list;
    for (size_t i = 0; i < elements.size(); ++i) {
      RValue value = elementValue(elements[i]);
      if (!weights.empty())
        value.weight = weights[i];
      list.push_back(std::move(value));
    }
    return RValue{std::move(list)};
  }

  Index zoneOf(Index node) const {
    for (Index at = node; at != NoIndex; at = design_.nodes[at].parent)
      if (design_.nodes[at].zone != NoIndex)
        return design_.nodes[at].zone;
    return NoIndex;
  }

  std::optional<RValue> lookupMember(const RValue &base, llvm::StringRef name,
                                     llvm::StringRef written, bool &known) {
    const Element *element = base.element();
    if (!element)
      return std::nullopt;
    known = true;
    switch (element->kind) {
    case Element::Kind::Node: return nodeMember(element->index, name, written, known);
    case Element::Kind::Rack: {
      const model::RackRun &run = design_.rackRuns[element->index];
      if (name == "name") return RValue{run.name.str()};
      if (name == "type") return elementValue({Element::Kind::Entry, run.rackType});
      if (name == "count") return RValue{number(run.count)};
      known = false;
      if (std::optional<RValue> value = property(run.properties, "rack", name, written, known))
        return value;
      return property(design_.catalog[run.rackType].properties, "rack_type", name, written,
                      known);
    }
    case Element::Kind::Zone: {
      const model::Zone &zone = design_.zones[element->index];
      if (name == "name") return RValue{zone.name.str()};
      if (name == "halls") {
        // Only halls of the zone's site can be in a site's zone; a zone at
        // the top level may have halls anywhere.
        Index first = zone.node == NoIndex ? 0 : zone.node;
        Index end = zone.node == NoIndex ? static_cast<Index>(design_.nodes.size())
                                         : design_.nodes[zone.node].subtreeEnd;
        std::vector<Element> halls;
        std::vector<uint64_t> replicas;
        for (Index node = first; node < end; ++node)
          if (design_.nodes[node].level == model::Level::Hall && zoneOf(node) == element->index) {
            halls.push_back({Element::Kind::Node, node});
            replicas.push_back(design_.replicasWithin(node, zone.node));
          }
        return listOf(halls, replicas);
      }
      known = false;
      return property(zone.properties, "zone", name, written, known);
    }
    case Element::Kind::Equipment: {
      const model::EquipmentGroup &group = design_.equipment[element->index];
      const checks::EquipmentSizing &sizing = analysis_.equipment[element->index];
      if (name == "kind") return RValue{group.kind.str()};
      if (name == "count") return RValue{number(sizing.installed), group.countRange};
      if (name == "required") return RValue{number(sizing.required)};
      if (name == "load") return RValue{sizing.load};
      if (name == "entry") return elementValue({Element::Kind::Entry, group.entry});
      if (name == "zone")
        return group.zone == NoIndex ? missing("`" + written.str() + "`")
                                     : elementValue({Element::Kind::Zone, group.zone});
      known = false;
      if (std::optional<RValue> value =
              property(group.properties, "equipment", name, written, known))
        return value;
      const model::CatalogEntry &entry = design_.catalog[group.entry];
      return property(entry.properties, entry.kind, name, written, known);
    }
    case Element::Kind::Entry: {
      const model::CatalogEntry &entry = design_.catalog[element->index];
      if (name == "name") return RValue{entry.qualifiedName.str()};
      if (name == "kind") return RValue{entry.kind.str()};
      known = false;
      return property(entry.properties, entry.kind, name, written, known);
    }
    case Element::Kind::Block: {
      const model::Block &block = design_.blocks[element->index];
      if (name == "name") return RValue{block.name.str()};
      if (name == "kind") return RValue{block.kind.str()};
      known = false;
      return property(block.properties, block.kind, name, written, known);
    }
    }
    known = false;
    return std::nullopt;
  }

  std::optional<RValue> nodeMember(Index index, llvm::StringRef name, llvm::StringRef written,
                                   bool &known) {
    const model::Node &node = design_.nodes[index];
    const checks::NodeFigures &figures = analysis_.nodes[index];
    // Each list entry stands for its replicas in one replica of this node.
    auto nodesAt = [&](model::Level level) {
      std::vector<Element> result;
      std::vector<uint64_t> replicas;
      for (Index at = index + 1; at < node.subtreeEnd; ++at)
        if (design_.nodes[at].level == level) {
          result.push_back({Element::Kind::Node, at});
          replicas.push_back(design_.replicasWithin(at, index));
        }
      return listOf(result, replicas);
    };
    auto ancestor = [&](model::Level level) -> RValue {
      for (Index at = index; at != NoIndex; at = design_.nodes[at].parent)
        if (design_.nodes[at].level == level)
          return elementValue({Element::Kind::Node, at});
      return missing("`" + written.str() + "`");
    };
    if (name == "name")
      return RValue{design_.runName(index)};
    if (name == "path")
      return RValue{design_.runPath(index)};
    if (name == "level") return RValue{model::levelName(node.level).str()};
    if (name == "it_load" || name == "it_power") return RValue{figures.itPower};
    if (name == "peak_demand" || name == "facility_load") return RValue{figures.peakDemand};
    if (name == "pue") {
      const model::Value *written_ = nullptr;
      SourceRange origin;
      for (Index at = index; at != NoIndex && !written_; at = design_.nodes[at].parent)
        for (const model::Property &property : design_.propertiesOf(design_.nodes[at].properties))
          if (property.name == "pue_design") {
            written_ = &property.value;
            origin = property.range;
          }
      return RValue{figures.pue, origin};
    }
    if (name == "liquid_heat") return RValue{figures.liquidHeat};
    if (name == "air_heat") return RValue{figures.airHeat};
    if (name == "coolant_flow") return RValue{figures.coolantFlow};
    if (name == "pue_peak") return RValue{figures.pue};
    if (name == "mechanical_load") return RValue{figures.mechanicalLoad};
    // The energy model's figures of the node's site (compiler/thermal/): the
    // annual PUE the laws judge, the year's energy and water.
    const thermal::SiteEnergy *site = analysis_.thermal.siteOf(design_, index);
    if (name == "pue_annual" && site) {
      // Point at what the figure came from: the measured PUE, else the
      // climate the annual figure was computed with, else the stated one.
      llvm::StringRef attribute = site->measured.valid() ? "pue_measured"
                                  : site->modelled()     ? "climate"
                                                         : "pue_design";
      SourceRange origin;
      if (const model::Property *stated =
              design_.findProperty(design_.nodes[site->site].properties, attribute))
        origin = stated->range;
      return RValue{site->judgedPue().in(units::dimensions::Ratio), origin};
    }
    if (name == "annual_energy") {
      if (site && site->modelled() && site->site == index)
        return RValue{site->annualEnergy.in(units::dimensions::Energy)};
      llvm::Expected<Quantity> energy = units::multiply(
          figures.peakDemand, Quantity{units::Rational(8760 * 3600), units::dimensions::Duration});
      if (!energy)
        return fail(DiagCode::E0506, node.range, llvm::toString(energy.takeError()));
      return RValue{*energy};
    }
    if (name == "water_use" && site)
      return RValue{(site->water / thermal::Exact(1000)).in(units::dimensions::Volume)};
    if (name == "wue" && site) return RValue{site->wue().in(units::dimensions::FlowPerPower)};
    if (name == "rack_count" || name == "gpus") {
      model::RackTotals totals = model::rackTotals(design_, index);
      return RValue{number(name == "gpus" ? totals.gpus : totals.racks)};
    }
    if (name == "racks") {
      std::vector<Element> runs;
      std::vector<uint64_t> weights;
      for (Index run = node.firstRackRun; run < node.rackRunEnd; ++run) {
        const model::RackRun &racks = design_.rackRuns[run];
        runs.push_back({Element::Kind::Rack, run});
        weights.push_back(uint64_t{racks.count} * design_.replicasWithin(racks.parent, index));
      }
      return listOf(runs, weights);
    }
    if (name == "buildings") return nodesAt(model::Level::Building);
    if (name == "halls") return nodesAt(model::Level::Hall);
    if (name == "rows") return nodesAt(model::Level::Row);
    if (name == "site") return ancestor(model::Level::Site);
    if (name == "building") return ancestor(model::Level::Building);
    if (name == "zones") {
      std::vector<Element> zones;
      for (Index zone = 0; zone < design_.zones.size(); ++zone)
        if (design_.zones[zone].node == index ||
            (design_.zones[zone].node == NoIndex && node.level == model::Level::Site))
          zones.push_back({Element::Kind::Zone, zone});
      return listOf(zones);
    }
    if (name == "zone") {
      Index zone = zoneOf(index);
      return zone == NoIndex ? missing("`" + written.str() + "`")
                             : elementValue({Element::Kind::Zone, zone});
    }
    if (name == "equipment") {
      std::vector<Element> groups;
      std::vector<uint64_t> replicas;
      for (Index group = 0; group < design_.equipment.size(); ++group) {
        Index at = design_.equipment[group].node;
        if (at != NoIndex && at >= index && at < node.subtreeEnd) {
          groups.push_back({Element::Kind::Equipment, group});
          replicas.push_back(design_.replicasWithin(at, index));
        }
      }
      return listOf(groups, replicas);
    }
    known = false;
    return property(node.properties, model::levelName(node.level), name, written, known);
  }

  std::optional<RValue> evalBinary(const ast::BinaryExpr &binary) {
    if (binary.op == ast::BinaryOp::Where)
      return evalWhere(binary);
    std::optional<RValue> lhs = eval(*binary.lhs);
    if (!lhs)
      return std::nullopt;
    // `and` and `or` decide on one side when they can.
    if (binary.op == ast::BinaryOp::And || binary.op == ast::BinaryOp::Or) {
      bool isAnd = binary.op == ast::BinaryOp::And;
      if (lhs->truth() && *lhs->truth() != isAnd)
        return lhs;
      std::optional<RValue> rhs = eval(*binary.rhs);
      if (!rhs)
        return std::nullopt;
      if ((!lhs->truth() && !lhs->isMissing()) || (!rhs->truth() && !rhs->isMissing()))
        return fail(DiagCode::E0506, binary.range,
                    "`" + ast::spelling(binary.op).str() + "` needs truth values, not " +
                        kindNoun(*lhs) + " and " + kindNoun(*rhs));
      if (rhs->truth() && *rhs->truth() != isAnd)
        return rhs;
      if (lhs->isMissing())
        return lhs;
      return rhs;
    }
    std::optional<RValue> rhs = eval(*binary.rhs);
    if (!rhs)
      return std::nullopt;
    SourceRange origin = lhs->origin.isValid() ? lhs->origin : rhs->origin;
    if (lhs->isMissing())
      return lhs;
    if (rhs->isMissing())
      return rhs;
    const Quantity *left = lhs->quantity();
    const Quantity *right = rhs->quantity();
    auto mismatch = [&](llvm::StringRef what) {
      return fail(DiagCode::E0506, binary.range,
                  (what + " " + kindNoun(*lhs) + " and " + kindNoun(*rhs)).str());
    };
    auto quantityResult = [&](llvm::Expected<Quantity> result) -> std::optional<RValue> {
      if (!result)
        return fail(DiagCode::E0506, binary.range, llvm::toString(result.takeError()));
      return RValue{*result, origin};
    };
    switch (binary.op) {
    case ast::BinaryOp::Add:
    case ast::BinaryOp::Subtract:
    case ast::BinaryOp::Multiply:
    case ast::BinaryOp::Divide:
      if (!left || !right)
        return mismatch("cannot compute `" + ast::spelling(binary.op).str() + "` of");
      switch (binary.op) {
      case ast::BinaryOp::Add: return quantityResult(units::add(*left, *right));
      case ast::BinaryOp::Subtract: return quantityResult(units::subtract(*left, *right));
      case ast::BinaryOp::Multiply: return quantityResult(units::multiply(*left, *right));
      default: return quantityResult(units::divide(*left, *right));
      }
    default: break;
    }
    std::partial_ordering order = std::partial_ordering::unordered;
    if (left && right) {
      llvm::Expected<std::strong_ordering> compared = units::compare(*left, *right);
      if (!compared)
        return fail(DiagCode::E0506, binary.range, llvm::toString(compared.takeError()));
      order = *compared;
    } else if (lhs->text() && rhs->text()) {
      order = *lhs->text() <=> *rhs->text();
    } else if (lhs->date() && rhs->date()) {
      order = *lhs->date() <=> *rhs->date();
    } else if (lhs->data.index() == rhs->data.index() && (lhs->truth() || lhs->element()) &&
               (binary.op == ast::BinaryOp::Equal || binary.op == ast::BinaryOp::NotEqual)) {
      order = lhs->data == rhs->data ? std::partial_ordering::equivalent
                                     : std::partial_ordering::less;
    } else {
      return mismatch("cannot compare");
    }
    bool result = false;
    switch (binary.op) {
    case ast::BinaryOp::Equal: result = order == 0; break;
    case ast::BinaryOp::NotEqual: result = order != 0; break;
    case ast::BinaryOp::Less: result = order < 0; break;
    case ast::BinaryOp::LessEqual: result = order <= 0; break;
    case ast::BinaryOp::Greater: result = order > 0; break;
    default: result = order >= 0; break;
    }
    return RValue{result, origin};
  }

  /// Evaluates `body` for one element: a lambda binds its parameter, any
  /// other expression sees the element's members by plain name.
  std::optional<RValue> applyTo(const ast::Expr &body, const RValue &element) {
    if (const auto *lambda = llvm::dyn_cast<ast::LambdaExpr>(&body)) {
      if (lambda->parameters.size() != 1)
        return fail(DiagCode::E0506, lambda->range,
                    "this lambda takes one parameter, the element: `h => …`");
      bindings.push_back({lambda->parameters.front().text, element});
      std::optional<RValue> result = eval(*lambda->body);
      bindings.pop_back();
      return result;
    }
    implicit_.push_back(element);
    std::optional<RValue> result = eval(body);
    implicit_.pop_back();
    return result;
  }

  std::optional<RValue> evalWhere(const ast::BinaryExpr &binary) {
    std::optional<RValue> items = eval(*binary.lhs);
    if (!items)
      return std::nullopt;
    if (items->isMissing())
      return items;
    if (!items->list())
      return fail(DiagCode::E0506, binary.lhs->range,
                  "`where` filters a list; this is " + kindNoun(*items));
    RList kept;
    for (const RValue &item : *items->list()) {
      std::optional<RValue> keep = applyTo(*binary.rhs, item);
      if (!keep)
        return std::nullopt;
      if (!keep->truth() && !keep->isMissing())
        return fail(DiagCode::E0506, binary.rhs->range,
                    "the condition of `where` must be a truth value, not " + kindNoun(*keep));
      if (keep->truth() && *keep->truth())
        kept.push_back(item);
    }
    return RValue{std::move(kept)};
  }

  std::optional<RValue> evalCall(const ast::CallExpr &call) {
    const auto *callee = llvm::dyn_cast<ast::NameExpr>(call.callee);
    llvm::StringRef function = callee ? callee->name.text : "";
    static const std::vector<llvm::StringRef> functions = {
        "sum", "count", "all", "any", "min", "max", "ceil", "floor", "round", "abs",
        "contains", "defined", "len"};
    if (!llvm::is_contained(functions, function)) {
      Diagnostic &d = diagnostics_.report(
          DiagCode::E0505, call.callee->range,
          "unknown function in a rule; the functions are sum, count, all, any, min, max, "
          "ceil, floor, round, abs, contains, defined and len");
      if (std::optional<std::string> best = sema::closestName(function, functions))
        d.note("did you mean `" + *best + "`?");
      return std::nullopt;
    }
    auto arity = [&](size_t low, size_t high) {
      if (call.arguments.size() >= low && call.arguments.size() <= high)
        return true;
      diagnostics_.report(DiagCode::E0506, call.range,
                          "`" + function.str() + "` takes " +
                              (low == high ? std::to_string(low)
                                           : std::to_string(low) + " or " + std::to_string(high)) +
                              (high == 1 ? " argument" : " arguments"));
      return false;
    };
    if (function == "defined") {
      if (!arity(1, 1))
        return std::nullopt;
      std::optional<RValue> value = eval(*call.arguments[0].value);
      if (!value)
        return std::nullopt;
      return RValue{!value->isMissing(), value->origin};
    }
    bool aggregate = function == "sum" || function == "count" || function == "all" ||
                     function == "any" || function == "len" ||
                     ((function == "min" || function == "max") && call.arguments.size() <= 2);
    if (function == "contains") {
      if (!arity(2, 2))
        return std::nullopt;
      std::optional<RValue> list = eval(*call.arguments[0].value);
      std::optional<RValue> wanted = list ? eval(*call.arguments[1].value) : std::nullopt;
      if (!wanted)
        return std::nullopt;
      if (list->isMissing())
        return list;
      if (!list->list())
        return fail(DiagCode::E0506, call.arguments[0].value->range,
                    "`contains` looks in a list; this is " + kindNoun(*list));
      bool found = llvm::any_of(*list->list(),
                                [&](const RValue &entry) { return entry.data == wanted->data; });
      return RValue{found, list->origin};
    }
    if (aggregate) {
      if (!arity(1, 2))
        return std::nullopt;
      std::optional<RValue> items = eval(*call.arguments[0].value);
      if (!items)
        return std::nullopt;
      if (items->isMissing())
        return items;
      if (!items->list()) {
        if ((function == "min" || function == "max") && call.arguments.size() == 2)
          return extreme(call, function);
        return fail(DiagCode::E0506, call.arguments[0].value->range,
                    "`" + function.str() + "` aggregates a list; this is " + kindNoun(*items));
      }
      const ast::Expr *mapping = call.arguments.size() == 2 ? call.arguments[1].value : nullptr;
      std::vector<RValue> values;
      for (const RValue &item : *items->list()) {
        if (!mapping) {
          values.push_back(item);
          continue;
        }
        std::optional<RValue> value = applyTo(*mapping, item);
        if (!value)
          return std::nullopt;
        value->weight = item.weight;
        if (!value->origin.isValid())
          value->origin = item.origin;
        values.push_back(std::move(*value));
      }
      return reduce(call, function, values);
    }
    return extreme(call, function);
  }

  std::optional<RValue> reduce(const ast::CallExpr &call, llvm::StringRef function,
                               std::vector<RValue> &values) {
    if (function == "count" || function == "len" || function == "all" || function == "any") {
      // `len` and `count` without a condition count what the entries stand
      // for: the racks of a run, the replicas of a hall.
      bool predicate = call.arguments.size() == 2 || (function != "count" && function != "len");
      uint64_t count = 0;
      for (const RValue &value : values) {
        if (!predicate) {
          count += value.weight;
          continue;
        }
        if (value.isMissing()) {
          if (function == "all")
            return value;
          continue;
        }
        if (!value.truth())
          return fail(DiagCode::E0506, call.range,
                      "`" + function.str() + "` needs truth values; one is " + kindNoun(value));
        if (*value.truth())
          count += value.weight;
        else if (function == "all")
          return RValue{false, value.origin};
        if (*value.truth() && function == "any")
          return RValue{true, value.origin};
      }
      if (function == "all") return RValue{true};
      if (function == "any") return RValue{false};
      return RValue{number(count)};
    }
    // sum, min, max over quantities
    std::optional<Quantity> total;
    SourceRange origin;
    for (const RValue &value : values) {
      if (value.isMissing())
        continue;
      const Quantity *quantity = value.quantity();
      if (!quantity)
        return fail(DiagCode::E0506, call.range,
                    "`" + function.str() + "` needs numbers or quantities; one is " +
                        kindNoun(value));
      if (function == "sum") {
        llvm::Expected<Quantity> scaled = units::multiply(*quantity, number(value.weight));
        if (!scaled)
          return fail(DiagCode::E0506, call.range, llvm::toString(scaled.takeError()));
        llvm::Expected<Quantity> sum = total ? units::add(*total, *scaled) : std::move(scaled);
        if (!sum)
          return fail(DiagCode::E0506, call.range, llvm::toString(sum.takeError()));
        total = *sum;
        continue;
      }
      if (!total) {
        total = *quantity;
        origin = value.origin;
        continue;
      }
      llvm::Expected<std::strong_ordering> order = units::compare(*quantity, *total);
      if (!order)
        return fail(DiagCode::E0506, call.range, llvm::toString(order.takeError()));
      if (function == "min" ? *order < 0 : *order > 0) {
        total = *quantity;
        origin = value.origin;
      }
    }
    if (!total)
      return function == "sum" ? RValue{number(0)}
                               : missing("`" + sourceText(call).str() + "` of an empty list");
    return RValue{*total, origin};
  }

  // min and max of several arguments; ceil, floor, round and abs of one.
  std::optional<RValue> extreme(const ast::CallExpr &call, llvm::StringRef function) {
    std::vector<RValue> values;
    for (const ast::Argument &argument : call.arguments) {
      std::optional<RValue> value = eval(*argument.value);
      if (!value)
        return std::nullopt;
      if (value->isMissing())
        return value;
      if (!value->quantity())
        return fail(DiagCode::E0506, argument.value->range,
                    "`" + function.str() + "` takes numbers or quantities; this is " +
                        kindNoun(*value));
      values.push_back(std::move(*value));
    }
    if (function == "min" || function == "max")
      return reduce(call, function, values);
    if (values.size() != 1)
      return fail(DiagCode::E0506, call.range, "`" + function.str() + "` takes one argument");
    Quantity quantity = *values[0].quantity();
    if (function == "abs")
      return RValue{quantity.value.isNegative() ? units::negate(quantity) : quantity,
                    values[0].origin};
    if (quantity.dimension != units::dimensions::Ratio)
      return fail(DiagCode::E0506, call.range,
                  "`" + function.str() + "` rounds plain numbers; divide by a unit first");
    using Int = units::Rational::Int;
    Int whole = quantity.value.numerator() / quantity.value.denominator();
    Int rest = quantity.value.numerator() % quantity.value.denominator();
    if (rest != 0) {
      bool negative = quantity.value.isNegative();
      if (function == "ceil" && !negative) ++whole;
      else if (function == "floor" && negative) --whole;
      else if (function == "round" &&
               (*units::Rational::fromParts(rest, quantity.value.denominator())).abs() >=
                   units::Rational(1, 2))
        whole += negative ? -1 : 1;
    }
    return RValue{Quantity{*units::Rational::fromParts(whole, 1), units::dimensions::Ratio},
                  values[0].origin};
  }

  // --- Why a requirement is false --------------------------------------------

  struct Failure {
    SourceRange at;
    std::string detail;
  };

  /// Why `expr`, which evaluated to false or unset, is not true: the value
  /// that breaks it and where the design states it.
  Failure explain(const ast::Expr &expr) {
    std::optional<RValue> value = eval(expr);
    if (value && value->isMissing())
      return {value->origin, value->missingWhat + " is not set"};
    if (const auto *binary = llvm::dyn_cast<ast::BinaryExpr>(&expr)) {
      switch (binary->op) {
      case ast::BinaryOp::And: {
        std::optional<RValue> lhs = eval(*binary->lhs);
        if (lhs && !(lhs->truth() && *lhs->truth()))
          return explain(*binary->lhs);
        return explain(*binary->rhs);
      }
      case ast::BinaryOp::Or: {
        Failure left = explain(*binary->lhs);
        Failure right = explain(*binary->rhs);
        return {left.at.isValid() ? left.at : right.at, left.detail + ", and " + right.detail};
      }
      case ast::BinaryOp::Equal:
      case ast::BinaryOp::NotEqual:
      case ast::BinaryOp::Less:
      case ast::BinaryOp::LessEqual:
      case ast::BinaryOp::Greater:
      case ast::BinaryOp::GreaterEqual: {
        std::optional<RValue> lhs = eval(*binary->lhs);
        std::optional<RValue> rhs = lhs ? eval(*binary->rhs) : std::nullopt;
        if (!rhs)
          break;
        std::string op = ast::spelling(binary->op).str();
        bool rhsLiteral = !llvm::isa<ast::NameExpr, ast::MemberExpr, ast::CallExpr,
                                     ast::BinaryExpr, ast::IndexExpr>(binary->rhs);
        std::string detail = "`" + sourceText(*binary->lhs).str() + "` is " +
                             show(*lhs, binary->rhs, binary->lhs) + ", must be " + op + " " +
                             show(*rhs, binary->rhs, binary->lhs);
        if (!rhsLiteral)
          detail += " (`" + sourceText(*binary->rhs).str() + "`)";
        return {lhs->origin.isValid() ? lhs->origin : rhs->origin, detail};
      }
      default: break;
      }
    }
    if (const auto *call = llvm::dyn_cast<ast::CallExpr>(&expr)) {
      const auto *callee = llvm::dyn_cast<ast::NameExpr>(call->callee);
      llvm::StringRef function = callee ? callee->name.text : "";
      if (function == "all" && call->arguments.size() == 2) {
        std::optional<RValue> items = eval(*call->arguments[0].value);
        if (items && items->list())
          for (const RValue &item : *items->list()) {
            std::optional<RValue> holds = applyTo(*call->arguments[1].value, item);
            if (holds && !(holds->truth() && *holds->truth())) {
              Failure inner = explainFor(*call->arguments[1].value, item);
              return {inner.at.isValid() ? inner.at : item.origin,
                      "for " + show(item) + ", " + inner.detail};
            }
          }
      }
      if (function == "contains" && call->arguments.size() == 2) {
        std::optional<RValue> list = eval(*call->arguments[0].value);
        std::optional<RValue> wanted = eval(*call->arguments[1].value);
        if (list && wanted)
          return {list->origin, "`" + sourceText(*call->arguments[0].value).str() +
                                    "` does not contain " + show(*wanted)};
      }
      if (function == "any" && call->arguments.size() == 2)
        return {{}, "no element of `" + sourceText(*call->arguments[0].value).str() +
                        "` has `" + sourceText(*call->arguments[1].value).str() + "`"};
    }
    if (const auto *unary = llvm::dyn_cast<ast::UnaryExpr>(&expr))
      if (unary->op == ast::UnaryOp::Not) {
        std::optional<RValue> operand = eval(*unary->operand);
        return {operand ? operand->origin : SourceRange{},
                "`" + sourceText(*unary->operand).str() + "` holds"};
      }
    return {value ? value->origin : SourceRange{},
            "`" + sourceText(expr).str() + "` is " + (value ? show(*value) : "false")};
  }

  Failure explainFor(const ast::Expr &body, const RValue &element) {
    if (const auto *lambda = llvm::dyn_cast<ast::LambdaExpr>(&body)) {
      bindings.push_back({lambda->parameters.front().text, element});
      Failure failure = explain(*lambda->body);
      bindings.pop_back();
      return failure;
    }
    implicit_.push_back(element);
    Failure failure = explain(body);
    implicit_.pop_back();
    return failure;
  }

private:
  const model::Design &design_;
  const checks::DesignAnalysis &analysis_;
  const SourceFiles &files_;
  DiagnosticEngine &diagnostics_;
  const Pack &pack_;
  std::vector<RValue> implicit_;
  llvm::StringMap<RValue> constants_;
  llvm::StringSet<> evaluating_;
};

/// The elements of a site a rule of this scope is evaluated for.
std::vector<Element> scopeElements(const model::Design &design, Index site, Scope scope) {
  std::vector<Element> elements;
  const model::Node &node = design.nodes[site];
  switch (scope) {
  case Scope::Site: elements.push_back({Element::Kind::Node, site}); break;
  case Scope::Building:
  case Scope::Hall: {
    model::Level level = scope == Scope::Hall ? model::Level::Hall : model::Level::Building;
    for (Index at = site + 1; at < node.subtreeEnd; ++at)
      if (design.nodes[at].level == level)
        elements.push_back({Element::Kind::Node, at});
    break;
  }
  case Scope::Zone:
    for (Index zone = 0; zone < design.zones.size(); ++zone)
      if (design.zones[zone].node == site || design.zones[zone].node == NoIndex)
        elements.push_back({Element::Kind::Zone, zone});
    break;
  }
  return elements;
}

std::string severityWord(Severity severity) {
  return severity == Severity::Note ? "info" : severityName(severity).str();
}

} // namespace

void runRules(const model::Design &design, const checks::DesignAnalysis &analysis,
              const SourceFiles &files, llvm::ArrayRef<SitePacks> sites,
              DiagnosticEngine &diagnostics) {
  for (const SitePacks &site : sites) {
    for (const Pack *pack : site.packs) {
      for (const Rule &rule : pack->rules) {
        Evaluator evaluator(design, analysis, files, diagnostics, *pack);
        for (Element element : scopeElements(design, site.site, rule.scope)) {
          evaluator.bindings.clear();
          evaluator.bindings.push_back(
              {"site", evaluator.elementValue({Element::Kind::Node, site.site})});
          if (rule.scope == Scope::Hall)
            for (Index at = element.index; at != NoIndex; at = design.nodes[at].parent)
              if (design.nodes[at].level == model::Level::Building)
                evaluator.bindings.push_back(
                    {"building", evaluator.elementValue({Element::Kind::Node, at})});
          evaluator.bindings.push_back({scopeName(rule.scope), evaluator.elementValue(element)});
          if (rule.applies) {
            std::optional<RValue> applies = evaluator.eval(*rule.applies);
            if (!applies)
              break; // reported; the rule is broken for every element
            if (!applies->truth() && !applies->isMissing()) {
              diagnostics.report(DiagCode::E0506, rule.applies->range,
                                 "`applies` must be a truth value, not " + kindNoun(*applies));
              break;
            }
            if (!applies->truth() || !*applies->truth())
              continue;
          }
          std::optional<RValue> holds = evaluator.eval(*rule.require);
          if (!holds)
            break;
          if (!holds->truth() && !holds->isMissing()) {
            diagnostics.report(DiagCode::E0506, rule.require->range,
                               "`require` must be a truth value, not " + kindNoun(*holds));
            break;
          }
          if (holds->truth() && *holds->truth())
            continue;
          auto failure = evaluator.explain(*rule.require);
          SourceRange elementRange = evaluator.rangeOf(element);
          // Point into the design, never into the pack.
          SourceRange at = failure.at.isValid() && failure.at.file != pack->file
                               ? failure.at
                               : elementRange;
          std::string subject = rule.scope == Scope::Site
                                    ? ""
                                    : evaluator.describeElement(element) + ": ";
          // `require false`: an obligation reported wherever the rule applies.
          bool obligation = llvm::isa<ast::BoolExpr>(rule.require);
          model::NodeScope replicas(diagnostics, design,
                                    element.kind == Element::Kind::Zone
                                        ? design.zones[element.index].node
                                        : element.index);
          Diagnostic &d = diagnostics.report(
              DiagCode::E0500, at,
              subject + rule.message + (obligation ? "" : " (" + failure.detail + ")"));
          d.severity = rule.severity;
          d.ruleId = rule.id;
          d.ruleSummary = rule.message;
          d.note(rule.item->name.range, "rule " + rule.id + " of pack `" + pack->name + "` (" +
                                            pack->title + "), " + severityWord(rule.severity) +
                                            (rule.cite.empty() ? "" : "; source: " + rule.cite));
        }
      }
    }
  }
}

void printRules(const model::Design &design, const SourceFiles &files,
                llvm::ArrayRef<SitePacks> sites, llvm::raw_ostream &os) {
  // A replicated site once: its replicas are judged by the same packs.
  for (const SitePacks &site : sites) {
    os << "site " << design.runName(site.site) << ":";
    if (site.packs.empty())
      os << " no rule packs";
    os << "\n";
    for (size_t i = 0; i < site.packs.size(); ++i) {
      const Pack &pack = *site.packs[i];
      os << "  pack " << pack.name << " \"" << pack.title << "\" (" << site.reasons[i] << "; "
         << files.displayName(pack.file) << ")\n";
      for (const Rule &rule : pack.rules) {
        os << "    " << rule.id << " [" << severityWord(rule.severity) << ", per "
           << scopeName(rule.scope) << "]: " << rule.message << "\n";
        if (!rule.cite.empty())
          os << "      source: " << rule.cite << "\n";
      }
    }
  }
}

bool explainRule(PackLibrary &library, const SourceFiles &files, llvm::StringRef id,
                 llvm::raw_ostream &os) {
  for (const Pack *pack : library.loadAll())
    for (const Rule &rule : pack->rules) {
      if (!llvm::StringRef(rule.id).equals_insensitive(id))
        continue;
      LineColumn at = files.lineColumn(pack->file, rule.item->range.begin);
      os << rule.id << " (" << severityWord(rule.severity) << ", per " << scopeName(rule.scope)
         << "): rule `" << rule.item->name.text << "` of pack `" << pack->name << "` ("
         << pack->title << ")\n\n"
         << rule.message << "\n\n";
      if (!rule.cite.empty())
        os << "Source: " << rule.cite << "\n\n";
      os << "Defined in " << files.displayName(pack->file) << ":" << at.line << ":\n\n```sgd\n"
         << files.text(pack->file).slice(rule.item->range.begin, rule.item->range.end)
         << "\n```\n";
      return true;
    }
  return false;
}

} // namespace sgd::rules
