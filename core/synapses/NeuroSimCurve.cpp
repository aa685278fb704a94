#include "core/synapses/NeuroSimCurve.h"

#include <algorithm>
#include <iterator>
#include <cmath>
#include <vector>

namespace ms {
namespace {

// Largest gap between the normalised curve with A/Pmax = a and the diagonal.
// x'(u) = e^{-u/a} / (a (1 - e^{-1/a})) = 1 at u* = -a ln(a (1 - e^{-1/a})).
double maxGap(double a) {
    const double norm = -std::expm1(-1.0 / a);
    const double u = std::clamp(-a * std::log(a * norm), 0.0, 1.0);
    return -std::expm1(-u / a) / norm - u;
}

// Signed gap: the curve with A-hat < 0 is the point reflection of the one
// with |A-hat| (x_{-a}(u) = 1 - x_a(1 - u)), so its gap is the negative.
double signedGap(double a) { return a < 0 ? -maxGap(-a) : maxGap(a); }

// x(u) in terms of c = 1/A-hat (c = 0 is the straight line), stable near c = 0.
double curveOfC(double c, double u) {
    if (std::fabs(c) < 1e-9) return u;
    return std::expm1(-c * u) / std::expm1(-c);
}

}  // namespace

double neuroSimNonlinearity(double aHat) { return aHat == 0.0 ? 0.0 : signedGap(aHat) / 0.099; }

double fitNeuroSimAHat(const std::vector<double>& g) {
    const std::size_t n = g.size();
    if (n < 3 || g.back() == g.front()) return 0.0;
    auto sse = [&](double c) {
        double s = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
            const double u = static_cast<double>(k) / static_cast<double>(n - 1);
            const double d = curveOfC(c, u) - (g[k] - g.front()) / (g.back() - g.front());
            s += d * d;
        }
        return s;
    };
    // The fit is in c = 1/A-hat, which passes smoothly through the straight
    // line: a coarse scan, then golden-section refinement.
    double bestC = 0.0, best = sse(0.0);
    for (int k = -400; k <= 400; ++k) {
        const double s = sse(0.25 * k);
        if (s < best) best = s, bestC = 0.25 * k;
    }
    double lo = bestC - 0.25, hi = bestC + 0.25;
    const double r = 0.5 * (std::sqrt(5.0) - 1.0);
    for (int k = 0; k < 80; ++k) {
        const double m1 = hi - r * (hi - lo), m2 = lo + r * (hi - lo);
        if (sse(m1) < sse(m2)) hi = m2; else lo = m1;
    }
    const double c = 0.5 * (lo + hi);
    return std::fabs(c) < 1e-9 ? 0.0 : 1.0 / c;
}

NeuroSimBranchLabels labelNeuroSimBranches(const std::vector<double>& g, std::size_t ltpPulses) {
    NeuroSimBranchLabels f;
    if (g.size() <= ltpPulses) return f;
    const auto split = g.begin() + static_cast<std::ptrdiff_t>(ltpPulses);
    const std::vector<double> ltp(g.begin(), split + 1);
    std::vector<double> ltd(split, g.end());
    std::reverse(ltd.begin(), ltd.end());
    f.ltp = neuroSimNonlinearity(fitNeuroSimAHat(ltp));
    f.ltd = neuroSimNonlinearity(fitNeuroSimAHat(ltd));
    f.asymmetry = std::fabs(f.ltp - f.ltd);
    return f;
}

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
