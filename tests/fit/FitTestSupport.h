// Synthetic measurements for the fit tests: a registered model driven by a
// sine through the device engine (not the fit's PWL path), plus seeded noise.
#pragma once

#include <random>

#include "core/devices/ModelRegistry.h"
#include "core/fit/Measurements.h"
#include "core/sim/DeviceTransient.h"

namespace fittest {

class SweepCapture final : public ms::CheckedSink {
public:
    ms::fit::IvSweep sweep;
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        const std::size_t width = columnsOf(id);  // t, v, i, state, R, phi, q
        for (std::size_t r = 0; r < rows; ++r) {
            sweep.t.push_back(d[width * r]);
            sweep.v.push_back(d[width * r + 1]);
            sweep.i.push_back(d[width * r + 2]);
        }
    }
};

// `samples` + 1 rows of one sine period; Gaussian noise of sigma
// noise * max|I| on the current (seeded).
inline ms::fit::IvSweep syntheticSweep(const ms::DeviceSpec& truth, double amplitude, double frequency,
                                       std::size_t samples, double noise, std::uint64_t seed) {
    const auto model = ms::instantiateDevice(truth);
    const auto drive = ms::stimulusRegistry().find("sine")->create(
        ms::withDefaults(ms::stimulusRegistry().find("sine")->params, {{"amplitude", amplitude}, {"frequency", frequency}}),
        {});
    ms::TransientOptions o;
    o.duration = 1.0 / frequency;
    o.samples = samples;
    o.relTol = 1e-9;
    SweepCapture cap;
    ms::StopToken stop;
    ms::runDeviceTransient(*model, *drive, ms::DriveMode::Voltage, o, cap, stop);
    double iMax = 0;
    for (double i : cap.sweep.i) iMax = std::max(iMax, std::fabs(i));
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> gauss(0.0, noise * iMax);
    for (double& i : cap.sweep.i) i += gauss(rng);
    return cap.sweep;
}

}  // namespace fittest
