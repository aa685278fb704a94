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
    outStart_.assign(pre.size() + 1, 0);
    for (std::size_t s = 0; s < n; ++s) ++outStart_[preOf_[s] + 1];
    std::partial_sum(outStart_.begin(), outStart_.end(), outStart_.begin());
    outgoing_.resize(n);
    std::vector<std::uint32_t> fill(outStart_.begin(), outStart_.end() - 1);
    for (std::size_t s = 0; s < n; ++s) outgoing_[fill[preOf_[s]]++] = static_cast<std::uint32_t>(s);
    ring_.resize(maxDelay + 1);
}

Projection::~Projection() = default;

void Projection::setPlasticity(std::unique_ptr<PlasticityRule> rule) {
    rule_ = std::move(rule);
    if (rule_) rule_->attach(*this);
}

void Projection::queue(long long step, const SpikeList& preSpikes) {
    const std::size_t slots = ring_.size();
    for (std::uint32_t i : preSpikes)
        for (std::uint32_t k = outStart_[i]; k < outStart_[i + 1]; ++k) {
            const std::uint32_t s = outgoing_[k];
            ring_[static_cast<std::size_t>(step + delay_[s]) % slots].push_back(s);
        }
}

void Projection::deliver(long long step, double t) {
    auto& slot = ring_[static_cast<std::size_t>(step) % ring_.size()];
    if (slot.empty()) return;
    std::vector<double>& g = target_ == SynapseTarget::Excitatory ? post_->ge : post_->gi;
    const bool learn = learning();
    for (std::uint32_t s : slot) {
        g[postOf_[s]] += w[s];
        if (learn) rule_->onPre(*this, s, t);
    }
    delivered_ += slot.size();
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
    for (const auto& in : incoming_) {
        double sum = 0.0;
        for (std::uint32_t s : in) sum += w[s];
        if (sum <= 0.0) continue;
        const double k = total / sum;
        for (std::uint32_t s : in) w[s] *= k;
    }
}

}  // namespace ms::snn
