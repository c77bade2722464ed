#ifndef SGD_BASE_INTERNEDTEXT_H
#define SGD_BASE_INTERNEDTEXT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Allocator.h"

#include <string>

namespace sgd {

/// A text kept by a TextSet, as a pointer to its one copy (which knows its
/// length and ends in a NUL): 8 bytes where a StringRef takes 16, for the
/// names and texts held once per rack run or power element. Reads as a
/// StringRef; the default one, like the handle of "", is empty and needs no
/// set.
class InternedText {
public:
  InternedText() = default;

  llvm::StringRef text() const { return entry_ ? entry_->getKey() : llvm::StringRef(); }
  operator llvm::StringRef() const { return text(); }
  bool empty() const { return entry_ == nullptr; }
  std::string str() const { return text().str(); }

  /// Equal when the texts are. Within one set each text is kept once, so
  /// equal pointers decide it; handles of two sets (two designs, the design
  /// and a power graph) fall back to comparing the texts.
  friend bool operator==(InternedText a, InternedText b) {
    return a.entry_ == b.entry_ || a.text() == b.text();
  }

private:
  friend class TextSet;
  using Entry = llvm::StringMapEntry<llvm::NoneType>;
  explicit InternedText(const Entry *entry) : entry_(entry) {}

  const Entry *entry_ = nullptr;
};

/// Keeps each distinct text once, for as long as the set lives; moving the
/// set keeps its texts where they are.
class TextSet {
public:
  InternedText intern(llvm::StringRef text) {
    return text.empty() ? InternedText() : InternedText(&*texts_.insert(text).first);
  }

private:
  llvm::StringSet<llvm::BumpPtrAllocator> texts_;
};

} // namespace sgd

#endif
