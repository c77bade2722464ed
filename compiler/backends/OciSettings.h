#ifndef SGD_BACKENDS_OCISETTINGS_H
#define SGD_BACKENDS_OCISETTINGS_H

#include <optional>
#include <string>
#include <vector>

namespace sgd::backends {

/// What the OCI manifests take from outside the design: `[oci]` of sgd.toml
/// and the list of public OCI regions (`<stdlib>/oci/regions.tsv`).
struct OciSettings {
  /// `[oci] region`: the region of every site whose `oci { }` block names
  /// none (a site's own block wins). Empty when not set.
  std::string region;
  /// `[oci] dedicated`: `region` is a dedicated region, not a public one.
  bool dedicated = false;
  /// `[oci] compartment`: OCID of the parent compartment, the default of
  /// the `compartment_ocid` variable. Empty when not set.
  std::string compartment;
  /// Where sgd.toml is, for messages (`sgd.toml`); empty without one.
  std::string projectFile;

  /// The public region identifiers, when the list could be read.
  std::optional<std::vector<std::string>> regions;
  /// The list's path, and why it could not be read (for messages).
  std::string regionListPath;
  std::string regionListError;
};

} // namespace sgd::backends

#endif
