#include "backends/XmlText.h"

namespace sgd::backends {

std::string escapeXml(llvm::StringRef text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': escaped += "&amp;"; break;
    case '<': escaped += "&lt;"; break;
    case '>': escaped += "&gt;"; break;
    case '"': escaped += "&quot;"; break;
    default: escaped += c;
    }
  }
  return escaped;
}

} // namespace sgd::backends
