#ifndef SGD_BASE_HASHWORDS_H
#define SGD_BASE_HASHWORDS_H

#include "llvm/ADT/Hashing.h"

#include <cstdint>
#include <initializer_list>

namespace sgd {

/// A hash of a few 64-bit words for the hash tables that keep each distinct
/// figure once (InternedVector, power::KeptValues), which hash figures by the
/// hundred thousand: each word is mixed in with one multiplication and a
/// shift, and the result finished with MurmurHash3's 64-bit finaliser. It
/// decides where a value sits in a table, never what an output holds or in
/// which order, and is the same in every run. llvm::hash_combine, which it
/// replaces there, costs a few hundred instructions for a quantity.
inline llvm::hash_code hashWords(std::initializer_list<uint64_t> words) {
  uint64_t hash = 0x9E3779B97F4A7C15u ^ words.size();
  for (uint64_t word : words) {
    hash = (hash ^ word) * 0xFF51AFD7ED558CCDu;
    hash ^= hash >> 32;
  }
  hash ^= hash >> 33;
  hash *= 0xC4CEB9FE1A85EC53u;
  hash ^= hash >> 33;
  return static_cast<size_t>(hash);
}

} // namespace sgd

#endif
