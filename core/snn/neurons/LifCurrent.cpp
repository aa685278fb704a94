// Current-based leaky integrate-and-fire neuron with exponential synaptic
// currents, refractory period and optional adaptive threshold:
//   tau_m dV/dt = (E_L - V) + R (I_ext + I_e - I_i),  dI_e/dt = -I_e/tau_e, ...
// The subthreshold system is linear, so each step uses its exact propagator
// (Rotter & Diesmann, Biol. Cybern. 81, 1999), I_ext held constant over the step.
#include <cmath>

#include "core/snn/NeuronGroup.h"
#include "core/snn/neurons/SpikeGate.h"

namespace ms::snn {
namespace {

// Contribution to V(h) of a synaptic current R*I0 decaying with tau_s, seen
// through the membrane filter tau_m; the tau_s == tau_m limit is h/tau e^{-h/tau}.
double currentToVoltage(double h, double tauS, double tauM) {
    if (std::abs(tauS - tauM) < 1e-12 * tauM) return (h / tauM) * std::exp(-h / tauM);
    return tauS / (tauS - tauM) * (std::exp(-h / tauS) - std::exp(-h / tauM));
}

class LifCurrent final : public NeuronGroup {
public:
    LifCurrent(const ParamValues& p, std::size_t n)
        : NeuronGroup(n), el_(p.at("E_L")), vreset_(p.at("V_reset")), vth_(p.at("V_th")), tref_(p.at("t_ref")),
          taum_(p.at("tau_m")), r_(p.at("R")), taue_(p.at("tau_e")), taui_(p.at("tau_i")),
          thetaPlus_(p.at("theta_plus")), tauTheta_(p.at("tau_theta")), vinit_(p.at("V_init")), v_(n, vinit_),
          theta_(n, 0.0), gate_(n) {}

    void step(double t, double dt, SpikeList& spiked) override {
        if (dt != dtCached_) cache(dt);
        const long long stepIndex = stepIndexOf(t, dt);
        const std::size_t n = size();
        for (std::size_t i = 0; i < n; ++i) {
            // not refractory: Brian2's timestep(t - lastspike) >= timestep(t_ref)
            if (gate_.active(i, stepIndex)) {
                const double vinf = el_ + r_ * Iext[i];
                v_[i] = vinf + (v_[i] - vinf) * pm_ + r_ * (ge[i] * pe_ - gi[i] * pi_);
            }
            ge[i] *= de_;
            gi[i] *= di_;
            if (!frozen_) theta_[i] *= dtheta_;
            if (gate_.fire(i, stepIndex, v_[i] > vth_ + theta_[i], spiked)) {
                v_[i] = vreset_;
                if (!frozen_) theta_[i] += thetaPlus_;
            }
        }
    }
    double membrane(std::size_t i) const override { return v_[i]; }
    std::vector<std::string> stateNames() const override { return {"v", "theta", "I_e", "I_i"}; }
    double state(const std::string& name, std::size_t i) const override {
        if (name == "theta") return theta_[i];
        if (name == "I_e") return ge[i];
        if (name == "I_i") return gi[i];
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
        pm_ = std::exp(-dt / taum_);
        de_ = std::exp(-dt / taue_);
        di_ = std::exp(-dt / taui_);
        pe_ = currentToVoltage(dt, taue_, taum_);
        pi_ = currentToVoltage(dt, taui_, taum_);
        dtheta_ = std::exp(-dt / tauTheta_);
        gate_.setPeriod(tref_, dt);
    }
    double el_, vreset_, vth_, tref_, taum_, r_, taue_, taui_, thetaPlus_, tauTheta_, vinit_;
    std::vector<double> v_, theta_;
    SpikeGate gate_;
    bool frozen_ = false;
    double dtCached_ = -1, pm_ = 0, de_ = 0, di_ = 0, pe_ = 0, pi_ = 0, dtheta_ = 1;
};

}  // namespace

NeuronInfo lifCurrentNeuron() {
    const std::string src = "Gerstner, Kistler, Naud & Paninski, Neuronal Dynamics (2014), ch. 1";
    NeuronInfo m;
    m.id = "lif";
    m.name = "Leaky integrate-and-fire (current-based)";
    m.summary = "Linear membrane, exponential synaptic currents, exact integration";
    m.source = src;
    m.inputUnit = "A";
    m.params = {
        {"E_L", "E_L", "V", -70e-3, -0.2, 0.1, Scale::Linear, "Resting (leak reversal) potential", src},
        {"V_reset", "V_reset", "V", -70e-3, -0.2, 0.1, Scale::Linear, "Potential after a spike", src},
        {"V_th", "V_th", "V", -50e-3, -0.2, 0.1, Scale::Linear, "Firing threshold", src},
        {"V_init", "V_0", "V", -70e-3, -0.2, 0.1, Scale::Linear, "Membrane potential at t = 0", src},
        {"t_ref", "t_ref", "s", 2e-3, 0, 1, Scale::Linear, "Absolute refractory period (V clamped at V_reset)", src},
        {"tau_m", "tau_m", "s", 10e-3, 1e-5, 10, Scale::Log, "Membrane time constant", src},
        {"R", "R", "ohm", 1e8, 1, 1e12, Scale::Log, "Membrane resistance", src},
        {"tau_e", "tau_e", "s", 5e-3, 1e-5, 10, Scale::Log, "Excitatory synaptic current decay", src},
        {"tau_i", "tau_i", "s", 5e-3, 1e-5, 10, Scale::Log, "Inhibitory synaptic current decay", src},
        {"theta_plus", "theta_+", "V", 0, 0, 0.1, Scale::Linear, "Threshold increase per spike (homeostasis)",
         "Diehl & Cook, Front. Comput. Neurosci. 9:99 (2015)"},
        {"tau_theta", "tau_theta", "s", 1e4, 1e-3, 1e9, Scale::Log, "Decay of the threshold increase",
         "Diehl & Cook (2015)"},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        return std::make_unique<LifCurrent>(p, n);
    };
    return m;
}

}  // namespace ms::snn
