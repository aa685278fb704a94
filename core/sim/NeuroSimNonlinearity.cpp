#include "core/sim/NeuroSimNonlinearity.h"

#include <cmath>
#include <limits>

namespace ms::neurosim {
namespace {

constexpr double kGapPerNl = 0.099;  // max (y - p) per unit NL, see the header

// y(p) in terms of c = 1/a (c = 0 is the straight line), stable near c = 0.
double curve(double c, double p) {
    if (std::fabs(c) < 1e-9) return p;
    return std::expm1(-c * p) / std::expm1(-c);
}

double gapForC(double c) {
    // The gap is smooth with one extremum; a fine grid then a local refine.
    double best = 0.0, bestP = 0.5;
    for (int k = 0; k <= 400; ++k) {
        const double p = k / 400.0, g = curve(c, p) - p;
        if (std::fabs(g) > std::fabs(best)) best = g, bestP = p;
    }
    double lo = std::max(0.0, bestP - 1.0 / 400), hi = std::min(1.0, bestP + 1.0 / 400);
    for (int k = 0; k < 60; ++k) {
        const double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
        if (std::fabs(curve(c, m1) - m1) > std::fabs(curve(c, m2) - m2)) hi = m2; else lo = m1;
    }
    const double p = 0.5 * (lo + hi);
    return curve(c, p) - p;
}

}  // namespace

double curveLineGap(double a) { return gapForC(std::isinf(a) ? 0.0 : 1.0 / a); }

double nonlinearityFromA(double a) { return curveLineGap(a) / kGapPerNl; }

double aFromNonlinearity(double nl) {
    if (nl == 0.0) return std::numeric_limits<double>::infinity();
    // The gap grows monotonically with c; bisect c in (0, 1e3].
    const double target = std::fabs(nl) * kGapPerNl;
    double lo = 0.0, hi = 1e3;
    for (int k = 0; k < 100; ++k) {
        const double mid = 0.5 * (lo + hi);
        if (gapForC(mid) < target) lo = mid; else hi = mid;
    }
    const double c = 0.5 * (lo + hi);
    return (nl > 0 ? 1.0 : -1.0) / c;
}

double fitNormalisedA(const std::vector<double>& g) {
    const std::size_t n = g.size();
    if (n < 3 || g.back() == g.front()) return std::numeric_limits<double>::infinity();
    auto sse = [&](double c) {
        double s = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
            const double p = static_cast<double>(k) / static_cast<double>(n - 1);
            const double y = (g[k] - g.front()) / (g.back() - g.front());
            const double d = curve(c, p) - y;
            s += d * d;
        }
        return s;
    };
    // Coarse scan of c = 1/a, then golden-section refinement.
    double bestC = 0.0, best = sse(0.0);
    for (int k = -400; k <= 400; ++k) {
        const double c = 0.25 * k;
        const double s = sse(c);
        if (s < best) best = s, bestC = c;
    }
    double lo = bestC - 0.25, hi = bestC + 0.25;
    const double r = 0.5 * (std::sqrt(5.0) - 1.0);
    for (int k = 0; k < 80; ++k) {
        const double m1 = hi - r * (hi - lo), m2 = lo + r * (hi - lo);
        if (sse(m1) < sse(m2)) hi = m2; else lo = m1;
    }
    const double c = 0.5 * (lo + hi);
    return std::fabs(c) < 1e-9 ? std::numeric_limits<double>::infinity() : 1.0 / c;
}

}  // namespace ms::neurosim
