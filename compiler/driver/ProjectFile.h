#ifndef SGD_DRIVER_PROJECTFILE_H
#define SGD_DRIVER_PROJECTFILE_H

#include "backends/Backends.h"
#include "base/InputFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sgd::driver {

/// Where something is written in a TOML file: 1-based lines and columns
/// (columns count code points), from the first character to the last.
struct TomlPlace {
  std::string file;
  unsigned line = 0, column = 0;
  unsigned endLine = 0, endColumn = 0;
};

/// An error in sgd.toml or a `--prices` file, at its place; the driver
/// reports it as E0901 with the line shown.
class ProjectFileError : public llvm::ErrorInfo<ProjectFileError> {
public:
  static char ID;
  ProjectFileError(TomlPlace place, std::string message)
      : place(std::move(place)), message(std::move(message)) {}

  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override { return llvm::inconvertibleErrorCode(); }

  TomlPlace place;
  std::string message;
};

/// `[checks] disable`: one rule or warning code turned off, and why.
struct DisabledRule {
  std::string id;            // `US-TX-BACKUP-DISCLOSURE`, `W0412`
  std::string justification; // required, not blank
  TomlPlace place;           // of the key, for E0902
};

/// `[checks]`: how strictly the design is judged.
struct CheckSettings {
  bool denyWarnings = false; // `deny-warnings = true`
  std::vector<DisabledRule> disabled;
};

/// A price of `[prices]`: exact money in a currency (USD, or the code it is
/// written with: `"320000 EUR"`), and where its key is written; for a rate
/// of the cost model (`cost.shell_per_m2`), the value as written, which
/// compiler/cost reads.
struct Price {
  units::Rational amount;
  std::string currency = "USD";
  TomlPlace place;
  std::optional<std::string> rate;
};

/// An exchange rate of `[fx]`: the project currency per unit of a currency.
struct ExchangeRate {
  units::Rational perUnit;
  TomlPlace place;
};

/// `[project] currency`: the currency totals are in, as written (compiler/cost
/// checks it is an ISO 4217 code), and where.
struct ProjectCurrency {
  std::string code;
  TomlPlace place;
};
using PriceList = std::map<std::string, Price>; // qualified catalog entry name → price

/// `[compliance]`: a rule pack judged in another version than the one in
/// force (`de_enefg = "2026-draft"`).
struct PackVersion {
  std::string pack;
  std::string version;
  TomlPlace place; // of the value, for E0507
};

/// What `sgd.toml` says about a project.
struct Project {
  std::string name;
  /// The entry files, as paths usable from the current folder.
  std::vector<std::string> entries;
  /// `[outputs] dir`: the output folder (relative to the project's folder);
  /// none when sgd.toml does not say.
  std::optional<std::string> outputDir;
  /// `[outputs]`: which backends run.
  backends::BackendSelection backends;
  /// `[prices]`: qualified catalog entry name → price.
  PriceList prices;
  /// `[project] currency`: none when sgd.toml does not say (USD).
  std::optional<ProjectCurrency> currency;
  /// `[fx]`: currency code (`EUR`) → exchange rate.
  std::map<std::string, ExchangeRate> fx;
  /// `[oci]`: `region` (a string), `dedicated` (a boolean), `compartment`
  /// (the OCID of the parent compartment); the region list is not read here.
  backends::OciSettings oci;
  CheckSettings checks;
  /// `[compliance]`: pack → version, in the file's order.
  std::vector<PackVersion> packVersions;
};

/// Reads the `sgd.toml` in `folder` (docs/tutorial.md lists its tables):
/// `[project]` `name`, `entry` (a file or a list of files, relative to
/// the folder) and `currency`; `[outputs]`, `[prices]` (as loadPrices() reads it), `[oci]`,
/// `[checks]` and `[compliance]`. An unknown table or key, or a value of the
/// wrong type, is a ProjectFileError at its place; a file that cannot be read
/// (not a regular file, larger than `maxBytes`) is an InputFileError.
llvm::Expected<Project> loadProject(llvm::StringRef folder,
                                    uint64_t maxBytes = kDefaultMaxInputBytes);

/// Reads `[prices]` of the TOML file `path` (`sgdc build --prices FILE`):
/// the same table as in sgd.toml. Each key is a catalog entry's qualified
/// name, quoted (`"power.ups_1250kw"`) or dotted; each value is money, a
/// string with a unit (`"350 kUSD"`, `"1.2 MUSD"`, `"1250.50 USD"`) or an
/// ISO 4217 code (`"320000 EUR"`, `"1.5 MEUR"`), or a whole number of USD. Prices are exact, whole cents and not negative; floats are
/// refused (not exact). Errors are ProjectFileErrors and InputFileErrors.
llvm::Expected<PriceList> loadPrices(llvm::StringRef path,
                                     uint64_t maxBytes = kDefaultMaxInputBytes);

} // namespace sgd::driver

#endif
