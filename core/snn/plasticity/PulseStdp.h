// STDP on a pulse synapse (docs/snn-synapses.md, "pulse_stdp"): the pair rule
// of Song, Miller & Abbott (2000), all-to-all through traces, asks for a change
// of A e^{-|dt|/tau} of the device's range per pair; the synapse gets that many
// of its identical programming pulses (the change times the model's pulses
// across the range, rounded stochastically, as NeuroSim maps a weight update
// to pulses), and moves by whatever its pulse curve does from where it is. A
// linear device gives the pair rule back; a nonlinear one gives
// state-dependent, asymmetric steps.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/snn/Plasticity.h"

namespace ms::snn {

struct PulseStdpOptions {
    std::string model = "neurosim_nl";  // a pulse-synapse model (core/synapses)
    std::string preset;                 // one of its presets, or empty
    ParamValues params;                 // overrides
    double aPlus = 0.02;                // requested potentiation at dt -> 0+, fraction of the range
    double aMinus = 0.021;              // requested depression at dt -> 0-, fraction of the range
    double tauPlus = 20e-3;             // s
    double tauMinus = 20e-3;            // s
    double weightPerSiemens = 1e4;      // network weight per siemens
};

// The rule on a projection; InputError (at pathPrefix.model, .params.KEY) for
// an unknown model or a bad parameter.
std::unique_ptr<PlasticityRule> makePulseStdp(const PulseStdpOptions& o, std::uint64_t seed,
                                              const std::string& pathPrefix = "synapse");

// The device's conductance range (S): [G_min, G_max] of the model as configured.
std::pair<double, double> pulseSynapseRange(const PulseStdpOptions& o, const std::string& pathPrefix = "synapse");

struct PulseWindowPoint {
    double dt;  // t_post - t_pre (s)
    double dG;  // expected conductance change (S) of a nominal device at x
};

// The expected window of a nominal device (no device-to-device or
// cycle-to-cycle variation) at normalised state x: the stochastic rounding of
// the pulse count averaged exactly over its two outcomes.
std::vector<PulseWindowPoint> pulseStdpWindow(const PulseStdpOptions& o, double x, const std::vector<double>& dts,
                                              const std::string& pathPrefix = "synapse");

}  // namespace ms::snn
