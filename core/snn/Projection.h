// A projection: synapses from one group to another, each with a weight and
// an integer delay in clock steps. Spikes are queued in a ring buffer of
// delay slots and delivered event by event (weight read at arrival, as in
// Brian2's on_pre with a delay); an optional plasticity rule sees every
// arrival and every postsynaptic spike.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "core/snn/NeuronGroup.h"

namespace ms::snn {

class PlasticityRule;

enum class SynapseTarget { Excitatory, Inhibitory };  // adds to post.ge or post.gi

// A synapse id with its post neuron, side by side (one cache line where
// delivery and plasticity read both).
struct Arrival {
    std::uint32_t synapse, post;
};

struct Synapse {
    std::uint32_t pre, post;
    double weight;
    std::uint32_t delaySteps = 0;
};

// Connectivity helpers.
std::vector<Synapse> allToAll(std::size_t nPre, std::size_t nPost, double weight);
std::vector<Synapse> oneToOne(std::size_t n, double weight);
std::vector<Synapse> allButPartner(std::size_t n, double weight);  // i -> j for i != j

class Projection {
public:
    Projection(NeuronGroup& pre, NeuronGroup& post, SynapseTarget target, const std::vector<Synapse>& synapses);
    ~Projection();

    NeuronGroup& pre() const { return *pre_; }
    NeuronGroup& post() const { return *post_; }
    std::size_t size() const { return w.size(); }
    std::uint32_t preOf(std::uint32_t s) const { return preOf_[s]; }
    std::uint32_t postOf(std::uint32_t s) const { return postOf_[s]; }
    // Synapse ids arriving at post neuron j.
    const std::vector<std::uint32_t>& incoming(std::uint32_t j) const { return incoming_[j]; }

    void setPlasticity(std::unique_ptr<PlasticityRule> rule);
    PlasticityRule* plasticity() const { return rule_.get(); }
    // Learning can be switched off (test phase) without losing the rule.
    void setLearning(bool on) { learning_ = on; }
    bool learning() const { return learning_ && rule_; }

    // Called by Network each step, in Brian2's order: queue this step's
    // presynaptic spikes, deliver what arrives now (on_pre), then the
    // postsynaptic spikes (on_post).
    void queue(long long step, const SpikeList& preSpikes);
    void deliver(long long step, double t);
    void postSpikes(double t, const SpikeList& postSpikes);
    void clearQueue();

    // Rescales each post neuron's incoming weights to sum to `total`
    // (Diehl & Cook's normalisation before every example).
    void normaliseIncoming(double total);

    std::vector<double> w;  // weights, in the post model's synaptic unit
    double wMin = 0.0, wMax = 1e300;  // bounds used by plasticity

    std::uint64_t deliveredEvents() const { return delivered_; }

private:
    NeuronGroup* pre_;
    NeuronGroup* post_;
    SynapseTarget target_;
    std::vector<std::uint32_t> preOf_, postOf_, delay_;
    // Synapses grouped by (pre, delay), ids ascending within a group: a
    // presynaptic spike queues one entry per distinct delay of its neuron
    // instead of one per synapse. A slot then holds, for each spike that
    // arrives, the group of its neuron with that delay, in queueing order,
    // which is the synapse order the per-synapse queue delivered in.
    std::vector<std::uint32_t> preGroups_;              // groups of pre i: [preGroups_[i], preGroups_[i+1])
    std::vector<std::uint32_t> groupStart_, groupDelay_;  // members of group g: [groupStart_[g], groupStart_[g+1])
    std::vector<Arrival> arrivals_;                     // by group
    std::vector<std::vector<std::uint32_t>> incoming_;
    std::vector<std::vector<std::uint32_t>> ring_;  // group ids per arrival slot
    std::unique_ptr<PlasticityRule> rule_;
    bool learning_ = true;
    std::uint64_t delivered_ = 0;
};

}  // namespace ms::snn
