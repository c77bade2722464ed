#include "base/JsonWriter.h"

#include "llvm/Support/JSON.h"

#include <array>
#include <cstdint>

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

// The comma after the attribute before, the line and the quoted key.
void JsonWriter::writeKey(llvm::StringRef key) {
  Level &level = stack_.back();
  if (level.hasValue)
    out_ << ',';
  newline();
  level.hasValue = true;
  quote(key);
  out_ << ": ";
}

void JsonWriter::attributeBegin(llvm::StringRef key) {
  writeKey(key);
  stack_.push_back({Context::Single});
}

void JsonWriter::attributeEnd() { stack_.pop_back(); }

// A scalar attribute writes its value right after its key: what a Single
// level would add before its one value is nothing.
void JsonWriter::attribute(llvm::StringRef key, llvm::StringRef text) {
  writeKey(key);
  quote(text);
}

void JsonWriter::attribute(llvm::StringRef key, int64_t number) {
  writeKey(key);
  out_ << number;
}

void JsonWriter::attribute(llvm::StringRef key, std::nullptr_t) {
  writeKey(key);
  out_ << "null";
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

namespace {

// What a byte asks of quoting: 0 nothing, 1 an escape (`"`, `\`, a control
// character), 2 a look at the whole text (a byte of a multi-byte sequence,
// which must be valid UTF-8).
enum ByteClass : uint8_t { Plain, Escaped, NotAscii };
constexpr std::array<uint8_t, 256> byteClasses = [] {
  std::array<uint8_t, 256> classes{};
  for (unsigned c = 0; c < 0x20; ++c)
    classes[c] = Escaped;
  classes['"'] = classes['\\'] = Escaped;
  for (unsigned c = 0x80; c < 0x100; ++c)
    classes[c] = NotAscii;
  return classes;
}();

} // namespace

// Most keys and values are plain ASCII throughout: found so by a look-up a
// byte and written whole, with nothing else made. The first byte that asks
// for more hands the text to quoteFrom.
void JsonWriter::quote(llvm::StringRef text) {
  size_t plain = 0;
  while (plain < text.size() && byteClasses[static_cast<unsigned char>(text[plain])] == Plain)
    ++plain;
  out_ << '"';
  if (plain == text.size()) {
    out_ << text << '"';
    return;
  }
  quoteFrom(text, plain);
}

// One pass, a table look-up a byte, the runs between escapes written whole.
// JSON's escapes as OStream writes them: a backslash before `"` and `\`,
// \t \n \r, and \u00XX for the other control characters; all else as it is.
// Text that is not UTF-8 is written as OStream's fixUTF8 repairs it: the
// repair keeps the ASCII before the first other byte, so quoting goes on
// in the repaired text from there.
void JsonWriter::quoteFrom(llvm::StringRef text, size_t first) {
  std::string repaired;
  bool checked = false; // the text is known to be UTF-8 (or repaired)
  size_t runStart = 0;
  for (size_t i = first; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    uint8_t byteClass = byteClasses[c];
    if (byteClass == Plain)
      continue;
    if (byteClass == NotAscii) {
      if (!checked && !llvm::json::isUTF8(text)) {
        repaired = llvm::json::fixUTF8(text);
        text = repaired;
      }
      checked = true;
      continue;
    }
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
