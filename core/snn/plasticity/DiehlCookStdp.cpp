// The STDP rule Diehl & Cook's released code actually runs (peter-u-diehl/
// stdp-mnist; Brian2's Diehl_Cook_2015 example), a triplet-like trace rule:
//   on pre:  pre = 1;  w -= nu_pre * post1
//   on post: w += nu_post * pre * post2(just before);  post1 = post2 = 1
// with pre, post1 decaying at 20 ms and post2 at 40 ms; w clipped to [0, w_max].
// The paper's (x_pre - x_tar)(w_max - w)^mu form is defined but unused there.
#include <algorithm>
#include <limits>
#include <vector>

#include "core/snn/Plasticity.h"
#include "core/snn/Projection.h"
#include "core/snn/plasticity/Traces.h"

namespace ms::snn {
namespace {

class DiehlCookStdp final : public PlasticityRule {
public:
    explicit DiehlCookStdp(const ParamValues& p)
        : nuPre_(p.at("nu_pre")), nuPost_(p.at("nu_post")), tauPre_(p.at("tau_pre")), tauPost1_(p.at("tau_post1")),
          tauPost2_(p.at("tau_post2")), wMax_(p.at("w_max")) {}

    void attach(Projection& p) override {
        preTime_.assign(p.size(), kNever);
        post1_.resize(p.post().size(), tauPost1_);
        post2_.resize(p.post().size(), tauPost2_);
        post1Now_.assign(p.post().size(), 0.0);
        post1At_ = kNoTime;
        p.wMin = 0;
        p.wMax = wMax_;
    }
    void onPre(Projection& p, std::uint32_t s, double t) override {
        preTime_[s] = t;
        p.w[s] = std::clamp(p.w[s] - nuPre_ * post1_.at(p.postOf(s), t), 0.0, wMax_);
    }
    // The same updates as onPre for the arrivals of one step (they share
    // t): post1 of every post neuron at t is evaluated once per step in one
    // vectorised pass instead of an exp per arrival.
    void onPreBatch(Projection& p, const Arrival* a, std::size_t n, double t) override {
        if (post1At_ != t) {
            post1_.atAll(t, post1Now_.data());
            post1At_ = t;
        }
        double* w = p.w.data();
        double* preTime = preTime_.data();
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t s = a[k].synapse;
            preTime[s] = t;
            w[s] = std::clamp(w[s] - nuPre_ * post1Now_[a[k].post], 0.0, wMax_);
        }
    }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        post1At_ = kNoTime;
        const double post2Before = post2_.at(j, t);
        const auto& in = p.incoming(j);
        scratch_.resize(in.size());
        for (std::size_t q = 0; q < in.size(); ++q) scratch_[q] = -(t - preTime_[in[q]]) / tauPre_;
        expArray(scratch_.data(), in.size());
        for (std::size_t q = 0; q < in.size(); ++q)
            p.w[in[q]] = std::clamp(p.w[in[q]] + nuPost_ * scratch_[q] * post2Before, 0.0, wMax_);
        post1_.set(j, t, 1.0);
        post2_.set(j, t, 1.0);
    }
    void resetTraces() override {
        std::fill(preTime_.begin(), preTime_.end(), kNever);
        post1_.clear();
        post2_.clear();
        post1At_ = kNoTime;
    }

private:
    double nuPre_, nuPost_, tauPre_, tauPost1_, tauPost2_, wMax_;
    // The pre trace is set to 1 at each arrival, so its last arrival time
    // is all it needs: exp(-(t - t_pre)/tau_pre), 0 before any (t_pre = -inf).
    static constexpr double kNever = -std::numeric_limits<double>::infinity();
    std::vector<double> preTime_;
    LazyTraces post1_, post2_;
    static constexpr double kNoTime = -1e300;
    std::vector<double> post1Now_;  // post1 of every post neuron at time post1At_
    double post1At_ = kNoTime;
    std::vector<double> scratch_;
};

}  // namespace

PlasticityInfo diehlCookRule() {
    const std::string src = "Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015), released code";
    PlasticityInfo r;
    r.id = "diehl_cook";
    r.name = "Diehl & Cook trace STDP";
    r.summary = "Depression by the post trace at each pre spike; potentiation by pre x slow post trace";
    r.source = src;
    r.params = {
        {"nu_pre", "nu_pre", "", 1e-4, 0, 1, Scale::Linear, "Depression rate (nu_ee_pre)", src},
        {"nu_post", "nu_post", "", 1e-2, 0, 1, Scale::Linear, "Potentiation rate (nu_ee_post)", src},
        {"tau_pre", "tau_pre", "s", 20e-3, 1e-5, 10, Scale::Log, "Presynaptic trace decay", src},
        {"tau_post1", "tau_post1", "s", 20e-3, 1e-5, 10, Scale::Log, "Fast postsynaptic trace decay", src},
        {"tau_post2", "tau_post2", "s", 40e-3, 1e-5, 10, Scale::Log, "Slow postsynaptic trace decay", src},
        {"w_max", "w_max", "", 1.0, 1e-9, 1e6, Scale::Log, "Upper weight bound", src},
    };
    r.create = [](const ParamValues& p, const DeviceSpec*, std::uint64_t) -> std::unique_ptr<PlasticityRule> {
        return std::make_unique<DiehlCookStdp>(p);
    };
    return r;
}

}  // namespace ms::snn
