#ifndef SGD_THERMAL_PHYSICS_H
#define SGD_THERMAL_PHYSICS_H

#include "thermal/Exact.h"

namespace sgd::thermal::physics {

// Properties of water and air the energy model uses. They are physics, not
// design data: the design's figures (approaches, efficiencies, climates) are
// in the stdlib and the design.

/// Standard acceleration of gravity, 9.80665 m/s² (3rd CGPM, 1901; ISO 80000-3).
inline Exact gravity() { return Exact(980665, 100000); }

/// Specific heat of liquid water near 30 °C, 4,180 J/(kg·K) (IAPWS-95: 4.178
/// kJ/(kg·K) at 30 °C, 4.182 at 20 °C).
inline Exact waterSpecificHeat() { return Exact(4180); }

/// Latent heat of vaporisation of water at 30 °C, 2,430 kJ/kg (IAPWS-IF97
/// steam tables: 2,429.8 kJ/kg). A cooling tower's water evaporates near
/// its wet bulb and leaving-water temperature, 20–35 °C, not at 100 °C,
/// where the often-quoted 2,257 kJ/kg holds.
inline Exact latentHeat() { return Exact(2430000); }

/// Density of water, taken as 1 kg per litre (995.7 kg/m³ at 30 °C): litres
/// of water evaporated are kilograms.
inline Exact litresPerKilogram() { return Exact(1); }

/// Density of air, 1.2 kg/m³: ASHRAE standard air (20 °C, 101.325 kPa,
/// 1.204 kg/m³; ASHRAE Handbook—Fundamentals, ch. 1).
inline Exact airDensity() { return Exact(12, 10); }

/// Specific heat of dry air, 1,006 J/(kg·K) (ASHRAE Handbook—Fundamentals, ch. 1).
inline Exact airSpecificHeat() { return Exact(1006); }

/// The power of the pumps of a water loop carrying `heat` (W) with a rise of
/// `range` (K) against `head` (m) at wire-to-water `efficiency`: ρ·g·H·V / η
/// with V = Q / (ρ·c·ΔT), that is g·H·Q / (c·ΔT·η), rounded to the watt.
inline Exact pumpingPower(const Exact &heat, const Exact &head, const Exact &range,
                          const Exact &efficiency) {
  return (gravity() * head * heat / (waterSpecificHeat() * range * efficiency)).rounded();
}

} // namespace sgd::thermal::physics

#endif
