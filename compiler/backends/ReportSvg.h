#ifndef SGD_BACKENDS_REPORTSVG_H
#define SGD_BACKENDS_REPORTSVG_H

#include "backends/XmlText.h"

#include "llvm/ADT/StringRef.h"

#include <initializer_list>
#include <string>
#include <utility>

namespace sgd::backends::report {

using backends::escapeXml;

/// A coordinate with one decimal, the same on every machine: "12.5", "3".
std::string coordinate(double value);

/// Writes one SVG picture: shapes and text in user units (the pictures use
/// 1 unit = 1 px on screen; the viewBox lets them scale to the page).
class SvgWriter {
public:
  SvgWriter(double width, double height, llvm::StringRef title, llvm::StringRef id);

  void rect(double x, double y, double width, double height, llvm::StringRef style,
            llvm::StringRef tooltip = {}, llvm::StringRef classes = {});
  /// A diamond of half-width `r` around (x, y): a milestone.
  void diamond(double x, double y, double r, llvm::StringRef style, llvm::StringRef tooltip);
  void line(double x1, double y1, double x2, double y2, llvm::StringRef style);
  void text(double x, double y, llvm::StringRef text, llvm::StringRef style = {});
  /// A group with a data attribute, for tests and scripts that read the DOM.
  void beginGroup(llvm::StringRef classes, llvm::StringRef dataName, llvm::StringRef dataValue);
  /// A group with several data attributes: {{"kind", "cdu"}, {"count", "16"}}.
  void beginGroup(llvm::StringRef classes,
                  std::initializer_list<std::pair<llvm::StringRef, std::string>> data);
  void endGroup();

  /// The finished picture (`<svg …>…</svg>`, no XML declaration: it is
  /// embedded in HTML as it is and valid as a file on its own).
  std::string finish();

private:
  std::string out_;
};

/// A fill colour for the n-th item of a legend (rack types, task kinds).
llvm::StringRef paletteColour(size_t n);

/// The fill colour of an equipment kind on a floor plan (cdu, crah, pdu, …).
llvm::StringRef equipmentColour(llvm::StringRef kind);

/// The fill colour of a security zone class (1 outermost … 4 data hall).
llvm::StringRef zoneClassColour(int64_t zoneClass);

} // namespace sgd::backends::report

#endif
