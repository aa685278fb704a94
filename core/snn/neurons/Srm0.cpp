// Spike response model SRM0 (Gerstner & Kistler, Spiking Neuron Models, 2002,
// sec. 4.2.3) with exponential kernels:
//   u(t) = u_rest + eta(t - t_hat) + h_syn(t) + h_ext(t),
//   eta(s) = -eta_0 e^{-s/tau_eta}   (summed over the neuron's own spikes),
//   h_ext = kappa * I with kappa(s) = (R/tau_m) e^{-s/tau_m},
//   h_syn = epsilon * input, epsilon the difference of exponentials (tau_m, tau_s).
// Unlike LIF the potential is never reset: refractoriness is the eta kernel
// (plus an absolute refractory period). All kernels are first-order linear
// filters, so each step uses their exact propagators.
#include <cmath>

#include "core/snn/NeuronGroup.h"
#include "core/snn/neurons/SpikeGate.h"

namespace ms::snn {
namespace {

class Srm0 final : public NeuronGroup {
public:
    Srm0(const ParamValues& p, std::size_t n)
        : NeuronGroup(n), urest_(p.at("u_rest")), theta_(p.at("theta")), taum_(p.at("tau_m")), taus_(p.at("tau_s")),
          r_(p.at("R")), eta0_(p.at("eta_0")), taueta_(p.at("tau_eta")), tref_(p.at("t_ref")), hext_(n, 0.0),
          hsyn_(n, 0.0), eta_(n, 0.0), gate_(n) {}

    void step(double t, double dt, SpikeList& spiked) override {
        const double pm = std::exp(-dt / taum_), ps = std::exp(-dt / taus_), pe = std::exp(-dt / taueta_);
        const double cross = std::abs(taus_ - taum_) < 1e-12 * taum_ ? (dt / taum_) * pm
                                                                       : taus_ / (taus_ - taum_) * (ps - pm);
        const long long stepIndex = stepIndexOf(t, dt);
        gate_.setPeriod(tref_, dt);
        for (std::size_t i = 0; i < size(); ++i) {
            hext_[i] = r_ * Iext[i] + (hext_[i] - r_ * Iext[i]) * pm;
            hsyn_[i] = hsyn_[i] * pm + r_ * (ge[i] - gi[i]) * cross;
            ge[i] *= ps;
            gi[i] *= ps;
            eta_[i] *= pe;
            const double u = urest_ + eta_[i] + hsyn_[i] + hext_[i];
            if (gate_.fire(i, stepIndex, u > theta_, spiked)) eta_[i] -= eta0_;
        }
    }
    double membrane(std::size_t i) const override { return urest_ + eta_[i] + hsyn_[i] + hext_[i]; }
    std::vector<std::string> stateNames() const override { return {"v", "eta"}; }
    double state(const std::string& name, std::size_t i) const override {
        if (name == "eta") return eta_[i];
        return NeuronGroup::state(name, i);
    }
    void resetState() override {
        std::fill(hext_.begin(), hext_.end(), 0.0);
        std::fill(hsyn_.begin(), hsyn_.end(), 0.0);
        std::fill(eta_.begin(), eta_.end(), 0.0);
        gate_.clear();
    }

private:
    double urest_, theta_, taum_, taus_, r_, eta0_, taueta_, tref_;
    std::vector<double> hext_, hsyn_, eta_;
    SpikeGate gate_;
};

}  // namespace

NeuronInfo srm0Neuron() {
    const std::string src = "Gerstner & Kistler, Spiking Neuron Models (2002), sec. 4.2";
    NeuronInfo m;
    m.id = "srm0";
    m.name = "Spike response model (SRM0)";
    m.summary = "Kernel model: reset by an after-potential kernel eta instead of a hard reset";
    m.source = src;
    m.inputUnit = "A";
    m.params = {
        {"u_rest", "u_rest", "V", -70e-3, -0.2, 0.1, Scale::Linear, "Resting potential", src},
        {"theta", "theta", "V", -50e-3, -0.2, 0.1, Scale::Linear, "Firing threshold", src},
        {"tau_m", "tau_m", "s", 10e-3, 1e-5, 10, Scale::Log, "Membrane time constant (kappa, epsilon)", src},
        {"tau_s", "tau_s", "s", 5e-3, 1e-5, 10, Scale::Log, "Synaptic current time constant (epsilon)", src},
        {"R", "R", "ohm", 1e8, 1, 1e12, Scale::Log, "Membrane resistance", src},
        {"eta_0", "eta_0", "V", 20e-3, 0, 0.2, Scale::Linear, "Depth of the after-spike kernel", src},
        {"tau_eta", "tau_eta", "s", 10e-3, 1e-5, 10, Scale::Log, "Recovery time of the after-spike kernel", src},
        {"t_ref", "t_ref", "s", 2e-3, 0, 1, Scale::Linear, "Absolute refractory period", src},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        return std::make_unique<Srm0>(p, n);
    };
    return m;
}

}  // namespace ms::snn
