// The state bounds of a one-state device, as every engine that integrates one
// enforces them: the device-transient engine (core/sim/TransientSteppers.h)
// and the circuit engine's memristor element (core/circuit/elements/
// MemristorElement.h) share this one treatment, so a device gives the same
// answer alone and in a circuit (docs/project-format.md, "State bounds").
// Models never clamp; the engine does, in one of two charts of the variable
// y it integrates.
//
//  Clip (y = x): every accepted state is projected onto [min, max], so an
//  outward flow stops at the bound and the state leaves it when the flow
//  turns inward. Within a trial step the stages may overshoot; there F is
//  evaluated at the clipped state, which keeps the right-hand side continuous
//  (a hard "F = 0 beyond the bound" would make the error controller grind
//  down to femtosecond steps at every arrival). For flows that are nonzero at
//  a bound (no window, Biolek, Yakopcic, Kvatinsky, a model's own limits) or
//  that vanish at a bound only in the direction of approach, the exact
//  solution does exactly this. The terminal-state lock (StateInfo::
//  terminalLock) also uses this chart: a state put onto a bound where the
//  flow is zero stays there.
//
//  Logit (StateInfo::zeroFlowAtBounds, no terminal lock): y = ln((x - min) /
//  (max - x)). When F is zero at both bounds with a nonzero slope (Joglekar,
//  Prodromakis, Strukov), a bound is approached as e^(-c t) and never
//  reached: with an x-only window under a voltage drive x is a function of
//  the flux, so after whole periods of a sine it returns to x0 even from
//  1e-70 of a bound. A double x cannot hold 1 - 1e-70 (it rounds to the
//  bound, where F = 0: the "terminal-state problem"); y can, since both
//  distances to the bounds follow from y in full relative precision.
//  dy/dt = F (max - min) / (d_lo d_hi) is finite up to the bounds; below a
//  distance the double x cannot resolve (kProbe of the range) F / d is
//  continued linearly from two points at kProbe and 2 kProbe, which is its
//  Taylor expansion at the bound to O(kProbe^2).
#pragma once

#include <cmath>
#include <limits>
#include <utility>

#include "core/devices/MemristorModel.h"

namespace ms {

// One evaluation of the device: the rate of the integration variable and the
// device's voltage and current there.
struct StatePoint {
    double f;  // dy/dt (= dx/dt in the clip chart)
    double v;  // V
    double i;  // A
};

class BoundedState {
public:
    static constexpr double kProbe = 1e-6;

    // The chart the device's StateInfo asks for: logit where the flow is zero
    // at both bounds and the state is not locked, clip otherwise.
    static bool wantsLogit(const StateInfo& info) { return info.zeroFlowAtBounds && !info.terminalLock; }
    // The terminal-state lock applies (clip chart, flow zero at both bounds).
    static bool locks(const StateInfo& info) { return info.zeroFlowAtBounds && info.terminalLock; }

    BoundedState(double lo, double hi, bool logit)
        : lo_(lo), hi_(hi), range_(hi - lo), logit_(logit && std::isfinite(hi - lo) && hi > lo), probe_(kProbe * range_) {}

    // The device at variable y; `drive(x)` gives the pair (v, i) at state x
    // (a voltage-driven device: (u, I(u, x)); current-driven: (V(u, x), u)).
    // Model: a MemristorModel, or a non-virtual kernel with the same
    // stateDerivative (core/devices/DriftKernel.h).
    template <class Model, class Drive>
    StatePoint eval(const Model& model, const Drive& drive, double y) const {
        if (!logit_) {
            const double xc = y < lo_ ? lo_ : (y > hi_ ? hi_ : y);
            const auto vi = drive(xc);
            return {model.stateDerivative(vi.first, vi.second, xc), vi.first, vi.second};
        }
        return evalLogit(model, drive, y);
    }

    // The logit chart's evaluation, out of line so that the short clip chart above
    // inlines into the steppers' stages.
    template <class Model, class Drive>
    [[gnu::noinline]] StatePoint evalLogit(const Model& model, const Drive& drive, double y) const {
        const double e = std::exp(-std::fabs(y));
        const double nearD = range_ * e / (1.0 + e), farD = range_ / (1.0 + e);
        const bool upper = y > 0.0;
        const double x = upper ? hi_ - nearD : lo_ + nearD;
        const auto vi = drive(x);
        const double v = vi.first, i = vi.second;
        double g;  // F / (distance to the nearer bound)
        if (nearD >= probe_) {
            g = model.stateDerivative(v, i, x) / nearD;
        } else {
            // Distances of the rounded probe points, exact by Sterbenz' lemma.
            const double x1 = upper ? hi_ - probe_ : lo_ + probe_, x2 = upper ? hi_ - 2.0 * probe_ : lo_ + 2.0 * probe_;
            const double d1 = upper ? hi_ - x1 : x1 - lo_, d2 = upper ? hi_ - x2 : x2 - lo_;
            const double g1 = model.stateDerivative(v, i, x1) / d1, g2 = model.stateDerivative(v, i, x2) / d2;
            g = g1 + (g1 - g2) * (d1 - nearD) / (d2 - d1);
        }
        return {g * range_ / farD, v, i};
    }

    // The state for a value of the integration variable, and back.
    double state(double y) const {
        if (!logit_) return y < lo_ ? lo_ : (y > hi_ ? hi_ : y);
        const double e = std::exp(-std::fabs(y));
        const double nearD = range_ * e / (1.0 + e);
        return y > 0.0 ? hi_ - nearD : lo_ + nearD;
    }
    double variable(double x) const {
        if (!logit_) return x;
        // A state given exactly on a bound (y = -+inf) would be trapped for
        // good; it is taken as the largest distance that rounds to the bound,
        // one ulp inside it (1.1e-16 below 1, 4.9e-324 above 0).
        double dLo = x - lo_, dHi = hi_ - x;
        if (!(dLo > 0.0)) dLo = std::nextafter(lo_, hi_) - lo_;
        if (!(dHi > 0.0)) dHi = hi_ - std::nextafter(hi_, lo_);
        return std::log(dLo / dHi);
    }
    // The terminal-state lock: a state within `tol` of a bound is put on it.
    double lockOnto(double x, double tol) const {
        if (x == lo_ || x == hi_) return x;
        if (x - lo_ <= tol) return lo_;
        if (hi_ - x <= tol) return hi_;
        return x;
    }
    bool logit() const { return logit_; }
    // Bounds of the integration variable (none in the logit chart).
    double lo() const { return logit_ ? -std::numeric_limits<double>::infinity() : lo_; }
    double hi() const { return logit_ ? std::numeric_limits<double>::infinity() : hi_; }

private:
    double lo_, hi_, range_;
    bool logit_;
    double probe_;
};

}  // namespace ms
