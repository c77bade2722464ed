#ifndef SGD_UNITS_UNITERROR_H
#define SGD_UNITS_UNITERROR_H

#include "llvm/Support/Error.h"

#include <string>

namespace sgd::units {

/// What went wrong, so that sema can map each class to its own diagnostic code.
enum class UnitErrorKind : uint8_t {
  MalformedNumber,    // the spelling is not digits[.digits] with `_` between digits
  UnknownUnit,        // the unit is not in Units.def
  DimensionMismatch,  // an operation the dimensions (or °C rules) do not allow
  DivisionByZero,
  OutOfRange,         // an exact value or an exponent does not fit its storage
  InvalidPowerFactor, // not a ratio in (0, 1]
};

/// The error of every fallible operation of this library. The message is in
/// the designer's terms and complete on its own ("cannot add power (kW) and
/// temperature (C)").
class UnitError : public llvm::ErrorInfo<UnitError> {
public:
  static char ID;

  UnitError(UnitErrorKind kind, std::string message)
      : kind_(kind), message_(std::move(message)) {}

  UnitErrorKind kind() const { return kind_; }

  // message() (from ErrorInfoBase) returns what log() prints.
  void log(llvm::raw_ostream &os) const override { os << message_; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  UnitErrorKind kind_;
  std::string message_;
};

inline llvm::Error makeUnitError(UnitErrorKind kind, std::string message) {
  return llvm::make_error<UnitError>(kind, std::move(message));
}

} // namespace sgd::units

#endif
