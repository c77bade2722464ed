#include "thermal/Exact.h"
#include "thermal/Physics.h"
#include "thermal/Plant.h"

#include <catch2/catch.hpp>

using namespace sgd::thermal;

TEST_CASE("exact: rounding to the whole number, halves away from zero", "[thermal]") {
  CHECK(Exact(5, 2).rounded() == Exact(3));
  CHECK(Exact(-5, 2).rounded() == Exact(-3));
  CHECK(Exact(7, 3).rounded() == Exact(2));
  CHECK(Exact(-7, 3).rounded() == Exact(-2));
  CHECK(Exact(12).rounded() == Exact(12));
  CHECK(Exact(2, 3).clamped(Exact(0), Exact(1)) == Exact(2, 3));
  CHECK(Exact(4, 3).clamped(Exact(0), Exact(1)) == Exact(1));
}

TEST_CASE("exact: an invalid number stays invalid and compares with nothing", "[thermal]") {
  Exact invalid = Exact(1) / Exact(0);
  CHECK_FALSE(invalid.valid());
  CHECK_FALSE((invalid + Exact(1)).valid());
  CHECK_FALSE(invalid < Exact(1));
  CHECK_FALSE(Exact(1) < invalid);
  CHECK_FALSE(invalid == invalid);
}

TEST_CASE("cop curve: linear between points, the first COP below, none above", "[thermal]") {
  CopCurve curve;
  curve.points = {{Exact(10), Exact(6)}, {Exact(20), Exact(4)}};
  // 15 K: halfway, 5.
  CHECK(curve.at(Exact(15)) == Exact(5));
  // 12 K: 6 + (4 - 6) × 2 / 10 = 5.6.
  CHECK(curve.at(Exact(12)) == Exact(28, 5));
  CHECK(curve.at(Exact(3)) == Exact(6));
  CHECK(curve.at(Exact(20)) == Exact(4));
  CHECK_FALSE(curve.at(Exact(21)).valid());
}

TEST_CASE("pumping power: g·H·Q / (c·ΔT·η)", "[thermal]") {
  // 20,000,000 W over 10 K against 30 m at 70 %:
  // 9.80665 × 30 × 20,000,000 / (4180 × 10 × 0.7) = 5,883,990,000 / 29,260
  // = 201,093.3 W -> 201,093 W.
  CHECK(physics::pumpingPower(Exact(20'000'000), Exact(30), Exact(10), Exact(7, 10)) ==
        Exact(201'093));
}

TEST_CASE("heat rejection: the water a tower or dry cooler makes", "[thermal]") {
  RejectionModel tower;
  tower.tower = true;
  tower.approach = Exact(39, 10);
  // 24.9 C wet bulb + 3.9 K = 28.8 C, whatever the dry bulb.
  CHECK(tower.leavingWater({Exact(33), Exact(249, 10)}) == Exact(288, 10));
  RejectionModel dry;
  dry.approach = Exact(5);
  CHECK(dry.leavingWater({Exact(40), Exact(20)}) == Exact(45));
  // Wetted above 25 C at 80 %: 40 - 0.8 × (40 - 20) = 24 C in, 29 C out.
  dry.adiabaticEfficiency = Exact(4, 5);
  dry.adiabaticAbove = Exact(25);
  CHECK(dry.inletDryBulb({Exact(40), Exact(20)}) == Exact(24));
  CHECK(dry.leavingWater({Exact(40), Exact(20)}) == Exact(29));
  // Below 25 C the pads stay dry.
  CHECK(dry.leavingWater({Exact(20), Exact(12)}) == Exact(25));
}
