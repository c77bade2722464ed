#ifndef SGD_DRIVER_TOMLNESTING_H
#define SGD_DRIVER_TOMLNESTING_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace sgd::driver {

/// How deeply a TOML file (sgd.toml, `--prices`) may nest tables: header
/// parts, dotted-key parts, inline tables and arrays together. toml++ builds
/// and frees such tables recursively, so a key of thousands of parts
/// (`a.a.a…a = 1`) would overflow the stack; no settings file comes near it.
constexpr unsigned kMaxTomlNesting = 64;

/// The byte offset of the first key in `text` that nests tables more than
/// kMaxTomlNesting levels deep, and that depth; nothing when none does. The
/// scan knows TOML's strings and comments; text that is not valid TOML is
/// left for the TOML parser to report.
struct TooDeep {
  uint32_t offset;
  unsigned depth;
};
std::optional<TooDeep> findTooDeepTomlKey(llvm::StringRef text);

} // namespace sgd::driver

#endif
