// Fuzz target: a `--prices` file, as `sgdc build --prices FILE` reads it:
// the nesting pre-scan, toml++, the [prices] table (dotted and quoted names,
// money strings, whole numbers of USD) and the diagnostic at its place.
#include "FuzzSupport.h"

#include "driver/ProjectFile.h"
#include "driver/Session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace sgd;
  std::string path =
      fuzz::writeScratchFile("prices.toml", llvm::StringRef(reinterpret_cast<const char *>(data), size));
  driver::Session session;
  llvm::Expected<driver::PriceList> prices = driver::loadPrices(path);
  if (prices) {
    // Prices are exact, whole cents and not negative.
    for (const auto &[name, price] : *prices)
      if (price.amount.isNegative() || 100 % price.amount.denominator() != 0)
        fuzz::violated("a price that is negative or not whole cents was accepted");
    return 0;
  }
  session.reportProjectError(prices.takeError());
  if (fuzz::finishAndCheck(session) == 0)
    fuzz::violated("the price list was refused without an error");
  return 0;
}
