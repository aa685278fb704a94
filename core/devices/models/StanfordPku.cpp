// Stanford/PKU RRAM filament-gap model (Guan, Yu & Wong; Jiang et al.), in
// the form and values ported by MemTorch `Stanford_PKU.py` (docs/device-models.md §5):
//   I = I0 e^(-g/g0) sinh(V/V0)
//   dg/dt = -nu0 e^(-q Ea/(kB T)) sinh(gamma a0 q V/(t_ox kB T))
//   gamma = gamma0 - beta (g / 1 nm)^3, set to 0 when gamma |V| / t_ox < F_min
//   T = T0 + |V I| R_th   (algebraic: local Joule heating, not a state)
// The stochastic term dg xi/(1 + e^((T_crit - T)/T_smth)) is left out: the model
// is deterministic (randomness belongs to seeded variability layers).
// The F_min gate gives the thresholds V_th = F_min t_ox / gamma(g): no gap change
// at all for |V| < 1.05 V with the default set.
#include <cmath>

#include "core/devices/ModelRegistry.h"
#include "core/devices/SafeMath.h"

namespace ms {
namespace {

constexpr double kElementaryCharge = 1.602176634e-19;  // C
constexpr double kBoltzmann = 1.380649e-23;            // J/K

class StanfordPku final : public MemristorModel {
public:
    explicit StanfordPku(const ParamValues& p)
        : i0_(p.at("I0")), g0_(p.at("g0")), v0_(p.at("V0")), nu0_(p.at("nu0")), ea_(p.at("Ea")), a0_(p.at("a0")),
          tox_(p.at("t_ox")), gamma0_(p.at("gamma0")), beta_(p.at("beta")), fmin_(p.at("F_min")),
          rth_(p.at("R_th")), t0_(p.at("T0")), gmin_(p.at("gmin")), gmax_(p.at("gmax")), ginit_(p.at("g_init")) {}

    double current(double v, double g) const override { return i0_ * std::exp(-g / g0_) * safe::sinh(v / v0_); }

    double stateDerivative(double v, double i, double g) const override {
        const double gn = g / 1e-9;
        const double gamma = gamma0_ - beta_ * gn * gn * gn;
        if (gamma * std::fabs(v) / tox_ < fmin_) return 0.0;  // field below F_min: no filament growth
        const double temp = t0_ + std::fabs(v * i) * rth_;
        const double kT = kBoltzmann * temp;
        const double arg = gamma * a0_ * kElementaryCharge * v / (tox_ * kT);
        return -nu0_ * safe::sinhTimesExp(arg, -kElementaryCharge * ea_ / kT);
    }
    double initialState() const override { return ginit_; }
    StateInfo stateInfo() const override { return {"g", "m", gmin_, gmax_}; }

private:
    double i0_, g0_, v0_, nu0_, ea_, a0_, tox_, gamma0_, beta_, fmin_, rth_, t0_, gmin_, gmax_, ginit_;
};

}  // namespace

ModelInfo stanfordPkuModel() {
    const std::string src = "MemTorch Stanford_PKU.py (port of the Stanford/PKU RRAM model)";
    ModelInfo m;
    m.id = "stanford_pku";
    m.name = "Stanford/PKU RRAM (filament gap)";
    m.summary = "Tunnelling through the gap between filament tip and electrode; field-gated, heat-assisted growth";
    m.source = "Guan, Yu & Wong, IEEE EDL 33 (2012); Jiang et al., SISPAD 2014 (Stanford/PKU model)";
    m.control = ControlMechanism::Voltage;
    m.hasThreshold = true;
    m.ivRelation = "sinh";
    m.accuracy = "high";
    m.acceptsWindow = false;
    m.params = {
        {"I0", "I_0", "A", 1e-3, 1e-12, 1, Scale::Log, "Current scale", src},
        {"g0", "g_0", "m", 0.25e-9, 1e-12, 1e-8, Scale::Log, "Gap decay length of the current", src},
        {"V0", "V_0", "V", 0.25, 1e-3, 10, Scale::Log, "Voltage scale of the sinh I-V", src},
        {"nu0", "nu_0", "m/s", 10, 1e-6, 1e6, Scale::Log, "Attempt velocity of the gap motion", src},
        {"Ea", "E_a", "V", 0.6, 0, 5, Scale::Linear, "Activation energy per elementary charge (0.6 V = 0.6 eV)", src},
        {"a0", "a_0", "m", 0.25e-9, 1e-12, 1e-8, Scale::Log, "Atomic hopping distance", src},
        {"t_ox", "t_ox", "m", 12e-9, 1e-10, 1e-6, Scale::Log, "Oxide thickness", src},
        {"gamma0", "gamma_0", "", 16, 0, 100, Scale::Linear, "Field-enhancement factor at zero gap", src},
        {"beta", "beta", "", 0.8, 0, 100, Scale::Linear, "Decrease of the enhancement with gap (per nm^3)", src},
        {"F_min", "F_min", "V/m", 1.4e9, 0, 1e11, Scale::Linear, "Field below which the gap does not change", src},
        {"R_th", "R_th", "K/W", 2.1e3, 0, 1e7, Scale::Linear, "Thermal resistance (Joule heating)", src},
        {"T0", "T_0", "K", 298, 1, 1000, Scale::Linear, "Ambient temperature", src},
        {"gmin", "g_min", "m", 0.2e-9, 0, 1e-8, Scale::Linear, "Smallest gap (LRS, 542 ohm at 0.1 V)", src},
        {"gmax", "g_max", "m", 1.7e-9, 1e-11, 1e-8, Scale::Linear, "Largest gap (HRS, 218.6 kohm at 0.1 V)", src},
        {"g_init", "g_init", "m", 1.7e-9, 0, 1e-8, Scale::Linear, "Gap at t = 0 (HRS)", src},
    };
    m.presets = {
        {"memtorch", "MemTorch Stanford/PKU set", "1.5 V, 10 Hz sine: SET near +1.39 V, RESET near -1.09 V", src, {},
         std::nullopt},
    };
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        if (p.at("gmax") <= p.at("gmin"))
            out.push_back({"gmax", "must be greater than gmin (" + formatWithUnit(p.at("gmin"), "m") + ")"});
        else if (p.at("g_init") < p.at("gmin") || p.at("g_init") > p.at("gmax"))
            out.push_back({"g_init", "must lie between gmin (" + formatWithUnit(p.at("gmin"), "m") + ") and gmax (" +
                                         formatWithUnit(p.at("gmax"), "m") + ")"});
        return out;
    };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction>) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<StanfordPku>(p);
    };
    m.state = {"g", "m", 0.2e-9, 1.7e-9};
    return m;
}

}  // namespace ms
