#include "units/Dimension.h"

#include "llvm/ADT/STLExtras.h"

#include <cassert>

namespace sgd::units {

namespace {

constexpr int kMaxExponent = 127;

/// Base symbols in BaseDimension order. The apparent marker has no SI symbol;
/// VA/W is what it multiplies a power by to make an apparent power.
constexpr std::array<llvm::StringLiteral, kBaseDimensionCount> kBaseSymbols = {
    "kg", "m", "s", "A", "K", "USD", "U", "(VA/W)"};

struct NamedDimension {
  Dimension dimension;
  llvm::StringLiteral name;
};

constexpr NamedDimension kNamedDimensions[] = {
#define DIMENSION(ID, NAME, KIND, ...) {dimensions::ID, NAME},
#include "units/Dimensions.def"
};

/// "²" for 2, "¹²" for 12; nothing for 1.
std::string superscript(int exponent) {
  static constexpr llvm::StringLiteral kDigits[] = {"⁰", "¹", "²", "³", "⁴",
                                                    "⁵", "⁶", "⁷", "⁸", "⁹"};
  if (exponent == 1)
    return "";
  std::string text;
  for (char digit : std::to_string(exponent))
    text += kDigits[digit - '0'];
  return text;
}

} // namespace

std::optional<Dimension> Dimension::times(const Dimension &other) const {
  assert(!absolute_ && !other.absolute_ && "readings on a scale do not multiply");
  // Most products scale by a ratio (a count, a fraction, a PUE): nothing to add.
  if (other.exponentWord() == 0)
    return *this;
  if (exponentWord() == 0)
    return other;
  Dimension result;
  for (size_t i = 0; i < kBaseDimensionCount; ++i) {
    int sum = exponents_[i] + other.exponents_[i];
    if (sum < -kMaxExponent || sum > kMaxExponent)
      return std::nullopt;
    result.exponents_[i] = static_cast<int8_t>(sum);
  }
  return result;
}

std::optional<Dimension> Dimension::dividedBy(const Dimension &other) const {
  Dimension reciprocal = other;
  for (int8_t &exponent : reciprocal.exponents_)
    exponent = static_cast<int8_t>(-exponent); // in range: the range is symmetric
  return times(reciprocal);
}

std::optional<llvm::StringRef> dimensionName(const Dimension &dimension) {
  const auto *found = llvm::find_if(kNamedDimensions, [&](const NamedDimension &named) {
    return named.dimension == dimension;
  });
  if (found == std::end(kNamedDimensions))
    return std::nullopt;
  return llvm::StringRef(found->name);
}

std::string composedSpelling(const Dimension &dimension) {
  std::string numerator, denominator;
  unsigned denominatorFactors = 0;
  for (size_t i = 0; i < kBaseDimensionCount; ++i) {
    int exponent = dimension.exponent(static_cast<BaseDimension>(i));
    if (exponent == 0)
      continue;
    std::string &side = exponent > 0 ? numerator : denominator;
    if (!side.empty())
      side += "·";
    side += kBaseSymbols[i];
    side += superscript(exponent > 0 ? exponent : -exponent);
    denominatorFactors += exponent < 0;
  }
  if (denominator.empty())
    return numerator;
  if (numerator.empty())
    numerator = "1";
  return denominatorFactors > 1 ? numerator + "/(" + denominator + ")"
                                : numerator + "/" + denominator;
}

std::string describeDimension(const Dimension &dimension) {
  if (std::optional<llvm::StringRef> name = dimensionName(dimension))
    return name->str();
  return composedSpelling(dimension);
}

} // namespace sgd::units
