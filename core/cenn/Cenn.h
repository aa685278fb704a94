// The Chua-Yang cellular neural network (docs/cenn.md): an M x N grid of cells
//   C dx/dt = -x/R + sum_kl A_kl y_kl + sum_kl B_kl u_kl + z,
//   y = 0.5 (|x + 1| - |x - 1|),
// over 3 x 3 neighbourhoods, integrated to a steady state. Black is +1, white -1.
// Plain C++: no Qt, no frames; the experiment kind streams what this returns.
#pragma once

#include <array>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace ms::cenn {

// A grey image (or a cell state) in row-major order.
struct Image {
    int rows = 0;
    int cols = 0;
    std::vector<double> v;

    Image() = default;
    Image(int r, int c, double fill = 0.0) : rows(r), cols(c), v(static_cast<std::size_t>(r) * c, fill) {}
    double& at(int r, int c) { return v[static_cast<std::size_t>(r) * cols + c]; }
    double at(int r, int c) const { return v[static_cast<std::size_t>(r) * cols + c]; }
};

// A cloning template: A (feedback) and B (control), row-major 3 x 3 with
// index 4 the cell itself, and the bias z.
struct Template {
    std::array<double, 9> A{};
    std::array<double, 9> B{};
    double z = 0.0;
};

// Fixed: virtual cells outside the grid hold u = boundaryU and y = boundaryY
// (Dirichlet). ZeroFlux: they copy their nearest edge cell (Neumann).
enum class Boundary { Fixed, ZeroFlux };

struct Options {
    double R = 1.0;  // ohm
    double C = 1.0;  // F; with R the time constant tau = RC
    Boundary boundary = Boundary::Fixed;
    double boundaryU = 0.0;
    double boundaryY = 0.0;
    // Classic fourth-order Runge-Kutta with a fixed step h = stepFraction * tau:
    // the right-hand side is only piecewise linear, so an error-controlled step
    // would shrink at every kink without making the steady state more accurate.
    double stepFraction = 0.05;
    // Steady state: max over cells of |dx/dt| * tau below tol (dimensionless).
    double tol = 1e-4;
    double tMaxInTau = 200.0;  // give up (converged = false) after this many tau
};

struct Result {
    Image x;               // final state
    Image y;               // final output
    double settlingTime = 0.0;  // s
    long iterations = 0;        // RK4 steps
    bool converged = false;
};

// The piecewise-linear output function.
inline double output(double x) { return 0.5 * (std::abs(x + 1.0) - std::abs(x - 1.0)); }

// dx/dt of every cell for state x (input u fixed).
Image derivative(const Template& t, const Image& u, const Image& x, const Options& o);

// Integrates from x0 until steady state or tMax. `stop` (may be empty) is
// polled every step; when it returns true the run ends where it is.
// `observe` (may be empty) sees (t, x) after every step.
Result simulate(const Template& t, const Image& u, const Image& x0, const Options& o,
                const std::function<bool()>& stop = {},
                const std::function<void(double, const Image&)>& observe = {});

// Chua-Yang's Lyapunov function for a symmetric A:
//   E = -1/2 sum_ij sum_kl A y_ij y_kl + 1/(2R) sum y^2 - sum_ij sum_kl B y_ij u_kl - z sum y,
// fixed-boundary outputs entering as a constant input (exact for Boundary::Fixed).
double lyapunov(const Template& t, const Image& u, const Image& x, const Options& o);

}  // namespace ms::cenn
