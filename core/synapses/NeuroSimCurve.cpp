#include "core/synapses/NeuroSimCurve.h"

#include <algorithm>
#include <cmath>

namespace ms {
namespace {

// Largest gap between the normalised curve with A/Pmax = a and the diagonal.
// x'(u) = e^{-u/a} / (a (1 - e^{-1/a})) = 1 at u* = -a ln(a (1 - e^{-1/a})).
double maxGap(double a) {
    const double norm = -std::expm1(-1.0 / a);
    const double u = std::clamp(-a * std::log(a * norm), 0.0, 1.0);
    return -std::expm1(-u / a) / norm - u;
}

}  // namespace

double neuroSimAHat(double nl) {
    const double target = 0.099 * std::fabs(nl);
    if (std::fabs(nl) < 1e-3) return 0.0;
    double lo = std::log(1e-4), hi = std::log(1e5);  // the gap falls as a grows
    for (int it = 0; it < 60; ++it) {
        const double mid = 0.5 * (lo + hi);
        (maxGap(std::exp(mid)) > target ? lo : hi) = mid;
    }
    const double a = std::exp(0.5 * (lo + hi));
    return nl < 0 ? -a : a;
}

double neuroSimCurve(double p, double a, double pMax) {
    p = std::clamp(p, 0.0, pMax);
    if (a == 0.0) return p / pMax;
    return std::expm1(-p / a) / std::expm1(-pMax / a);
}

double neuroSimPulsePosition(double x, double a, double pMax) {
    x = std::clamp(x, 0.0, 1.0);
    if (a == 0.0) return x * pMax;
    // x = (1 - e^{-P/A}) / (1 - e^{-Pmax/A})  =>  P = -A ln(1 - x (1 - e^{-Pmax/A}))
    return std::clamp(-a * std::log1p(x * std::expm1(-pMax / a)), 0.0, pMax);
}

}  // namespace ms
