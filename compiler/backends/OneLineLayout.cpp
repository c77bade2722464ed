#include "backends/OneLineLayout.h"

#include "units/QuantityFormat.h"

#include <algorithm>
#include <map>

namespace sgd::backends {
namespace {

using power::Element;

/// What makes two elements of replicas the same on the diagram.
std::string describe(const model::Design &design, const Element &e) {
  std::string text = std::to_string(static_cast<int>(e.kind)) + "/" +
                     std::to_string(static_cast<int>(e.stage)) + "/" +
                     (e.entry != NoIndex ? design.catalog[e.entry].qualifiedName.str() : "") + "/" +
                     std::to_string(e.count) + "/" + e.path + "/" + (e.implied ? "i" : "w") + "/" +
                     std::to_string(e.swingSpares) + "/" + units::format(e.unitRating) + "/" +
                     e.compartment + "/" + e.note;
  if (e.block != NoIndex)
    text += "/" + design.blocks[e.block].name.str();
  return text;
}

/// The order of paths across a row: A, B, … with the common elements in the
/// middle.
bool pathBefore(const std::string &a, const std::string &b) {
  auto rank = [](const std::string &path) {
    if (path.empty())
      return std::make_pair(1, std::string());
    bool late = path == "B" || path == "R" || (path.size() == 1 && path[0] > '2' && path[0] <= '9');
    return std::make_pair(late ? 2 : 0, path);
  };
  return rank(a) < rank(b);
}

} // namespace

std::string replicaNames(const model::Design &design, const std::vector<Index> &replicas) {
  if (replicas.size() == 1)
    return design.nodes[replicas.front()].name.str();
  // b1 … b8: a common prefix and consecutive numbers.
  auto split = [&](Index node) {
    llvm::StringRef name = design.nodes[node].name;
    size_t digits = name.size();
    while (digits > 0 && llvm::isDigit(name[digits - 1]))
      --digits;
    unsigned number = 0;
    bool numbered = digits < name.size() && !name.drop_front(digits).getAsInteger(10, number);
    return std::make_tuple(name.take_front(digits), number, numbered);
  };
  auto [prefix, first, numbered] = split(replicas.front());
  bool consecutive = numbered;
  for (size_t i = 1; consecutive && i < replicas.size(); ++i) {
    auto [otherPrefix, number, otherNumbered] = split(replicas[i]);
    consecutive = otherNumbered && otherPrefix == prefix && number == first + i;
  }
  if (consecutive)
    return design.nodes[replicas.front()].name.str() + "…" + design.nodes[replicas.back()].name.str();
  std::string names;
  for (size_t i = 0; i < replicas.size() && i < 4; ++i)
    names += (i ? ", " : "") + design.nodes[replicas[i]].name.str();
  return replicas.size() > 4 ? names + ", …" : names;
}

llvm::DenseMap<Index, std::vector<Index>> elementsBySite(const model::Design &design,
                                                        const power::PowerGraph &graph) {
  llvm::DenseMap<Index, std::vector<Index>> bySite;
  for (Index element = 0; element < graph.elements.size(); ++element)
    if (Index node = graph.elements[element].structure; node != NoIndex)
      bySite[design.topLevelOf(node)].push_back(element);
  return bySite;
}

OneLineLayout layOutOneLine(const model::Design &design, const power::PowerGraph &graph,
                            Index site, llvm::ArrayRef<Index> siteElements) {
  OneLineLayout layout;
  Index end = design.nodes[site].subtreeEnd;
  // The box each structure of the site belongs to: halls and above have
  // their own; rows draw in their hall.
  auto drawnLevel = [&](Index node) { return design.nodes[node].level <= model::Level::Hall; };
  std::vector<std::vector<Index>> elementsAt(end - site);
  for (Index element : siteElements) {
    Index node = graph.elements[element].structure;
    while (!drawnLevel(node))
      node = design.nodes[node].parent;
    elementsAt[node - site].push_back(element);
  }
  // Signatures bottom-up: a structure's elements and its children's
  // signatures, interned to small numbers.
  std::map<std::string, uint32_t> interned;
  std::vector<uint32_t> signature(end - site, 0);
  std::vector<std::vector<Index>> children(end - site);
  for (Index node = site + 1; node < end; ++node)
    if (drawnLevel(node))
      children[design.nodes[node].parent - site].push_back(node);
  for (Index node = end; node-- > site;) {
    if (!drawnLevel(node))
      continue;
    std::vector<std::string> parts;
    for (Index element : elementsAt[node - site])
      parts.push_back(describe(design, graph.elements[element]));
    std::sort(parts.begin(), parts.end());
    std::string text = std::to_string(static_cast<int>(design.nodes[node].level)) + "{";
    for (const std::string &part : parts)
      text += part + ";";
    for (Index child : children[node - site])
      text += "#" + std::to_string(signature[child - site]);
    signature[node - site] = interned.try_emplace(text, static_cast<uint32_t>(interned.size())).first->second;
  }
  // Boxes top-down; siblings of one signature fold into the first.
  layout.boxes.push_back({site, {site}, 1, elementsAt[0], {}});
  for (size_t box = 0; box < layout.boxes.size(); ++box) {
    Index node = layout.boxes[box].node;
    std::vector<std::pair<uint32_t, std::vector<Index>>> groups;
    for (Index child : children[node - site]) {
      uint32_t sig = signature[child - site];
      auto found = std::find_if(groups.begin(), groups.end(),
                                [&](const auto &group) { return group.first == sig; });
      if (found == groups.end())
        groups.push_back({sig, {child}});
      else
        found->second.push_back(child);
    }
    for (auto &[sig, replicas] : groups) {
      OneLineBox child{replicas.front(), replicas,
                       layout.boxes[box].multiplicity * replicas.size(),
                       elementsAt[replicas.front() - site], {}};
      layout.boxes[box].children.push_back(layout.boxes.size());
      layout.boxes.push_back(std::move(child));
    }
  }
  // Sizes bottom-up: rows of symbols by stage, then the child boxes side by side.
  std::vector<std::vector<std::vector<Index>>> rows(layout.boxes.size());
  for (size_t box = 0; box < layout.boxes.size(); ++box) {
    std::vector<Index> elements = layout.boxes[box].elements;
    std::stable_sort(elements.begin(), elements.end(), [&](Index a, Index b) {
      const Element &x = graph.elements[a], &y = graph.elements[b];
      if (x.stage != y.stage)
        return x.stage < y.stage;
      return pathBefore(x.path, y.path);
    });
    for (Index element : elements) {
      if (rows[box].empty() || graph.elements[rows[box].back().front()].stage != graph.elements[element].stage)
        rows[box].emplace_back();
      rows[box].back().push_back(element);
    }
  }
  for (size_t box = layout.boxes.size(); box-- > 0;) {
    OneLineBox &b = layout.boxes[box];
    double width = 0;
    for (const std::vector<Index> &row : rows[box])
      width = std::max(width, row.size() * (SymbolWidth + SymbolGap) - SymbolGap);
    double childWidth = 0, childHeight = 0;
    for (size_t child : b.children) {
      childWidth += layout.boxes[child].width + (childWidth > 0 ? SymbolGap : 0);
      childHeight = std::max(childHeight, layout.boxes[child].height);
    }
    b.width = std::max(width, childWidth) + 2 * BoxPadding;
    b.height = BoxHeader + rows[box].size() * (SymbolHeight + RowGap) +
               (b.children.empty() ? 0 : childHeight) + BoxPadding;
  }
  // Positions top-down.
  for (size_t box = 0; box < layout.boxes.size(); ++box) {
    OneLineBox &b = layout.boxes[box];
    double y = b.y + BoxHeader;
    for (const std::vector<Index> &row : rows[box]) {
      double rowWidth = row.size() * (SymbolWidth + SymbolGap) - SymbolGap;
      double x = b.x + (b.width - rowWidth) / 2;
      for (Index element : row) {
        layout.symbolOf[element] = layout.symbols.size();
        layout.symbols.push_back({element, box, x, y});
        x += SymbolWidth + SymbolGap;
      }
      y += SymbolHeight + RowGap;
    }
    double childWidth = 0;
    for (size_t child : b.children)
      childWidth += layout.boxes[child].width + (childWidth > 0 ? SymbolGap : 0);
    double x = b.x + (b.width - childWidth) / 2;
    for (size_t child : b.children) {
      layout.boxes[child].x = x;
      layout.boxes[child].y = y;
      x += layout.boxes[child].width + SymbolGap;
    }
  }
  layout.width = layout.boxes.front().width;
  layout.height = layout.boxes.front().height;
  return layout;
}

} // namespace sgd::backends
