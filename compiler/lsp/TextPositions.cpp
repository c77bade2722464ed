#include "lsp/TextPositions.h"

#include "llvm/ADT/StringExtras.h"

namespace sgd::lsp {
namespace {

// Bytes of the UTF-8 sequence that starts with `lead`.
unsigned sequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

} // namespace

llvm::json::Value positionAt(llvm::StringRef text, uint32_t offset, PositionEncoding encoding) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  llvm::StringRef before = text.take_front(offset);
  size_t lineStart = before.rfind('\n');
  lineStart = lineStart == llvm::StringRef::npos ? 0 : lineStart + 1;
  int64_t line = static_cast<int64_t>(before.count('\n'));
  int64_t character = 0;
  for (size_t at = lineStart; at < offset;) {
    unsigned length = sequenceLength(static_cast<unsigned char>(text[at]));
    character += encoding == PositionEncoding::Utf8 ? length : (length == 4 ? 2 : 1);
    at += length;
  }
  return llvm::json::Object{{"line", line}, {"character", character}};
}

llvm::json::Value rangeOf(llvm::StringRef text, uint32_t begin, uint32_t end,
                          PositionEncoding encoding) {
  return llvm::json::Object{{"start", positionAt(text, begin, encoding)},
                            {"end", positionAt(text, end, encoding)}};
}

uint32_t offsetAt(llvm::StringRef text, const llvm::json::Value *position,
                  PositionEncoding encoding) {
  const llvm::json::Object *object = position ? position->getAsObject() : nullptr;
  int64_t line = object ? object->getInteger("line").getValueOr(0) : 0;
  int64_t character = object ? object->getInteger("character").getValueOr(0) : 0;
  size_t at = 0;
  for (int64_t i = 0; i < line; ++i) {
    size_t newline = text.find('\n', at);
    if (newline == llvm::StringRef::npos)
      return static_cast<uint32_t>(text.size());
    at = newline + 1;
  }
  int64_t counted = 0;
  while (at < text.size() && text[at] != '\n' && counted < character) {
    unsigned length = sequenceLength(static_cast<unsigned char>(text[at]));
    counted += encoding == PositionEncoding::Utf8 ? length : (length == 4 ? 2 : 1);
    at += length;
  }
  return static_cast<uint32_t>(std::min(at, text.size()));
}

std::string uriOf(llvm::StringRef path) {
  std::string uri = "file://";
  for (unsigned char c : path) {
    if (llvm::isAlnum(c) || llvm::StringRef("/-_.~").contains(static_cast<char>(c)))
      uri += static_cast<char>(c);
    else
      uri += "%" + llvm::utohexstr(c, false, 2);
  }
  return uri;
}

std::optional<std::string> pathOf(llvm::StringRef uri) {
  if (!uri.consume_front("file://"))
    return std::nullopt;
  std::string path;
  for (size_t i = 0; i < uri.size(); ++i) {
    unsigned value = 0;
    if (uri[i] == '%' && i + 2 < uri.size() && !uri.substr(i + 1, 2).getAsInteger(16, value)) {
      path += static_cast<char>(value);
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

} // namespace sgd::lsp
