#include "core/snn/Network.h"

#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/Plasticity.h"

namespace ms::snn {

Network::Network(double dt) : dt_(dt) {
    if (!(dt > 0) || !std::isfinite(dt)) throw InputError("dt", "the time step must be a positive number of seconds");
}

NeuronGroup& Network::add(const std::string& name, std::unique_ptr<NeuronGroup> group) {
    names_.push_back(name);
    groups_.push_back(std::move(group));
    spikes_.emplace_back();
    return *groups_.back();
}

std::size_t Network::indexOf(const NeuronGroup& g) const {
    for (std::size_t k = 0; k < groups_.size(); ++k)
        if (groups_[k].get() == &g) return k;
    throw InputError("network", "group is not part of this network");
}

Projection& Network::connect(NeuronGroup& pre, NeuronGroup& post, SynapseTarget target,
                             const std::vector<Synapse>& synapses) {
    projGroups_.emplace_back(indexOf(pre), indexOf(post));
    projections_.push_back(std::make_unique<Projection>(pre, post, target, synapses));
    return *projections_.back();
}

SpikeMonitor& Network::monitorSpikes(const NeuronGroup& group, bool recordTimes) {
    auto m = std::make_unique<SpikeMonitor>(group.size());
    m->recordTimes = recordTimes;
    spikeMonitors_.emplace_back(indexOf(group), std::move(m));
    return *spikeMonitors_.back().second;
}

StateMonitor& Network::monitorState(const NeuronGroup& group, const std::string& variable,
                                    std::vector<std::uint32_t> neurons, std::size_t every) {
    for (auto i : neurons)
        if (i >= group.size()) throw InputError("monitor.neurons", "neuron " + std::to_string(i) + " out of range");
    group.state(variable, 0);  // throws for an unknown variable
    auto m = std::make_unique<StateMonitor>();
    m->variable = variable;
    m->neurons = std::move(neurons);
    m->every = every == 0 ? 1 : every;
    stateMonitors_.emplace_back(indexOf(group), std::move(m));
    return *stateMonitors_.back().second;
}

const SpikeList& Network::lastSpikes(const NeuronGroup& group) const { return spikes_[indexOf(group)]; }

void Network::clearInFlight() {
    for (auto& p : projections_) {
        p->clearQueue();
        if (p->plasticity()) p->plasticity()->resetTraces();
    }
}

std::uint64_t Network::totalSynapticEvents() const {
    std::uint64_t n = 0;
    for (const auto& p : projections_) n += p->deliveredEvents();
    return n;
}

void Network::run(double duration, const StopToken* stop) {
    const long long steps = std::llround(duration / dt_);
    for (long long k = 0; k < steps; ++k) {
        if (stop && (k & 1023) == 0 && stop->stopRequested()) throw Cancelled();
        const double t = time();
        // State monitors sample at the step's start, like Brian2's StateMonitor.
        for (auto& [g, m] : stateMonitors_)
            if (step_ % static_cast<long long>(m->every) == 0) {
                m->t.push_back(t);
                std::vector<double> row(m->neurons.size());
                for (std::size_t q = 0; q < row.size(); ++q) row[q] = groups_[g]->state(m->variable, m->neurons[q]);
                m->values.push_back(std::move(row));
            }
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            spikes_[g].clear();
            groups_[g]->step(t, dt_, spikes_[g]);
            totalSpikes_ += spikes_[g].size();
        }
        for (std::size_t k = 0; k < projections_.size(); ++k) {
            projections_[k]->queue(step_, spikes_[projGroups_[k].first]);
            projections_[k]->deliver(step_, t);
        }
        for (std::size_t k = 0; k < projections_.size(); ++k)
            projections_[k]->postSpikes(t, spikes_[projGroups_[k].second]);
        for (auto& [g, m] : spikeMonitors_)
            for (std::uint32_t i : spikes_[g]) {
                ++m->counts[i];
                if (m->recordTimes) m->spikes.push_back({t, i});
            }
        ++step_;
    }
}

}  // namespace ms::snn
