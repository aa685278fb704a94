// Overflow-safe primitives for the device models (docs/device-models.md §7: no
// exponential overflow, no NaN for any state in bounds). Exponents are capped
// at kMaxExponent so results stay finite (e^700 ~ 1e304), and the sign of
// sinh survives the cap.
#pragma once

#include <algorithm>
#include <cmath>

namespace ms::safe {

inline constexpr double kMaxExponent = 700.0;

inline double exp(double a) { return std::exp(std::min(a, kMaxExponent)); }

inline double sinh(double a) { return std::sinh(std::clamp(a, -kMaxExponent, kMaxExponent)); }

// log|sinh(a)| for a != 0, accurate for large |a| where sinh itself overflows.
inline double logAbsSinh(double a) {
    const double m = std::fabs(a);
    if (m > 20.0) return m - std::log(2.0) + std::log1p(-std::exp(-2.0 * m));
    return std::log(std::sinh(m));
}

// sign(a) * |sinh(a)| * e^b, evaluated in the log domain so neither factor
// overflows on its own; the magnitude is capped at e^kMaxExponent.
inline double sinhTimesExp(double a, double b) {
    if (a == 0.0 || (std::isinf(b) && b < 0)) return 0.0;
    const double mag = ms::safe::exp(logAbsSinh(a) + b);
    return a > 0 ? mag : -mag;
}

// x^p for x >= 0 with the result capped at e^kMaxExponent.
inline double pow(double x, double p) {
    if (x <= 0.0) return 0.0;
    return ms::safe::exp(p * std::log(x));
}

}  // namespace ms::safe
