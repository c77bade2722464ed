#include "diagnostics/SarifRenderer.h"

#include "base/Utf8.h"
#include "diagnostics/RendererSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"

#include <algorithm>
#include <map>
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

// The base ids of the run's URIs (SARIF §3.14.14): the repository, and the
// standard library, which is elsewhere on every machine.
constexpr llvm::StringLiteral kSourceRootId = "%SRCROOT%";
constexpr llvm::StringLiteral kStdlibId = "SGDC_STDLIB";
constexpr llvm::StringLiteral kStdlibPrefix = "<stdlib>/";

/// `path` relative to the folder `root` (both absolute): `a/b.sgd`, or with
/// `..` steps when it lies outside.
std::string relativeTo(llvm::StringRef root, llvm::StringRef path) {
  llvm::SmallVector<llvm::StringRef, 16> rootParts, pathParts;
  for (auto it = llvm::sys::path::begin(root), end = llvm::sys::path::end(root); it != end; ++it)
    rootParts.push_back(*it);
  for (auto it = llvm::sys::path::begin(path), end = llvm::sys::path::end(path); it != end; ++it)
    pathParts.push_back(*it);
  size_t common = 0;
  while (common < rootParts.size() && common < pathParts.size() &&
         rootParts[common] == pathParts[common])
    ++common;
  std::string relative;
  for (size_t i = common; i < rootParts.size(); ++i)
    relative += "../";
  for (size_t i = common; i < pathParts.size(); ++i)
    relative += pathParts[i].str() + (i + 1 < pathParts.size() ? "/" : "");
  return relative;
}

/// Where a file is, as the log names it.
struct ArtifactUri {
  llvm::StringRef baseId; // "" for a buffer that is not a file (`<command line>`)
  std::string uri;
};

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
  SarifWriter(llvm::raw_ostream &os, const SourceFiles &files, std::string sourceRoot)
      : json_(os, /*IndentSize=*/2), files_(files), charOffsets_(files),
        sourceRoot_(std::move(sourceRoot)) {
    if (sourceRoot_.empty()) {
      llvm::SmallString<256> here;
      if (!llvm::sys::fs::current_path(here))
        (void)llvm::sys::fs::real_path(here, here);
      sourceRoot_ = here.str().str();
    }
  }

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
          writeBaseIds();
          json_.attributeArray("results", [&] {
            for (const Diagnostic *diagnostic : diagnostics)
              writeResult(*diagnostic);
          });
        });
      });
    });
  }

private:
  // No absolute URI: a consumer resolves %SRCROOT% to its checkout, and the
  // standard library to wherever its sgdc keeps it.
  void writeBaseIds() {
    json_.attributeObject("originalUriBaseIds", [&] {
      json_.attributeObject(kSourceRootId, [&] {
        json_.attributeObject("description", [&] {
          json_.attribute("text", "The repository root (`--sarif-root`; by default the top "
                                  "of the git work tree, else the working folder)");
        });
      });
      json_.attributeObject(kStdlibId, [&] {
        json_.attributeObject("description", [&] {
          json_.attribute("text", "sgdc's standard library (stdlib/ in its sources, "
                                  "share/sgdc/stdlib once installed)");
        });
      });
    });
  }

  const ArtifactUri &artifactOf(FileId file) {
    auto [known, added] = artifacts_.try_emplace(file.index);
    if (!added)
      return known->second;
    llvm::StringRef shown = files_.displayName(file);
    llvm::StringRef disk = files_.diskPath(file);
    if (shown.startswith(kStdlibPrefix))
      known->second = {kStdlibId, pathToUri(shown.drop_front(kStdlibPrefix.size()))};
    else if (!disk.empty())
      known->second = {kSourceRootId, pathToUri(relativeTo(sourceRoot_, disk))};
    else
      known->second = {"", pathToUri(shown)};
    return known->second;
  }

  // A result's identity across runs, machines and checkouts, for code
  // scanning to match alerts (SARIF §3.27.17): the rule, the file as the log
  // names it, the text of the primary line and of the range, not the line
  // number (lines added above it change nothing) nor the message (whose
  // figures change with the rest of the design). Equal keys are numbered in
  // result order.
  std::string fingerprintOf(const Diagnostic &diagnostic) {
    std::string key = diagnostic.id().str();
    key += '\0';
    if (diagnostic.range.isValid()) {
      const ArtifactUri &artifact = artifactOf(diagnostic.range.file);
      llvm::StringRef text = files_.text(diagnostic.range.file);
      uint32_t end = std::min<uint32_t>(diagnostic.range.end, text.size());
      uint32_t begin = std::min(diagnostic.range.begin, end);
      key += artifact.baseId.str() + '\0' + artifact.uri + '\0' +
             normalizedSpace(files_.lineText(diagnostic.range.file, begin)) + '\0' +
             normalizedSpace(text.slice(begin, std::min<uint32_t>(end, begin + 256)));
    } else {
      key += diagnostic.message;
    }
    llvm::SHA1 sha1;
    sha1.update(key);
    llvm::StringRef digest = sha1.final();
    std::string hash = llvm::toHex(digest.take_front(8), /*LowerCase=*/true);
    return hash + ":" + std::to_string(++occurrences_[hash]);
  }

  static std::string normalizedSpace(llvm::StringRef text) {
    llvm::SmallVector<llvm::StringRef, 16> words;
    text.split(words, ' ', -1, false);
    std::string joined;
    for (llvm::StringRef word : words)
      if (!(word = word.trim()).empty())
        joined += (joined.empty() ? "" : " ") + word.str();
    return joined;
  }

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
      json_.attributeObject("partialFingerprints", [&] {
        json_.attribute("sgdcResult/v1", fingerprintOf(diagnostic));
      });
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
    const ArtifactUri &artifact = artifactOf(file);
    json_.attributeObject("artifactLocation", [&] {
      json_.attribute("uri", artifact.uri);
      if (!artifact.baseId.empty())
        json_.attribute("uriBaseId", artifact.baseId);
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
  std::string sourceRoot_;
  std::map<uint32_t, ArtifactUri> artifacts_; // by file index
  llvm::StringMap<unsigned> occurrences_;     // fingerprint hash → results so far
  std::vector<const Diagnostic *> extraRules_; // the first diagnostic of each rule id
};

} // namespace

void renderSarif(llvm::raw_ostream &os, const SourceFiles &files,
                 llvm::ArrayRef<const Diagnostic *> diagnostics, const SarifToolInfo &tool) {
  SarifWriter(os, files, tool.sourceRoot).write(diagnostics, tool);
  os << '\n';
}

} // namespace sgd
