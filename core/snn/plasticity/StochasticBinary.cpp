// Stochastic binary memristive synapses (Suri et al., IEDM 2012; Querlioz et
// al., IEEE TNANO 12:288, 2013, simplified STDP): each device is either OFF
// (w_min) or ON (w_max). When the post neuron fires, a synapse whose input
// arrived within the LTP window switches ON with probability p_plus; every
// other synapse switches OFF with probability p_minus. Draws come from the
// rule's own seeded generator.
#include <random>

#include "core/snn/Plasticity.h"
#include "core/snn/Projection.h"

namespace ms::snn {
namespace {

class StochasticBinary final : public PlasticityRule {
public:
    StochasticBinary(const ParamValues& p, std::uint64_t seed)
        : pPlus_(p.at("p_plus")), pMinus_(p.at("p_minus")), window_(p.at("t_ltp")), wOff_(p.at("w_min")),
          wOn_(p.at("w_max")), rng_(seed) {}

    void attach(Projection& p) override {
        lastPre_.assign(p.size(), -1e300);
        p.wMin = wOff_;
        p.wMax = wOn_;
        // Binary devices: snap existing weights to the nearer state.
        for (double& w : p.w) w = (w - wOff_) > 0.5 * (wOn_ - wOff_) ? wOn_ : wOff_;
    }
    void onPre(Projection&, std::uint32_t s, double t) override { lastPre_[s] = t; }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        for (std::uint32_t s : p.incoming(j)) {
            if (t - lastPre_[s] <= window_) {
                if (p.w[s] != wOn_ && u_(rng_) < pPlus_) p.w[s] = wOn_;
            } else if (p.w[s] != wOff_ && u_(rng_) < pMinus_) {
                p.w[s] = wOff_;
            }
        }
    }
    void resetTraces() override { std::fill(lastPre_.begin(), lastPre_.end(), -1e300); }

private:
    double pPlus_, pMinus_, window_, wOff_, wOn_;
    std::vector<double> lastPre_;
    std::mt19937_64 rng_;
    std::uniform_real_distribution<double> u_{0.0, 1.0};
};

}  // namespace

PlasticityInfo stochasticBinaryRule() {
    const std::string src = "Suri et al., IEDM 2012; Querlioz et al., IEEE TNANO 12:288 (2013)";
    PlasticityInfo r;
    r.id = "stochastic_binary";
    r.name = "Stochastic binary memristor STDP";
    r.summary = "Binary ON/OFF devices switched with probabilities set by pre activity in an LTP window";
    r.source = src;
    r.params = {
        {"p_plus", "p_+", "", 0.1, 0, 1, Scale::Linear, "SET probability for inputs active in the LTP window", src},
        {"p_minus", "p_-", "", 0.05, 0, 1, Scale::Linear, "RESET probability for the other inputs", src},
        {"t_ltp", "t_LTP", "s", 45e-3, 0, 10, Scale::Linear, "LTP window after a presynaptic arrival", src},
        {"w_min", "w_off", "", 0, -1e6, 1e6, Scale::Linear, "Weight of an OFF device", src},
        {"w_max", "w_on", "", 1, -1e6, 1e6, Scale::Linear, "Weight of an ON device", src},
    };
    r.create = [](const ParamValues& p, const DeviceSpec*, std::uint64_t seed) -> std::unique_ptr<PlasticityRule> {
        return std::make_unique<StochasticBinary>(p, seed);
    };
    return r;
}

}  // namespace ms::snn
