#ifndef SGD_BACKENDS_BOMFORMATS_H
#define SGD_BACKENDS_BOMFORMATS_H

#include "backends/Bom.h"

#include <string>

namespace sgd::backends {

/// bom.csv: RFC 4180 (CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break), a header row and one row per line: item lines
/// only, so that a spreadsheet's SUM of `extended_cost` is the grand total;
/// the totals are in bom.json and the build summary (docs/outputs.md).
std::string writeBomCsv(const BuildInput &input, const Bom &bom);

/// bom.json: the lines, the totals per site and a summary with the capex per
/// MW of IT load. Money is a decimal string with exactly two decimals.
std::string writeBomJson(const BuildInput &input, const Bom &bom);

/// capex.csv: the cash flow, one row per month, site, phase and category
/// with what it commits and pays (docs/costs.md, "Cash flow").
std::string writeCapexCsv(const Bom &bom);

/// opex.csv: a site's running cost per year and its TCO per MW-year.
std::string writeOpexCsv(const BuildInput &input, const Bom &bom);

/// bom.cdx.json: a CycloneDX 1.6 hardware BOM, one `device` component per line.
std::string writeBomCycloneDx(const BuildInput &input, const Bom &bom, llvm::StringRef serial);

/// A name-based UUID (RFC 4122 version 5: SHA-1 of sgdc's BOM namespace and
/// `content`), in lower-case 8-4-4-4-12 form.
std::string contentUuid(llvm::StringRef content);

} // namespace sgd::backends

#endif
