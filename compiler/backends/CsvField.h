#ifndef SGD_BACKENDS_CSVFIELD_H
#define SGD_BACKENDS_CSVFIELD_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::backends {

/// Writes one field of a CSV file (RFC 4180) to `out`: as it is, or in
/// double quotes with its quotes doubled when it holds a comma, a quote, a
/// CR or an LF. bom.csv, capex.csv, opex.csv and schedule.csv write their
/// fields with it.
void writeCsvField(llvm::raw_ostream &out, llvm::StringRef text);

} // namespace sgd::backends

#endif
