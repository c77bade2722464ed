#include "diagnostics/JsonRenderer.h"

#include "diagnostics/RendererSupport.h"

#include "llvm/Support/JSON.h"

namespace sgd {
namespace {

/// Bump when a field changes meaning or goes away; adding fields is allowed.
constexpr int kFormatVersion = 1;

class JsonWriter {
public:
  JsonWriter(llvm::raw_ostream &os, const SourceFiles &files)
      : json_(os, /*IndentSize=*/2), files_(files) {}

  void write(llvm::ArrayRef<const Diagnostic *> diagnostics) {
    SeverityCounts counts = countSeverities(diagnostics);
    json_.object([&] {
      json_.attribute("version", kFormatVersion);
      json_.attributeArray("diagnostics", [&] {
        for (const Diagnostic *diagnostic : diagnostics)
          writeDiagnostic(*diagnostic);
      });
      json_.attribute("errors", counts.errors);
      json_.attribute("warnings", counts.warnings);
    });
  }

private:
  void writeDiagnostic(const Diagnostic &diagnostic) {
    json_.object([&] {
      json_.attribute("code", codeInfo(diagnostic.code).id);
      if (!diagnostic.ruleId.empty())
        json_.attribute("rule", diagnostic.ruleId);
      json_.attribute("severity", severityName(diagnostic.severity));
      json_.attribute("message", jsonString(diagnostic.message));
      if (diagnostic.range.isValid())
        writeLocation(diagnostic.range);
      json_.attributeArray("notes", [&] {
        for (const DiagNote &note : diagnostic.notes)
          json_.object([&] {
            json_.attribute("message", jsonString(note.message));
            if (note.range)
              writeLocation(*note.range);
          });
      });
      if (diagnostic.fixIt)
        json_.attributeObject("fixit", [&] {
          writeLocation(diagnostic.fixIt->range);
          json_.attribute("replacement", jsonString(diagnostic.fixIt->replacement));
        });
    });
  }

  /// The "file" and "range" members of the enclosing object.
  void writeLocation(const SourceRange &range) {
    json_.attribute("file", jsonString(files_.displayName(range.file)));
    json_.attributeObject("range", [&] {
      json_.attributeObject("start", [&] { writePosition(range.file, range.begin); });
      json_.attributeObject("end", [&] { writePosition(range.file, range.end); });
    });
  }

  void writePosition(FileId file, uint32_t offset) {
    LineColumn at = files_.lineColumn(file, offset);
    json_.attribute("offset", offset);
    json_.attribute("line", at.line);
    json_.attribute("column", at.column);
  }

  llvm::json::OStream json_;
  const SourceFiles &files_;
};

} // namespace

void renderJson(llvm::raw_ostream &os, const SourceFiles &files,
                llvm::ArrayRef<const Diagnostic *> diagnostics) {
  JsonWriter(os, files).write(diagnostics);
  os << '\n';
}

} // namespace sgd
