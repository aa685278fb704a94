// A clock-driven spiking network: groups advance on a fixed dt, spikes travel
// through projections with integer delays. Each step follows Brian2's
// schedule: state update + threshold + reset per group (spikes labelled with
// the step's start time t), then per projection: queue new spikes, deliver
// arrivals (on_pre), postsynaptic plasticity (on_post).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/sim/Frames.h"
#include "core/snn/NeuronGroup.h"
#include "core/snn/Projection.h"

namespace ms::snn {

struct SpikeRecord {
    double t;
    std::uint32_t neuron;
};

class SpikeMonitor {
public:
    explicit SpikeMonitor(std::size_t n) : counts(n, 0) {}
    std::vector<SpikeRecord> spikes;  // only if `recordTimes`
    std::vector<std::uint64_t> counts;
    bool recordTimes = true;
    void resetCounts() { std::fill(counts.begin(), counts.end(), 0); }
};

// Samples one state variable of some neurons every `every` steps.
class StateMonitor {
public:
    std::string variable;
    std::vector<std::uint32_t> neurons;
    std::size_t every = 1;
    std::vector<double> t;
    std::vector<std::vector<double>> values;  // [sample][k]
};

class Network {
public:
    explicit Network(double dt);
    double dt() const { return dt_; }
    double time() const { return static_cast<double>(step_) * dt_; }
    long long stepIndex() const { return step_; }

    NeuronGroup& add(const std::string& name, std::unique_ptr<NeuronGroup> group);
    template <typename G>
    G& addGroup(const std::string& name, std::unique_ptr<G> group) {
        G& ref = *group;
        add(name, std::move(group));
        return ref;
    }
    Projection& connect(NeuronGroup& pre, NeuronGroup& post, SynapseTarget target,
                        const std::vector<Synapse>& synapses);
    SpikeMonitor& monitorSpikes(const NeuronGroup& group, bool recordTimes = true);
    StateMonitor& monitorState(const NeuronGroup& group, const std::string& variable,
                               std::vector<std::uint32_t> neurons, std::size_t every = 1);

    // Advances by round(duration/dt) steps. Polls `stop` every 1000 steps.
    void run(double duration, const StopToken* stop = nullptr);
    // Spikes of the last step, per group index.
    const SpikeList& lastSpikes(const NeuronGroup& group) const;
    // Clears queued spikes and plasticity traces (between examples).
    void clearInFlight();

    std::uint64_t totalSpikes() const { return totalSpikes_; }
    std::uint64_t totalSynapticEvents() const;

private:
    std::size_t indexOf(const NeuronGroup& g) const;
    double dt_;
    long long step_ = 0;
    std::vector<std::string> names_;
    std::vector<std::unique_ptr<NeuronGroup>> groups_;
    std::vector<SpikeList> spikes_;
    std::vector<std::unique_ptr<Projection>> projections_;
    std::vector<std::pair<std::size_t, std::size_t>> projGroups_;  // (pre, post) group index per projection
    std::vector<std::pair<std::size_t, std::unique_ptr<SpikeMonitor>>> spikeMonitors_;
    std::vector<std::pair<std::size_t, std::unique_ptr<StateMonitor>>> stateMonitors_;
    std::uint64_t totalSpikes_ = 0;
};

}  // namespace ms::snn
