#include "UnitsTestSupport.h"

#include "units/Decimal.h"

std::string
Catch::StringMaker<sgd::units::Rational>::convert(const sgd::units::Rational &value) {
  // Numerator and denominator, so that a wrong value is never hidden by rounding.
  sgd::units::Rational numerator = *sgd::units::Rational::fromParts(value.numerator(), 1);
  sgd::units::Rational denominator =
      *sgd::units::Rational::fromParts(value.denominator(), 1);
  return sgd::units::formatDecimal(numerator) + "/" +
         sgd::units::formatDecimal(denominator);
}

namespace sgd::units::test {

Quantity quantity(llvm::StringRef spelling, llvm::StringRef unit) {
  llvm::Expected<Quantity> parsed = parseQuantity(spelling, unit);
  if (!parsed)
    FAIL("`" << spelling.str() << " " << unit.str()
             << "` does not parse: " << llvm::toString(parsed.takeError()));
  return *parsed;
}

} // namespace sgd::units::test
