// The Mackey-Glass delay differential equation (Mackey & Glass, Science
// 197:287, 1977), the chaotic benchmark series of time-series prediction:
//   dx/dt = beta x(t - tau) / (1 + x(t - tau)^n) - gamma x(t),
// chaotic for tau = 17, beta = 0.2, gamma = 0.1, n = 10.
#pragma once

#include <vector>

namespace ms {

// `length` samples spaced `dt` apart in time (the equation's own time unit),
// after discarding the first `washout` time units from x = x0 for t <= 0.
// RK4 with a step of at most 0.1 that divides both dt and tau's grid; the
// delayed value at RK4's half steps is the mean of its two grid neighbours.
// Throws InputError("mackeyGlass", why) for a non-positive length, dt or tau.
std::vector<double> mackeyGlassSeries(int length, double dt, double tau = 17.0, double beta = 0.2, double gamma = 0.1,
                                      double n = 10.0, double x0 = 1.2, double washout = 500.0);

}  // namespace ms
