#include "core/snn/Projection.h"

#include <algorithm>
#include <numeric>

#include "core/common/Errors.h"
#include "core/snn/Plasticity.h"

namespace ms::snn {

std::vector<Synapse> allToAll(std::size_t nPre, std::size_t nPost, double weight) {
    std::vector<Synapse> out;
    out.reserve(nPre * nPost);
    for (std::size_t i = 0; i < nPre; ++i)
        for (std::size_t j = 0; j < nPost; ++j)
            out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), weight, 0});
    return out;
}

std::vector<Synapse> oneToOne(std::size_t n, double weight) {
    std::vector<Synapse> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i), weight, 0});
    return out;
}

std::vector<Synapse> allButPartner(std::size_t n, double weight) {
    std::vector<Synapse> out;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j) out.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), weight, 0});
    return out;
}

Projection::Projection(NeuronGroup& pre, NeuronGroup& post, SynapseTarget target,
                       const std::vector<Synapse>& synapses)
    : pre_(&pre), post_(&post), target_(target), incoming_(post.size()) {
    const std::size_t n = synapses.size();
    w.resize(n);
    preOf_.resize(n);
    postOf_.resize(n);
    delay_.resize(n);
    std::uint32_t maxDelay = 0;
    {
        std::vector<std::uint32_t> fanIn(post.size(), 0);
        for (const Synapse& syn : synapses)
            if (syn.post < post.size()) ++fanIn[syn.post];
        for (std::size_t j = 0; j < post.size(); ++j) incoming_[j].reserve(fanIn[j]);
    }
    for (std::size_t s = 0; s < n; ++s) {
        const Synapse& syn = synapses[s];
        if (syn.pre >= pre.size() || syn.post >= post.size())
            throw InputError("synapses[" + std::to_string(s) + "]", "connects " + std::to_string(syn.pre) + " -> " +
                                                                        std::to_string(syn.post) +
                                                                        " outside the groups' sizes");
        w[s] = syn.weight;
        preOf_[s] = syn.pre;
        postOf_[s] = syn.post;
        delay_[s] = syn.delaySteps;
        maxDelay = std::max(maxDelay, syn.delaySteps);
        incoming_[syn.post].push_back(static_cast<std::uint32_t>(s));
    }
    // Synapse ids sorted by (pre, delay), ascending within a group: two
    // stable counting sorts, by delay then by pre (linear time; a
    // comparison sort was a tenth of building the Diehl & Cook network).
    std::vector<std::uint32_t> byDelay(n), order(n);
    {
        std::vector<std::uint32_t> at(std::size_t{maxDelay} + 2, 0);
        for (std::size_t s = 0; s < n; ++s) ++at[delay_[s] + 1];
        std::partial_sum(at.begin(), at.end(), at.begin());
        for (std::size_t s = 0; s < n; ++s) byDelay[at[delay_[s]]++] = static_cast<std::uint32_t>(s);
    }
    {
        std::vector<std::uint32_t> at(pre.size() + 1, 0);
        for (std::size_t s = 0; s < n; ++s) ++at[preOf_[s] + 1];
        std::partial_sum(at.begin(), at.end(), at.begin());
        for (std::uint32_t s : byDelay) order[at[preOf_[s]]++] = s;
    }
    arrivals_.resize(n);
    preGroups_.assign(pre.size() + 1, 0);
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t s = order[k];
        arrivals_[k] = {s, postOf_[s]};
        if (k == 0 || preOf_[s] != preOf_[order[k - 1]] || delay_[s] != delay_[order[k - 1]]) {
            groupStart_.push_back(static_cast<std::uint32_t>(k));
            groupDelay_.push_back(delay_[s]);
            ++preGroups_[preOf_[s] + 1];
        }
    }
    groupStart_.push_back(static_cast<std::uint32_t>(n));
    std::partial_sum(preGroups_.begin(), preGroups_.end(), preGroups_.begin());
    ring_.resize(maxDelay + 1);
}

Projection::~Projection() = default;

void PlasticityRule::onPreBatch(Projection& p, const Arrival* a, std::size_t n, double t) {
    for (std::size_t k = 0; k < n; ++k) onPre(p, a[k].synapse, t);
}

void Projection::setPlasticity(std::unique_ptr<PlasticityRule> rule) {
    rule_ = std::move(rule);
    if (rule_) rule_->attach(*this);
}

void Projection::queue(long long step, const SpikeList& preSpikes) {
    const std::size_t slots = ring_.size();
    for (std::uint32_t i : preSpikes)
        for (std::uint32_t g = preGroups_[i]; g < preGroups_[i + 1]; ++g)
            ring_[static_cast<std::size_t>(step + groupDelay_[g]) % slots].push_back(g);
}

void Projection::deliver(long long step, double t) {
    auto& slot = ring_[static_cast<std::size_t>(step) % ring_.size()];
    if (slot.empty()) return;
    double* g = (target_ == SynapseTarget::Excitatory ? post_->ge : post_->gi).data();
    const double* wp = w.data();
    const bool learn = learning();
    for (std::uint32_t group : slot) {
        const std::uint32_t a = groupStart_[group], b = groupStart_[group + 1];
        const Arrival* arr = arrivals_.data() + a;
        for (std::uint32_t k = 0; k < b - a; ++k) g[arr[k].post] += wp[arr[k].synapse];
        // After the group's own additions: each synapse's weight is read
        // before its own update (on_pre "ge_post += w" first).
        if (learn) rule_->onPreBatch(*this, arr, b - a, t);
        delivered_ += b - a;
    }
    slot.clear();
}

void Projection::postSpikes(double t, const SpikeList& spikes) {
    if (!learning()) return;
    for (std::uint32_t j : spikes) rule_->onPost(*this, j, t);
}

void Projection::clearQueue() {
    for (auto& slot : ring_) slot.clear();
}

void Projection::normaliseIncoming(double total) {
    // One pass in synapse order, not a walk down each post neuron's list
    // (a cache miss per synapse once the weights outgrow the cache): each
    // neuron's sum still adds its synapses in ascending id order, as its
    // list holds them, so the sums and the result are the same.
    std::vector<double> factor(post_->size(), 0.0);
    for (std::size_t s = 0; s < w.size(); ++s) factor[postOf_[s]] += w[s];
    for (double& f : factor) f = f <= 0.0 ? 1.0 : total / f;  // no incoming weight: left as it is
    for (std::size_t s = 0; s < w.size(); ++s) w[s] *= factor[postOf_[s]];
    if (rule_) rule_->weightsRescaled(*this);
}

}  // namespace ms::snn
