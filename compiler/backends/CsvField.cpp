#include "backends/CsvField.h"

#include <algorithm>

namespace sgd::backends {

void writeCsvField(llvm::raw_ostream &out, llvm::StringRef text) {
  // A plain loop: StringRef::find_first_of builds a 256-bit set on every
  // call, which costs more than the short fields it then scans.
  auto special = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
  if (std::none_of(text.begin(), text.end(), special)) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) {
    if (c == '"')
      out << '"';
    out << c;
  }
  out << '"';
}

} // namespace sgd::backends
