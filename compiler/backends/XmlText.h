#ifndef SGD_BACKENDS_XMLTEXT_H
#define SGD_BACKENDS_XMLTEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace sgd::backends {

/// `&`, `<`, `>` and `"` as entities: text and attribute values of XML,
/// HTML and SVG.
std::string escapeXml(llvm::StringRef text);

} // namespace sgd::backends

#endif
