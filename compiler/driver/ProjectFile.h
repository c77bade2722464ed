#ifndef SGD_DRIVER_PROJECTFILE_H
#define SGD_DRIVER_PROJECTFILE_H

#include "backends/Backends.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace sgd::driver {

/// What `sgd.toml` says about a project.
struct Project {
  std::string name;
  /// The entry files, as paths usable from the current folder.
  std::vector<std::string> entries;
  /// `[prices]`: qualified catalog entry name → price.
  std::map<std::string, backends::PriceOverride> prices;
  /// `[oci]`: `region` (a string), `dedicated` (a boolean), `compartment`
  /// (the OCID of the parent compartment); the region list is not read here.
  backends::OciSettings oci;
};

/// Reads `[project]` of the `sgd.toml` in `folder`: `name` (a string) and
/// `entry` (a file or a list of files, relative to the folder); and
/// `[prices]`, as loadPrices() reads it. Errors name the file, line and column.
llvm::Expected<Project> loadProject(llvm::StringRef folder);

/// Reads `[prices]` of the TOML file `path` (`sgdc build --prices FILE`):
/// the same table as in sgd.toml. Each key is a catalog entry's qualified
/// name, quoted (`"power.ups_1250kw"`) or dotted; each value is money, a
/// string with a unit (`"350 kUSD"`, `"1.2 MUSD"`, `"1250.50 USD"`) or a whole
/// number of USD. Prices are exact, whole cents and not negative; floats are
/// refused (not exact). Errors name the file, line and column.
llvm::Expected<std::map<std::string, backends::PriceOverride>> loadPrices(llvm::StringRef path);

} // namespace sgd::driver

#endif
