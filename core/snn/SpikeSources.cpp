#include "core/snn/SpikeSources.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/common/Errors.h"

namespace ms::snn {

long long PoissonGroup::gap(std::size_t i) {
    if (invLog1mP_[i] == 0.0) return 1;  // p >= 1: every step
    // U in (0, 1]: ln U is finite; gaps beyond ~1e18 steps mean never.
    const double k = std::floor(std::log(1.0 - uniform_(rng_)) * invLog1mP_[i]);
    return k < 1e18 ? 1 + static_cast<long long>(k) : kNever / 2;
}

void PoissonGroup::schedule(std::uint32_t i) {
    if (next_[i] < kNever / 2) calendar_[static_cast<std::size_t>(next_[i]) % kSlots].push_back(i);
}

// New rates (or dt): every neuron's next spike is drawn afresh from `now`,
// where the first trial is the step `now` itself.
void PoissonGroup::redraw(long long now, double dt) {
    seenRates_ = rates;
    seenDt_ = dt;
    for (auto& slot : calendar_) slot.clear();
    for (std::size_t i = 0; i < size(); ++i) {
        const double p = rates[i] * dt;
        next_[i] = kNever;
        if (!(p > 0.0)) continue;
        invLog1mP_[i] = p >= 1.0 ? 0.0 : 1.0 / std::log1p(-p);
        next_[i] = now - 1 + gap(i);
        schedule(static_cast<std::uint32_t>(i));
    }
}

void PoissonGroup::step(double t, double dt, SpikeList& spiked) {
    const auto now = static_cast<long long>(std::llround(t / dt));
    // Byte comparison: cheaper than element-wise; a -0.0 written over 0.0
    // only costs a redraw, which is as exact as not redrawing.
    if (dt != seenDt_ || rates.size() != seenRates_.size() ||
        std::memcmp(rates.data(), seenRates_.data(), rates.size() * sizeof(double)) != 0)
        redraw(now, dt);
    auto& slot = calendar_[static_cast<std::size_t>(now) % kSlots];
    if (slot.empty()) return;
    const std::size_t first = spiked.size();
    std::size_t keep = 0;
    for (std::uint32_t i : slot) {
        if (next_[i] == now) spiked.push_back(i);
        else if (next_[i] > now) slot[keep++] = i;  // a later lap
    }
    slot.resize(keep);
    // Ascending ids within the step, as the per-neuron draw produced them.
    std::sort(spiked.begin() + static_cast<std::ptrdiff_t>(first), spiked.end());
    for (std::size_t k = first; k < spiked.size(); ++k) {
        const std::uint32_t i = spiked[k];
        next_[i] = now + gap(i);
        schedule(i);
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
