// Nonlinear ion drift (Lehtonen & Laiho, CNNA 2010, in the form of Kvatinsky's
// comparison), docs/device-models.md §2:
//   i = s [ (x^n + leak) beta sinh(alpha v) + chi (e^(gamma v) - 1) ],
//   dx/dt = a f(x) v^m   (m odd, so the state follows the sign of v).
// beta and chi are normalised; s carries the unit (A). Voltage controlled, no
// threshold, though the steep v^m makes it act as if it had one.
#include <cmath>

#include "core/devices/ModelRegistry.h"
#include "core/devices/SafeMath.h"

namespace ms {
namespace {

class NonlinearIonDrift final : public MemristorModel {
public:
    NonlinearIonDrift(const ParamValues& p, std::unique_ptr<WindowFunction> window)
        : s_(p.at("s")), alpha_(p.at("alpha")), beta_(p.at("beta")), chi_(p.at("chi")), gamma_(p.at("gamma")),
          n_(p.at("n")), m_(p.at("m")), a_(p.at("a")), leak_(p.at("leak")), x0_(p.at("x0")), xmin_(p.at("xmin")),
          xmax_(p.at("xmax")), window_(std::move(window)) {}

    double current(double v, double x) const override {
        const double xn = safe::pow(std::fmax(x, 0.0), n_) + leak_;
        // e^(gamma v) - 1 via expm1 keeps the small-v current exact (pinching).
        const double diode = gamma_ * v < safe::kMaxExponent ? std::expm1(gamma_ * v) : safe::exp(gamma_ * v);
        return s_ * (xn * beta_ * safe::sinh(alpha_ * v) + chi_ * diode);
    }
    double stateDerivative(double v, double i, double x) const override {
        // v^m with m an odd whole number: pow keeps the sign for integral m.
        const double vm = std::pow(v, m_);
        const double f = window_ ? window_->value(x, i) : 1.0;
        return a_ * f * vm;
    }
    double initialState() const override { return x0_; }
    // The window sees x itself, so its zeros are bounds only when the range is [0, 1].
    StateInfo stateInfo() const override {
        return {"x", "", xmin_, xmax_, window_ && window_->zeroAtBothEdges() && xmin_ == 0.0 && xmax_ == 1.0};
    }

private:
    double s_, alpha_, beta_, chi_, gamma_, n_, m_, a_, leak_, x0_, xmin_, xmax_;
    std::unique_ptr<WindowFunction> window_;
};

}  // namespace

ModelInfo nonlinearIonDriftModel() {
    const std::string kv = "Kvatinsky et al., Verilog-A for memristor models (Technion report), defaults";
    const std::string ll = "Lehtonen & Laiho, CNNA 2010";
    ModelInfo m;
    m.id = "nonlinear_ion_drift";
    m.name = "Nonlinear ion drift (Lehtonen-Laiho)";
    m.summary = "sinh I-V weighted by x^n plus a diode term; the state moves as v^m";
    m.source = "Lehtonen & Laiho, Proc. CNNA 2010; Kvatinsky et al., TCAS-I 60 (2013)";
    m.control = ControlMechanism::Voltage;
    m.hasThreshold = false;
    m.ivRelation = "sinh";
    m.accuracy = "medium";
    m.reviewTable1 = ReviewClass{
        "voltage", "no", "low",
        "accuracy: medium here, low in the review. The review ranks on four steps (lowest, low, sufficient, "
        "highest) after Kvatinsky 2013; this registry has three (low, medium, high) and puts the model with TEAM, "
        "above linear drift, because its n, beta, alpha, chi fit a measured nonlinear I-V (the review's own "
        "\"higher accuracy\") though not the switching kinetics"};
    m.acceptsWindow = true;
    m.params = {
        {"s", "s", "A", 1.0, 1e-15, 1e3, Scale::Log,
         "Current scale: multiplies the normalised beta/chi current (Lehtonen-Laiho use 10 nA)", ll},
        {"alpha", "alpha", "1/V", 2, 0, 20, Scale::Linear, "Voltage scale of the sinh term", kv},
        {"beta", "beta", "", 9, 0, 1e3, Scale::Linear, "Normalised weight of the state-dependent sinh current", kv},
        {"chi", "chi", "", 0.01, 0, 1e3, Scale::Linear, "Normalised weight of the diode-like term", kv},
        {"gamma", "gamma", "1/V", 4, 0, 20, Scale::Linear, "Voltage scale of the diode-like term", kv},
        {"n", "n", "", 14, 1, 30, Scale::Linear, "State exponent of the sinh current", kv},
        {"m", "m", "", 13, 1, 31, Scale::Linear, "Voltage exponent of the state rate (odd whole number)", kv, true},
        {"a", "a", "1/(s*V^m)", 4, 1e-6, 1e9, Scale::Log, "State rate constant", kv},
        {"leak", "x_leak", "", 0, 0, 1, Scale::Linear, "Added to x^n so the OFF current never vanishes", ll},
        {"x0", "x_0", "", 0.5, 0, 1, Scale::Linear, "State at t = 0", kv},
        {"xmin", "x_min", "", 0, 0, 1, Scale::Linear, "Lower state bound", ll},
        {"xmax", "x_max", "", 1, 0, 1, Scale::Linear, "Upper state bound", ll},
    };
    m.presets = {
        {"kvatinsky_va", "Kvatinsky Verilog-A defaults", "Normalised set (s = 1 A): ampere-scale currents at 1 V",
         kv, {}, WindowChoice{"none", {}}},
        // 80 uF state capacitor in the SPICE subcircuit -> a = 1 / 80 uF = 1.25e4.
        {"lehtonen_cnn", "Lehtonen-Laiho CNN cell", "CNN SPICE subcircuit: 10 nA scale, Joglekar p = 1, x in 0.05-0.95",
         ll + ", SPICE subcircuit",
         {{"n", 4}, {"m", 13}, {"a", 1.25e4}, {"s", 10e-9}, {"leak", 0.01}, {"x0", 0.15}, {"xmin", 0.05},
          {"xmax", 0.95}},
         WindowChoice{"joglekar", {{"p", 1}}}},
    };
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        if (std::fmod(p.at("m"), 2.0) != 1.0)
            out.push_back({"m", "must be odd so the state follows the sign of v (got " + formatWithUnit(p.at("m"), "") + ")"});
        if (p.at("xmax") <= p.at("xmin"))
            out.push_back({"xmax", "must be greater than xmin (" + formatWithUnit(p.at("xmin"), "") + ")"});
        else if (p.at("x0") < p.at("xmin") || p.at("x0") > p.at("xmax"))
            out.push_back({"x0", "must lie between xmin (" + formatWithUnit(p.at("xmin"), "") + ") and xmax (" +
                                     formatWithUnit(p.at("xmax"), "") + ")"});
        return out;
    };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction> w) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<NonlinearIonDrift>(p, std::move(w));
    };
    m.state = {"x", "", 0.0, 1.0};
    return m;
}

}  // namespace ms
