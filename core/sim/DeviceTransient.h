// The device-transient engine: integrates one memristor model under a drive
// with adaptive, error-controlled stepping (no user time step) and streams
// samples t, v, i, state, R, flux phi and charge q.
#pragma once

#include <cstddef>
#include <limits>
#include <string>

#include "core/devices/MemristorModel.h"
#include "core/sim/Frames.h"
#include "core/sim/Stimulus.h"

namespace ms {

struct TransientOptions {
    double duration = 0.0;      // s; 0 means the stimulus' natural duration
    double relTol = 1e-6;       // local error tolerance, relative
    double absTol = 1e-9;       // local error tolerance, absolute, as a fraction of the state range
    std::size_t samples = 2000; // output rows, evenly spaced in time (plus t = 0)
    double readVoltage = 0.1;   // V; the R column is model.resistance(x, readVoltage)
    std::string modelName;      // for error messages ("linear_ion_drift")
    // Start with the implicit (Rosenbrock) scheme: set from ModelInfo::stiff.
    // Without it the engine starts explicit and switches by itself when it
    // detects stiffness or stalls. Additive extension.
    bool stiff = false;
    // State at t = 0; NaN means the model's initialState(). Lets a protocol
    // (pulse experiments) continue from where the previous segment ended.
    // Additive extension.
    double initialState = std::numeric_limits<double>::quiet_NaN();
    // The engine's own variable at t = 0, TransientSummary::finalVariable of
    // a previous segment of the same device; overrides initialState. A state
    // near a bound where the window is zero is kept as the logit of its
    // distances there (1 - 1e-70 is not a double), so a protocol continues
    // exactly only through this. Additive extension.
    double initialVariable = std::numeric_limits<double>::quiet_NaN();
};

struct TransientSummary {
    double peakCurrent = 0.0;  // max i (A)
    double minCurrent = 0.0;   // min i (A)
    double rMin = 0.0, rMax = 0.0;  // over the run (ohm)
    double loopArea = 0.0;     // enclosed i-v area, |∮ i dv| summed over lobes (W)
    double finalState = 0.0;
    double finalVariable = 0.0;  // see TransientOptions::initialVariable
    std::size_t acceptedSteps = 0, rejectedSteps = 0;
    bool usedImplicit = false;  // the run finished on the Rosenbrock scheme
};

// Figures beyond these magnitudes are artefacts of the edge of double range
// (R of a device on a bound where it carries no current: 1.8e308 ohm), not
// measurements.
inline constexpr double kFigureMax = 1e300, kFigureMin = 1e-300;

// value, or +-infinity above kFigureMax, or 0 below kFigureMin in magnitude.
double figureValue(double value);

// sink.scalar(key, figureValue(value), unit), with a warning in the log when
// the value was replaced; returns what was reported.
double reportFigure(FrameSink& sink, const std::string& key, double value, const std::string& unit);

// Scalars streamed to the sink at the end: peak_current, min_current (A),
// r_min, r_max (ohm), loop_area (W), accepted_steps, rejected_steps. With a
// seriesId other than "transient" each key is prefixed "<seriesId>:" so several
// runs of one experiment do not collide.
// Columns of the series: t (s), v (V), i (A), state (its unit), R (ohm),
// phi = ∫v dt (Wb = V*s), q = ∫i dt (C), both trapezoidal from t = 0.
// Throws SimulationError naming options.modelName and the time when the state,
// v or i becomes NaN or Inf, or when the power v*i overflows; throws Cancelled
// when `stop` is raised.
TransientSummary runDeviceTransient(const MemristorModel& model, const Stimulus& drive, DriveMode mode,
                                    const TransientOptions& options, FrameSink& sink, const StopToken& stop,
                                    const std::string& seriesId = "transient");

}  // namespace ms
