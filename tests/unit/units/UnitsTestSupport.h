#ifndef SGD_TESTS_UNIT_UNITS_UNITSTESTSUPPORT_H
#define SGD_TESTS_UNIT_UNITS_UNITSTESTSUPPORT_H

#include "units/Quantity.h"
#include "units/QuantityFormat.h"
#include "units/UnitError.h"

#include <catch2/catch.hpp>

#include <string>

namespace Catch {
template <> struct StringMaker<sgd::units::Quantity> {
  static std::string convert(const sgd::units::Quantity &quantity) {
    return sgd::units::format(quantity);
  }
};
template <> struct StringMaker<sgd::units::Rational> {
  static std::string convert(const sgd::units::Rational &value);
};
} // namespace Catch

namespace sgd::units::test {

/// The literal `spelling unit`, which the test expects to be valid.
Quantity quantity(llvm::StringRef spelling, llvm::StringRef unit = "");

/// The value of `result`, which the test expects to have succeeded.
template <typename T> T valueOf(llvm::Expected<T> result) {
  if (!result)
    FAIL(llvm::toString(result.takeError()));
  return std::move(*result);
}

/// The kind and message of an expected failure.
struct Failure {
  UnitErrorKind kind;
  std::string message;
};

/// The error of `result`, which the test expects to have failed.
template <typename T> Failure failureOf(llvm::Expected<T> result) {
  REQUIRE_FALSE(static_cast<bool>(result));
  Failure failure{};
  llvm::handleAllErrors(result.takeError(), [&](const UnitError &error) {
    failure = {error.kind(), error.message()};
  });
  return failure;
}

} // namespace sgd::units::test

#endif
