#include "base/JsonWriter.h"

#include "llvm/Support/JSON.h"

#include <algorithm>

namespace sgd {

// The layout is OStream's: a value in an array, and each attribute, starts
// a new line indented by the depth; a comma ends the value before it; an
// empty object or array is `{}` or `[]`.
void JsonWriter::valueBegin() {
  Level &level = stack_.back();
  if (level.hasValue)
    out_ << ',';
  if (level.context == Context::Array)
    newline();
  level.hasValue = true;
}

// A newline and the indent as one run through raw_ostream's inline path
// (operator<< copies into the buffer; write() and indent() are calls of
// ~150 instructions each, several per attribute).
void JsonWriter::newline() {
  static constexpr char lineAndSpaces[] =
      "\n                                                                ";
  constexpr unsigned most = sizeof(lineAndSpaces) - 2;
  if (indent_ <= most) {
    out_ << llvm::StringRef(lineAndSpaces, 1 + indent_);
    return;
  }
  out_ << '\n';
  out_.indent(indent_);
}

void JsonWriter::container(Context context, llvm::function_ref<void()> contents) {
  bool object = context == Context::Object;
  valueBegin();
  stack_.push_back({context});
  indent_ += 2;
  out_ << (object ? '{' : '[');
  contents();
  indent_ -= 2;
  if (stack_.back().hasValue)
    newline();
  out_ << (object ? '}' : ']');
  stack_.pop_back();
}

void JsonWriter::object(llvm::function_ref<void()> contents) {
  container(Context::Object, contents);
}

void JsonWriter::attributeBegin(llvm::StringRef key) {
  Level &level = stack_.back();
  if (level.hasValue)
    out_ << ',';
  newline();
  level.hasValue = true;
  stack_.push_back({Context::Single});
  quote(key);
  out_ << ": ";
}

void JsonWriter::attributeEnd() { stack_.pop_back(); }

void JsonWriter::attribute(llvm::StringRef key, llvm::StringRef text) {
  attributeBegin(key);
  value(text);
  attributeEnd();
}

void JsonWriter::attribute(llvm::StringRef key, int64_t number) {
  attributeBegin(key);
  valueBegin();
  out_ << number;
  attributeEnd();
}

void JsonWriter::attribute(llvm::StringRef key, std::nullptr_t) {
  attributeBegin(key);
  value(nullptr);
  attributeEnd();
}

void JsonWriter::attributeArray(llvm::StringRef key, llvm::function_ref<void()> contents) {
  attributeBegin(key);
  container(Context::Array, contents);
  attributeEnd();
}

void JsonWriter::attributeObject(llvm::StringRef key, llvm::function_ref<void()> contents) {
  attributeBegin(key);
  object(contents);
  attributeEnd();
}

void JsonWriter::value(llvm::StringRef text) {
  valueBegin();
  quote(text);
}

void JsonWriter::value(std::nullptr_t) {
  valueBegin();
  out_ << "null";
}

void JsonWriter::rawValue(llvm::StringRef text) {
  valueBegin();
  out_ << text;
}

void JsonWriter::quote(llvm::StringRef text) {
  bool ascii = std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii || llvm::json::isUTF8(text))
    quoteUtf8(text);
  else
    quoteUtf8(llvm::json::fixUTF8(text));
}

// JSON's escapes as OStream writes them: a backslash before `"` and `\`,
// \t \n \r, and \u00XX for the other control characters; all else as it is.
void JsonWriter::quoteUtf8(llvm::StringRef text) {
  out_ << '"';
  size_t runStart = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    out_ << text.slice(runStart, i);
    runStart = i + 1;
    out_ << '\\';
    switch (c) {
    case '"':
    case '\\':
      out_ << c;
      break;
    case '\t':
      out_ << 't';
      break;
    case '\n':
      out_ << 'n';
      break;
    case '\r':
      out_ << 'r';
      break;
    default:
      static constexpr char hex[] = "0123456789abcdef";
      out_ << "u00" << hex[c >> 4] << hex[c & 0x0f];
      break;
    }
  }
  out_ << text.drop_front(runStart) << '"';
}

} // namespace sgd
