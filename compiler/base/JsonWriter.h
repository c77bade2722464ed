#ifndef SGD_BASE_JSONWRITER_H
#define SGD_BASE_JSONWRITER_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace sgd {

/// Streams JSON in the layout of llvm::json::OStream with an indent of two,
/// byte for byte, for the outputs whose text is most of their cost (the
/// bills of materials). It quotes a string a run at a time where OStream
/// writes it a character at a time behind a UTF-8 check and a copy into a
/// json::Value: a third of the instructions. Text that is not UTF-8 is
/// written repaired, as OStream does (U+FFFD for each bad sequence).
/// Scalars are strings, integers and null.
class JsonWriter {
public:
  explicit JsonWriter(llvm::raw_ostream &out) : out_(out) {}

  void object(llvm::function_ref<void()> contents);
  void attribute(llvm::StringRef key, llvm::StringRef text);
  void attribute(llvm::StringRef key, const char *text) { attribute(key, llvm::StringRef(text)); }
  void attribute(llvm::StringRef key, const std::string &text) {
    attribute(key, llvm::StringRef(text));
  }
  void attribute(llvm::StringRef key, int64_t number);
  void attribute(llvm::StringRef key, int number) { attribute(key, static_cast<int64_t>(number)); }
  void attribute(llvm::StringRef key, std::nullptr_t);
  void attribute(llvm::StringRef key, bool) = delete; // not a number
  void attributeArray(llvm::StringRef key, llvm::function_ref<void()> contents);
  void attributeObject(llvm::StringRef key, llvm::function_ref<void()> contents);
  /// An attribute whose value follows (value() or rawValue()).
  void attributeBegin(llvm::StringRef key);
  void attributeEnd();
  void value(llvm::StringRef text);
  void value(std::nullptr_t);
  /// Text written as it is: a number already formatted.
  void rawValue(llvm::StringRef text);

private:
  enum class Context { Single, Array, Object };
  struct Level {
    Context context;
    bool hasValue = false;
  };

  void valueBegin();
  void writeKey(llvm::StringRef key);
  /// An object or an array holding what `contents` writes.
  void container(Context context, llvm::function_ref<void()> contents);
  void newline();
  void quote(llvm::StringRef text);
  /// The rest of quote(): `text`'s bytes from `first` on (the ones before
  /// are plain) and the closing quote.
  void quoteFrom(llvm::StringRef text, size_t first);

  llvm::raw_ostream &out_;
  llvm::SmallVector<Level, 16> stack_{Level{Context::Single}};
  unsigned indent_ = 0;
};

} // namespace sgd

#endif
