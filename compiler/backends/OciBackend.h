#ifndef SGD_BACKENDS_OCIBACKEND_H
#define SGD_BACKENDS_OCIBACKEND_H

#include "backends/Backends.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sgd::backends {

/// The OCI provisioning manifests (docs/outputs.md, "OCI manifests"):
/// Terraform JSON for the official OCI provider under `oci/` and the same
/// files with a `schema.yaml` as a Resource Manager stack, `oci-stack.zip`.
/// Only racks whose rack type has an `oci { }` block are provisioned; a
/// design without any adds nothing. A design that cannot be provisioned (a
/// site without a region, ...) is reported and adds nothing.
void emitOci(const BuildInput &input, OutputSet &outputs, DiagnosticEngine &diagnostics);

/// Reads the list of OCI region identifiers: the first column of a
/// tab-separated file whose first line is a header (`oci/regions.tsv` of the
/// standard library).
llvm::Expected<std::vector<std::string>> readOciRegionList(llvm::StringRef path);

} // namespace sgd::backends

#endif
