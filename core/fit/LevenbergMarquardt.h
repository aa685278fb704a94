// Bounded nonlinear least squares: Levenberg-Marquardt (Marquardt 1963,
// scaled damping diag(J^T J); Nielsen's lambda update) on parameters mapped
// to [0, 1] between their bounds (linearly or on a log scale), steps
// projected onto the box. Several starts: the first at the given values, the
// others drawn around it from a seeded generator; the best wins. Finite-
// difference Jacobians: the model (a transient run) must be smooth to well
// below fdStep, hence the fits' tight engine tolerances.
// Uncertainty: covariance s^2 (J^T J)^-1 at the optimum with the residual
// variance s^2 = |r|^2 / (n - k) (e.g. Press et al., Numerical Recipes §15.5).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/sim/Frames.h"

namespace ms::fit {

struct FreeParameter {
    std::string key;
    double start = 0.0;
    double min = 0.0, max = 1.0;  // inclusive bounds, min < max
    bool logScale = false;        // search log10|p| (bounds of one sign, non-zero)
};

// Residuals for physical parameter values (same order as the free list).
// Throw ms::SimulationError or ms::InputError for a point the model cannot
// take (the step is then rejected); ms::Cancelled passes through.
using ResidualFunction = std::function<std::vector<double>(const std::vector<double>& params)>;

struct LmOptions {
    int starts = 4;
    std::uint64_t seed = 1;
    int maxIterations = 60;       // per start
    double spread = 0.15;         // half-width of the random starts, fraction of the [0, 1] box (log scale: at most x2)
    double fdStep = 1e-6;         // forward-difference step in box units
    double tolerance = 1e-10;     // relative cost decrease that ends a start
};

struct LmResult {
    std::vector<double> values;   // best parameters
    std::vector<double> stdError; // 1-sigma; NaN when J^T J is singular (parameter not identifiable)
    std::vector<bool> atBound;
    std::vector<double> residuals;
    double cost = 0.0;            // sum of squared residuals
    int iterations = 0;           // of the winning start
    int evaluations = 0;          // over all starts
    int bestStart = 0;
};

// Throws InputError for bad bounds, SimulationError when no start could be
// evaluated at all, Cancelled when `stop` is raised. Progress goes to `sink`
// (a fraction over all starts) with a log line per start.
LmResult levenbergMarquardt(const ResidualFunction& residuals, const std::vector<FreeParameter>& free,
                            const LmOptions& options, FrameSink& sink, const StopToken& stop);

}  // namespace ms::fit
