#include "units/Decimal.h"

#include "units/UnitError.h"

#include "llvm/ADT/StringExtras.h"

namespace sgd::units {

namespace {

using Int = Rational::Int;
using UInt = detail::UInt;

/// One or more digits, `_` only between two digits.
bool isDigitGroup(llvm::StringRef text) {
  if (text.empty() || !llvm::isDigit(text.front()) || !llvm::isDigit(text.back()))
    return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '_' ? text[i + 1] == '_' : !llvm::isDigit(text[i]))
      return false;
  return true;
}

/// The next digit of remainder / denominator (remainder < denominator), as
/// floor(10 × remainder / denominator), leaving 10 × remainder mod
/// denominator in `remainder`. Adds ten times instead of multiplying, because
/// 10 × remainder may not fit 128 bits while remainder + remainder always
/// does (both are below 2^127).
char nextDigit(UInt &remainder, UInt denominator) {
  UInt product = 0;
  int digit = 0;
  for (int i = 0; i < 10; ++i) {
    product += remainder;
    if (product >= denominator) {
      product -= denominator;
      ++digit;
    }
  }
  remainder = product;
  return static_cast<char>('0' + digit);
}

/// Adds one unit in the last place to a string of decimal digits.
void incrementDigits(std::string &digits) {
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return;
    }
    *it = '0';
  }
  digits.insert(digits.begin(), '1');
}

} // namespace

llvm::Expected<Rational> parseDecimal(llvm::StringRef spelling) {
  auto [integerText, fractionText] = spelling.split('.');
  bool hasPoint = integerText.size() != spelling.size();
  if (!isDigitGroup(integerText) || (hasPoint && !isDigitGroup(fractionText)))
    return makeUnitError(UnitErrorKind::MalformedNumber,
                         ("malformed number `" + spelling + "`").str());
  // Trailing zeros of the fraction change nothing but the denominator, which
  // they could push out of range.
  fractionText = fractionText.rtrim("0_");

  Int numerator = 0, denominator = 1;
  bool outOfRange = false;
  auto appendDigits = [&](llvm::StringRef digits, bool scaleDenominator) {
    for (char c : digits) {
      if (c == '_')
        continue;
      outOfRange |= __builtin_mul_overflow(numerator, 10, &numerator) ||
                    __builtin_add_overflow(numerator, c - '0', &numerator) ||
                    (scaleDenominator &&
                     __builtin_mul_overflow(denominator, 10, &denominator));
    }
  };
  appendDigits(integerText, /*scaleDenominator=*/false);
  appendDigits(fractionText, /*scaleDenominator=*/true);
  std::optional<Rational> value;
  if (!outOfRange)
    value = Rational::fromParts(numerator, denominator);
  if (!value)
    return makeUnitError(UnitErrorKind::OutOfRange,
                         ("number `" + spelling +
                          "` has too many digits to be held exactly")
                             .str());
  return *value;
}

bool isTerminatingDecimal(const Rational &value) {
  Int denominator = value.denominator();
  while (denominator % 2 == 0)
    denominator /= 2;
  while (denominator % 5 == 0)
    denominator /= 5;
  return denominator == 1;
}

std::string formatDecimal(const Rational &value) {
  UInt numerator = detail::magnitude(value.numerator());
  auto denominator = static_cast<UInt>(value.denominator());
  UInt remainder = numerator % denominator;
  std::string integerDigits = wholeDigits(numerator / denominator);
  std::string fractionDigits;

  if (isTerminatingDecimal(value)) {
    while (remainder != 0)
      fractionDigits.push_back(nextDigit(remainder, denominator));
  } else {
    // Leading zeros of a value below 1 are not significant digits.
    size_t significant = integerDigits == "0" ? 0 : integerDigits.size();
    while (significant < kRoundedSignificantDigits) {
      char digit = nextDigit(remainder, denominator);
      fractionDigits.push_back(digit);
      if (significant != 0 || digit != '0')
        ++significant;
    }
    if (nextDigit(remainder, denominator) >= '5') {
      std::string digits = integerDigits + fractionDigits;
      incrementDigits(digits);
      size_t integerLength = digits.size() - fractionDigits.size();
      integerDigits = digits.substr(0, integerLength);
      fractionDigits = digits.substr(integerLength);
    }
    fractionDigits.erase(fractionDigits.find_last_not_of('0') + 1);
  }

  std::string text = value.isNegative() ? "-" : "";
  text += integerDigits;
  if (!fractionDigits.empty())
    text += "." + fractionDigits;
  return text;
}

std::string wholeDigits(UInt value) {
  // Below 2^64, as nearly every figure is, 64-bit arithmetic: a 128-bit
  // division is a library call for each digit.
  if (value >> 64 == 0)
    return std::to_string(static_cast<uint64_t>(value));
  // Otherwise the 19 digits below 10^19 (which fit 64 bits) after the rest.
  constexpr uint64_t kTenToThe19 = 10'000'000'000'000'000'000ULL;
  std::string low = std::to_string(static_cast<uint64_t>(value % kTenToThe19));
  return wholeDigits(value / kTenToThe19) + std::string(19 - low.size(), '0') + low;
}

std::string withSeparators(uint64_t count) {
  std::string digits = std::to_string(count);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<size_t>(at), ",");
  return digits;
}

} // namespace sgd::units
