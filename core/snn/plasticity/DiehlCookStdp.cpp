// The STDP rule Diehl & Cook's released code actually runs (peter-u-diehl/
// stdp-mnist; Brian2's Diehl_Cook_2015 example), a triplet-like trace rule:
//   on pre:  pre = 1;  w -= nu_pre * post1
//   on post: w += nu_post * pre * post2(just before);  post1 = post2 = 1
// with pre, post1 decaying at 20 ms and post2 at 40 ms; w clipped to [0, w_max].
// The paper's (x_pre - x_tar)(w_max - w)^mu form is defined but unused there.
#include <algorithm>

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
        pre_.resize(p.size(), tauPre_);
        post1_.resize(p.post().size(), tauPost1_);
        post2_.resize(p.post().size(), tauPost2_);
        p.wMin = 0;
        p.wMax = wMax_;
    }
    void onPre(Projection& p, std::uint32_t s, double t) override {
        pre_.set(s, t, 1.0);
        p.w[s] = std::clamp(p.w[s] - nuPre_ * post1_.at(p.postOf(s), t), 0.0, wMax_);
    }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        const double post2Before = post2_.at(j, t);
        for (std::uint32_t s : p.incoming(j))
            p.w[s] = std::clamp(p.w[s] + nuPost_ * pre_.at(s, t) * post2Before, 0.0, wMax_);
        post1_.set(j, t, 1.0);
        post2_.set(j, t, 1.0);
    }
    void resetTraces() override {
        pre_.clear();
        post1_.clear();
        post2_.clear();
    }

private:
    double nuPre_, nuPost_, tauPre_, tauPost1_, tauPost2_, wMax_;
    LazyTraces pre_, post1_, post2_;
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
