// Single-neuron experiments of the neuron explorer: F-I curves, the
// Izhikevich presets under a step current, and HH gating traces.
#pragma once

#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/sim/Frames.h"

namespace ms::snn {

struct FiCurveOptions {
    std::string modelId = "lif";
    std::string presetId;
    ParamValues params;            // overrides
    std::vector<double> currents;  // in the model's input unit (NeuronInfo::inputUnit)
    double duration = 1.0;         // s
    double dt = 1e-4;              // s
};

struct FiPoint {
    double current = 0;
    double rate = 0;        // Hz: 1 / mean inter-spike interval (steady state); 0 with < 2 spikes
    std::size_t spikes = 0;
    double firstSpike = -1; // s; -1 if none
};

// One neuron per current, all simulated together. Streams series "fi"
// (I, rate) and returns the points.
std::vector<FiPoint> runFiCurve(const FiCurveOptions& o, FrameSink& sink, const StopToken& stop);

// Rheobase: the smallest constant current (bisection to `tolerance`) that
// makes the model fire at least one spike within `duration`.
double findRheobase(const std::string& modelId, const ParamValues& params, double lo, double hi, double tolerance,
                    double duration, double dt, const StopToken& stop);

struct PresetRun {
    std::string presetId;
    std::vector<double> spikeTimes;  // s, relative to the step onset
};

struct IzhikevichPresetOptions {
    double current = 10.0;    // paper units, step amplitude
    double onset = 0.0;       // s before the step (I = 0)
    double duration = 0.2;    // s after the onset
    double dt = 1e-4;         // s
    std::size_t traceEvery = 5;  // membrane samples every N steps
};

// All seven presets of Izhikevich (2003) under a step current. Streams
// "v@<preset>" (t, v) traces and scalar spike counts; returns spike times.
std::vector<PresetRun> runIzhikevichPresets(const IzhikevichPresetOptions& o, FrameSink& sink, const StopToken& stop);

}  // namespace ms::snn
