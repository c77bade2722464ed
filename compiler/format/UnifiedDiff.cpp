#include "format/UnifiedDiff.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <vector>

namespace sgd::format {
namespace {

constexpr size_t context = 3;
// The longest-common-subsequence table of the changed middle is at most
// this many cells; beyond, the middle is shown as replaced whole.
constexpr size_t maxTableCells = 16 * 1024 * 1024;

std::vector<llvm::StringRef> splitLines(llvm::StringRef text) {
  std::vector<llvm::StringRef> lines;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    lines.push_back(line);
    text = rest;
  }
  return lines;
}

enum class Op : char { Keep = ' ', Remove = '-', Add = '+' };

struct Edit {
  Op op;
  size_t before; // line index in `before` (Keep, Remove)
  size_t after;  // line index in `after` (Keep, Add)
};

std::vector<Edit> lineEdits(const std::vector<llvm::StringRef> &a,
                            const std::vector<llvm::StringRef> &b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
    ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  size_t n = a.size() - prefix - suffix;
  size_t m = b.size() - prefix - suffix;
  std::vector<Edit> edits;
  for (size_t i = 0; i < prefix; ++i)
    edits.push_back({Op::Keep, i, i});
  if ((n + 1) * (m + 1) <= maxTableCells) {
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..] (middle).
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t & { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                  : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        edits.push_back({Op::Keep, prefix + i++, prefix + j++});
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        edits.push_back({Op::Remove, prefix + i++, prefix + j});
      } else {
        edits.push_back({Op::Add, prefix + i, prefix + j++});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i)
      edits.push_back({Op::Remove, prefix + i, prefix});
    for (size_t j = 0; j < m; ++j)
      edits.push_back({Op::Add, prefix + n, prefix + j});
  }
  for (size_t i = 0; i < suffix; ++i)
    edits.push_back({Op::Keep, prefix + n + i, prefix + m + i});
  return edits;
}

} // namespace

std::string unifiedDiff(llvm::StringRef before, llvm::StringRef after, llvm::StringRef name) {
  if (before == after)
    return "";
  std::vector<llvm::StringRef> a = splitLines(before);
  std::vector<llvm::StringRef> b = splitLines(after);
  std::vector<Edit> edits = lineEdits(a, b);
  std::string out = ("--- a/" + name + "\n+++ b/" + name + "\n").str();
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines
    // after the last change that is at most 2 × context lines further on.
    size_t start = i >= context ? i - context : 0;
    size_t end = i;
    size_t kept = 0;
    for (size_t k = i; k < edits.size(); ++k) {
      if (edits[k].op == Op::Keep) {
        if (++kept > 2 * context)
          break;
      } else {
        kept = 0;
        end = k;
      }
    }
    size_t stop = std::min(edits.size(), end + 1 + context);
    size_t beforeStart = edits[start].before, afterStart = edits[start].after;
    size_t beforeCount = 0, afterCount = 0;
    std::string body;
    for (size_t k = start; k < stop; ++k) {
      const Edit &edit = edits[k];
      llvm::StringRef line = edit.op == Op::Add ? b[edit.after] : a[edit.before];
      beforeCount += edit.op != Op::Add;
      afterCount += edit.op != Op::Remove;
      body += static_cast<char>(edit.op);
      body += line.str() + "\n";
    }
    // An empty range is numbered by the line before it.
    out += llvm::formatv("@@ -{0},{1} +{2},{3} @@\n",
                         beforeCount ? beforeStart + 1 : beforeStart, beforeCount,
                         afterCount ? afterStart + 1 : afterStart, afterCount)
               .str();
    out += body;
    i = stop;
  }
  return out;
}

} // namespace sgd::format
