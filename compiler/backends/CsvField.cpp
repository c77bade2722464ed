#include "backends/CsvField.h"

namespace sgd::backends {

void writeCsvField(llvm::raw_ostream &out, llvm::StringRef text) {
  if (text.find_first_of(",\"\r\n") == llvm::StringRef::npos) {
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
