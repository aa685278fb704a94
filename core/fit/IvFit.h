// Fitting a registered memristor model to a measured I-V sweep: the model is
// driven with the measured voltage (a piecewise-linear drive through the
// device-transient engine) and the current error is minimised.
#pragma once

#include <vector>

#include "core/devices/ModelRegistry.h"
#include "core/fit/FitReport.h"
#include "core/fit/Measurements.h"

namespace ms::fit {

enum class CurrentError {
    Linear,    // (I_fit - I) / max|I|: fits the large currents
    Relative,  // (I_fit - I) / (|I| + 1% max|I|): every point counts about equally
    Log,       // ln((|I_fit| + f) / (|I| + f)), f = 0.1% max|I|: for currents over decades
};

struct IvFitOptions {
    DeviceSpec device;                  // model and start values (preset, overrides, window)
    std::vector<FreeParameter> free;    // the rest stays at the device's values
    CurrentError error = CurrentError::Linear;
    LmOptions lm;
    double relTol = 1e-7;               // transient tolerance: finite differences need smooth residuals
};

// The model's current at the sweep's times for the device `spec` (InputError
// for invalid values, SimulationError from the engine).
std::vector<double> simulateSweep(const DeviceSpec& spec, const IvSweep& sweep, const StopToken& stop,
                                  double relTol = 1e-7);

// Fits; the report's x is the voltage, measured/fitted the current. Throws
// InputError (bad options), SimulationError, Cancelled.
FitReport fitIvSweep(const IvSweep& sweep, const IvFitOptions& options, FrameSink& sink, const StopToken& stop);

// A DeviceSpec with the fitted values as parameter overrides: what "Save as
// preset" writes into the project's devices section.
DeviceSpec fittedDevice(const DeviceSpec& start, const FitReport& report);

}  // namespace ms::fit
