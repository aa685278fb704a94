#include "core/snn/plasticity/PulseStdp.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/Projection.h"
#include "core/synapses/PulseSynapse.h"

namespace ms::snn {
namespace {

std::unique_ptr<PulseSynapse> model(const PulseStdpOptions& o, const std::string& pathPrefix) {
    return instantiateSynapse(o.model, o.params, o.preset, pathPrefix);
}

// Pulses the pair rule asks for: the requested fraction of the range times the
// model's pulses across the range in that direction, as a real number.
double requestedPulses(const PulseStdpOptions& o, const PulseSynapse& m, double dt) {
    if (dt > 0) return o.aPlus * std::exp(-dt / o.tauPlus) * m.directionLevels(+1);
    return o.aMinus * std::exp(dt / o.tauMinus) * m.directionLevels(-1);
}

// All-to-all pairing through traces, as Brian2's STDP example runs Song's
// rule: each pre spike adds A+ to its synapse's trace (decaying with tau+),
// each post spike A- to its neuron's (tau-); a pre spike asks for the post
// trace's worth of depression, a post spike for each incoming pre trace's
// worth of potentiation. (Pairing only the nearest spikes lets potentiation
// grow with the output rate while depression does not, and the weights run
// away to the top bound.) Traces decay lazily from their last update.
class PulseStdp final : public PlasticityRule {
public:
    PulseStdp(const PulseStdpOptions& o, std::uint64_t seed, const std::string& pathPrefix)
        : o_(o), model_(model(o, pathPrefix)), rng_(seed), lPlus_(model_->directionLevels(+1)),
          lMinus_(model_->directionLevels(-1)) {}

    void attach(Projection& p) override {
        p.wMin = o_.weightPerSiemens * model_->gMin();
        p.wMax = o_.weightPerSiemens * model_->gMax();
        devices_ = DevicePopulation(*model_, p.size(), 0.0, rng_);
        pre_.assign(p.size(), Trace{});
        post_.assign(p.post().size(), Trace{});
        weightsRescaled(p);
    }
    void onPre(Projection& p, std::uint32_t s, double t) override {
        pre_[s].add(t, o_.aPlus, o_.tauPlus);
        pulse(p, s, -1, post_[p.postOf(s)].at(t, o_.tauMinus) * lMinus_);
    }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        post_[j].add(t, o_.aMinus, o_.tauMinus);
        for (std::uint32_t s : p.incoming(j)) pulse(p, s, +1, pre_[s].at(t, o_.tauPlus) * lPlus_);
    }
    void resetTraces() override {
        std::fill(pre_.begin(), pre_.end(), Trace{});
        std::fill(post_.begin(), post_.end(), Trace{});
    }
    // Weights written from outside (starting values, normalisation): each
    // device is set to the state that holds its weight (an idealised write-verify).
    void weightsRescaled(Projection& p) override {
        for (std::size_t s = 0; s < p.size(); ++s) {
            devices_.setX(s, std::clamp((p.w[s] - p.wMin) / (p.wMax - p.wMin), 0.0, 1.0));
            p.w[s] = weightOf(s);
        }
    }

private:
    struct Trace {
        double value = 0.0, time = 0.0;
        double at(double t, double tau) const { return value == 0.0 ? 0.0 : value * std::exp(-(t - time) / tau); }
        void add(double t, double a, double tau) {
            value = at(t, tau) + a;
            time = t;
        }
    };
    double weightOf(std::size_t s) const { return o_.weightPerSiemens * model_->conductance(devices_.x(s)); }
    void pulse(Projection& p, std::uint32_t s, int direction, double requested) {
        if (!(requested > 0)) return;
        int n = static_cast<int>(std::floor(requested));
        if (rng_.uniform() < requested - n) ++n;  // stochastic rounding: the expected count is the requested one
        if (n == 0) return;
        devices_.pulse(s, direction * n, 1.0, rng_);
        p.w[s] = weightOf(s);
    }

    PulseStdpOptions o_;
    std::unique_ptr<PulseSynapse> model_;
    SynapseRng rng_;
    double lPlus_, lMinus_;
    DevicePopulation devices_;
    std::vector<Trace> pre_, post_;
};

}  // namespace

std::unique_ptr<PlasticityRule> makePulseStdp(const PulseStdpOptions& o, std::uint64_t seed, const std::string& pathPrefix) {
    return std::make_unique<PulseStdp>(o, seed, pathPrefix);
}

std::pair<double, double> pulseSynapseRange(const PulseStdpOptions& o, const std::string& pathPrefix) {
    const auto m = model(o, pathPrefix);
    return {m->gMin(), m->gMax()};
}

std::vector<PulseWindowPoint> pulseStdpWindow(const PulseStdpOptions& o, double x, const std::vector<double>& dts,
                                              const std::string& pathPrefix) {
    const auto m = model(o, pathPrefix);
    auto after = [&](int pulses, int direction) {
        double y = x;
        for (int k = 0; k < pulses; ++k) y = std::clamp(y + m->nominalStep(y, direction), 0.0, 1.0);
        return m->conductance(y) - m->conductance(x);
    };
    std::vector<PulseWindowPoint> out;
    for (double dt : dts) {
        const int direction = dt > 0 ? +1 : -1;
        const double requested = requestedPulses(o, *m, dt);
        const int n = static_cast<int>(std::floor(requested));
        const double f = requested - n;
        out.push_back({dt, dt == 0 ? 0.0 : (1 - f) * after(n, direction) + f * after(n + 1, direction)});
    }
    return out;
}

}  // namespace ms::snn
