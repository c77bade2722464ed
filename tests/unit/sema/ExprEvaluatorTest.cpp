// The one expression evaluator: what constants, attribute values and rules
// share. Each case evaluates `const x = EXPR;` with a resolver that knows a
// few names and one kind of element with members.
#include "sema/ExprEvaluator.h"

#include "syntax/Parser.h"
#include "units/QuantityFormat.h"

#include "llvm/Support/Casting.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::sema;

namespace {

/// Names `n` (4), `limit` (1 MW) and `racks`: three rack runs as elements,
/// of weights 10, 2 and 1, whose members are `power` and, on the last, an
/// unset `serial`.
class TestNames : public NameResolver {
public:
  std::optional<Value> resolveName(const ast::NameExpr &name) override {
    if (name.name().text() == "n")
      return Value{plainNumber(4)};
    if (name.name().text() == "limit")
      return Value{*units::parseQuantity("1", "MW")};
    if (name.name().text() == "racks") {
      model::ValueList runs;
      for (uint32_t i = 0; i < 3; ++i) {
        Value run{model::Reference{model::Reference::Kind::RackRun, i}};
        run.weight = i == 0 ? 10 : i == 1 ? 2 : 1;
        runs.push_back(run);
      }
      return Value{runs};
    }
    return std::nullopt; // unknown: the test asks for no such name
  }
  MemberLookup member(const Value &base, const ast::Identifier &name,
                      const ast::Expr &) override {
    const model::Reference *run = base.reference();
    if (!run)
      return MemberLookup::none();
    if (name.text() == "power")
      return MemberLookup::found(
          Value{*units::parseQuantity(run->index == 0 ? "100" : "50", "kW")});
    if (name.text() == "serial")
      return MemberLookup::found(run->index == 2 ? Value{model::Unset{"`serial`"}}
                                                 : Value{std::string("S1")});
    return MemberLookup::none();
  }
};

struct Evaluated {
  std::optional<Value> value;
  std::vector<Diagnostic> diagnostics;
};

Evaluated evaluate(llvm::StringRef expression) {
  SourceFiles files;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  FileId file = files.addBuffer("test.sgd", ("const x = " + expression + ";").str());
  const ast::File *ast = syntax::parseFile(files, file, context, diagnostics);
  REQUIRE(ast->items.size() == 1);
  const auto *constant = llvm::cast<ast::ConstItem>(ast->items.front());
  ExprEvaluator evaluator(diagnostics);
  TestNames names;
  Evaluated result{evaluator.evaluate(*constant->value, names), {}};
  for (const Diagnostic *d : diagnostics.sorted())
    result.diagnostics.push_back(*d);
  return result;
}

std::string shown(llvm::StringRef expression) {
  Evaluated result = evaluate(expression);
  INFO(expression.str());
  REQUIRE(result.value);
  if (const units::Quantity *quantity = result.value->quantity())
    return units::format(*quantity);
  if (const bool *truth = result.value->truth())
    return *truth ? "true" : "false";
  if (const model::Unset *unset = result.value->unset())
    return "unset " + unset->what;
  return model::describe(*result.value);
}

} // namespace

TEST_CASE("evaluator: arithmetic and comparisons with units", "[evaluator]") {
  CHECK(shown("96 * 132 kW") == "12.672 MW");
  CHECK(shown("ceil(12.672 MW / 4 MW)") == "4");
  CHECK(shown("30 C + 5 K") == "35 C");
  CHECK(shown("1.25 <= 1.2") == "false");
  CHECK(shown("2026-09-01 >= 2026-07-01") == "true");
  CHECK(shown("max(1, floor(n / 3))") == "1");
}

TEST_CASE("evaluator: list functions work on any list", "[evaluator]") {
  CHECK(shown("sum([1 kW, 2 kW])") == "3 kW");
  CHECK(shown("len([1, 2, 3])") == "3");
  CHECK(shown("contains([\"DE\", \"FR\"], \"FR\")") == "true");
  CHECK(shown("all([1, 2], v => v > 0)") == "true");
  CHECK(shown("count([1, 2, 3], v => v >= 2)") == "2");
  CHECK(shown("len([1, 2, 3] where v => v >= 2)") == "2");
  CHECK(shown("max([3 kW, 7 kW, 5 kW])") == "7 kW");
  CHECK(shown("[1, 5, 9][2]") == "9");
}

TEST_CASE("evaluator: weights count the elements an entry stands for", "[evaluator]") {
  // 10 x 100 kW + 2 x 50 kW + 1 x 50 kW = 1,150 kW over 13 racks.
  CHECK(shown("sum(racks, r => r.power)") == "1.15 MW");
  CHECK(shown("sum(racks.power)") == "1.15 MW");
  CHECK(shown("count(racks)") == "13");
  CHECK(shown("len(racks)") == "3");
  // `where` with the element's members by name keeps the weights: 2 + 1.
  CHECK(shown("count(racks where power < 100 kW)") == "3");
  CHECK(shown("sum(racks, r => r.power) > limit") == "true");
}

TEST_CASE("evaluator: unset values stay unset, and/or decide on one side", "[evaluator]") {
  CHECK(shown("racks[2].serial") == "unset `serial`");
  CHECK(shown("racks[2].serial == \"S1\"") == "unset `serial`");
  CHECK(shown("false and racks[2].serial == \"S1\"") == "false");
  CHECK(shown("racks[2].serial == \"S1\" or true") == "true");
  CHECK(shown("defined(racks[2].serial)") == "false");
  CHECK(shown("defined(racks[0].serial)") == "true");
  CHECK(shown("not (racks[2].serial == \"S1\")") == "unset `serial`");
  // Unset entries count for nothing in a sum or a list of members.
  CHECK(shown("len(racks.serial)") == "2");
}

TEST_CASE("evaluator: errors are reported at their cause with the resolver's codes",
          "[evaluator]") {
  Evaluated mismatch = evaluate("1 kW + 1 C");
  CHECK_FALSE(mismatch.value);
  REQUIRE(mismatch.diagnostics.size() == 1);
  CHECK(mismatch.diagnostics[0].code == DiagCode::E0305);

  Evaluated unknown = evaluate("summ([1])");
  REQUIRE(unknown.diagnostics.size() == 1);
  CHECK(unknown.diagnostics[0].code == DiagCode::E0302);
  CHECK(unknown.diagnostics[0].message.find("unknown function `summ`") != std::string::npos);

  Evaluated past = evaluate("[1, 2][2]");
  REQUIRE(past.diagnostics.size() == 1);
  CHECK(past.diagnostics[0].message == "index 2 is past the end of a list of 2 elements");

  Evaluated member = evaluate("racks[0].height");
  REQUIRE(member.diagnostics.size() == 1);
  CHECK(member.diagnostics[0].message == "a rack has no member `height`");

  Evaluated division = evaluate("1 MW / 0");
  REQUIRE(division.diagnostics.size() == 1);
  CHECK(division.diagnostics[0].code == DiagCode::E0306);
}
