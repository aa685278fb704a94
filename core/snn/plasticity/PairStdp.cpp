// Pair-based exponential STDP with all-to-all traces (Song, Miller & Abbott,
// Nat. Neurosci. 3:919, 2000; Brian2's examples/synapses/STDP):
//   on pre:  a_pre += A+,  w += a_post;     on post: a_post += A-,  w += a_pre,
// a_pre, a_post decaying with tau+, tau-. Hard bounds clip w to [w_min, w_max];
// soft bounds scale each step by the distance to the bound it moves towards
// (van Rossum, Bi & Turrigiano, J. Neurosci. 20:8812, 2000).
#include <algorithm>
#include <cmath>

#include "core/snn/Plasticity.h"
#include "core/snn/Projection.h"
#include "core/snn/plasticity/Traces.h"

namespace ms::snn {

double pairStdpWindow(double dt, double aPlus, double aMinus, double tauPlus, double tauMinus) {
    return dt >= 0 ? aPlus * std::exp(-dt / tauPlus) : aMinus * std::exp(dt / tauMinus);
}

namespace {

class PairStdp final : public PlasticityRule {
public:
    explicit PairStdp(const ParamValues& p)
        : aPlus_(p.at("A_plus")), aMinus_(p.at("A_minus")), tauPlus_(p.at("tau_plus")),
          tauMinus_(p.at("tau_minus")), wMin_(p.at("w_min")), wMax_(p.at("w_max")), soft_(p.at("soft_bounds") != 0) {}

    void attach(Projection& p) override {
        pre_.resize(p.size(), tauPlus_);
        post_.resize(p.post().size(), tauMinus_);
        p.wMin = wMin_;
        p.wMax = wMax_;
    }
    void onPre(Projection& p, std::uint32_t s, double t) override {
        pre_.add(s, t, aPlus_);
        apply(p.w[s], post_.at(p.postOf(s), t));
    }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        post_.add(j, t, aMinus_);
        for (std::uint32_t s : p.incoming(j)) apply(p.w[s], pre_.at(s, t));
    }
    void resetTraces() override {
        pre_.clear();
        post_.clear();
    }

private:
    void apply(double& w, double dw) const {
        if (soft_) dw *= dw > 0 ? (wMax_ - w) / (wMax_ - wMin_) : (w - wMin_) / (wMax_ - wMin_);
        w = std::clamp(w + dw, wMin_, wMax_);
    }
    double aPlus_, aMinus_, tauPlus_, tauMinus_, wMin_, wMax_;
    bool soft_;
    LazyTraces pre_, post_;
};

}  // namespace

PlasticityInfo pairStdpRule() {
    const std::string src = "Song, Miller & Abbott, Nat. Neurosci. 3:919 (2000); Brian2 examples/synapses/STDP";
    PlasticityInfo r;
    r.id = "pair_stdp";
    r.name = "Pair-based exponential STDP";
    r.summary = "dw = A+ e^{-dt/tau+} (post after pre), A- e^{dt/tau-} (pre after post); all-to-all traces";
    r.source = src;
    r.params = {
        {"A_plus", "A_+", "", 1e-4, 0, 1e3, Scale::Linear, "Potentiation per pair at dt = 0 (weight units)", src},
        {"A_minus", "A_-", "", -1.05e-4, -1e3, 0, Scale::Linear, "Depression per pair at dt = 0 (negative)", src},
        {"tau_plus", "tau_+", "s", 20e-3, 1e-5, 10, Scale::Log, "Potentiation window time constant", src},
        {"tau_minus", "tau_-", "s", 20e-3, 1e-5, 10, Scale::Log, "Depression window time constant", src},
        {"w_min", "w_min", "", 0, -1e6, 1e6, Scale::Linear, "Lower weight (conductance) bound", src},
        {"w_max", "w_max", "", 0.01, -1e6, 1e6, Scale::Linear, "Upper weight (conductance) bound", src},
        {"soft_bounds", "soft", "", 0, 0, 1, Scale::Linear, "0: hard bounds (clip), 1: soft (multiplicative)",
         "van Rossum, Bi & Turrigiano (2000)", true},
    };
    r.create = [](const ParamValues& p, const DeviceSpec*, std::uint64_t) -> std::unique_ptr<PlasticityRule> {
        return std::make_unique<PairStdp>(p);
    };
    return r;
}

}  // namespace ms::snn
