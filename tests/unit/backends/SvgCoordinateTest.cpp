#include "backends/ReportSvg.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

using sgd::backends::report::coordinate;

// coordinate() writes tenths by hand; it must give what "%.0f" of a whole
// number and "%.1f" of tenths give, which the pictures' goldens were made with.
TEST_CASE("SVG coordinates: whole numbers bare, else one decimal, rounded half away from zero",
          "[backends]") {
  CHECK(coordinate(0) == "0");
  CHECK(coordinate(12) == "12");
  CHECK(coordinate(12.04) == "12");
  CHECK(coordinate(12.05) == "12.1");  // 120.5 tenths round away from zero
  CHECK(coordinate(12.25) == "12.3");
  CHECK(coordinate(0.95) == "1");      // 9.5 tenths: 10 tenths, a whole number
  CHECK(coordinate(-3.5) == "-3.5");
  CHECK(coordinate(-0.3) == "-0.3");
  CHECK(coordinate(-0.04) == "-0");    // printf's "%.0f" of -0.0
  CHECK(coordinate(-0.0) == "-0");
  CHECK(coordinate(1234567.89) == "1234567.9");
}

TEST_CASE("SVG coordinates agree with snprintf over a sweep of values", "[backends]") {
  for (int i = -200000; i <= 200000; i += 7) {
    double value = i / 137.0;
    double rounded = std::round(value * 10) / 10;
    char expected[32];
    std::snprintf(expected, sizeof expected, rounded == std::floor(rounded) ? "%.0f" : "%.1f",
                  rounded);
    REQUIRE(coordinate(value) == expected);
  }
  // Beyond the hand-written range, snprintf itself.
  CHECK(coordinate(1e15) == "1000000000000000");
}
