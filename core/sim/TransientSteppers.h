// Internal to the device-transient engine: the bounded right-hand side of the
// one-state device ODE and the two single-step schemes (explicit
// Bogacki-Shampine 3(2), linearly implicit Rosenbrock 2(3)). Header-only so
// the compiler can inline the stages into the driver loop.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/devices/MemristorModel.h"
#include "core/devices/StateBounds.h"
#include "core/sim/Stimulus.h"

namespace ms::transient {

// One evaluation of the device: dy/dt of the integration variable, v and i.
using DevicePoint = StatePoint;

// The device ODE dx/dt = F(v, i, x) under a drive u, with the state bounds
// of StateInfo, in the variable y the steppers integrate: the clip or logit
// chart of BoundedState (core/devices/StateBounds.h, shared with the circuit
// engine's memristor element). Model: a MemristorModel, or a non-virtual
// kernel of one (core/devices/DriftKernel.h) that the stages inline.
template <DriveMode Mode, class Model = MemristorModel>
class BoundedDevice {
public:
    BoundedDevice(const Model& model, double lo, double hi, bool logit)
        : model_(model), bounds_(lo, hi, logit) {}

    DevicePoint operator()(double u, double y) const {
        return bounds_.eval(model_, [this, u](double x) { return drive(u, x); }, y);
    }

    double state(double y) const { return bounds_.state(y); }
    double variable(double x) const { return bounds_.variable(x); }
    double lockOnto(double x, double tol) const { return bounds_.lockOnto(x, tol); }
    bool logit() const { return bounds_.logit(); }
    double lo() const { return bounds_.lo(); }
    double hi() const { return bounds_.hi(); }

private:
    std::pair<double, double> drive(double u, double x) const {
        if constexpr (Mode == DriveMode::Voltage)
            return {u, model_.current(u, x)};
        else
            return {model_.voltage(u, x), u};
    }

    const Model& model_;
    BoundedState bounds_;
};

// Result of one trial step from (t, x) to t + h.
struct Trial {
    double x1;        // new state (unprojected)
    double err;       // local error estimate (state units)
    DevicePoint end;  // device at (t + h, x1); left limit of the drive when the step lands on a breakpoint
    double k1, k2;    // scheme-specific slopes kept for dense output
    double stiffness; // |dF/dx| estimate (explicit scheme only), 0 if unknown
    double fMin, fMax; // range of the stage slopes (all of one sign: the flow never reversed at the stages)
};

// Bogacki & Shampine, Appl. Math. Lett. 2 (1989): 3rd order with an embedded
// 2nd-order error estimate, first-same-as-last. Dense output is the cubic
// Hermite interpolant through (x0, f0) and (x1, f1), which is 3rd-order
// accurate and free. u2, u3: the drive at t + h/2 and t + 3h/4.
template <class Rhs>
inline Trial bogackiShampineStep(const Rhs& rhs, double x, double f0, double h, double u2, double u3, double uEnd) {
    const DevicePoint p2 = rhs(u2, x + 0.5 * h * f0);
    const double x3 = x + 0.75 * h * p2.f;
    const DevicePoint p3 = rhs(u3, x3);
    const double x1 = x + h * (2.0 / 9.0 * f0 + 1.0 / 3.0 * p2.f + 4.0 / 9.0 * p3.f);
    const DevicePoint p4 = rhs(uEnd, x1);
    const double err = h * (-5.0 / 72.0 * f0 + 1.0 / 12.0 * p2.f + 1.0 / 9.0 * p3.f - 1.0 / 8.0 * p4.f);
    const double dx = x1 - x3;
    const double stiffness = dx != 0.0 ? std::fabs((p4.f - p3.f) / dx) : 0.0;
    return {x1, err, p4, f0, p4.f, stiffness, std::min({f0, p2.f, p3.f, p4.f}), std::max({f0, p2.f, p3.f, p4.f})};
}

inline double hermiteState(double x0, double f0, double x1, double f1, double h, double s) {
    // Cubic Hermite on [0, 1] in s = (t - t0) / h.
    const double s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * x0 + (s3 - 2 * s2 + s) * h * f0 + (-2 * s3 + 3 * s2) * x1 + (s3 - s2) * h * f1;
}

// Rosenbrock 2(3) of Shampine & Reichelt, SIAM J. Sci. Comput. 18 (1997)
// (MATLAB ode23s): L-stable, linearly implicit, so a stiff scalar state costs
// one division per stage. The Jacobian dF/dx and the time derivative dF/dt
// are scalars, taken by forward differences. `tLimit` is the next breakpoint:
// the time difference never crosses it.
template <class Rhs, class Drive>
inline Trial rosenbrockStep(const Rhs& rhs, const Drive& drive, double t, double x, const DevicePoint& p0, double h,
                            double uEnd, double tLimit) {
    constexpr double d = 0.29289321881345247560;  // 1 / (2 + sqrt 2)
    constexpr double e32 = 7.41421356237309504880; // 6 + sqrt 2
    const double u0 = drive.value(t);
    const double range = rhs.hi() - rhs.lo();
    const double scale = std::max(std::fabs(x), std::isfinite(range) ? 1e-3 * range : 1e-3);
    double dx = 1.49e-8 * scale;
    if (x + dx > rhs.hi()) dx = -dx;
    const double J = (rhs(u0, x + dx).f - p0.f) / dx;
    double dt = 1.49e-8 * std::max(std::fabs(t), h);
    dt = std::min(dt, 0.5 * (tLimit - t));
    const double T = dt > 0.0 ? (rhs(drive.value(t + dt), x).f - p0.f) / dt : 0.0;
    const double W = 1.0 - h * d * J;
    const double k1 = (p0.f + h * d * T) / W;
    const DevicePoint p1 = rhs(drive.value(t + 0.5 * h), x + 0.5 * h * k1);
    const double k2 = (p1.f - k1) / W + k1;
    const double x1 = x + h * k2;
    const DevicePoint p2 = rhs(uEnd, x1);
    const double k3 = (p2.f - e32 * (k2 - p1.f) - 2.0 * (k1 - p0.f) + h * d * T) / W;
    const double err = h / 6.0 * (k1 - 2.0 * k2 + k3);
    return {x1, W > 0.0 ? err : std::numeric_limits<double>::infinity(), p2, k1, k2, 0.0,
            std::min({p0.f, p1.f, p2.f}), std::max({p0.f, p1.f, p2.f})};
}

inline double rosenbrockState(double x0, double k1, double k2, double h, double s) {
    constexpr double d = 0.29289321881345247560;
    return x0 + h * (s * (1.0 - s) / (1.0 - 2.0 * d) * k1 + s * (s - 2.0 * d) / (1.0 - 2.0 * d) * k2);
}

}  // namespace ms::transient

namespace ms::transient {

// Backward Euler with the scalar implicit equation x1 = x0 + h F(t1, x1)
// solved by a bracketing root finder (Illinois regula falsi), never Newton.
// It is the last-resort scheme for state equations with a jump in x, e.g. a
// field gate (Stanford/PKU F_min): along such a gate the exact solution slides
// on the switching surface (Filippov), which explicit and linearly implicit
// schemes can only follow by chattering with ever smaller steps, while the
// bracketed implicit equation lands on the surface. Error estimate by step
// doubling: the two-half-step result is kept, |x_half - x_full| is the error.
template <class Rhs>
inline double solveBackwardEuler(const Rhs& rhs, double u1, double x0, double h, double tol) {
    auto residual = [&](double x) { return x - x0 - h * rhs(u1, x).f; };
    double a = x0, ra = residual(a);
    if (ra == 0.0 || !std::isfinite(ra)) return ra == 0.0 ? a : ra;
    // Bracket in the direction the flow points; F is constant beyond the
    // bounds, so the residual grows linearly there and a bracket exists.
    const double dir = ra < 0.0 ? 1.0 : -1.0;
    double step = std::max(std::fabs(ra), tol);
    double b = a + dir * step, rb = residual(b);
    for (int k = 0; k < 200 && (rb < 0.0) == (ra < 0.0) && std::isfinite(rb); ++k) {
        a = b;
        ra = rb;
        step *= 2.0;
        b = a + dir * step;
        rb = residual(b);
    }
    if (!std::isfinite(rb)) return rb;
    int side = 0;
    for (int k = 0; k < 200 && std::fabs(b - a) > tol; ++k) {
        double c = (a * rb - b * ra) / (rb - ra);
        if (!(c > std::min(a, b) && c < std::max(a, b))) c = 0.5 * (a + b);
        const double rc = residual(c);
        if (rc == 0.0) return c;
        if ((rc < 0.0) == (ra < 0.0)) {
            a = c;
            ra = rc;
            if (side == -1) rb *= 0.5;
            side = -1;
        } else {
            b = c;
            rb = rc;
            if (side == 1) ra *= 0.5;
            side = 1;
        }
    }
    return 0.5 * (a + b);
}

template <class Rhs, class Drive>
inline Trial backwardEulerStep(const Rhs& rhs, const Drive& drive, double t, double x, double h, double uEnd,
                               double tol) {
    const double full = solveBackwardEuler(rhs, uEnd, x, h, tol);
    const double mid = solveBackwardEuler(rhs, drive.value(t + 0.5 * h), x, 0.5 * h, tol);
    const double x1 = solveBackwardEuler(rhs, uEnd, mid, 0.5 * h, tol);
    const DevicePoint end = rhs(uEnd, x1);
    const double f0 = rhs(drive.value(t), x).f;
    return {x1, x1 - full, end, 0.0, 0.0, 0.0, std::min(f0, end.f), std::max(f0, end.f)};
}

}  // namespace ms::transient
