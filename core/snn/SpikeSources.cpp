#include "core/snn/SpikeSources.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"

namespace ms::snn {

void PoissonGroup::step(double, double dt, SpikeList& spiked) {
    for (std::size_t i = 0; i < size(); ++i) {
        const double p = rates[i] * dt;
        if (p > 0.0 && uniform_(rng_) < p) spiked.push_back(static_cast<std::uint32_t>(i));
    }
}

SpikeGeneratorGroup::SpikeGeneratorGroup(std::size_t n, std::vector<std::pair<std::uint32_t, double>> spikes)
    : NeuronGroup(n) {
    setSpikes(std::move(spikes));
}

void SpikeGeneratorGroup::setSpikes(std::vector<std::pair<std::uint32_t, double>> spikes, double offset) {
    for (auto& s : spikes) {
        if (s.first >= size())
            throw InputError("spikes", "input index " + std::to_string(s.first) + " is outside the group of " +
                                           std::to_string(size()));
        if (!std::isfinite(s.second) || s.second < 0)
            throw InputError("spikes", "spike time " + std::to_string(s.second) + " s is not a time >= 0");
        s.second += offset;
    }
    std::stable_sort(spikes.begin(), spikes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    spikes_ = std::move(spikes);
    next_ = 0;
}

void SpikeGeneratorGroup::step(double t, double dt, SpikeList& spiked) {
    const auto now = std::llround(t / dt);
    while (next_ < spikes_.size() && std::llround(spikes_[next_].second / dt) <= now) {
        if (std::llround(spikes_[next_].second / dt) == now) spiked.push_back(spikes_[next_].first);
        ++next_;
    }
}

std::vector<double> rateCode(const Eigen::VectorXd& x, double maxRate) {
    std::vector<double> r(static_cast<std::size_t>(x.size()));
    for (Eigen::Index i = 0; i < x.size(); ++i) r[static_cast<std::size_t>(i)] = std::max(0.0, x[i]) * maxRate;
    return r;
}

std::vector<std::pair<std::uint32_t, double>> latencyCode(const Eigen::VectorXd& x, double xMax, double window,
                                                          double threshold) {
    if (!(xMax > 0)) throw InputError("latency.xMax", "must be positive");
    std::vector<std::pair<std::uint32_t, double>> out;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (x[i] > threshold)
            out.emplace_back(static_cast<std::uint32_t>(i), window * (1.0 - std::min(x[i], xMax) / xMax));
    return out;
}

}  // namespace ms::snn
