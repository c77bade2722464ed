#include "power/KeptValues.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::power;

namespace {

units::Quantity quantity(const char *value, const char *unit) {
  return llvm::cantFail(units::parseQuantity(value, unit));
}

} // namespace

TEST_CASE("kept values: each distinct text once, read back as written", "[power]") {
  KeptValues kept;
  std::string written = "A";
  InternedText a = kept.text(written);
  written = "B"; // the store holds its own copy
  CHECK(a.text() == "A");
  CHECK(a.text().data() == kept.text("A").text().data());
  CHECK_FALSE(a == kept.text("B"));
  CHECK(kept.text("").empty());
}

TEST_CASE("kept values: each distinct quantity once, by value and dimension", "[power]") {
  KeptValues kept;
  // 1.5 MW and 1500 kW are one figure; 1500 kVA is another dimension.
  const units::Quantity *megawatts = kept.quantity(quantity("1.5", "MW"));
  CHECK(kept.quantity(quantity("1500", "kW")) == megawatts);
  CHECK(megawatts->value == units::Rational(1500000));
  const units::Quantity *apparent = kept.quantity(quantity("1500", "kVA"));
  CHECK(apparent != megawatts);
  CHECK(apparent->value == units::Rational(1500000));
  CHECK(kept.quantity(quantity("1501", "kW")) != megawatts);
}
