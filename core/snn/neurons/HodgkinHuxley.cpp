// Hodgkin-Huxley squid-axon membrane, modern convention (rest near -65 mV;
// J. Physiol. 117:500, 1952; constants as in NEST's hh_psc_alpha):
//   C dV/dt = I - gNa m^3 h (V - ENa) - gK n^4 (V - EK) - gL (V - EL),
//   dx/dt = alpha_x(V)(1 - x) - beta_x(V) x  for x = m, h, n.
// Rates use V in mV and return 1/ms. alpha_n and alpha_m have removable 0/0
// points at V = -55 and -40 mV, evaluated through x/(1 - e^-x) -> 1 + x/2.
// Each clock step is split into substeps of at most 10 us; gates use the
// Rush-Larsen exponential update (exact at fixed V), V the exponential Euler
// update (exact at fixed gates). A spike is an upward crossing of V_spike.
#include <algorithm>
#include <cmath>

#include "core/snn/NeuronGroup.h"

namespace ms::snn {
namespace {

constexpr double kMaxSubstepMs = 0.01;

// x / (1 - exp(-x)), continuous at x = 0.
double xOverOneMinusExp(double x) {
    if (std::abs(x) < 1e-7) return 1.0 + 0.5 * x;
    return x / -std::expm1(-x);
}

struct Rates {
    double am, bm, ah, bh, an, bn;
};
Rates ratesAt(double v) {
    Rates r;
    r.an = 0.1 * xOverOneMinusExp((v + 55.0) / 10.0);  // = 0.01 (V+55)/(1 - e^{-(V+55)/10})
    r.bn = 0.125 * std::exp(-(v + 65.0) / 80.0);
    r.am = 1.0 * xOverOneMinusExp((v + 40.0) / 10.0);  // = 0.1 (V+40)/(1 - e^{-(V+40)/10})
    r.bm = 4.0 * std::exp(-(v + 65.0) / 18.0);
    r.ah = 0.07 * std::exp(-(v + 65.0) / 20.0);
    r.bh = 1.0 / (1.0 + std::exp(-(v + 35.0) / 10.0));
    return r;
}

double relax(double x, double alpha, double beta, double h) {
    const double s = alpha + beta;
    const double xinf = alpha / s;
    return xinf + (x - xinf) * std::exp(-s * h);
}

class HodgkinHuxley final : public NeuronGroup {
public:
    HodgkinHuxley(const ParamValues& p, std::size_t n)
        : NeuronGroup(n), cm_(p.at("C_m") * 1e2),  // F/m^2 -> uF/cm^2
          gna_(p.at("g_Na") * 0.1), gk_(p.at("g_K") * 0.1), gl_(p.at("g_L") * 0.1),  // S/m^2 -> mS/cm^2
          ena_(p.at("E_Na") * 1e3), ek_(p.at("E_K") * 1e3), el_(p.at("E_L") * 1e3), vspike_(p.at("V_spike") * 1e3),
          taue_(p.at("tau_e")), taui_(p.at("tau_i")), v0_(p.at("V_init") * 1e3), v_(n), m_(n), h_(n), n_(n),
          above_(n, false) {
        resetState();
    }

    void step(double, double dt, SpikeList& spiked) override {
        const double dtMs = dt * 1e3;
        const int subs = std::max(1, static_cast<int>(std::ceil(dtMs / kMaxSubstepMs - 1e-9)));
        const double hs = dtMs / subs;
        const double de = std::exp(-dt / taue_), di = std::exp(-dt / taui_);
        for (std::size_t i = 0; i < size(); ++i) {
            // A/m^2 -> uA/cm^2 (x 100)
            const double I = (Iext[i] + ge[i] - gi[i]) * 100.0;
            double v = v_[i], m = m_[i], h = h_[i], nn = n_[i];
            bool fired = false;
            for (int s = 0; s < subs; ++s) {
                const Rates r = ratesAt(v);
                m = relax(m, r.am, r.bm, hs);
                h = relax(h, r.ah, r.bh, hs);
                nn = relax(nn, r.an, r.bn, hs);
                const double gNa = gna_ * m * m * m * h, gK = gk_ * nn * nn * nn * nn;
                const double gsum = gNa + gK + gl_;
                const double vinf = (gNa * ena_ + gK * ek_ + gl_ * el_ + I) / gsum;
                v = vinf + (v - vinf) * std::exp(-gsum * hs / cm_);
                if (!std::isfinite(v)) v = vinf;
                if (v >= vspike_ && !above_[i]) {
                    fired = true;
                    above_[i] = true;
                } else if (v < vspike_) {
                    above_[i] = false;
                }
            }
            v_[i] = v;
            m_[i] = m;
            h_[i] = h;
            n_[i] = nn;
            ge[i] *= de;
            gi[i] *= di;
            if (fired) spiked.push_back(static_cast<std::uint32_t>(i));
        }
    }
    double membrane(std::size_t i) const override { return v_[i] * 1e-3; }
    std::vector<std::string> stateNames() const override { return {"v", "m", "h", "n"}; }
    double state(const std::string& name, std::size_t i) const override {
        if (name == "m") return m_[i];
        if (name == "h") return h_[i];
        if (name == "n") return n_[i];
        return NeuronGroup::state(name, i);
    }
    void resetState() override {
        // Gates start at their steady state for V_init.
        const Rates r = ratesAt(v0_);
        std::fill(v_.begin(), v_.end(), v0_);
        std::fill(m_.begin(), m_.end(), r.am / (r.am + r.bm));
        std::fill(h_.begin(), h_.end(), r.ah / (r.ah + r.bh));
        std::fill(n_.begin(), n_.end(), r.an / (r.an + r.bn));
        std::fill(above_.begin(), above_.end(), false);
    }

private:
    double cm_, gna_, gk_, gl_, ena_, ek_, el_, vspike_, taue_, taui_, v0_;
    std::vector<double> v_, m_, h_, n_;
    std::vector<bool> above_;
};

}  // namespace

NeuronInfo hodgkinHuxleyNeuron() {
    const std::string src = "Hodgkin & Huxley, J. Physiol. 117:500 (1952); NEST hh_psc_alpha constants";
    NeuronInfo m;
    m.id = "hodgkin_huxley";
    m.name = "Hodgkin-Huxley";
    m.summary = "Na+, K+ and leak conductances with m, h, n gating (squid axon, rest -65 mV)";
    m.source = src;
    m.inputUnit = "A/m^2";  // 10 uA/cm^2 = 0.1 A/m^2
    m.params = {
        {"C_m", "C_m", "F/m^2", 0.01, 1e-4, 1, Scale::Log, "Membrane capacitance (1 uF/cm^2)", src},
        {"g_Na", "g_Na", "S/m^2", 1200, 0, 1e5, Scale::Linear, "Peak sodium conductance (120 mS/cm^2)", src},
        {"g_K", "g_K", "S/m^2", 360, 0, 1e5, Scale::Linear, "Peak potassium conductance (36 mS/cm^2)", src},
        {"g_L", "g_L", "S/m^2", 3, 0, 1e4, Scale::Linear, "Leak conductance (0.3 mS/cm^2)", src},
        {"E_Na", "E_Na", "V", 50e-3, -0.2, 0.2, Scale::Linear, "Sodium reversal potential", src},
        {"E_K", "E_K", "V", -77e-3, -0.2, 0.2, Scale::Linear, "Potassium reversal potential", src},
        {"E_L", "E_L", "V", -54.4e-3, -0.2, 0.2, Scale::Linear, "Leak reversal potential", src},
        {"V_init", "V_0", "V", -65e-3, -0.2, 0.2, Scale::Linear, "Initial V (gates at their steady state)", src},
        {"V_spike", "V_spike", "V", 0, -0.1, 0.1, Scale::Linear, "Upward crossing counted as a spike", src},
        {"tau_e", "tau_e", "s", 2e-3, 1e-5, 10, Scale::Log, "Excitatory synaptic current decay", ""},
        {"tau_i", "tau_i", "s", 2e-3, 1e-5, 10, Scale::Log, "Inhibitory synaptic current decay", ""},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        return std::make_unique<HodgkinHuxley>(p, n);
    };
    return m;
}

}  // namespace ms::snn
