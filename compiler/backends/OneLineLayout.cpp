#include "backends/OneLineLayout.h"

#include "model/Expansion.h"

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
                     std::to_string(e.count) + "/" + e.path.str() + "/" + (e.implied ? "i" : "w") + "/" +
                     std::to_string(e.swingSpares) + "/" + units::format(*e.unitRating) + "/" +
                     e.compartment.str() + "/" + e.note.str();
  if (e.block != NoIndex)
    text += "/" + design.blocks[e.block].name.str();
  return text;
}

/// The order of paths across a row: A, B, … with the common elements in the
/// middle.
bool pathBefore(llvm::StringRef a, llvm::StringRef b) {
  auto rank = [](llvm::StringRef path) {
    if (path.empty())
      return std::make_pair(1, llvm::StringRef());
    bool late = path == "B" || path == "R" || (path.size() == 1 && path[0] > '2' && path[0] <= '9');
    return std::make_pair(late ? 2 : 0, path);
  };
  return rank(a) < rank(b);
}

} // namespace

std::string replicaNames(const model::Design &design, const std::vector<Replica> &replicas) {
  if (replicas.size() == 1)
    return design.nameOf(replicas.front());
  // b1 … b8: a common prefix and consecutive numbers.
  auto split = [&](const std::string &name) {
    size_t digits = name.size();
    while (digits > 0 && llvm::isDigit(name[digits - 1]))
      --digits;
    unsigned number = 0;
    bool numbered =
        digits < name.size() && !llvm::StringRef(name).drop_front(digits).getAsInteger(10, number);
    return std::make_tuple(name.substr(0, digits), number, numbered);
  };
  auto [prefix, first, numbered] = split(design.nameOf(replicas.front()));
  bool consecutive = numbered;
  for (size_t i = 1; consecutive && i < replicas.size(); ++i) {
    auto [otherPrefix, number, otherNumbered] = split(design.nameOf(replicas[i]));
    consecutive = otherNumbered && otherPrefix == prefix && number == first + i;
  }
  if (consecutive)
    return design.nameOf(replicas.front()) + "…" + design.nameOf(replicas.back());
  std::string names;
  for (size_t i = 0; i < replicas.size() && i < 4; ++i)
    names += (i ? ", " : "") + design.nameOf(replicas[i]);
  return replicas.size() > 4 ? names + ", …" : names;
}

std::map<Replica, std::vector<Index>> elementsBySite(const model::Design &design,
                                                     const power::ExpandedGraph &graph) {
  std::map<Replica, std::vector<Index>> bySite;
  for (Index element = 0; element < graph.graph.elements.size(); ++element)
    if (Index node = graph.graph.elements[element].structure; node != NoIndex)
      bySite[graph.replicaOf(design, element, design.topLevelOf(node))].push_back(element);
  return bySite;
}

OneLineLayout layOutOneLine(const model::Design &design, const power::ExpandedGraph &expanded,
                            Replica site, llvm::ArrayRef<Index> siteElements) {
  const power::PowerGraph &graph = expanded.graph;
  OneLineLayout layout;
  // The site's replicas of halls and above, depth first: each has its own
  // box; rows draw in their hall.
  auto drawnLevel = [&](Index node) { return design.nodes[node].level <= model::Level::Hall; };
  std::vector<Replica> structures{site};
  std::map<Replica, size_t> slotOf{{site, 0}};
  std::vector<std::vector<size_t>> children(1);
  model::forEachReplica(design, site, [&](Replica replica) {
    if (!drawnLevel(replica.node))
      return false;
    size_t slot = structures.size();
    slotOf[replica] = slot;
    structures.push_back(replica);
    children.emplace_back();
    children[slotOf.at(design.parentOf(replica))].push_back(slot);
    return true;
  });
  std::vector<std::vector<Index>> elementsAt(structures.size());
  for (Index element : siteElements) {
    Index node = graph.elements[element].structure;
    while (!drawnLevel(node))
      node = design.nodes[node].parent;
    elementsAt[slotOf.at(expanded.replicaOf(design, element, node))].push_back(element);
  }
  // Signatures bottom-up: a structure's elements and its children's
  // signatures, interned to small numbers.
  std::map<std::string, uint32_t> interned;
  std::vector<uint32_t> signature(structures.size(), 0);
  for (size_t slot = structures.size(); slot-- > 0;) {
    std::vector<std::string> parts;
    for (Index element : elementsAt[slot])
      parts.push_back(describe(design, graph.elements[element]));
    std::sort(parts.begin(), parts.end());
    std::string text = std::to_string(static_cast<int>(design.nodes[structures[slot].node].level)) + "{";
    for (const std::string &part : parts)
      text += part + ";";
    for (size_t child : children[slot])
      text += "#" + std::to_string(signature[child]);
    signature[slot] = interned.try_emplace(text, static_cast<uint32_t>(interned.size())).first->second;
  }
  // Boxes top-down; siblings of one signature fold into the first.
  std::vector<size_t> slotOfBox{0};
  layout.boxes.push_back({site, {site}, 1, elementsAt[0], {}});
  for (size_t box = 0; box < layout.boxes.size(); ++box) {
    std::vector<std::pair<uint32_t, std::vector<size_t>>> groups;
    for (size_t child : children[slotOfBox[box]]) {
      uint32_t sig = signature[child];
      auto found = std::find_if(groups.begin(), groups.end(),
                                [&](const auto &group) { return group.first == sig; });
      if (found == groups.end())
        groups.push_back({sig, {child}});
      else
        found->second.push_back(child);
    }
    for (auto &[sig, slots] : groups) {
      std::vector<Replica> replicas;
      for (size_t slot : slots)
        replicas.push_back(structures[slot]);
      OneLineBox child{replicas.front(), replicas,
                       layout.boxes[box].multiplicity * replicas.size(), elementsAt[slots.front()],
                       {}};
      layout.boxes[box].children.push_back(layout.boxes.size());
      slotOfBox.push_back(slots.front());
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
