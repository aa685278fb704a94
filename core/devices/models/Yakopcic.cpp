// Yakopcic generalized memristor model (Yakopcic et al., IEEE TCAD 32, 2013;
// docs/device-models.md §5):
//   I = a1 x sinh(bV) (V >= 0),  a2 x sinh(bV) (V < 0)
//   dx/dt = eta g(V) f(x), g = Ap(e^V - e^Vp) above Vp, -An(e^-V - e^Vn) below
//   -Vn, 0 between; f shapes the motion only past xp (up) or below 1 - xn (down)
//   and vanishes only at the edge the state is moving toward.
// At x = 0 the device is an open circuit (I = 0 for every V).
#include <cmath>
#include <limits>

#include "core/devices/ModelRegistry.h"
#include "core/devices/SafeMath.h"

namespace ms {
namespace {

class Yakopcic final : public MemristorModel {
public:
    explicit Yakopcic(const ParamValues& p)
        : a1_(p.at("a1")), a2_(p.at("a2")), b_(p.at("b")), vp_(p.at("Vp")), vn_(p.at("Vn")), ap_(p.at("Ap")),
          an_(p.at("An")), xp_(p.at("xp")), xn_(p.at("xn")), alphap_(p.at("alphap")), alphan_(p.at("alphan")),
          x0_(p.at("x0")), eta_(p.at("eta")) {}

    double current(double v, double x) const override { return (v >= 0 ? a1_ : a2_) * x * safe::sinh(b_ * v); }

    // At x = 0 the device is an open circuit; report the largest finite
    // resistance rather than Inf so R columns and summaries stay finite.
    double resistance(double x, double vRead) const override {
        const double i = current(vRead, x);
        return i == 0.0 ? std::numeric_limits<double>::max() : vRead / i;
    }

    double stateDerivative(double v, double, double x) const override {
        const double g = threshold(v);
        if (g == 0.0) return 0.0;
        return eta_ * g * motion(eta_ * v >= 0, x);
    }
    double initialState() const override { return x0_; }
    StateInfo stateInfo() const override { return {"x", "", 0.0, 1.0}; }

    // g(V), exact zero inside [-Vn, Vp] (TCAD 2013, eq. 2).
    double threshold(double v) const {
        if (v > vp_) return ap_ * (safe::exp(v) - std::exp(vp_));
        if (v < -vn_) return -an_ * (safe::exp(-v) - std::exp(vn_));
        return 0.0;
    }

private:
    // f(x) (TCAD 2013, eqs. 4-7); `up` is eta V >= 0.
    double motion(bool up, double x) const {
        if (up) {
            if (x < xp_) return 1.0;
            const double wp = (xp_ - x) / (1.0 - xp_) + 1.0;
            return std::exp(-alphap_ * (x - xp_)) * wp;
        }
        if (x > 1.0 - xn_) return 1.0;
        const double wn = x / (1.0 - xn_);
        return std::exp(alphan_ * (x + xn_ - 1.0)) * wn;
    }
    double a1_, a2_, b_, vp_, vn_, ap_, an_, xp_, xn_, alphap_, alphan_, x0_, eta_;
};

}  // namespace

ModelInfo yakopcicModel() {
    const std::string src = "Yakopcic et al., IEEE TCAD 32 (2013), Oblea Ag-chalcogenide fit (Xyce, Knowm)";
    ModelInfo m;
    m.id = "yakopcic";
    m.name = "Yakopcic generalized model";
    m.summary = "sinh I-V proportional to x; exponential voltage thresholds; motion shaped near the ends";
    m.source = "Yakopcic, Taha, Subramanyam & Pino, IEEE TCAD 32, 1201 (2013)";
    m.control = ControlMechanism::Voltage;
    m.hasThreshold = true;
    m.ivRelation = "sinh";
    m.accuracy = "high";
    m.acceptsWindow = false;  // its own f(x) is part of the model
    m.params = {
        {"a1", "a_1", "A", 0.17, 1e-12, 1e3, Scale::Log, "Current scale for V >= 0", src},
        {"a2", "a_2", "A", 0.17, 1e-12, 1e3, Scale::Log, "Current scale for V < 0", src},
        {"b", "b", "1/V", 0.05, 1e-4, 20, Scale::Log, "Voltage scale of the sinh I-V", src},
        {"Vp", "V_p", "V", 0.16, 0, 10, Scale::Linear, "Positive switching threshold", src},
        {"Vn", "V_n", "V", 0.15, 0, 10, Scale::Linear, "Negative switching threshold (magnitude)", src},
        {"Ap", "A_p", "1/s", 4000, 0, 1e12, Scale::Linear, "Rate above the positive threshold", src},
        {"An", "A_n", "1/s", 4000, 0, 1e12, Scale::Linear, "Rate below the negative threshold", src},
        {"xp", "x_p", "", 0.3, 0, 0.99, Scale::Linear, "State beyond which upward motion slows", src},
        {"xn", "x_n", "", 0.5, 0, 0.99, Scale::Linear, "1 - x_n: state below which downward motion slows", src},
        {"alphap", "alpha_p", "", 1, 0, 100, Scale::Linear, "Decay of upward motion past x_p", src},
        {"alphan", "alpha_n", "", 5, 0, 100, Scale::Linear, "Decay of downward motion below 1 - x_n", src},
        {"x0", "x_0", "", 0.11, 0, 1, Scale::Linear, "State at t = 0", src},
        {"eta", "eta", "", 1, -1, 1, Scale::Linear, "Switching direction: +1 or -1", src, true},
    };
    m.presets = {
        {"oblea", "Oblea Ag-chalcogenide (Yakopcic 2013)", "Low thresholds (0.16 / 0.15 V): 0.25 V at 100 Hz switches",
         src, {}, std::nullopt},
        {"knowm_ltspice", "Knowm LTspice variant", "Higher thresholds (0.65 / 0.56 V); 1.2 V, 1 Hz test drive",
         "Knowm memristor-models-4-all, Yakopcic/LTSpice/memristor_yakopcic.sub", {{"Vp", 0.65}, {"Vn", 0.56}},
         std::nullopt},
    };
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        if (p.at("eta") == 0) out.push_back({"eta", "must be +1 or -1 (got 0)"});
        return out;
    };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction>) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<Yakopcic>(p);
    };
    m.state = {"x", "", 0.0, 1.0};
    return m;
}

}  // namespace ms
