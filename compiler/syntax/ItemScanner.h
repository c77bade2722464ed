#ifndef SGD_SYNTAX_ITEMSCANNER_H
#define SGD_SYNTAX_ITEMSCANNER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace sgd::syntax {

/// Where one item of an item list lies, found without parsing: from its first
/// byte (leading blanks and comments included) to just after the `;` or `}`
/// that ends it. Items with a block record their outermost braces, so that a
/// large block can be parsed as a header plus separately parsed items.
struct ItemSpan {
  static constexpr uint32_t noBrace = UINT32_MAX; // also: no token

  uint32_t begin;
  uint32_t end;
  uint32_t firstToken = noBrace; // offset of its first non-blank, non-comment byte
  uint32_t openBrace = noBrace;  // offset of the block's `{`
  uint32_t closeBrace = noBrace; // offset of its matching `}`
  unsigned maxDepth = 0;         // nesting bound: { ( [ and prefix operators
};

/// Splits text[begin, end) into the spans of its items by tracking braces,
/// strings and comments the way the lexer does. An item ends at a `;` outside
/// braces, or at the `}` that closes its first `{`; a stray `}` is an item of
/// its own. Malformed text still yields spans that cover the range exactly:
/// the parser then reports the errors inside them.
std::vector<ItemSpan> scanItems(llvm::StringRef text, uint32_t begin, uint32_t end);

/// The items of a text, and the items of their blocks: for each item whose
/// block closes, what scanItems of the block's text (after its `{`, before
/// its `}`) finds, found in the same pass. A large file's blocks are split
/// level by level; this reads each byte once for two levels.
struct ScannedItems {
  struct Body {
    uint32_t item;       // index in `items`
    uint32_t first, end; // its block's items: bodyItems[first, end)
  };
  std::vector<ItemSpan> items;
  std::vector<ItemSpan> bodyItems;
  std::vector<Body> bodies; // by item, ascending

  /// The items of item `item`'s block; none if it has no closed block.
  llvm::ArrayRef<ItemSpan> bodyOf(size_t item) const;
};

ScannedItems scanItemsAndBodies(llvm::StringRef text, uint32_t begin, uint32_t end);

} // namespace sgd::syntax

#endif
