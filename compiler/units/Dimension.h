#ifndef SGD_UNITS_DIMENSION_H
#define SGD_UNITS_DIMENSION_H

#include "base/HashWords.h"

#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace sgd::units {

/// The bases that dimensions are products of. Besides SI's own, money and
/// rack space are bases (48 U counts rack slots; it is not a length), and
/// `Apparent` marks volt-amperes: VA and W share kg·m²/s³, and the marker
/// keeps them from mixing.
enum class BaseDimension : uint8_t {
  Mass, Length, Time, Current, Temperature, Money, RackSpace, Apparent,
};
inline constexpr size_t kBaseDimensionCount = 8;

/// Exponents by name, so that a dimension reads as what it is:
/// `{.mass = 1, .length = 2, .time = -3}` is power. Fields follow
/// BaseDimension's order.
struct Exponents {
  int8_t mass = 0;
  int8_t length = 0;
  int8_t time = 0;
  int8_t current = 0;
  int8_t temperature = 0;
  int8_t money = 0;
  int8_t rackSpace = 0;
  int8_t apparent = 0;
};

/// A physical dimension: an exponent per base dimension, each within
/// [−127, 127], and a kind. A vector dimension is an amount: amounts add, and
/// scale by numbers. An absolute dimension is a point on a scale, °C: two
/// readings do not add, and a reading has no multiples (2 × 10 °C is not
/// 20 °C in any physical sense). It has the exponents of its difference()
/// (K), and readings and differences combine as Quantity.h describes.
class Dimension {
public:
  /// Dimensionless: ratios and counts.
  constexpr Dimension() = default;

  static constexpr Dimension vector(Exponents exponents) {
    return Dimension(exponents, /*absolute=*/false);
  }
  static constexpr Dimension absolute(Exponents exponents) {
    return Dimension(exponents, /*absolute=*/true);
  }

  int exponent(BaseDimension base) const {
    return exponents_[static_cast<size_t>(base)];
  }
  bool isAbsolute() const { return absolute_; }

  /// The vector dimension of the difference of two values of this one.
  Dimension difference() const {
    Dimension result = *this;
    result.absolute_ = false;
    return result;
  }

  /// The dimension of a product or quotient of two vector dimensions; nothing
  /// when an exponent would leave [−127, 127].
  std::optional<Dimension> times(const Dimension &other) const;
  std::optional<Dimension> dividedBy(const Dimension &other) const;

  /// Compared and hashed as one word of exponents: every sum and comparison
  /// of quantities compares dimensions, where the array's own == called
  /// memcmp.
  friend bool operator==(const Dimension &a, const Dimension &b) {
    return a.exponentWord() == b.exponentWord() && a.absolute_ == b.absolute_;
  }
  friend llvm::hash_code hash_value(const Dimension &d) {
    return hashWords({d.exponentWord(), d.absolute_});
  }

private:
  constexpr Dimension(Exponents e, bool absolute)
      : exponents_{e.mass,        e.length, e.time,      e.current,
                   e.temperature, e.money,  e.rackSpace, e.apparent},
        absolute_(absolute) {}

  uint64_t exponentWord() const {
    static_assert(kBaseDimensionCount == sizeof(uint64_t));
    uint64_t exponents;
    std::memcpy(&exponents, exponents_.data(), sizeof exponents);
    return exponents;
  }

  std::array<int8_t, kBaseDimensionCount> exponents_{};
  bool absolute_ = false;
};

/// The named dimensions of Dimensions.def: dimensions::Power and so on.
namespace dimensions {
#define DIMENSION(ID, NAME, KIND, ...)                                         \
  inline constexpr Dimension ID = Dimension::KIND({__VA_ARGS__});
#include "units/Dimensions.def"
} // namespace dimensions

/// The name from Dimensions.def ("apparent power"), if the dimension has one.
std::optional<llvm::StringRef> dimensionName(const Dimension &dimension);

/// The dimension in base symbols kg, m, s, A, K, USD, U and (VA/W) for the
/// apparent marker: "kg·m²/s³", "1/s", "kg/(m·s²)"; empty when dimensionless.
/// Exponents are Unicode superscripts; the text is for people, not for
/// parsing.
std::string composedSpelling(const Dimension &dimension);

/// The name if there is one, otherwise the composed spelling.
std::string describeDimension(const Dimension &dimension);

} // namespace sgd::units

#endif
