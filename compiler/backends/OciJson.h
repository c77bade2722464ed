#ifndef SGD_BACKENDS_OCIJSON_H
#define SGD_BACKENDS_OCIJSON_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace sgd::backends::oci {

/// A small streaming writer of indented JSON (two spaces a level) into a
/// string. It writes a document in pieces: a body rendered at `depth` fits
/// where a parent document puts it at that depth, so the parts of a
/// Terraform file are rendered once and then assembled in any grouping.
/// Keys and values are written in call order: output is deterministic.
class JsonWriter {
public:
  explicit JsonWriter(std::string &out, unsigned depth = 0) : out_(out), depth_(depth) {}

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }

  /// The key of the next member of the enclosing object.
  void key(llvm::StringRef name) {
    separate();
    quote(name);
    out_ += ": ";
    afterKey_ = true;
  }

  /// A JSON string with exactly this text.
  void string(llvm::StringRef text) {
    separate();
    quote(text);
  }
  void number(uint64_t value) {
    separate();
    out_ += std::to_string(value);
  }
  void boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
  }
  /// Pre-rendered JSON (a body written with a JsonWriter at this depth).
  void raw(llvm::StringRef json) {
    separate();
    out_ += json;
  }

  /// Shorthands for `"key": value`.
  void member(llvm::StringRef name, llvm::StringRef text) { key(name), string(text); }
  void member(llvm::StringRef name, const char *text) { key(name), string(text); }
  void count(llvm::StringRef name, uint64_t value) { key(name), number(value); }
  void flag(llvm::StringRef name, bool value) { key(name), boolean(value); }

  /// Appends `text` as the contents of a JSON string, escaped.
  static void escape(std::string &out, llvm::StringRef text) {
    static const char hex[] = "0123456789abcdef";
    for (char c : text) {
      unsigned char byte = static_cast<unsigned char>(c);
      switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out += hex[byte >> 4];
          out += hex[byte & 15];
        } else {
          out += c;
        }
      }
    }
  }

private:
  void quote(llvm::StringRef text) {
    out_ += '"';
    escape(out_, text);
    out_ += '"';
  }
  // Before a value or key: a comma after an earlier sibling, then a new
  // line at the current depth; nothing right after a key.
  void separate() {
    if (afterKey_) {
      afterKey_ = false;
      return;
    }
    if (!counts_.empty()) {
      if (counts_.back()++ != 0)
        out_ += ',';
      newline();
    }
  }
  void open(char bracket) {
    separate();
    out_ += bracket;
    counts_.push_back(0);
    ++depth_;
  }
  void close(char bracket) {
    --depth_;
    bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty)
      newline();
    out_ += bracket;
  }
  void newline() {
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }

  std::string &out_;
  unsigned depth_;
  llvm::SmallVector<unsigned, 16> counts_;
  bool afterKey_ = false;
};

} // namespace sgd::backends::oci

#endif
