// What a spiking network's plastic synapses are (docs/snn-synapses.md):
// abstract weights with the network's own learning rule, memristors learning
// by device-driven STDP, pulse synapses (core/synapses) given pulses by the
// pair rule, or stochastic binary memristors. Engines take one of
// these, build the projection's rule from it, and report weights as
// conductances when the synapse is a device (weight = k_w G).
#pragma once

#include <functional>
#include <memory>
#include <random>
#include <string>

#include "core/devices/ModelRegistry.h"
#include "core/sim/Frames.h"
#include "core/snn/Plasticity.h"
#include "core/snn/plasticity/DeviceStdp.h"
#include "core/snn/plasticity/PulseStdp.h"

namespace ms::snn {

class Projection;

struct StochasticBinaryOptions {
    double pPlus = 0.1, pMinus = 0.05;  // SET / RESET probabilities per post spike
    double tLtp = 45e-3;                // s
    double gOff = 1e-6, gOn = 1e-4;     // S
    double weightPerSiemens = 1e4;      // network weight per siemens
};

struct SynapseChoice {
    enum class Type { Abstract, DeviceStdp, StochasticBinary, PulseStdp };
    Type type = Type::Abstract;
    DeviceSpec device;             // DeviceStdp
    DeviceStdpOptions deviceStdp;  // DeviceStdp (its weightPerSiemens is k_w)
    StochasticBinaryOptions stochastic;
    PulseStdpOptions pulse;        // PulseStdp

    bool isDevice() const { return type != Type::Abstract; }
    // Siemens per unit of network weight (1 for abstract weights).
    double siemensPerWeight() const;
    const char* id() const;  // "abstract", "device_stdp", "stochastic_binary", "pulse_stdp"
};

// The projection's rule: `abstractRule` (a registry id with default
// parameters) for abstract weights, else the device rule.
std::unique_ptr<PlasticityRule> makeSynapseRule(const SynapseChoice& c, const std::string& abstractRule,
                                                std::uint64_t seed);

// Puts the device rule already set on `p` (makeSynapseRule) at its starting
// weights: for each synapse in turn, `fraction()` draws where in the device's
// range it starts (0: wMin, 1: wMax). A device_stdp device is written to that
// conductance (weightsRescaled: an idealised write-verify); a binary device is
// ON with that fraction as probability, drawn from `rng` after the fraction.
void startDevices(const SynapseChoice& c, Projection& p, std::mt19937_64& rng, const std::function<double()>& fraction);

// Series "stdp_window" (dt s, dG S): the device rule's window for a device at
// the middle of its state range, 61 points over +-t_spike (device_stdp), or
// the expected window of a nominal pulse synapse at mid-range over +-5 tau
// (pulse_stdp); none for abstract weights and binary devices.
void emitDeviceStdpWindow(const SynapseChoice& c, FrameSink& sink);

// Series "conductance_histogram" (G S, count): 24 bins, logarithmic over the
// projection's conductance range when it spans one to six decades.
void emitConductanceHistogram(const SynapseChoice& c, const Projection& p, FrameSink& sink);

}  // namespace ms::snn
