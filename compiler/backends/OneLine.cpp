#include "backends/OneLine.h"

#include "checks/PowerCheck.h"
#include "checks/TierCheck.h"
#include "power/GraphJson.h"

#include "base/Utf8.h"
#include "units/QuantityFormat.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <functional>

namespace sgd::backends {
namespace {

using power::Element;
using power::ElementKind;

/// The colour of a path: A blue, B red, a catcher's reserve grey, its blocks
/// brown, the systems of xN/y their own; black for elements on every path.
llvm::StringRef pathColour(llvm::StringRef path) {
  if (path.empty())
    return "#333333";
  if (path == "A")
    return "#1f77b4";
  if (path == "B")
    return "#d62728";
  if (path == "R")
    return "#7f7f7f";
  if (path == "blocks")
    return "#8c564b";
  static const char *const systems[] = {"#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                                        "#bcbd22", "#e377c2"};
  unsigned number = 0;
  if (!llvm::StringRef(path).getAsInteger(10, number) && number >= 1)
    return systems[(number - 1) % 6];
  return "#8c564b";
}

/// Text for XML character data and attribute values (& < > " ').
std::string escaped(llvm::StringRef text) {
  std::string out;
  llvm::raw_string_ostream stream(out);
  llvm::printHTMLEscaped(text, stream);
  return stream.str();
}

std::string number(double value) {
  std::string text;
  llvm::raw_string_ostream out(text);
  out << llvm::format("%.1f", value);
  return out.str();
}

/// The three lines of a symbol: what it is and its path; its entry (or
/// "implied"); its count and rating.
std::array<std::string, 3> labels(const model::Design &design, const Element &e) {
  std::string kind = power::kindName(e.kind, e.stage);
  if (!e.path.empty())
    kind += "  [" + e.path.str() + "]";
  std::string what = e.entry != NoIndex   ? design.catalog[e.entry].qualifiedName.str()
                     : e.block != NoIndex ? design.blocks[e.block].name.str()
                     : e.implied          ? "implied"
                                          : "";
  std::string count = "× " + std::to_string(e.count);
  if (e.swingSpares)
    count += " (+" + std::to_string(e.swingSpares) + " swing)";
  if (!e.unitRating->value.isZero())
    count += ", " + units::format(*e.unitRating) + (e.kind == ElementKind::Utility ? "" : " each");
  return {kind, what, count};
}

/// Labels are as tall as legibility on A3 needs (tests/cli/test_report_a3.py):
/// a line longer than the symbol is narrowed to fit it, never shortened or
/// made smaller. Its width is estimated at 0.62 em a character (DejaVu Sans
/// bold averages about 0.6).
constexpr double LabelFontSize = 13, LabelLineHeight = 15, LabelInset = 6;

std::string fitToSymbol(llvm::StringRef line) {
  double room = SymbolWidth - 2 * LabelInset;
  if (countCodePoints(line) * 0.62 * LabelFontSize <= room)
    return "";
  return " textLength=\"" + number(room) + "\" lengthAdjust=\"spacingAndGlyphs\"";
}

std::string boxLabel(const model::Design &design, const OneLineBox &box) {
  std::string label = model::levelName(design.nodes[box.node.node].level).str() + " " +
                      replicaNames(design, box.replicas);
  if (box.replicas.size() > 1)
    label += "  × " + std::to_string(box.replicas.size());
  return label;
}

} // namespace

std::string oneLineSvg(const model::Design &design, const power::PowerGraph &graph,
                       const OneLineLayout &layout) {
  std::string text;
  llvm::raw_string_ostream out(text);
  double margin = 20;
  // The id scopes the style sheet: report.html holds this picture beside others.
  std::string id = "oneline-" + design.nameOf(layout.boxes.front().node);
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" << escaped(id) << "\" width=\"" << number(layout.width + 2 * margin)
      << "\" height=\"" << number(layout.height + 2 * margin) << "\" viewBox=\"0 0 "
      << number(layout.width + 2 * margin) << " " << number(layout.height + 2 * margin) << "\">\n"
      << "<title>Single-line diagram of site " << escaped(design.pathOf(layout.boxes.front().node))
      << "</title>\n"
      << "<style>#" << id << " text{font-family:Helvetica,Arial,sans-serif;font-size:"
      << LabelFontSize << "px}#"
      << id << " .box{fill:none;stroke:#999999;stroke-dasharray:6 3}#" << id
      << " .boxlabel{font-size:15px;font-weight:bold}#" << id << " .kind{font-weight:bold}#" << id
      << " .feed{fill:none;stroke-width:1.6}</style>\n"
      << "<g transform=\"translate(" << number(margin) << "," << number(margin) << ")\">\n";
  for (const OneLineBox &box : layout.boxes)
    out << "<g class=\"structure\" data-node=\"" << escaped(design.pathOf(box.node))
        << "\" data-replicas=\"" << box.replicas.size() << "\">"
        << "<rect class=\"box\" x=\"" << number(box.x) << "\" y=\"" << number(box.y)
        << "\" width=\"" << number(box.width) << "\" height=\"" << number(box.height) << "\"/>"
        << "<text class=\"boxlabel\" x=\"" << number(box.x + 8) << "\" y=\"" << number(box.y + 17)
        << "\">" << escaped(boxLabel(design, box)) << "</text></g>\n";
  // Feeds between drawn symbols, below the symbols: down, across, down.
  for (const OneLineSymbol &symbol : layout.symbols)
    for (Index fed : graph.feeds(symbol.element)) {
      const OneLineSymbol *drawn = layout.symbolFor(fed);
      if (!drawn)
        continue;
      const OneLineSymbol &to = *drawn;
      const Element &target = graph.elements[fed];
      llvm::StringRef path =
          target.path.empty() ? graph.elements[symbol.element].path : target.path;
      double x1 = symbol.x + SymbolWidth / 2, y1 = symbol.y + SymbolHeight;
      double x2 = to.x + SymbolWidth / 2, y2 = to.y;
      double middle = y2 - RowGap / 2;
      out << "<path class=\"feed\" stroke=\"" << pathColour(path) << "\""
          << (path == "R" ? " stroke-dasharray=\"5 3\"" : "") << " d=\"M" << number(x1) << ","
          << number(y1) << " V" << number(middle) << " H" << number(x2) << " V" << number(y2)
          << "\"/>\n";
    }
  for (const OneLineSymbol &symbol : layout.symbols) {
    const Element &e = graph.elements[symbol.element];
    std::array<std::string, 3> lines = labels(design, e);
    out << "<g class=\"symbol\" data-element=\"" << symbol.element << "\" data-kind=\""
        << escaped(power::kindName(e.kind, e.stage)) << "\" data-count=\"" << e.count
        << "\" data-replicas=\"" << layout.boxes[symbol.box].multiplicity << "\" data-path=\""
        << escaped(e.path) << "\">"
        << "<rect x=\"" << number(symbol.x) << "\" y=\"" << number(symbol.y) << "\" width=\""
        << number(SymbolWidth) << "\" height=\"" << number(SymbolHeight)
        << "\" rx=\"4\" fill=\"#ffffff\" stroke=\"" << pathColour(e.path)
        << "\" stroke-width=\"1.6\"" << (e.implied ? " stroke-dasharray=\"4 3\"" : "") << "/>";
    for (size_t line = 0; line < lines.size(); ++line)
      out << "<text" << (line == 0 ? " class=\"kind\"" : "") << " x=\"" << number(symbol.x + 6)
          << "\" y=\"" << number(symbol.y + 16 + LabelLineHeight * line) << "\""
          << fitToSymbol(lines[line]) << ">" << escaped(lines[line]) << "</text>";
    out << "</g>\n";
  }
  out << "</g>\n</svg>\n";
  return out.str();
}

std::string oneLineDot(const model::Design &design, const power::PowerGraph &graph,
                       const OneLineLayout &layout) {
  std::string text;
  llvm::raw_string_ostream out(text);
  auto quoted = [](llvm::StringRef value) {
    std::string result = "\"";
    for (char c : value)
      result += c == '\n'                ? std::string("\\n")
                : c == '"' || c == '\\' ? std::string("\\") + c
                                        : std::string(1, c);
    return result + "\"";
  };
  out << "digraph " << quoted("oneline-" + design.pathOf(layout.boxes.front().node)) << " {\n"
      << "  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n";
  std::vector<std::vector<size_t>> symbolsOf(layout.boxes.size());
  for (size_t symbol = 0; symbol < layout.symbols.size(); ++symbol)
    symbolsOf[layout.symbols[symbol].box].push_back(symbol);
  // Clusters nest as the boxes do.
  std::function<void(size_t, unsigned)> cluster = [&](size_t box, unsigned depth) {
    std::string indent(depth * 2, ' ');
    out << indent << "subgraph cluster_" << box << " {\n"
        << indent << "  label=" << quoted(boxLabel(design, layout.boxes[box])) << ";\n";
    for (size_t symbol : symbolsOf[box]) {
      const Element &e = graph.elements[layout.symbols[symbol].element];
      std::array<std::string, 3> lines = labels(design, e);
      out << indent << "  e" << layout.symbols[symbol].element << " [label="
          << quoted(lines[0] + "\n" + lines[1] + "\n" + lines[2]) << ", color="
          << quoted(pathColour(e.path)) << (e.implied ? ", style=dashed" : "") << "];\n";
    }
    for (size_t child : layout.boxes[box].children)
      cluster(child, depth + 1);
    out << indent << "}\n";
  };
  cluster(0, 1);
  for (const OneLineSymbol &symbol : layout.symbols)
    for (Index fed : graph.feeds(symbol.element))
      if (layout.symbolFor(fed)) {
        const Element &target = graph.elements[fed];
        llvm::StringRef path =
            target.path.empty() ? graph.elements[symbol.element].path : target.path;
        out << "  e" << symbol.element << " -> e" << fed << " [color=" << quoted(pathColour(path))
            << "];\n";
      }
  out << "}\n";
  return out.str();
}

void writePowerJson(const model::Design &design, const checks::DesignAnalysis &analysis,
                    const power::ExpandedGraph &expanded, llvm::raw_ostream &out) {
  llvm::json::OStream json(out, 2);
  json.object([&] {
    power::writePowerJson(design, expanded, json);
    json.attributeArray("tiers", [&] {
      // A replicated site's verdict holds for each replica. Members, not
      // structured bindings, in the lambda: clang 14 (the sanitizer build)
      // cannot capture a binding.
      for (const auto &assessed : checks::assessTiers(design, analysis))
        for (model::Replica replica : design.replicas(assessed.first))
          json.object([&] {
            json.attribute("site", design.pathOf(replica));
            json.attribute("claimed", checks::claimedTier(design, assessed.first));
            json.attribute("met", assessed.second.met);
            if (!assessed.second.next.empty())
              json.attribute("next", assessed.second.next);
          });
    });
  });
  out << "\n";
}

std::vector<OneLineLayout> layOutSites(const model::Design &design,
                                       const power::ExpandedGraph &expanded) {
  std::vector<OneLineLayout> layouts;
  std::map<model::Replica, std::vector<Index>> bySite = elementsBySite(design, expanded);
  for (Index site = 0; site < design.nodes.size(); site = design.nodes[site].subtreeEnd) {
    if (design.nodes[site].level != model::Level::Site)
      continue;
    for (model::Replica replica : design.replicas(site)) {
      auto elements = bySite.find(replica);
      layouts.push_back(layOutOneLine(
          design, expanded, replica,
          elements == bySite.end() ? llvm::ArrayRef<Index>() : llvm::ArrayRef(elements->second)));
    }
  }
  return layouts;
}

SiteDiagrams drawSiteDiagrams(const model::Design &design, const power::PowerGraph &graph) {
  SiteDiagrams diagrams{power::expandPowerGraph(design, graph), {}};
  diagrams.layouts = layOutSites(design, diagrams.expanded);
  return diagrams;
}

void emitOneLine(const BuildInput &input, const SiteDiagrams &diagrams, OutputSet &outputs) {
  const model::Design &design = input.design;
  const power::ExpandedGraph &expanded = diagrams.expanded;
  writePowerJson(design, input.analysis, expanded, outputs.open("power.json"));
  for (const OneLineLayout &layout : diagrams.layouts) {
    std::string name = "oneline-" + design.nameOf(layout.boxes.front().node);
    outputs.open(name + ".svg") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                << oneLineSvg(design, expanded.graph, layout);
    outputs.add(name + ".dot", oneLineDot(design, expanded.graph, layout));
  }
}

} // namespace sgd::backends
