// Device-transient benchmark: accepted integration steps per second for every
// registered model (one core), and wall time per hysteresis loop. Prints a
// table; no assertions (shared machines are noisy). Goal (issue 2): >= 1e7
// accepted steps/s for the HP model.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "core/devices/ModelRegistry.h"
#include "core/sim/DeviceTransient.h"
#include "core/sim/Stimulus.h"

namespace {

struct Drive {
    ms::DriveMode mode;
    double amplitude, frequency;
};

// The loops of the model-transient tests (tests/sim/tst_model_transients.cpp).
const std::map<std::string, Drive> kDrives = {
    {"linear_ion_drift", {ms::DriveMode::Voltage, 1.0, 1.0}}, {"nonlinear_ion_drift", {ms::DriveMode::Voltage, 1.0, 1.0}},
    {"simmons_tunnel", {ms::DriveMode::Current, 200e-6, 1.0}}, {"team", {ms::DriveMode::Current, 3e-3, 1.0}},
    {"vteam", {ms::DriveMode::Voltage, 1.0, 50e6}},            {"yakopcic", {ms::DriveMode::Voltage, 0.25, 100.0}},
    {"stanford_pku", {ms::DriveMode::Voltage, 1.5, 1e6}},
};

}  // namespace

int main() {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::printf("%-22s %9s %10s %10s %12s %14s %12s\n", "model", "relTol", "accepted", "rejected", "wall/loop",
                "steps/s", "scheme");
    const auto* sine = ms::stimulusRegistry().find("sine");
    for (const auto& info : ms::modelRegistry().all()) {
        const auto it = kDrives.find(info.id);
        const Drive d = it != kDrives.end() ? it->second : Drive{ms::DriveMode::Voltage, 1.0, 1.0};
        ms::DeviceSpec spec;
        spec.modelId = info.id;
        auto dev = ms::instantiateDevice(spec);
        for (double relTol : {1e-6, 1e-8}) {
            // Many cycles in one run so the per-run setup does not count.
            const double cycles = 200;
            auto drive = sine->create(ms::withDefaults(sine->params, {{"amplitude", d.amplitude},
                                                                      {"frequency", d.frequency},
                                                                      {"cycles", cycles}}),
                                      {});
            ms::TransientOptions o;
            o.relTol = relTol;
            o.absTol = 1e-3 * relTol;
            o.samples = 1000;
            o.stiff = info.stiff;
            ms::NullSink sink;
            ms::StopToken stop;
            const auto t0 = std::chrono::steady_clock::now();
            ms::TransientSummary s;
            try {
                s = ms::runDeviceTransient(*dev, *drive, d.mode, o, sink, stop);
            } catch (const std::exception& e) {
                std::printf("%-22s %9.0e failed: %s\n", info.id.c_str(), relTol, e.what());
                continue;
            }
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::printf("%-22s %9.0e %10zu %10zu %10.3g s %14.3g %12s\n", info.id.c_str(), relTol, s.acceptedSteps,
                        s.rejectedSteps, wall / cycles, s.acceptedSteps / wall, s.usedImplicit ? "implicit" : "explicit");
        }
    }
    return 0;
}
