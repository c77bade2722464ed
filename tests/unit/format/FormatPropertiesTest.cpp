// The formatter's three properties, on every .sgd of the repository (and
// every ```sgd block of its documents) and on 1,000 variants of them:
//  * idempotent: fmt(fmt(x)) == fmt(x);
//  * meaning-preserving: the AST of fmt(x) is the AST of x, positions aside;
//  * comments preserved: fmt(x) has the comments of x (the same multiset).
// Variants change the layout of a source between its tokens (spaces, line
// breaks, blank lines, indentation), insert comments, and come from a
// generator of random designs with long expressions, lists and calls that
// exercise wrapping. Each variant is kept only when it parses to the AST of
// its source, so it means the same thing.
#include "FormatTestSupport.h"

#include "syntax/Tokens.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

using namespace sgd;
using namespace sgd::formattest;

namespace {

// Checks the three properties of one input that parses; returns fmt(x).
std::string checkProperties(const std::string &name, const std::string &text,
                            const std::string &ast) {
  INFO(name);
  std::optional<std::string> once = formatted(text);
  REQUIRE(once);
  std::optional<std::string> twice = formatted(*once);
  REQUIRE(twice);
  CHECK(*twice == *once);
  CHECK(astWithoutPositions(*once) == ast);
  CHECK(comments(*once) == comments(text));
  return *once;
}

// A layout variant: every gap between two tokens is kept, or replaced.
std::string relayout(const std::string &text, std::mt19937 &random, bool sameLines,
                     bool addComments) {
  std::vector<syntax::Token> tokens = syntax::tokenize(text);
  std::string out;
  uint32_t previousEnd = 0;
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  for (size_t i = 0; i <= tokens.size(); ++i) {
    uint32_t begin = i < tokens.size() ? tokens[i].begin : static_cast<uint32_t>(text.size());
    std::string gap = text.substr(previousEnd, begin - previousEnd);
    bool afterLineComment = i > 0 && tokens[i - 1].kind == syntax::TokenKind::LineComment;
    bool hasNewline = gap.find('\n') != std::string::npos;
    // A unit stays on its number's line; words and operators stay apart.
    bool unitJoint = i > 0 && i < tokens.size() &&
                     (tokens[i].kind == syntax::TokenKind::Unit ||
                      tokens[i].kind == syntax::TokenKind::UnitSlash ||
                      tokens[i - 1].kind == syntax::TokenKind::UnitSlash);
    auto bracket = [&](size_t k) {
      return k < tokens.size() && tokens[k].spelling(text).find_first_of("()[]{},;") == 0;
    };
    bool gluable = i > 0 && (bracket(i) || bracket(i - 1)) && !afterLineComment;
    if (sameLines) {
      // Only spaces change; line breaks stay where they are.
      if (!hasNewline && i > 0 && i < tokens.size())
        gap = std::string(static_cast<size_t>(gluable ? pick(3) : 1 + pick(2)), ' ');
    } else if (i > 0 && i < tokens.size() && !unitJoint) {
      switch (pick(8)) {
      case 0: gap = afterLineComment ? "\n" : " "; break;
      case 1: gap = "\n" + std::string(static_cast<size_t>(pick(9)), ' '); break;
      case 2: gap = "\n\n\n" + std::string(static_cast<size_t>(pick(5)), '\t'); break;
      case 3: gap = gluable ? "" : gap; break;
      default: break; // as written
      }
    }
    if (addComments && i > 0 && i < tokens.size() && !unitJoint && pick(12) == 0)
      gap += pick(2) ? " /* c" + std::to_string(i) + " */ " : " // c" + std::to_string(i) + "\n";
    out += gap;
    if (i < tokens.size())
      out += tokens[i].spelling(text).str();
    previousEnd = i < tokens.size() ? tokens[i].end : previousEnd;
  }
  return out;
}

// Random designs whose lines are often too long for one line.
class DesignGenerator {
public:
  explicit DesignGenerator(std::mt19937 &random) : random_(random) {}

  std::string design() {
    std::string out = "// generated\nimport std.catalog.power;\n\n";
    int items = 2 + pick(5);
    for (int i = 0; i < items; ++i)
      out += item(0) + (pick(3) ? "\n" : "\n\n");
    return out;
  }

private:
  std::mt19937 &random_;

  int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }

  std::string word() {
    static const char *const words[] = {"racks", "hall_it", "pue", "n", "gpu_rack", "a",
                                        "feeder_capacity_long_name", "b2", "zone_x", "k"};
    return words[pick(std::size(words))];
  }

  std::string primary(int depth) {
    switch (depth > 2 ? pick(4) : pick(10)) {
    case 0: return std::to_string(pick(5000));
    case 1: {
      static const char *const units[] = {"kW", "MW", "kg/m2", "L/min/kW", "%", "weeks", "m"};
      return std::to_string(pick(900)) + "." + std::to_string(pick(10)) + " " +
             units[pick(std::size(units))];
    }
    case 2: return "\"text " + std::to_string(pick(100)) + "\"";
    case 3: return word() + "." + word();
    case 4: return "[" + list(depth) + "]";
    case 5: return word() + "(" + arguments(depth) + ")";
    case 6: return "(" + expr(depth + 1) + ")";
    case 7: return "-" + primary(depth + 1);
    case 8: return "if " + expr(depth + 1) + " then " + expr(depth + 1) + " else " + expr(depth + 1);
    default: return word();
    }
  }

  std::string list(int depth) {
    std::string out;
    int n = pick(14);
    for (int i = 0; i < n; ++i)
      out += (i ? ", " : "") + (pick(3) ? primary(depth + 2) : expr(depth + 1));
    return out + (n && pick(4) == 0 ? "," : "");
  }

  std::string arguments(int depth) {
    std::string out;
    int n = pick(6);
    for (int i = 0; i < n; ++i)
      out += (i ? ", " : "") + (pick(2) ? word() + " = " : std::string()) + expr(depth + 1);
    return out;
  }

  std::string expr(int depth) {
    static const char *const ops[] = {"+", "-", "*", "/", "==", "<", ">=", "and", "or",
                                      "and", "or", "where"};
    std::string out = primary(depth);
    int n = depth > 2 ? 0 : pick(5);
    for (int i = 0; i < n; ++i)
      out += std::string(" ") + ops[pick(std::size(ops))] + " " + primary(depth + 1);
    if (depth < 2 && pick(8) == 0)
      out = word() + " => " + out;
    return out;
  }

  std::string indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

  std::string item(int depth) {
    switch (depth > 3 ? 0 : pick(9)) {
    case 0:
    case 1: return indent(depth) + word() + " = " + expr(0) + ";";
    case 2: return indent(depth) + "const " + word() + " = " + expr(0) + ";";
    case 3: {
      std::string out = indent(depth) + "template t" + std::to_string(pick(9)) + "(";
      int n = 1 + pick(6);
      for (int i = 0; i < n; ++i)
        out += (i ? ", " : "") + word() + std::to_string(i) + ": int" +
               (pick(2) ? " = " + expr(1) : std::string());
      return out + ") {\n" + item(depth + 1) + "\n" + indent(depth) + "}";
    }
    case 4:
      return indent(depth) + "hall h[1.." + std::to_string(1 + pick(9)) + "] = t(" +
             arguments(0) + ");";
    case 5:
      return indent(depth) + "rule r" + std::to_string(pick(9)) + " scope site applies " +
             expr(0) + " require " + expr(0) + " severity warning message \"m\";";
    case 6:
      return indent(depth) + "after " + word() + ", " + word() + " SS + 2 d, " + word() +
             "." + word() + ", " + word() + " FF - 3 d, " + word() + ";";
    case 7:
      return indent(depth) + "ups power.ups_1250kw * " + (pick(2) ? "auto" : "(n + 1)") +
             " redundancy " + (pick(2) ? "2(N+1)" : "N + 1") + ";";
    default: {
      std::string out = indent(depth) + (pick(2) ? "site s" : "power") + " {";
      int n = pick(4);
      if (n == 0)
        return out + " }";
      if (pick(3) == 0) {
        for (int i = 0; i < n; ++i)
          out += " " + word() + " = " + primary(3) + ";";
        return out + " }";
      }
      for (int i = 0; i < n; ++i)
        out += "\n" + item(depth + 1);
      return out + "\n" + indent(depth) + "}";
    }
    }
  }
};

} // namespace

TEST_CASE("fmt is idempotent, keeps the AST and the comments of every repository source",
          "[format][properties]") {
  std::vector<std::pair<std::string, std::string>> sources = repositorySources();
  int checked = 0;
  for (const auto &[name, text] : sources) {
    std::optional<std::string> ast = astWithoutPositions(text);
    if (!ast)
      continue; // a golden test of a syntax error: fmt leaves it alone
    checkProperties(name, text, *ast);
    ++checked;
  }
  // 20 examples and stdlib files, 180 golden inputs, 50 documentation blocks.
  CHECK(checked >= 250);
}

TEST_CASE("fmt keeps its properties on 1,000 generated and relaid-out variants",
          "[format][properties][fuzz]") {
  std::vector<std::pair<std::string, std::string>> seeds;
  for (auto &source : repositorySources())
    if (astWithoutPositions(source.second))
      seeds.push_back(std::move(source));
  REQUIRE(seeds.size() >= 100);
  // SGD_FUZZ_SEED explores other variants by hand; CI always runs seed 11.
  const char *seed = std::getenv("SGD_FUZZ_SEED");
  std::mt19937 random(seed ? static_cast<unsigned>(std::strtoul(seed, nullptr, 10)) : 11);
  DesignGenerator generator(random);
  int variants = 0, generated = 0, canonical = 0, attempts = 0;
  while (variants < 1000 && attempts < 20000) {
    ++attempts;
    std::string name, source;
    if (attempts % 3 == 0) {
      source = generator.design();
      name = "generated design " + std::to_string(attempts);
    } else {
      const auto &picked = seeds[random() % seeds.size()];
      name = picked.first + ", variant " + std::to_string(attempts);
      source = picked.second;
    }
    std::optional<std::string> ast = astWithoutPositions(source);
    if (!ast)
      continue; // the generator wrote something that does not parse
    bool sameLines = random() % 4 == 0;
    std::string variant = relayout(source, random, sameLines, !sameLines && random() % 2);
    if (astWithoutPositions(variant) != ast)
      continue; // the new layout changed the meaning (a unit moved to the next line)
    std::string result = checkProperties(name, variant, *ast);
    ++variants;
    generated += attempts % 3 == 0;
    if (sameLines) {
      // Spaces alone never change the layout: the same output as the source's.
      INFO(name);
      CHECK(result == formatted(source));
      ++canonical;
    }
  }
  CHECK(variants == 1000);
  CHECK(generated >= 250);
  CHECK(canonical >= 150);
}
