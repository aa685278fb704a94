// Conductance-based leaky integrate-and-fire neuron with an adaptive threshold,
// the excitatory and inhibitory cells of Diehl & Cook (Front. Comput. Neurosci.
// 9:99, 2015):
//   tau_m dV/dt = (E_L - V) + g_e (E_e - V) + g_i (E_i - V),
//   dg_e/dt = -g_e/tau_e,  dg_i/dt = -g_i/tau_i,  dtheta/dt = -theta/tau_theta,
// g_e, g_i dimensionless (relative to the leak). Each step holds g over the
// step and uses the exact solution of the then-linear V equation (exponential
// Euler); g and theta decay exactly. The exponential is ExpArray.h's, within
// one ulp of std::exp. Diehl & Cook's own code used forward
// Euler at 0.5 ms, which is less accurate at the same dt.
#include <cmath>

#include "core/snn/NeuronGroup.h"
#include "core/snn/ExpArray.h"
#include "core/snn/neurons/SpikeGate.h"

namespace ms::snn {
namespace {

// Passes over all neurons that vectorise: the membrane's decay factor, the
// update (refractory neurons computed and not kept), the decay of g and
// theta; threshold and reset follow in the class for the few that cross.
struct Constants {
    double k, el, ee, ei, de, di, dtheta, now;
};

MS_SIMD_CLONES void advance(const Constants& c, std::size_t n, double* v, double* gE, double* gI, double* theta,
                            const double* iExt, const double* until, double* scratch) {
    for (std::size_t i = 0; i < n; ++i) scratch[i] = -c.k * (1.0 + gE[i] + gI[i]);
    expArray(scratch, n);
    for (std::size_t i = 0; i < n; ++i) {
        // Iext is a current expressed as a voltage drive (R*I, V).
        const double gtot = 1.0 + gE[i] + gI[i];
        const double vinf = (c.el + iExt[i] + gE[i] * c.ee + gI[i] * c.ei) / gtot;
        scratch[i] = vinf + (v[i] - vinf) * scratch[i];  // now the new potential
    }
    // Held while refractory.
    for (std::size_t i = 0; i < n; ++i) {
        const double held = v[i], next = scratch[i];  // both loaded first, or GCC 12 sees a conditional store
        v[i] = until[i] <= c.now ? next : held;
    }
    // A conductance decaying without input would pass through the subnormal
    // range, where each multiply costs a ~100-cycle assist (perf showed half
    // of this function's time there). Below 1e-300 it changes neither
    // 1 + g_e + g_i nor any potential in double precision, so it is set to
    // zero first, and the values stay the same.
    constexpr double negligible = 1e-300;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = gE[i] * c.de, in = gI[i] * c.di;
        gE[i] = std::abs(e) < negligible ? 0.0 : e;
        gI[i] = std::abs(in) < negligible ? 0.0 : in;
        theta[i] *= c.dtheta;
    }
}

class LifConductance final : public NeuronGroup {
public:
    LifConductance(const ParamValues& p, std::size_t n)
        : NeuronGroup(n), el_(p.at("E_L")), vreset_(p.at("V_reset")), vth_(p.at("V_th")), tref_(p.at("t_ref")),
          taum_(p.at("tau_m")), taue_(p.at("tau_e")), taui_(p.at("tau_i")), ee_(p.at("E_e")), ei_(p.at("E_i")),
          thetaPlus_(p.at("theta_plus")), tauTheta_(p.at("tau_theta")), vinit_(p.at("V_init")), v_(n, vinit_),
          theta_(n, 0.0), gate_(n), decay_(n) {}

    void step(double t, double dt, SpikeList& spiked) override {
        if (dt != dtCached_) cache(dt);
        const long long stepIndex = stepIndexOf(t, dt);
        const std::size_t n = size();
        const double k = dt / taum_;
        double* v = v_.data();
        double* theta = theta_.data();
        // Frozen thresholds: theta * 1.0 is theta exactly.
        const Constants c{k, el_, ee_, ei_, de_, di_, frozen_ ? 1.0 : dtheta_, static_cast<double>(stepIndex)};
        advance(c, n, v, ge.data(), gi.data(), theta, Iext.data(), gate_.until(), decay_.data());
        for (std::size_t i = 0; i < n; ++i)
            if (v[i] > vth_ + theta[i] && gate_.fire(i, stepIndex, true, spiked)) {
                v[i] = vreset_;
                if (!frozen_) theta[i] += thetaPlus_;
            }
    }
    double membrane(std::size_t i) const override { return v_[i]; }
    std::vector<std::string> stateNames() const override { return {"v", "theta", "g_e", "g_i"}; }
    double state(const std::string& name, std::size_t i) const override {
        if (name == "theta") return theta_[i];
        if (name == "g_e") return ge[i];
        if (name == "g_i") return gi[i];
        return NeuronGroup::state(name, i);
    }
    void setAdaptationFrozen(bool f) override { frozen_ = f; }
    void resetState() override {
        std::fill(v_.begin(), v_.end(), vinit_);
        std::fill(ge.begin(), ge.end(), 0.0);
        std::fill(gi.begin(), gi.end(), 0.0);
        gate_.clear();
    }

private:
    void cache(double dt) {
        dtCached_ = dt;
        de_ = std::exp(-dt / taue_);
        di_ = std::exp(-dt / taui_);
        dtheta_ = std::exp(-dt / tauTheta_);
        gate_.setPeriod(tref_, dt);
    }
    double el_, vreset_, vth_, tref_, taum_, taue_, taui_, ee_, ei_, thetaPlus_, tauTheta_, vinit_;
    std::vector<double> v_, theta_;
    SpikeGate gate_;
    std::vector<double> decay_;  // scratch: exp(-dt/tau_m * g_tot) per neuron
    bool frozen_ = false;
    double dtCached_ = -1, de_ = 0, di_ = 0, dtheta_ = 1;
};

}  // namespace

NeuronInfo lifConductanceNeuron() {
    const std::string src = "Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015), excitatory cells";
    NeuronInfo m;
    m.id = "lif_cond";
    m.name = "Leaky integrate-and-fire (conductance-based, adaptive threshold)";
    m.summary = "Synaptic conductances relative to leak; homeostatic threshold theta";
    m.source = src;
    m.inputUnit = "V";  // R*I
    m.params = {
        {"E_L", "E_L", "V", -65e-3, -0.2, 0.1, Scale::Linear, "Resting (leak reversal) potential", src},
        {"V_reset", "V_reset", "V", -65e-3, -0.2, 0.1, Scale::Linear, "Potential after a spike", src},
        {"V_th", "V_th", "V", -52e-3, -0.2, 0.1, Scale::Linear, "Threshold before adaptation", src},
        {"V_init", "V_0", "V", -105e-3, -0.2, 0.1, Scale::Linear, "Membrane potential at t = 0 (V_rest - 40 mV)", src},
        {"t_ref", "t_ref", "s", 5e-3, 0, 1, Scale::Linear, "Refractory period", src},
        {"tau_m", "tau_m", "s", 100e-3, 1e-5, 10, Scale::Log, "Membrane time constant", src},
        {"tau_e", "tau_ge", "s", 1e-3, 1e-5, 10, Scale::Log, "Excitatory conductance decay", src},
        {"tau_i", "tau_gi", "s", 2e-3, 1e-5, 10, Scale::Log, "Inhibitory conductance decay", src},
        {"E_e", "E_exc", "V", 0, -0.2, 0.2, Scale::Linear, "Excitatory reversal potential", src},
        {"E_i", "E_inh", "V", -100e-3, -0.2, 0.2, Scale::Linear, "Inhibitory reversal potential", src},
        {"theta_plus", "theta_+", "V", 0.05e-3, 0, 0.1, Scale::Linear, "Threshold increase per spike (homeostasis)",
         src},
        {"tau_theta", "tau_theta", "s", 1e4, 1e-3, 1e9, Scale::Log, "Decay of the threshold increase (1e7 ms)", src},
    };
    m.presets = {
        {"dc_excitatory", "Diehl & Cook excitatory", "The defaults", {}},
        {"dc_inhibitory", "Diehl & Cook inhibitory", "Fast cells giving lateral inhibition",
         {{"E_L", -60e-3}, {"V_reset", -45e-3}, {"V_th", -40e-3}, {"V_init", -100e-3}, {"t_ref", 2e-3},
          {"tau_m", 10e-3}, {"E_i", -85e-3}, {"theta_plus", 0}}},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        return std::make_unique<LifConductance>(p, n);
    };
    return m;
}

}  // namespace ms::snn
