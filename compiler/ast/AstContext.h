#ifndef SGD_AST_ASTCONTEXT_H
#define SGD_AST_ASTCONTEXT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"

#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

namespace sgd::ast {

/// Owns the memory of AST nodes. Nodes are trivially destructible and live in
/// one bump allocator, so a large design costs no per-node heap allocation and
/// is freed at once. Identifier text points into the source buffer (owned by
/// SourceFiles), which must outlive the AST.
class AstContext {
public:
  template <typename T, typename... Args> T *make(Args &&...args) {
    static_assert(std::is_trivially_destructible_v<T>,
                  "AST nodes are never destroyed one by one");
    // Braces for aggregates: parenthesised aggregate initialisation is C++20
    // that clang 14 (the fuzzing build) does not implement.
    if constexpr (std::is_aggregate_v<T>)
      return new (allocator_.Allocate<T>()) T{std::forward<Args>(args)...};
    else
      return new (allocator_.Allocate<T>()) T(std::forward<Args>(args)...);
  }

  template <typename T> llvm::ArrayRef<T> copy(const std::vector<T> &items) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (items.empty())
      return {};
    T *storage = allocator_.Allocate<T>(items.size());
    std::uninitialized_copy(items.begin(), items.end(), storage);
    return {storage, items.size()};
  }

  llvm::StringRef save(llvm::StringRef text) {
    if (text.empty())
      return {};
    char *storage = allocator_.Allocate<char>(text.size());
    std::memcpy(storage, text.data(), text.size());
    return {storage, text.size()};
  }

  /// Takes over the memory of `other`, whose nodes may now be referenced from
  /// this context's nodes (pieces of a file are parsed in parallel, each into
  /// a context of its own, then joined).
  void adopt(AstContext &&other) {
    adopted_.push_back(std::make_unique<llvm::BumpPtrAllocator>(std::move(other.allocator_)));
    for (auto &allocator : other.adopted_)
      adopted_.push_back(std::move(allocator));
    other.adopted_.clear();
  }

  size_t bytesAllocated() const {
    size_t total = allocator_.getBytesAllocated();
    for (const auto &allocator : adopted_)
      total += allocator->getBytesAllocated();
    return total;
  }

private:
  llvm::BumpPtrAllocator allocator_;
  std::vector<std::unique_ptr<llvm::BumpPtrAllocator>> adopted_;
};

} // namespace sgd::ast

#endif
