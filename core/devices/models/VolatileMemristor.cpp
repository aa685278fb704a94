// Volatile (diffusive, "dynamic") memristor: a state that a pulse raises and
// that relaxes back toward 0 between pulses, the short-term memory a
// memristor reservoir computes with (Du et al., Nat. Commun. 8:2204, 2017,
// WOx; Midya et al., Adv. Intell. Syst. 1:1900084, 2019b, diffusive Ag
// devices, as cited in the review of Xu, Wang & Yan 2021). docs/reservoir.md.
//
//   dw/dt = lambda sinh(eta v) - w / tau        (Du et al. 2017's state equation)
//   i     = [G_min + (G_max - G_min) w] v       (a linear read; Du et al. fit a
//                                                 sinh/diode I-V, which a small
//                                                 read voltage does not need)
//
// With v = 0 the state decays exactly as w(t) = w0 exp(-t/tau); under a
// constant v it tends to lambda sinh(eta v) tau (clipped to [0, 1] by the
// engine). Pulses closer than tau therefore add up (paired-pulse
// facilitation), pulses further apart are forgotten. Default values are the
// studio's, of the order Du et al. report (ms relaxation, ~1 V pulses), not a
// fit to their data.
#include <cmath>

#include "core/devices/ModelRegistry.h"
#include "core/devices/SafeMath.h"

namespace ms {
namespace {

class VolatileMemristor final : public MemristorModel {
public:
    explicit VolatileMemristor(const ParamValues& p)
        : lambda_(p.at("lambda")), eta_(p.at("eta")), tau_(p.at("tau")), gMin_(p.at("Gmin")), gMax_(p.at("Gmax")),
          w0_(p.at("w0")) {}

    double conductance(double w) const { return gMin_ + (gMax_ - gMin_) * w; }
    double current(double v, double w) const override { return conductance(w) * v; }
    double voltage(double i, double w) const override { return i / conductance(w); }
    double stateDerivative(double v, double, double w) const override {
        return lambda_ * safe::sinh(eta_ * v) - w / tau_;
    }
    double resistance(double w, double) const override { return 1.0 / conductance(w); }
    double initialState() const override { return w0_; }
    StateInfo stateInfo() const override { return {"w", "", 0.0, 1.0}; }

private:
    double lambda_, eta_, tau_, gMin_, gMax_, w0_;
};

}  // namespace

ModelInfo volatileMemristorModel() {
    const std::string du = "Du et al., Nat. Commun. 8:2204 (2017), state equation";
    const std::string studio = "Studio choice of the order of Du et al. 2017 (ms relaxation, ~1 V pulses), not a fit";
    ModelInfo m;
    m.id = "volatile_diffusive";
    m.name = "Volatile / diffusive memristor (Du 2017)";
    m.summary = "Short-term memory: pulses raise w by lambda sinh(eta v), w relaxes to 0 with time constant tau";
    m.source = "Du et al., Nat. Commun. 8:2204 (2017); Midya et al., Adv. Intell. Syst. 1:1900084 (2019b)";
    m.control = ControlMechanism::Voltage;
    m.hasThreshold = false;
    m.ivRelation = "linear";
    m.accuracy = "low";  // a phenomenological state equation, no I-V fit
    m.acceptsWindow = false;
    m.params = {
        {"lambda", "lambda", "1/s", 10, 1e-6, 1e9, Scale::Log, "Growth rate of w per unit sinh(eta v)", studio},
        {"eta", "eta", "1/V", 3, 0.01, 50, Scale::Log, "Voltage nonlinearity of the growth (sinh argument per volt)", studio},
        {"tau", "tau", "s", 10e-3, 1e-12, 1e9, Scale::Log,
         "Relaxation time constant: w decays as exp(-t/tau) at zero bias (1e9 s: practically non-volatile)", studio},
        {"Gmin", "G_min", "S", 1e-6, 1e-15, 1e3, Scale::Log, "Conductance at w = 0 (relaxed)", studio},
        {"Gmax", "G_max", "S", 1e-4, 1e-15, 1e3, Scale::Log, "Conductance at w = 1 (fully excited)", studio},
        {"w0", "w_0", "", 0, 0, 1, Scale::Linear, "State at t = 0", "Relaxed device"},
    };
    m.presets = {
        {"du2017_reservoir", "Du et al. 2017 reservoir node", "Relaxation of a few pulse periods: a 1 ms, 1 V pulse adds ~0.1",
         studio, {{"lambda", 10}, {"eta", 3}, {"tau", 10e-3}}, std::nullopt},
    };
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        if (!(p.at("Gmax") > p.at("Gmin")))
            out.push_back({"Gmax", "must be above Gmin (" + formatWithUnit(p.at("Gmin"), "S") + ")"});
        return out;
    };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction>) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<VolatileMemristor>(p);
    };
    m.state = {"w", "", 0.0, 1.0};
    return m;
}

}  // namespace ms
