// Threshold crossing, spike and absolute refractory period, the piece the
// LIF-like neurons (LifCurrent, LifConductance, Srm0) share; each applies
// its own reset when fire() says the neuron spiked. The convention is
// Brian2's: a neuron is refractory while timestep(t - lastspike) <
// timestep(t_ref), spikes carry the step's start time, and a refractory
// neuron does not fire even above threshold.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/snn/NeuronGroup.h"

namespace ms::snn {

// The step index of time t on a clock of step dt (Network passes t = k dt).
inline long long stepIndexOf(double t, double dt) { return static_cast<long long>(std::llround(t / dt)); }

class SpikeGate {
public:
    explicit SpikeGate(std::size_t n) : until_(n, -1.0) {}
    void setPeriod(double tRef, double dt) { steps_ = std::llround(tRef / dt); }
    // Not refractory at step `step`.
    bool active(std::size_t i, long long step) const { return static_cast<double>(step) >= until_[i]; }
    // The first step at which each neuron may fire again, for vectorised
    // loops: active(i, step) is step >= until()[i].
    const double* until() const { return until_.data(); }
    // Neuron i spikes at `step` if it crossed threshold and is not
    // refractory: recorded in `spiked`, refractory for the period. The
    // caller then resets its state.
    bool fire(std::size_t i, long long step, bool crossed, SpikeList& spiked) {
        if (!crossed || !active(i, step)) return false;
        spiked.push_back(static_cast<std::uint32_t>(i));
        until_[i] = static_cast<double>(step + steps_);
        return true;
    }
    void clear() { std::fill(until_.begin(), until_.end(), -1.0); }

private:
    // First step at which neuron i may fire again; doubles (exact below 2^53
    // steps) so a loop over neurons compares them in vector registers.
    std::vector<double> until_;
    long long steps_ = 0;
};

}  // namespace ms::snn
