// Device-transient benchmark: accepted integration steps per second for every
// registered model (one core), CPU time beside wall time, and wall time per
// hysteresis loop. Prints tables; no assertions (shared machines are noisy).
// Goal (issue 21): >= 1e7 accepted steps/s for the HP model at relTol 1e-6.
//
// Each model runs twice: "fast" is what users get; "generic" hides the fast
// paths (the linear drift kernel, the sine's rotated stages) behind forwarding
// wrappers, so it is the engine's virtual-call path, the anchor, measured in
// the same process. The growth table runs the HP model for 25..1600 cycles
// and fits cost ~ duration^p (p = 1 is linear; more would be a regression).
//
// Usage: bench_devices [model-id]   (default: every model)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "bench/BenchClock.h"
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

// Forwarders without linearDriftKernel() / sinusoid(): the generic path.
class PlainModel final : public ms::MemristorModel {
public:
    explicit PlainModel(const ms::MemristorModel& m) : m_(m) {}
    double current(double v, double x) const override { return m_.current(v, x); }
    double voltage(double i, double x) const override { return m_.voltage(i, x); }
    double stateDerivative(double v, double i, double x) const override { return m_.stateDerivative(v, i, x); }
    double resistance(double x, double vRead) const override { return m_.resistance(x, vRead); }
    double initialState() const override { return m_.initialState(); }
    ms::StateInfo stateInfo() const override { return m_.stateInfo(); }

private:
    const ms::MemristorModel& m_;
};

class PlainStimulus final : public ms::Stimulus {
public:
    explicit PlainStimulus(const ms::Stimulus& s) : s_(s) {}
    double value(double t) const override { return s_.value(t); }
    double nextBreakpoint(double t) const override { return s_.nextBreakpoint(t); }
    double naturalDuration() const override { return s_.naturalDuration(); }
    double featureTime() const override { return s_.featureTime(); }

private:
    const ms::Stimulus& s_;
};

struct Timing {
    ms::TransientSummary s;
    double cpu = 0.0, wall = 0.0;  // per run: the fastest of the repeats (least disturbed by other load)
    bool failed = false;
    std::string error;
};

// Repeats the run until `budget` CPU seconds are spent (at least 3 runs).
Timing measure(const ms::MemristorModel& model, const ms::Stimulus& drive, ms::DriveMode mode,
               const ms::TransientOptions& o, double budget) {
    Timing out;
    out.cpu = out.wall = INFINITY;
    double spent = 0.0;
    for (int rep = 0; rep < 3 || spent < budget; ++rep) {
        ms::NullSink sink;
        ms::StopToken stop;
        const double c0 = ms::bench::threadCpuSeconds();
        const auto w0 = std::chrono::steady_clock::now();
        try {
            out.s = ms::runDeviceTransient(model, drive, mode, o, sink, stop);
        } catch (const std::exception& e) {
            out.failed = true;
            out.error = e.what();
            return out;
        }
        const double cpu = ms::bench::threadCpuSeconds() - c0;
        out.wall = std::min(out.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
        out.cpu = std::min(out.cpu, cpu);
        spent += cpu;
    }
    return out;
}

ms::TransientOptions options(double relTol, bool stiff) {
    ms::TransientOptions o;
    o.relTol = relTol;
    o.absTol = 1e-3 * relTol;
    o.samples = 1000;
    o.stiff = stiff;
    return o;
}

std::unique_ptr<ms::Stimulus> sineDrive(const Drive& d, double cycles) {
    const auto* sine = ms::stimulusRegistry().find("sine");
    return sine->create(
        ms::withDefaults(sine->params, {{"amplitude", d.amplitude}, {"frequency", d.frequency}, {"cycles", cycles}}), {});
}

// Least-squares slope of log(y) against log(x).
void growthTable() {
    ms::DeviceSpec spec;
    spec.modelId = "linear_ion_drift";
    const auto dev = ms::instantiateDevice(spec);
    const Drive d = kDrives.at(spec.modelId);
    std::printf("\ngrowth: linear_ion_drift, 1 V 1 Hz sine, relTol 1e-6, 1000 samples; cost against simulated duration\n");
    std::printf("%10s %10s %12s %12s %14s\n", "cycles", "accepted", "cpu/run", "wall/run", "steps/s (cpu)");
    std::vector<double> dur, cpu, steps;
    for (double cycles : {25.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1600.0}) {
        const auto drive = sineDrive(d, cycles);
        const Timing t = measure(*dev, *drive, d.mode, options(1e-6, false), 0.2);
        std::printf("%10.0f %10zu %10.3g s %10.3g s %14.3g\n", cycles, t.s.acceptedSteps, t.cpu, t.wall,
                    static_cast<double>(t.s.acceptedSteps) / t.cpu);
        dur.push_back(cycles);
        cpu.push_back(t.cpu);
        steps.push_back(static_cast<double>(t.s.acceptedSteps));
    }
    std::printf("fitted exponent: cpu ~ duration^%.3f, accepted steps ~ duration^%.3f\n", ms::bench::logSlope(dur, cpu),
                ms::bench::logSlope(dur, steps));
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::string only = argc > 1 ? argv[1] : "";
    std::printf("200 sine cycles per run; times are the fastest of >= 3 repeats (>= 0.25 s CPU per row)\n");
    std::printf("%-20s %7s %8s %9s %8s %11s %11s %12s %12s %9s\n", "model", "path", "relTol", "accepted", "rejected",
                "cpu/loop", "wall/loop", "steps/s cpu", "steps/s wall", "scheme");
    for (const auto& info : ms::modelRegistry().all()) {
        if (!only.empty() && info.id != only) continue;
        const auto it = kDrives.find(info.id);
        const Drive d = it != kDrives.end() ? it->second : Drive{ms::DriveMode::Voltage, 1.0, 1.0};
        ms::DeviceSpec spec;
        spec.modelId = info.id;
        const auto dev = ms::instantiateDevice(spec);
        const PlainModel plainDev(*dev);
        const double cycles = 200;  // many cycles in one run so the per-run setup does not count
        const auto drive = sineDrive(d, cycles);
        const PlainStimulus plainDrive(*drive);
        for (double relTol : {1e-6, 1e-8}) {
            for (bool generic : {false, true}) {
                const Timing t = generic ? measure(plainDev, plainDrive, d.mode, options(relTol, info.stiff), 0.25)
                                         : measure(*dev, *drive, d.mode, options(relTol, info.stiff), 0.25);
                const char* path = generic ? "generic" : "fast";
                if (t.failed) {
                    std::printf("%-20s %7s %8.0e failed: %s\n", info.id.c_str(), path, relTol, t.error.c_str());
                    continue;
                }
                const double n = static_cast<double>(t.s.acceptedSteps);
                std::printf("%-20s %7s %8.0e %9zu %8zu %9.3g s %9.3g s %12.3g %12.3g %9s\n", info.id.c_str(), path,
                            relTol, t.s.acceptedSteps, t.s.rejectedSteps, t.cpu / cycles, t.wall / cycles, n / t.cpu,
                            n / t.wall, t.s.usedImplicit ? "implicit" : "explicit");
            }
        }
    }
    if (only.empty() || only == "linear_ion_drift") growthTable();
    return 0;
}
