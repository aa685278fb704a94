// What a fit reports: the fitted values with their standard errors, the
// goodness of fit, and the data for the overlay and residual plots.
#pragma once

#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/fit/LevenbergMarquardt.h"
#include "core/sim/Frames.h"

namespace ms::fit {

struct FittedParameter {
    std::string key;
    std::string unit;
    double value = 0.0;
    double stdError = 0.0;  // 1 sigma; NaN when not identifiable from the data
    bool atBound = false;   // the optimum sits on a bound: the error is not meaningful
};

struct FitReport {
    std::vector<FittedParameter> params;
    double r2 = 0.0;    // 1 - SS_res / SS_tot of the fitted quantity (current, conductance)
    double rmse = 0.0;  // in that quantity's unit
    double cost = 0.0;  // sum of squared (scaled) residuals the optimiser minimised
    int evaluations = 0;
    // Overlay: abscissa (V for sweeps, pulse number for curves), measured and fitted.
    std::vector<double> x, measured, fitted;
    std::vector<int> phase;  // pulse curves: +1 / -1 per point; sweeps: empty
    ParamValues values() const;  // key -> fitted value
};

// Fills r2 and rmse from measured vs fitted.
void computeGoodness(FitReport& report);

// Merges an optimiser result into the report's parameter list.
void addFitted(FitReport& report, const std::vector<FreeParameter>& free, const LmResult& lm,
               const std::vector<std::string>& units);

// Streams a report: series "overlay" (x, measured, fitted[, phase]) and
// "residuals" (x, fitted - measured); scalars "<key>" and "<key>_stderr" per
// parameter, "r2", "rmse", "cost", "evaluations". xColumn/xUnit name the
// abscissa, yName/yUnit the fitted quantity.
void streamReport(const FitReport& report, FrameSink& sink, const std::string& xColumn, const std::string& xUnit,
                  const std::string& yName, const std::string& yUnit);

// Bounds and scale a fit uses by default for a parameter: its ParamSpec range,
// searched on a log scale when the spec is log-scaled, or when the range is of
// one sign and spans more than four decades around the start (then limited to
// 1e-4 .. 1e4 times the start, inside the range: a rate such as VTEAM's k_off
// cannot be searched linearly over 0 .. 1e6 m/s).
FreeParameter defaultFreeParameter(const ParamSpec& spec, double start);

}  // namespace ms::fit
