#include "backends/XmlText.h"

namespace sgd::backends {

std::string escapeXml(llvm::StringRef text) {
  // Most text (names, dates, figures) has nothing to escape: copied at once.
  size_t special = text.find_first_of("&<>\"");
  if (special == llvm::StringRef::npos)
    return text.str();
  std::string escaped;
  escaped.reserve(text.size() + 16);
  escaped.append(text.data(), special);
  for (char c : text.drop_front(special)) {
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
