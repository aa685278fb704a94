#include "core/cenn/Cenn.h"

#include <algorithm>
#include <cmath>

namespace ms::cenn {

namespace {

// Value of `img` at (r, c), which may lie one cell outside the grid.
double neighbour(const Image& img, int r, int c, Boundary b, double fixedValue) {
    if (r >= 0 && r < img.rows && c >= 0 && c < img.cols) return img.at(r, c);
    if (b == Boundary::Fixed) return fixedValue;
    return img.at(std::clamp(r, 0, img.rows - 1), std::clamp(c, 0, img.cols - 1));
}

// sum_kl T_kl img_kl over the 3 x 3 neighbourhood of every cell.
Image correlate(const std::array<double, 9>& T, const Image& img, Boundary b, double fixedValue) {
    Image out(img.rows, img.cols);
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.cols; ++c) {
            double s = 0.0;
            for (int k = 0; k < 9; ++k)
                if (T[k] != 0.0) s += T[k] * neighbour(img, r + k / 3 - 1, c + k % 3 - 1, b, fixedValue);
            out.at(r, c) = s;
        }
    return out;
}

Image outputs(const Image& x) {
    Image y(x.rows, x.cols);
    for (std::size_t i = 0; i < x.v.size(); ++i) y.v[i] = output(x.v[i]);
    return y;
}

double maxAbs(const Image& d) {
    double m = 0.0;
    for (double v : d.v) m = std::max(m, std::fabs(v));
    return m;
}

}  // namespace

// The input term B*u + z does not change during a run; derivative() recomputes
// it for callers that need one evaluation, simulate() computes it once.
static Image rhs(const Template& t, const Image& bu, const Image& x, const Options& o) {
    const Image ay = correlate(t.A, outputs(x), o.boundary, o.boundaryY);
    Image d(x.rows, x.cols);
    for (std::size_t i = 0; i < x.v.size(); ++i) d.v[i] = (-x.v[i] / o.R + ay.v[i] + bu.v[i]) / o.C;
    return d;
}

static Image inputTerm(const Template& t, const Image& u, const Options& o) {
    Image bu = correlate(t.B, u, o.boundary, o.boundaryU);
    for (double& v : bu.v) v += t.z;
    return bu;
}

Image derivative(const Template& t, const Image& u, const Image& x, const Options& o) {
    return rhs(t, inputTerm(t, u, o), x, o);
}

Result simulate(const Template& t, const Image& u, const Image& x0, const Options& o,
                const std::function<bool()>& stop, const std::function<void(double, const Image&)>& observe) {
    const double tau = o.R * o.C;
    const double h = o.stepFraction * tau;
    const Image bu = inputTerm(t, u, o);
    Result res;
    Image x = x0;
    double time = 0.0;
    const std::size_t n = x.v.size();
    Image tmp(x.rows, x.cols);
    auto axpy = [&](const Image& k, double a) {
        for (std::size_t i = 0; i < n; ++i) tmp.v[i] = x.v[i] + a * k.v[i];
        return tmp;
    };
    Image k1 = rhs(t, bu, x, o);
    while (true) {
        if (maxAbs(k1) * tau < o.tol) {
            res.converged = true;
            break;
        }
        if (time >= o.tMaxInTau * tau || (stop && stop())) break;
        const Image k2 = rhs(t, bu, axpy(k1, h / 2), o);
        const Image k3 = rhs(t, bu, axpy(k2, h / 2), o);
        const Image k4 = rhs(t, bu, axpy(k3, h), o);
        for (std::size_t i = 0; i < n; ++i) x.v[i] += h / 6.0 * (k1.v[i] + 2.0 * k2.v[i] + 2.0 * k3.v[i] + k4.v[i]);
        time += h;
        ++res.iterations;
        if (observe) observe(time, x);
        k1 = rhs(t, bu, x, o);
    }
    res.settlingTime = time;
    res.x = x;
    res.y = outputs(x);
    return res;
}

double lyapunov(const Template& t, const Image& u, const Image& x, const Options& o) {
    const Image y = outputs(x);
    // Pairs of grid cells count half (each pair appears twice in the double
    // sum); fixed boundary outputs act as a constant input and count fully.
    const Image ayGrid = correlate(t.A, y, Boundary::Fixed, 0.0);
    const Image ayAll = correlate(t.A, y, o.boundary, o.boundaryY);
    const Image bu = correlate(t.B, u, o.boundary, o.boundaryU);
    double e = 0.0;
    for (std::size_t i = 0; i < y.v.size(); ++i)
        e += -0.5 * y.v[i] * ayGrid.v[i] - y.v[i] * (ayAll.v[i] - ayGrid.v[i]) + 0.5 / o.R * y.v[i] * y.v[i] -
             y.v[i] * bu.v[i] - t.z * y.v[i];
    return e;
}

}  // namespace ms::cenn
