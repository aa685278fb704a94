// Izhikevich's simple model (IEEE TNN 14:1569, 2003):
//   v' = 0.04 v^2 + 5 v + 140 - u + I,   u' = a (b v - u),
//   if v >= 30 mV: v <- c, u <- u + d     (v in mV, t in ms, I in model units).
// The paper's own Euler steps (two 0.5 ms half-steps) distort spike timing,
// so each clock step is split into RK4 substeps of at most 25 us; a spike is
// registered when a substep ends at or above the 30 mV apex, at the step's t.
#include <algorithm>
#include <cmath>

#include "core/snn/NeuronGroup.h"

namespace ms::snn {
namespace {

constexpr double kMaxSubstepMs = 0.025;

class Izhikevich final : public NeuronGroup {
public:
    Izhikevich(const ParamValues& p, std::size_t n)
        : NeuronGroup(n), a_(p.at("a")), b_(p.at("b")), c_(p.at("c")), d_(p.at("d")), vpeak_(p.at("v_peak")),
          taue_(p.at("tau_e")), taui_(p.at("tau_i")), v0_(p.at("v_init")), v_(n, v0_), u_(n, b_ * v0_) {}

    void step(double, double dt, SpikeList& spiked) override {
        const double dtMs = dt * 1e3;
        const int subs = std::max(1, static_cast<int>(std::ceil(dtMs / kMaxSubstepMs - 1e-9)));
        const double h = dtMs / subs;
        const double de = std::exp(-dt / taue_), di = std::exp(-dt / taui_);
        for (std::size_t i = 0; i < size(); ++i) {
            const double I = Iext[i] + ge[i] - gi[i];
            bool fired = false;
            double v = v_[i], u = u_[i];
            for (int s = 0; s < subs; ++s) {
                auto fv = [&](double vv, double uu) { return 0.04 * vv * vv + 5 * vv + 140 - uu + I; };
                auto fu = [&](double vv, double uu) { return a_ * (b_ * vv - uu); };
                const double k1v = fv(v, u), k1u = fu(v, u);
                const double k2v = fv(v + 0.5 * h * k1v, u + 0.5 * h * k1u), k2u = fu(v + 0.5 * h * k1v, u + 0.5 * h * k1u);
                const double k3v = fv(v + 0.5 * h * k2v, u + 0.5 * h * k2u), k3u = fu(v + 0.5 * h * k2v, u + 0.5 * h * k2u);
                const double k4v = fv(v + h * k3v, u + h * k3u), k4u = fu(v + h * k3v, u + h * k3u);
                v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
                u += h / 6 * (k1u + 2 * k2u + 2 * k3u + k4u);
                // v diverges within a substep near the apex: any overshoot
                // (or overflow) is the spike.
                if (!(v < vpeak_)) {
                    fired = true;
                    v = c_;
                    u += d_;
                }
            }
            v_[i] = v;
            u_[i] = u;
            ge[i] *= de;
            gi[i] *= di;
            if (fired) spiked.push_back(static_cast<std::uint32_t>(i));
        }
    }
    double membrane(std::size_t i) const override { return v_[i] * 1e-3; }
    std::vector<std::string> stateNames() const override { return {"v", "u"}; }
    double state(const std::string& name, std::size_t i) const override {
        if (name == "u") return u_[i];
        return NeuronGroup::state(name, i);
    }
    void resetState() override {
        std::fill(v_.begin(), v_.end(), v0_);
        std::fill(u_.begin(), u_.end(), b_ * v0_);
    }

private:
    double a_, b_, c_, d_, vpeak_, taue_, taui_, v0_;
    std::vector<double> v_, u_;
};

}  // namespace

NeuronInfo izhikevichNeuron() {
    const std::string src = "Izhikevich, IEEE Trans. Neural Netw. 14:1569 (2003)";
    NeuronInfo m;
    m.id = "izhikevich";
    m.name = "Izhikevich (2003)";
    m.summary = "Quadratic membrane with a recovery variable; seven cortical firing patterns";
    m.source = src;
    m.inputUnit = "";  // the paper's dimensionless current (mV/ms)
    // The model is defined in mV and ms; its parameters keep the paper's units.
    m.params = {
        {"a", "a", "1/ms", 0.02, 1e-4, 1, Scale::Log, "Recovery time scale", src},
        {"b", "b", "", 0.2, -1, 1, Scale::Linear, "Sensitivity of u to subthreshold v", src},
        {"c", "c", "mV", -65, -100, 0, Scale::Linear, "After-spike reset of v", src},
        {"d", "d", "mV/ms", 8, -10, 20, Scale::Linear, "After-spike increment of u", src},
        {"v_peak", "v_peak", "mV", 30, 0, 100, Scale::Linear, "Spike apex (cut-off)", src},
        {"v_init", "v_0", "mV", -65, -100, 30, Scale::Linear, "Initial v (u starts at b v_0)", src},
        {"tau_e", "tau_e", "s", 5e-3, 1e-5, 10, Scale::Log, "Excitatory synaptic current decay", ""},
        {"tau_i", "tau_i", "s", 5e-3, 1e-5, 10, Scale::Log, "Inhibitory synaptic current decay", ""},
    };
    m.presets = {
        {"RS", "Regular spiking", "Excitatory cortical cell; adapting tonic spiking", {{"a", 0.02}, {"b", 0.2}, {"c", -65}, {"d", 8}}},
        {"IB", "Intrinsically bursting", "Initial burst, then tonic spikes", {{"a", 0.02}, {"b", 0.2}, {"c", -55}, {"d", 4}}},
        {"CH", "Chattering", "Repetitive high-frequency bursts", {{"a", 0.02}, {"b", 0.2}, {"c", -50}, {"d", 2}}},
        {"FS", "Fast spiking", "Inhibitory interneuron; no adaptation", {{"a", 0.1}, {"b", 0.2}, {"c", -65}, {"d", 2}}},
        {"LTS", "Low-threshold spiking", "Inhibitory; adapting, rebound", {{"a", 0.02}, {"b", 0.25}, {"c", -65}, {"d", 2}}},
        {"TC", "Thalamo-cortical", "Tonic from rest, burst after hyperpolarisation", {{"a", 0.02}, {"b", 0.25}, {"c", -65}, {"d", 0.05}}},
        {"RZ", "Resonator", "Subthreshold oscillations", {{"a", 0.1}, {"b", 0.26}, {"c", -65}, {"d", 2}}},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        return std::make_unique<Izhikevich>(p, n);
    };
    return m;
}

}  // namespace ms::snn
