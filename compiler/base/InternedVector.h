#ifndef SGD_BASE_INTERNEDVECTOR_H
#define SGD_BASE_INTERNEDVECTOR_H

#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/iterator.h"

#include <cassert>
#include <cstdint>
#include <iterator>
#include <unordered_map>
#include <vector>

namespace sgd {

/// A vector that stores each distinct element once: element i is a 32-bit
/// index into the distinct ones. For per-node records of designs
/// written out in full, where thousands of rows have the same figures: the
/// dense 15 MB design of bench/gen_design.py has 7 distinct figures among its
/// 27,098 nodes, and 20 distinct sizings among 41,364 equipment lines. T
/// needs `==` and a `hash_value`: LLVM's or one found by argument-dependent
/// lookup. A Builder appends the elements; the vector it yields is read only.
/// The distinct ones are kept in the order they first occur, so nothing
/// depends on the hash.
template <typename T> class InternedVector {
public:
  class Builder;

  class iterator
      : public llvm::iterator_facade_base<iterator, std::random_access_iterator_tag, const T> {
  public:
    iterator() = default;
    iterator(const InternedVector *vector, size_t at) : vector_(vector), at_(at) {}
    const T &operator*() const { return (*vector_)[at_]; }
    bool operator==(const iterator &other) const { return at_ == other.at_; }
    bool operator<(const iterator &other) const { return at_ < other.at_; }
    ptrdiff_t operator-(const iterator &other) const {
      return static_cast<ptrdiff_t>(at_) - static_cast<ptrdiff_t>(other.at_);
    }
    iterator &operator+=(ptrdiff_t n) {
      at_ = static_cast<size_t>(static_cast<ptrdiff_t>(at_) + n);
      return *this;
    }
    iterator &operator-=(ptrdiff_t n) { return *this += -n; }

  private:
    const InternedVector *vector_ = nullptr;
    size_t at_ = 0;
  };

  InternedVector() = default;

  /// The vector of `transform(element)` for each element of `range`, in
  /// order (a Builder reserved for the range and finished).
  template <typename Range, typename Transform>
  static InternedVector of(const Range &range, Transform transform);

  const T &operator[](size_t index) const {
    assert(index < ids_.size() && "index out of range");
    return distinct_[ids_[index]];
  }
  size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  /// How many elements are stored: the number of distinct values.
  size_t distinctCount() const { return distinct_.size(); }

  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, ids_.size()); }

private:
  std::vector<T> distinct_;
  std::vector<uint32_t> ids_;
};

/// Builds an InternedVector. Its index of the distinct elements (some 60
/// bytes an element when they all differ) lives only as long as the building:
/// finish() lets it go and yields the vector.
template <typename T> class InternedVector<T>::Builder {
public:
  /// Appends `element`, stored only if no equal one is.
  void push_back(const T &element) {
    assert(!finished_ && "push_back after finish()");
    // Runs of equal elements (the rows of a design written out in full)
    // take the previous one's id without hashing.
    if (!vector_.ids_.empty() && vector_.distinct_[vector_.ids_.back()] == element) {
      vector_.ids_.push_back(vector_.ids_.back());
      return;
    }
    using llvm::hash_value; // for LLVM's own, std::string's
    uint64_t hash = static_cast<uint64_t>(hash_value(element));
    llvm::SmallVector<uint32_t, 1> &candidates = byHash_[hash];
    for (uint32_t candidate : candidates)
      if (vector_.distinct_[candidate] == element) {
        vector_.ids_.push_back(candidate);
        return;
      }
    assert(vector_.distinct_.size() < UINT32_MAX && "more distinct elements than 32-bit ids");
    auto id = static_cast<uint32_t>(vector_.distinct_.size());
    candidates.push_back(id);
    vector_.distinct_.push_back(element);
    vector_.ids_.push_back(id);
  }
  void reserve(size_t size) { vector_.ids_.reserve(size); }

  /// The vector built; the builder is done with.
  InternedVector finish() {
    assert(!finished_ && "finish() twice");
    finished_ = true;
    // A new map, not `= {}` (which clears, keeping the buckets): its nodes
    // and buckets go now, not with the builder.
    byHash_ = Index();
    return std::move(vector_);
  }

private:
  /// The distinct elements by hash; equal hashes are told apart by `==`.
  /// (std::unordered_map: any 64-bit hash is a valid key.)
  using Index = std::unordered_map<uint64_t, llvm::SmallVector<uint32_t, 1>>;
  InternedVector vector_;
  Index byHash_;
  bool finished_ = false;
};

template <typename T>
template <typename Range, typename Transform>
InternedVector<T> InternedVector<T>::of(const Range &range, Transform transform) {
  Builder builder;
  builder.reserve(static_cast<size_t>(std::distance(std::begin(range), std::end(range))));
  for (const auto &element : range)
    builder.push_back(transform(element));
  return builder.finish();
}

} // namespace sgd

#endif
