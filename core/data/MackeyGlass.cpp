#include "core/data/MackeyGlass.h"

#include <cmath>
#include <string>

#include "core/common/Errors.h"

namespace ms {

std::vector<double> mackeyGlassSeries(int length, double dt, double tau, double beta, double gamma, double n, double x0,
                                      double washout) {
    if (length <= 0) throw InputError("mackeyGlass", "length must be positive (got " + std::to_string(length) + ")");
    if (!(dt > 0) || !std::isfinite(dt)) throw InputError("mackeyGlass", "dt must be positive and finite");
    if (!(tau > 0) || !std::isfinite(tau)) throw InputError("mackeyGlass", "tau must be positive and finite");
    if (!(washout >= 0) || !std::isfinite(washout)) throw InputError("mackeyGlass", "washout must be >= 0 and finite");
    // The step divides dt, and the delay is a whole number of steps (17 -> 170 at h = 0.1).
    const int perSample = static_cast<int>(std::ceil(dt / 0.1 - 1e-9));
    const double h = dt / perSample;
    const auto delaySteps = static_cast<long>(std::lround(tau / h));
    const auto washoutSteps = static_cast<long>(std::lround(washout / h));
    const long total = washoutSteps + static_cast<long>(length) * perSample;
    std::vector<double> x(static_cast<std::size_t>(total) + 1, x0);
    auto delayed = [&](long k) { return k < 0 ? x0 : x[static_cast<std::size_t>(k)]; };
    auto f = [&](double xNow, double xLag) { return beta * xLag / (1.0 + std::pow(xLag, n)) - gamma * xNow; };
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(length));
    for (long k = 0; k < total; ++k) {
        const double lag0 = delayed(k - delaySteps), lag1 = delayed(k + 1 - delaySteps);
        const double lagHalf = 0.5 * (lag0 + lag1);
        const double xk = x[static_cast<std::size_t>(k)];
        const double k1 = f(xk, lag0);
        const double k2 = f(xk + 0.5 * h * k1, lagHalf);
        const double k3 = f(xk + 0.5 * h * k2, lagHalf);
        const double k4 = f(xk + h * k3, lag1);
        x[static_cast<std::size_t>(k) + 1] = xk + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
        if (k + 1 > washoutSteps && (k + 1 - washoutSteps) % perSample == 0) out.push_back(x[static_cast<std::size_t>(k) + 1]);
    }
    return out;
}

}  // namespace ms
