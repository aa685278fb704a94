// Input populations: they have no membrane, only spikes. They are
// NeuronGroups so projections treat inputs and neurons alike.
#pragma once

#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "core/snn/NeuronGroup.h"

namespace ms::snn {

// Independent Poisson trains: each step a neuron spikes with probability
// rate * dt (Brian2's PoissonGroup). Rates in Hz, settable between steps.
// Instead of one uniform draw per neuron per step, each neuron draws the
// step of its next spike: the gap between Bernoulli(p) successes is
// geometric, k = 1 + floor(ln U / ln(1 - p)), which is the same process
// (memoryless, so redrawing every gap when the rates change is exact) at a
// cost per spike rather than per neuron and step. Same seed, same trains.
class PoissonGroup final : public NeuronGroup {
public:
    PoissonGroup(std::size_t n, std::uint64_t seed)
        : NeuronGroup(n), rates(n, 0.0), next_(n, kNever), invLog1mP_(n, 0.0), rng_(seed) {}
    void step(double t, double dt, SpikeList& spiked) override;
    double membrane(std::size_t) const override { return 0.0; }
    std::vector<double> rates;  // Hz

private:
    static constexpr long long kNever = std::numeric_limits<long long>::max();
    static constexpr std::size_t kSlots = 1024;  // steps per lap of the calendar
    void redraw(long long now, double dt);
    long long gap(std::size_t i);
    void schedule(std::uint32_t i);
    std::vector<double> seenRates_;  // rates the schedule was drawn for
    double seenDt_ = -1.0;
    std::vector<long long> next_;    // step of each neuron's next spike
    std::vector<double> invLog1mP_;  // 1 / ln(1 - p); 0 means every step
    // Calendar: neuron ids by next spike step mod kSlots (further ones wait
    // a lap in their slot).
    std::vector<std::vector<std::uint32_t>> calendar_ = std::vector<std::vector<std::uint32_t>>(kSlots);
    std::mt19937_64 rng_;
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

// Given spike times (Brian2's SpikeGeneratorGroup). Times are rounded to the
// clock: a spike at t fires in the step whose start is round(t/dt)*dt.
class SpikeGeneratorGroup final : public NeuronGroup {
public:
    SpikeGeneratorGroup(std::size_t n, std::vector<std::pair<std::uint32_t, double>> spikes);
    void step(double t, double dt, SpikeList& spiked) override;
    double membrane(std::size_t) const override { return 0.0; }
    // Replaces the spikes; times are relative to `offset` seconds.
    void setSpikes(std::vector<std::pair<std::uint32_t, double>> spikes, double offset = 0.0);
    void resetState() override { next_ = 0; }

private:
    std::vector<std::pair<std::uint32_t, double>> spikes_;  // sorted by time
    std::size_t next_ = 0;
};

// Rate code: intensity in [0, 1] (or any scale) -> rate = maxRate * x.
std::vector<double> rateCode(const Eigen::VectorXd& x, double maxRate);

// Latency code (time-to-first-spike): one spike per input with x > threshold,
// at t = window * (1 - x / xMax); stronger inputs fire earlier.
std::vector<std::pair<std::uint32_t, double>> latencyCode(const Eigen::VectorXd& x, double xMax, double window,
                                                          double threshold = 0.0);

}  // namespace ms::snn
