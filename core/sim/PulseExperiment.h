// Pulse experiments on one device: a potentiation train then a depression
// train, each pulse followed by a small non-disturbing read (LTP/LTD curve).
// The pulses are integrated by the device-transient engine, so any model works.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "core/devices/MemristorModel.h"
#include "core/sim/Frames.h"

namespace ms {

enum class PulseScheme {
    FixedAmplitude,        // identical pulses
    IncrementingAmplitude, // amplitude grows by amplitudeStep per pulse
    IncrementingWidth,     // width grows by widthStep per pulse
    Listed,                // each pulse's amplitude and width from the lists below (PulseDesigner.h)
};

struct PulseProtocol {
    int potentiationPulses = 50;
    int depressionPulses = 50;
    double potentiationAmplitude = 1.0;   // V (> 0: drives toward low resistance for most models)
    double depressionAmplitude = -1.0;    // V (< 0)
    double width = 1e-3;                  // s, first pulse
    double gap = 1e-3;                    // s between a pulse's end and the next pulse (the read sits in it)
    double readVoltage = 0.1;             // V, small enough not to disturb the state
    PulseScheme scheme = PulseScheme::FixedAmplitude;
    double amplitudeStep = 0.0;           // V per pulse (magnitude), IncrementingAmplitude
    double widthStep = 0.0;               // s per pulse, IncrementingWidth
    double startState = std::numeric_limits<double>::quiet_NaN();  // NaN: the model's initialState()
    // Listed: one entry per pulse of each train; an empty list keeps the
    // branch's amplitude or the protocol's width for every pulse.
    std::vector<double> potentiationAmplitudes, depressionAmplitudes;  // V
    std::vector<double> potentiationWidths, depressionWidths;          // s
};

// The amplitude and width of pulse n (from 0) of the potentiation (ltp) or
// depression train under the protocol's scheme.
struct PulseShape {
    double amplitude = 0.0, width = 0.0;
};
PulseShape pulseShape(const PulseProtocol& protocol, bool ltp, int n);

// The LTP/LTD figures of merit (issue 3's LTP/LTD explorer; NeuroSim's NL fit).
struct PulseFigures {
    double gMax = 0.0, gMin = 0.0;        // S, over the whole curve
    double onOffRatio = 0.0;              // gMax / gMin
    int distinguishableLevels = 0;        // distinct conductances separated by more than the read resolution
    double nonlinearityLtp = 0.0;         // NeuroSim NL label fitted to the potentiation branch
    double nonlinearityLtd = 0.0;         // ... and to the depression branch (negative: bends the other way)
    double asymmetry = 0.0;               // |NL_LTP - NL_LTD|-style asymmetry measure (documented in the .cpp)
};

struct PulseResult {
    std::vector<double> conductance;  // S, read after each pulse (potentiation first), plus the initial read at index 0
    std::vector<int> phase;           // +1 potentiation, -1 depression, 0 initial
    PulseFigures figures;
};

// One segment of the experiment: a pulse of `amplitude` for `width`, then the
// read voltage for protocol.gap, from state x. Returns the state at the gap's
// end (read disturb included); the conductance read there is
// model.current(v_read, x) / v_read.
double stateAfterPulse(const MemristorModel& model, double amplitude, double width, const PulseProtocol& protocol,
                       double x, const StopToken& stop);

// Streams series "ltp_ltd" with columns pulse (#), G (S), phase; and scalars for the figures.
PulseResult runPulseExperiment(const MemristorModel& model, const PulseProtocol& protocol, FrameSink& sink,
                               const StopToken& stop, const std::string& modelName = "");

}  // namespace ms
