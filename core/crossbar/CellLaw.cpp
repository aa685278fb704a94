#include "core/crossbar/CellLaw.h"

#include <algorithm>
#include <cmath>

namespace ms {

CellLaw::CellLaw(const CrossbarSpec& spec, double g, double rSeries) : g_(g), rs_(rSeries) {
    a_ = spec.nonlinearity.sinhRate();
    selector_ = spec.cellType == CellType::OneS1R;
    if (selector_) {
        is_ = spec.selector.is;
        vs_ = spec.selector.vs;
    }
    linear_ = a_ == 0.0 && !selector_;
    gLinear_ = 1.0 / (1.0 / g_ + rs_);
}

// V(I) = asinh(a I / G)/a  +  I·R_series  +  Vs·asinh(I/Is).
double CellLaw::voltageAt(double i) const {
    double v = (a_ == 0.0 ? i / g_ : std::asinh(a_ * i / g_) / a_) + i * rs_;
    if (selector_) v += vs_ * std::asinh(i / is_);
    return v;
}

double CellLaw::dVdI(double i) const {
    double d = rs_;
    if (a_ == 0.0) d += 1.0 / g_;
    else {
        const double u = a_ * i / g_;
        d += 1.0 / (g_ * std::sqrt(1.0 + u * u));
    }
    if (selector_) {
        const double u = i / is_;
        d += vs_ / (is_ * std::sqrt(1.0 + u * u));
    }
    return d;
}

CellPoint CellLaw::at(double v) const {
    if (linear_) return {gLinear_ * v, gLinear_};
    const double sign = v < 0 ? -1.0 : 1.0;
    const double target = std::fabs(v);
    if (target == 0.0) return {0.0, 1.0 / dVdI(0.0)};
    // Each series part alone would carry more current than the chain, so the
    // smallest of their individual currents at the full voltage brackets I.
    double hi = a_ == 0.0 ? g_ * target : g_ * std::sinh(std::min(a_ * target, 700.0)) / a_;
    if (rs_ > 0) hi = std::min(hi, target / rs_);
    if (selector_) hi = std::min(hi, is_ * std::sinh(std::min(target / vs_, 700.0)));
    double lo = 0.0;
    double x = std::min(hi, target / dVdI(0.0));  // small-signal estimate
    for (int k = 0; k < 200; ++k) {
        const double f = voltageAt(x) - target;
        if (f > 0) hi = x; else lo = x;
        if (std::fabs(f) <= 1e-15 * target || hi - lo <= 1e-16 * hi) break;
        double next = x - f / dVdI(x);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        x = next;
    }
    return {sign * x, 1.0 / dVdI(x)};
}

}  // namespace ms
