#ifndef SGD_BACKENDS_BOMFORMATS_H
#define SGD_BACKENDS_BOMFORMATS_H

#include "backends/Bom.h"
#include "base/Sha1.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sgd::backends {

/// bom.csv: RFC 4180 (CRLF line ends, fields quoted when they hold a comma,
/// a quote or a line break), a header row and one row per line: item lines
/// only, so that a spreadsheet's SUM of `extended_cost` is the grand total;
/// the totals are in bom.json and the build summary (docs/outputs.md).
void writeBomCsv(const BuildInput &input, const Bom &bom, llvm::raw_ostream &out);

/// bom.json: the lines, the totals per site and a summary with the capex per
/// MW of IT load. Money is a decimal string with exactly two decimals.
void writeBomJson(const BuildInput &input, const Bom &bom, llvm::raw_ostream &out);

/// capex.csv: the cash flow, one row per month, site, phase and category
/// with what it commits and pays (docs/costs.md, "Cash flow").
void writeCapexCsv(const Bom &bom, llvm::raw_ostream &out);

/// opex.csv: a site's running cost per year and its TCO per MW-year.
void writeOpexCsv(const BuildInput &input, const Bom &bom, llvm::raw_ostream &out);

/// bom.cdx.json: a CycloneDX 1.6 hardware BOM, one `device` component per line.
void writeBomCycloneDx(const BuildInput &input, const Bom &bom, llvm::StringRef serial,
                       llvm::raw_ostream &out);

/// Passes what it is given on to `out` and names it: a name-based UUID
/// (RFC 4122 version 5: SHA-1 of sgdc's BOM namespace and the content), in
/// lower-case 8-4-4-4-12 form, so the BOM's serial number follows from its
/// content without holding it.
class ContentUuidStream : public llvm::raw_ostream {
public:
  explicit ContentUuidStream(llvm::raw_ostream &out);
  ~ContentUuidStream() override;
  /// The UUID of everything written so far; call once, at the end.
  std::string uuid();

private:
  void write_impl(const char *data, size_t size) override;
  uint64_t current_pos() const override { return written_; }

  llvm::raw_ostream &out_;
  Sha1 sha1_;
  uint64_t written_ = 0;
};

} // namespace sgd::backends

#endif
