// Pulse designer (issue 18): non-identical pulses that make every step change
// G by the same amount, so a device's LTP/LTD curve becomes linear and its
// depression retraces its potentiation. PulseWidthSchedule
// (core/synapses/NonIdenticalPulses.h, after Fu et al. 2019) does this for a
// pulse synapse's nominal curve; this works on any device model through the
// device engine, pulse by pulse.
#pragma once

#include <vector>

#include "core/devices/MemristorModel.h"
#include "core/sim/PulseExperiment.h"

namespace ms {

enum class DesignVariable { Amplitude, Width };

struct PulseDesignOptions {
    DesignVariable variable = DesignVariable::Amplitude;
    // Amplitude: each pulse's magnitude is searched in [0, maxAmplitude], with
    // the sign of its train's amplitude in the reference protocol.
    double maxAmplitude = 3.0;  // V
    // Width: each pulse's width is searched in [minWidth, maxWidth].
    double minWidth = 1e-9, maxWidth = 1e-3;  // s
    // A step may miss its target by this fraction of the target step.
    double tolerance = 1e-3;
};

struct PulseDesign {
    PulseProtocol protocol;     // scheme Listed: the designed train, ready for runPulseExperiment
    double gLow = 0.0, gHigh = 0.0;  // S, the range the design spans (initial read; top of the reference train)
    std::vector<double> targets;     // S, the target read after each pulse (potentiation then depression)
};

// Designs the train from the reference protocol (pulse counts, amplitudes,
// width, gap, read, start state; its scheme is ignored). The range is that of
// identical reference pulses: from the initial read up to the read after the
// potentiation train; the designed potentiation climbs it in potentiationPulses
// equal steps and the depression comes back down to the initial read in
// depressionPulses equal steps. Per pulse, the amplitude (or width) is found
// by bracketed secant (Illinois) search on G after the pulse, which is
// monotone in the pulse's strength. Throws InputError naming maxAmplitude
// (maxWidth, minWidth) when a target lies beyond the searched range, and
// potentiationAmplitude when identical pulses do not raise G at all.
PulseDesign designPulses(const MemristorModel& model, const PulseProtocol& reference, const PulseDesignOptions& options,
                         const StopToken& stop);

// The largest relative deviation of a curve's steps from their mean, per
// branch: conductance as PulseResult holds it (index 0 the initial read).
double stepInequality(const std::vector<double>& conductance, int potentiationPulses);

}  // namespace ms
