#ifndef SGD_TESTS_FORMAT_SUPPORT_H
#define SGD_TESTS_FORMAT_SUPPORT_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace sgd::formattest {

/// The AST of `text` dumped without positions; nothing when it does not
/// parse cleanly.
std::optional<std::string> astWithoutPositions(llvm::StringRef text);

/// `text` formatted; nothing when it does not parse. Fails the test when the
/// formatter's own token check fails.
std::optional<std::string> formatted(llvm::StringRef text);

/// The comments of `text`, sorted (line comments without trailing blanks).
std::vector<std::string> comments(llvm::StringRef text);

/// Every .sgd file of the repository, and every ```sgd block of its
/// documents, as (name, text).
std::vector<std::pair<std::string, std::string>> repositorySources();

} // namespace sgd::formattest

#endif
