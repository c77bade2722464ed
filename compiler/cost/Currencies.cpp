#include "cost/Currencies.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <map>

namespace sgd::cost {
namespace {

const char *const kCurrenciesText =
#include "CostCurrencies.inc"
    ;

/// The embedded list, `const CODE = "NAME";` a line, read once.
const std::map<std::string, std::string> &currencies() {
  static const std::map<std::string, std::string> table = [] {
    std::map<std::string, std::string> read;
    llvm::SmallVector<llvm::StringRef, 200> lines;
    llvm::StringRef(kCurrenciesText).split(lines, '\n');
    for (llvm::StringRef line : lines) {
      if (!line.consume_front("const "))
        continue;
      auto [code, name] = line.split('=');
      name = name.trim();
      name.consume_back(";");
      read[code.trim().str()] = name.trim().trim('"').str();
    }
    return read;
  }();
  return table;
}

} // namespace

bool isCurrency(llvm::StringRef code) { return currencies().count(code.str()) != 0; }

std::string currencyName(llvm::StringRef code) {
  auto found = currencies().find(code.str());
  return found == currencies().end() ? std::string() : found->second;
}

const std::vector<std::string> &currencyCodes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> all;
    for (const auto &[code, name] : currencies())
      all.push_back(code);
    return all;
  }();
  return codes;
}

} // namespace sgd::cost
