// SVG for the pictures of report.html.

#include "backends/ReportSvg.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace sgd::backends::report {

std::string coordinate(double value) {
  double tenths = std::round(value * 10);
  double rounded = tenths / 10;
  // The common case written by hand, as the snprintf below would write it
  // ("%.0f" of a whole number, else "%.1f" of tenths: -0.0 gives "-0"): a
  // Gantt chart has a few coordinates for each of thousands of tasks.
  if (std::isfinite(tenths) && std::abs(tenths) < 1e15) {
    auto whole = static_cast<uint64_t>(std::abs(tenths));
    std::string text = std::signbit(rounded) ? "-" : "";
    text += std::to_string(whole / 10);
    if (whole % 10 != 0)
      text += {'.', static_cast<char>('0' + whole % 10)};
    return text;
  }
  char buffer[32];
  if (rounded == std::floor(rounded))
    std::snprintf(buffer, sizeof buffer, "%.0f", rounded);
  else
    std::snprintf(buffer, sizeof buffer, "%.1f", rounded);
  return buffer;
}

SvgWriter::SvgWriter(double width, double height, llvm::StringRef title, llvm::StringRef id) {
  out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + escapeXml(id) + "\" width=\"" +
         coordinate(width) + "\" height=\"" + coordinate(height) + "\" viewBox=\"0 0 " +
         coordinate(width) + " " + coordinate(height) +
         "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n<title>" +
         escapeXml(title) + "</title>\n";
}

void SvgWriter::rect(double x, double y, double width, double height, llvm::StringRef style,
                     llvm::StringRef tooltip, llvm::StringRef classes) {
  out_ += "<rect x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" width=\"" +
          coordinate(width) + "\" height=\"" + coordinate(height) + "\" style=\"" +
          escapeXml(style) + "\"";
  if (!classes.empty())
    out_ += " class=\"" + escapeXml(classes) + "\"";
  if (tooltip.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += "><title>" + escapeXml(tooltip) + "</title></rect>\n";
}

void SvgWriter::diamond(double x, double y, double r, llvm::StringRef style,
                        llvm::StringRef tooltip) {
  out_ += "<polygon points=\"" + coordinate(x) + "," + coordinate(y - r) + " " +
          coordinate(x + r) + "," + coordinate(y) + " " + coordinate(x) + "," +
          coordinate(y + r) + " " + coordinate(x - r) + "," + coordinate(y) + "\" style=\"" +
          escapeXml(style) + "\"><title>" + escapeXml(tooltip) + "</title></polygon>\n";
}

void SvgWriter::line(double x1, double y1, double x2, double y2, llvm::StringRef style) {
  out_ += "<line x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" +
          coordinate(x2) + "\" y2=\"" + coordinate(y2) + "\" style=\"" + escapeXml(style) +
          "\"/>\n";
}

void SvgWriter::text(double x, double y, llvm::StringRef text, llvm::StringRef style) {
  out_ += "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\"";
  if (!style.empty())
    out_ += " style=\"" + escapeXml(style) + "\"";
  out_ += ">" + escapeXml(text) + "</text>\n";
}

void SvgWriter::beginGroup(llvm::StringRef classes, llvm::StringRef dataName,
                           llvm::StringRef dataValue) {
  out_ += "<g class=\"" + escapeXml(classes) + "\" data-" + dataName.str() + "=\"" +
          escapeXml(dataValue) + "\">\n";
}

void SvgWriter::beginGroup(llvm::StringRef classes,
                           std::initializer_list<std::pair<llvm::StringRef, std::string>> data) {
  out_ += "<g class=\"" + escapeXml(classes) + "\"";
  for (const auto &[name, value] : data)
    out_ += " data-" + name.str() + "=\"" + escapeXml(value) + "\"";
  out_ += ">\n";
}

void SvgWriter::endGroup() { out_ += "</g>\n"; }

std::string SvgWriter::finish() { return out_ + "</svg>\n"; }

llvm::StringRef paletteColour(size_t n) {
  // Okabe and Ito's colour-blind-safe palette, then greys.
  static const char *const colours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                        "#56B4E9", "#D55E00", "#F0E442", "#000000"};
  return colours[n % (sizeof colours / sizeof *colours)];
}

llvm::StringRef equipmentColour(llvm::StringRef kind) {
  // Cooling in blues and greens, power in browns and purples; other kinds grey.
  static const std::pair<const char *, const char *> colours[] = {
      {"cdu", "#56B4E9"},   {"crah", "#009E73"},    {"rdhx", "#8FD1C0"}, {"ups", "#A0522D"},
      {"battery", "#CC79A7"}, {"pdu", "#F0E442"},   {"busway", "#E69F00"},
      {"switchgear", "#7F5FA0"}, {"transformer", "#6B4226"}};
  for (const auto &[name, colour] : colours)
    if (kind == name)
      return colour;
  return "#999999";
}

llvm::StringRef zoneClassColour(int64_t zoneClass) {
  switch (zoneClass) {
  case 1: return "#e8f4e8";
  case 2: return "#fdf3d8";
  case 3: return "#fde0c5";
  case 4: return "#f9c9c9";
  default: return "#eeeeee";
  }
}

} // namespace sgd::backends::report
