#include "cost/Currencies.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <vector>

namespace sgd::cost {
namespace {

const char *const kCurrenciesText =
#include "CostCurrencies.inc"
    ;

struct Currency {
  llvm::StringRef code, name; // in the embedded text, which lives as long as the program
};

/// The embedded list, read once into slices of the text, by code (a map of
/// strings cost a build 0.3 M instructions to answer one question).
const std::vector<Currency> &currencies() {
  static const std::vector<Currency> table = [] {
    std::vector<Currency> read;
    llvm::SmallVector<llvm::StringRef, 200> lines;
    llvm::StringRef(kCurrenciesText).split(lines, '\n');
    for (llvm::StringRef line : lines) {
      // `const CODE = "NAME";`, as the file's header says (a trim() builds
      // a 256-bit set each call: most of the cost of reading the list).
      if (!line.consume_front("const "))
        continue;
      auto [code, rest] = line.split(" = \"");
      read.push_back({code, rest.take_until([](char c) { return c == '"'; })});
    }
    std::sort(read.begin(), read.end(),
              [](const Currency &a, const Currency &b) { return a.code < b.code; });
    return read;
  }();
  return table;
}

const Currency *find(llvm::StringRef code) {
  const std::vector<Currency> &all = currencies();
  auto found = std::lower_bound(all.begin(), all.end(), code,
                                [](const Currency &c, llvm::StringRef key) { return c.code < key; });
  return found != all.end() && found->code == code ? &*found : nullptr;
}

} // namespace

bool isCurrency(llvm::StringRef code) { return find(code) != nullptr; }

std::string currencyName(llvm::StringRef code) {
  const Currency *currency = find(code);
  return currency ? currency->name.str() : std::string();
}

const std::vector<std::string> &currencyCodes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> all;
    for (const Currency &currency : currencies())
      all.push_back(currency.code.str());
    return all;
  }();
  return codes;
}

} // namespace sgd::cost
