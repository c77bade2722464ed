#include "diagnostics/SarifRenderer.h"

#include "base/Utf8.h"
#include "diagnostics/RendererSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <vector>

namespace sgd {
namespace {

constexpr llvm::StringLiteral kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// SARIF levels happen to share our severity names.
llvm::StringRef sarifLevel(Severity severity) { return severityName(severity); }

/// A display path as a URI reference (RFC 3986): `/` separators, and every
/// byte outside the unreserved and sub-delimiter sets percent-encoded. `:` is
/// encoded too, or `c:/x.sgd` would read as a URI with scheme `c`.
std::string pathToUri(llvm::StringRef path) {
  std::string uri;
  for (char c : path) {
    if (c == '\\')
      c = '/';
    if (llvm::isAlnum(c) || llvm::StringRef("-._~!$&'()*+,;=@/").contains(c)) {
      uri += c;
    } else {
      uri += '%';
      uri += llvm::hexdigit((static_cast<unsigned char>(c) >> 4) & 0xF);
      uri += llvm::hexdigit(static_cast<unsigned char>(c) & 0xF);
    }
  }
  return uri;
}

/// Code-point offsets from the start of a file (SARIF charOffset, counted in
/// the same unit as the run's columns). Each file's cumulative count at every
/// block boundary is computed once, so a lookup counts at most one block.
class CodePointOffsets {
public:
  explicit CodePointOffsets(const SourceFiles &files)
      : files_(files), blockStarts_(files.fileCount()) {}

  uint64_t of(FileId file, uint32_t offset) {
    llvm::StringRef text = files_.text(file);
    offset = std::min<uint32_t>(offset, text.size());
    std::vector<uint64_t> &starts = blockStarts_[file.index];
    if (starts.empty()) {
      uint64_t count = 0;
      for (size_t block = 0; block <= text.size(); block += kBlockSize) {
        starts.push_back(count);
        count += countCodePoints(text.substr(block, kBlockSize));
      }
    }
    size_t block = offset / kBlockSize;
    return starts[block] + countCodePoints(text.slice(block * kBlockSize, offset));
  }

private:
  static constexpr size_t kBlockSize = 4096;
  const SourceFiles &files_;
  std::vector<std::vector<uint64_t>> blockStarts_;
};

class SarifWriter {
public:
  SarifWriter(llvm::raw_ostream &os, const SourceFiles &files)
      : json_(os, /*IndentSize=*/2), files_(files), charOffsets_(files) {}

  void write(llvm::ArrayRef<const Diagnostic *> diagnostics, const SarifToolInfo &tool) {
    // Compliance rules are rules of the run too, after the registered codes,
    // in the order they first appear.
    for (const Diagnostic *diagnostic : diagnostics)
      if (!diagnostic->ruleId.empty() &&
          llvm::none_of(extraRules_, [&](const Diagnostic *known) {
            return known->ruleId == diagnostic->ruleId;
          }))
        extraRules_.push_back(diagnostic);
    json_.object([&] {
      json_.attribute("$schema", kSchemaUri);
      json_.attribute("version", "2.1.0");
      json_.attributeArray("runs", [&] {
        json_.object([&] {
          json_.attributeObject("tool", [&] { writeDriver(tool); });
          json_.attribute("columnKind", "unicodeCodePoints");
          json_.attributeArray("results", [&] {
            for (const Diagnostic *diagnostic : diagnostics)
              writeResult(*diagnostic);
          });
        });
      });
    });
  }

private:
  void writeDriver(const SarifToolInfo &tool) {
    json_.attributeObject("driver", [&] {
      json_.attribute("name", tool.name);
      if (!tool.version.empty())
        json_.attribute("version", tool.version);
      if (!tool.informationUri.empty())
        json_.attribute("informationUri", tool.informationUri);
      json_.attributeArray("rules", [&] {
        for (const DiagCodeInfo &info : allCodes())
          writeRule(info);
        for (const Diagnostic *rule : extraRules_)
          writeComplianceRule(*rule);
      });
    });
  }

  void writeRule(const DiagCodeInfo &info) {
    // The explanation's first paragraph says what the code means; the rest
    // is examples, which belong in help only. Its Markdown line breaks are
    // not meant to show in a one-paragraph description.
    std::string meaning = info.explanation.split("\n\n").first.trim().str();
    std::replace(meaning.begin(), meaning.end(), '\n', ' ');
    json_.object([&] {
      json_.attribute("id", info.id);
      json_.attributeObject("shortDescription", [&] { json_.attribute("text", info.summary); });
      json_.attributeObject("fullDescription", [&] {
        json_.attribute("text", meaning.empty() ? info.summary.str() : meaning);
      });
      json_.attributeObject("help", [&] {
        json_.attribute("text", info.explanation);
        json_.attribute("markdown", info.explanation);
      });
      json_.attributeObject("defaultConfiguration", [&] {
        json_.attribute("level", sarifLevel(info.defaultSeverity));
      });
    });
  }

  void writeComplianceRule(const Diagnostic &diagnostic) {
    std::string summary = diagnostic.ruleSummary.empty() ? diagnostic.ruleId
                                                         : diagnostic.ruleSummary;
    json_.object([&] {
      json_.attribute("id", diagnostic.ruleId);
      json_.attributeObject("shortDescription",
                            [&] { json_.attribute("text", jsonString(summary)); });
      json_.attributeObject("defaultConfiguration", [&] {
        json_.attribute("level", sarifLevel(diagnostic.severity));
      });
    });
  }

  int64_t ruleIndexOf(const Diagnostic &diagnostic) const {
    if (diagnostic.ruleId.empty())
      return static_cast<int64_t>(diagnostic.code);
    for (size_t index = 0; index < extraRules_.size(); ++index)
      if (extraRules_[index]->ruleId == diagnostic.ruleId)
        return static_cast<int64_t>(allCodes().size() + index);
    return -1;
  }

  void writeResult(const Diagnostic &diagnostic) {
    // SARIF has no place for a location-less note, so such notes are appended
    // to the message, where every viewer shows them.
    std::string message = diagnostic.message;
    for (const DiagNote &note : diagnostic.notes)
      if (!note.range)
        message += "\nnote: " + note.message;

    json_.object([&] {
      json_.attribute("ruleId", diagnostic.id());
      json_.attribute("ruleIndex", ruleIndexOf(diagnostic));
      json_.attribute("level", sarifLevel(diagnostic.severity));
      writeMessage(message);
      if (diagnostic.range.isValid())
        json_.attributeArray("locations", [&] {
          json_.object([&] { writePhysicalLocation(diagnostic.range); });
        });
      writeRelatedLocations(diagnostic.notes);
      if (diagnostic.fixIt)
        writeFix(*diagnostic.fixIt);
      // Turned off by the project's `[checks] disable`, with its reason.
      if (diagnostic.suppressed())
        json_.attributeArray("suppressions", [&] {
          json_.object([&] {
            json_.attribute("kind", "external");
            json_.attribute("justification", jsonString(diagnostic.suppression));
          });
        });
    });
  }

  void writeRelatedLocations(llvm::ArrayRef<DiagNote> notes) {
    if (llvm::none_of(notes, [](const DiagNote &note) { return note.range.has_value(); }))
      return;
    json_.attributeArray("relatedLocations", [&] {
      int64_t id = 0;
      for (const DiagNote &note : notes) {
        if (!note.range)
          continue;
        json_.object([&] {
          json_.attribute("id", ++id);
          writePhysicalLocation(*note.range);
          writeMessage(note.message);
        });
      }
    });
  }

  void writeFix(const FixIt &fixIt) {
    json_.attributeArray("fixes", [&] {
      json_.object([&] {
        json_.attributeArray("artifactChanges", [&] {
          json_.object([&] {
            writeArtifactLocation(fixIt.range.file);
            json_.attributeArray("replacements", [&] {
              json_.object([&] {
                json_.attributeObject("deletedRegion", [&] { writeRegion(fixIt.range); });
                json_.attributeObject("insertedContent", [&] {
                  json_.attribute("text", jsonString(fixIt.replacement));
                });
              });
            });
          });
        });
      });
    });
  }

  void writeMessage(llvm::StringRef text) {
    json_.attributeObject("message", [&] { json_.attribute("text", jsonString(text)); });
  }

  void writePhysicalLocation(const SourceRange &range) {
    json_.attributeObject("physicalLocation", [&] {
      writeArtifactLocation(range.file);
      json_.attributeObject("region", [&] { writeRegion(range); });
    });
  }

  void writeArtifactLocation(FileId file) {
    json_.attributeObject("artifactLocation", [&] {
      json_.attribute("uri", pathToUri(files_.displayName(file)));
    });
  }

  void writeRegion(const SourceRange &range) {
    LineColumn start = files_.lineColumn(range.file, range.begin);
    LineColumn end = files_.lineColumn(range.file, range.end);
    uint64_t startOffset = charOffsets_.of(range.file, range.begin);
    json_.attribute("startLine", start.line);
    json_.attribute("startColumn", start.column);
    json_.attribute("endLine", end.line);
    json_.attribute("endColumn", end.column);
    json_.attribute("charOffset", startOffset);
    json_.attribute("charLength", charOffsets_.of(range.file, range.end) - startOffset);
  }

  llvm::json::OStream json_;
  const SourceFiles &files_;
  CodePointOffsets charOffsets_;
  std::vector<const Diagnostic *> extraRules_; // the first diagnostic of each rule id
};

} // namespace

void renderSarif(llvm::raw_ostream &os, const SourceFiles &files,
                 llvm::ArrayRef<const Diagnostic *> diagnostics, const SarifToolInfo &tool) {
  SarifWriter(os, files).write(diagnostics, tool);
  os << '\n';
}

} // namespace sgd
