#ifndef SGD_RULES_COMPARE_H
#define SGD_RULES_COMPARE_H

// `sgdc rules --compare A B`: the verdicts that change between two sets of
// pack versions.

#include "rules/Rules.h"

#include "llvm/Support/Error.h"

namespace sgd::rules {

/// One side of a comparison: `de_enefg=2026-draft`, or several pins joined
/// by commas, as written.
struct PinSet {
  std::string text;
  std::vector<PackPin> pins;
};

/// Parses `PACK=VERSION[,PACK=VERSION…]`; every pin is placed at `at`. An
/// error says what is malformed.
llvm::Expected<PinSet> parsePins(llvm::StringRef text, SourceRange at);

/// Judges the design with the pins of `before`, then with those of `after`
/// (each on top of `base`, the project's), and prints per site the rules
/// whose verdict changes, then how many stay the same. Pins that name no
/// pack or version are reported where the library reports (E0501, E0507)
/// and nothing is compared: false then. The pins in force are `base` again
/// afterwards.
bool compareVersions(const model::Design &design, const checks::DesignAnalysis &analysis,
                     const SourceFiles &files, PackLibrary &library,
                     llvm::ArrayRef<PackPin> base, const PinSet &before, const PinSet &after,
                     llvm::raw_ostream &os);

} // namespace sgd::rules

#endif
