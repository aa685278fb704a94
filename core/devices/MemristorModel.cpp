#include "core/devices/MemristorModel.h"

#include <cmath>

namespace ms {

double MemristorModel::resistance(double x, double vRead) const {
    return vRead / current(vRead, x);
}

double MemristorModel::voltage(double i, double x) const {
    if (i == 0.0) return 0.0;
    // Bracket then bisect/secant on the monotone i(v). Bracket grows from 1 mV.
    const double sign = i > 0 ? 1.0 : -1.0;
    const double target = std::fabs(i);
    double lo = 0.0, hi = 1e-3;
    while (std::fabs(current(sign * hi, x)) < target) {
        lo = hi;
        hi *= 2.0;
        if (hi > 1e6) return sign * hi;  // unreachable current; engine reports the NaN/Inf check
    }
    for (int k = 0; k < 200; ++k) {
        const double mid = 0.5 * (lo + hi);
        if (std::fabs(current(sign * mid, x)) < target) lo = mid; else hi = mid;
        if (hi - lo <= 1e-15 * hi) break;
    }
    return sign * 0.5 * (lo + hi);
}

}  // namespace ms
