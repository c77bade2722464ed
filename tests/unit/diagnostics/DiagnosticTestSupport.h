#ifndef SGD_TESTS_UNIT_DIAGNOSTICS_DIAGNOSTICTESTSUPPORT_H
#define SGD_TESTS_UNIT_DIAGNOSTICS_DIAGNOSTICTESTSUPPORT_H

// Helpers for the renderer tests: ranges found by text, and typed access to
// parsed JSON that fails the test (instead of crashing) when a member is
// missing or has the wrong type.

#include "base/SourceFiles.h"

#include "llvm/Support/JSON.h"

#include <catch2/catch.hpp>

#include <string>

namespace sgd::test {

/// The range of the first occurrence of `needle` in `file`, so that tests
/// name what they point at instead of counting bytes.
inline SourceRange rangeOf(const SourceFiles &files, FileId file, llvm::StringRef needle) {
  // Not `REQUIRE(begin != npos)`: binding StringRef::npos to a reference
  // clashes at link time with the out-of-line copy in Debian's LLVMSupport.
  REQUIRE(files.text(file).contains(needle));
  size_t begin = files.text(file).find(needle);
  return {file, static_cast<uint32_t>(begin), static_cast<uint32_t>(begin + needle.size())};
}

/// The empty range right after the first occurrence of `needle`.
inline SourceRange after(const SourceFiles &files, FileId file, llvm::StringRef needle) {
  SourceRange range = rangeOf(files, file, needle);
  return {file, range.end, range.end};
}

inline llvm::json::Value parseJson(const std::string &text) {
  llvm::Expected<llvm::json::Value> value = llvm::json::parse(text);
  if (!value)
    FAIL("not JSON: " << llvm::toString(value.takeError()) << "\n" << text);
  return std::move(*value);
}

inline const llvm::json::Object &asObject(const llvm::json::Value &value) {
  const llvm::json::Object *object = value.getAsObject();
  REQUIRE(object);
  return *object;
}

inline const llvm::json::Object &objectAt(const llvm::json::Object &object,
                                          llvm::StringRef key) {
  INFO("member " << key.str());
  const llvm::json::Object *member = object.getObject(key);
  REQUIRE(member);
  return *member;
}

inline const llvm::json::Array &arrayAt(const llvm::json::Object &object, llvm::StringRef key) {
  INFO("member " << key.str());
  const llvm::json::Array *member = object.getArray(key);
  REQUIRE(member);
  return *member;
}

inline std::string stringAt(const llvm::json::Object &object, llvm::StringRef key) {
  INFO("member " << key.str());
  llvm::Optional<llvm::StringRef> member = object.getString(key);
  REQUIRE(member);
  return member->str();
}

inline int64_t integerAt(const llvm::json::Object &object, llvm::StringRef key) {
  INFO("member " << key.str());
  llvm::Optional<int64_t> member = object.getInteger(key);
  REQUIRE(member);
  return *member;
}

} // namespace sgd::test

#endif
