// The linear ion drift equations (docs/device-models.md §1) as a plain,
// non-virtual value type: the model class forwards to it, and the
// device-transient engine integrates it directly (MemristorModel::
// linearDriftKernel), so the three device evaluations of every step are
// inlined instead of going through virtual calls. One definition of the
// formulas serves both paths, so they give bit-identical results.
#pragma once

#include "core/devices/WindowFunction.h"

namespace ms {

struct LinearDriftKernel {
    double ron = 0.0, roff = 0.0, k = 0.0;
    // Null for the identity window ("none"): k i f(x) with f = 1 is k i
    // exactly, so skipping the call changes no bit.
    const WindowFunction* window = nullptr;

    double resistanceAt(double x) const { return ron * x + roff * (1.0 - x); }
    double current(double v, double x) const { return v / resistanceAt(x); }
    double voltage(double i, double x) const { return i * resistanceAt(x); }
    double stateDerivative(double, double i, double x) const { return window ? k * i * window->value(x, i) : k * i; }
};

}  // namespace ms
