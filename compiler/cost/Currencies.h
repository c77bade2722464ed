#ifndef SGD_COST_CURRENCIES_H
#define SGD_COST_CURRENCIES_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace sgd::cost {

/// Whether `code` is an ISO 4217 currency code of stdlib/cost/currencies.sgd
/// (embedded at build time): `EUR`, not `eur`, `EURO` or `XXX`.
bool isCurrency(llvm::StringRef code);

/// The name ISO 4217 gives the currency (`Euro`), or "".
std::string currencyName(llvm::StringRef code);

/// Every code of the list, in order, for suggestions.
const std::vector<std::string> &currencyCodes();

} // namespace sgd::cost

#endif
