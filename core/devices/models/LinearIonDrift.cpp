// Linear ion drift (HP, Strukov et al., Nature 453, 2008), docs/device-models.md §1:
//   v = [Ron x + Roff (1 - x)] i,   dx/dt = k i f(x),   k = uv Ron / D^2.
// x = 1 is the fully doped (Ron) state; positive current lowers R.
#include <cmath>

#include "core/devices/DriftKernel.h"
#include "core/devices/ModelRegistry.h"

namespace ms {
namespace {

class LinearIonDrift final : public MemristorModel {
public:
    LinearIonDrift(const ParamValues& p, std::unique_ptr<WindowFunction> window)
        : x0_((p.at("Roff") - p.at("Rinit")) / (p.at("Roff") - p.at("Ron"))), window_(std::move(window)) {
        kernel_.ron = p.at("Ron");
        kernel_.roff = p.at("Roff");
        kernel_.k = p.at("uv") * p.at("Ron") / (p.at("D") * p.at("D"));
        kernel_.window = window_ && !window_->isIdentity() ? window_.get() : nullptr;
    }

    double current(double v, double x) const override { return kernel_.current(v, x); }
    double voltage(double i, double x) const override { return kernel_.voltage(i, x); }
    double resistance(double x, double) const override { return kernel_.resistanceAt(x); }
    double stateDerivative(double v, double i, double x) const override { return kernel_.stateDerivative(v, i, x); }
    double initialState() const override { return x0_; }
    StateInfo stateInfo() const override { return {"x", "", 0.0, 1.0, window_ && window_->zeroAtBothEdges()}; }
    const LinearDriftKernel* linearDriftKernel() const override { return &kernel_; }

private:
    double x0_;
    std::unique_ptr<WindowFunction> window_;
    LinearDriftKernel kernel_;
};

}  // namespace

ModelInfo linearIonDriftModel() {
    const std::string src = "Strukov et al., Nature 453 (2008); Biolek SPICE model";
    ModelInfo m;
    m.id = "linear_ion_drift";
    m.name = "Linear ion drift (HP)";
    m.summary = "Doped/undoped TiO2 film in series; the boundary drifts with the current";
    m.source = "Strukov, Snider, Stewart & Williams, Nature 453, 80 (2008)";
    m.control = ControlMechanism::Current;
    m.hasThreshold = false;
    m.ivRelation = "linear";
    m.accuracy = "low";
    m.reviewTable1 = ReviewClass{"current", "no", "lowest", ""};
    m.acceptsWindow = true;
    m.params = {
        {"Ron", "R_on", "ohm", 100, 1e-3, 1e9, Scale::Log, "Resistance when fully doped (x = 1)", src},
        {"Roff", "R_off", "ohm", 16e3, 1e-3, 1e12, Scale::Log, "Resistance when undoped (x = 0)", src},
        {"D", "D", "m", 10e-9, 1e-10, 1e-6, Scale::Log, "Film thickness", src},
        {"uv", "mu_v", "m^2/(V*s)", 1e-14, 1e-20, 1e-6, Scale::Log, "Dopant mobility", src},
        {"Rinit", "R_init", "ohm", 11e3, 1e-3, 1e12, Scale::Log, "Resistance at t = 0", src},
    };
    m.presets = {
        {"hp_tio2", "HP TiO2 (Biolek SPICE set)", "The canonical set: 1 V, 1 Hz sine gives a well-opened pinched loop",
         "Biolek SPICE model as reproduced by Knowm; MemTorch defaults",
         {{"Ron", 100}, {"Roff", 16e3}, {"D", 10e-9}, {"uv", 1e-14}, {"Rinit", 11e3}},
         WindowChoice{"none", {}}},
        {"kvatinsky_va", "Kvatinsky Verilog-A defaults", "Technion report defaults, Joglekar p = 2",
         "Kvatinsky et al., Verilog-A for memristor models (Technion)",
         {{"Ron", 100}, {"Roff", 200e3}, {"D", 3e-9}, {"uv", 1e-15}, {"Rinit", 100050}},
         WindowChoice{"joglekar", {{"p", 2}}}},
    };
    m.checkParams = [](const ParamValues& p) {
        std::vector<ParamIssue> out;
        if (p.at("Roff") <= p.at("Ron"))
            out.push_back({"Roff", "must be greater than Ron (" + formatWithUnit(p.at("Ron"), "ohm") + ")"});
        else if (p.at("Rinit") < p.at("Ron") || p.at("Rinit") > p.at("Roff"))
            out.push_back({"Rinit", "must lie between Ron (" + formatWithUnit(p.at("Ron"), "ohm") + ") and Roff (" +
                                        formatWithUnit(p.at("Roff"), "ohm") + ")"});
        return out;
    };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction> w) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<LinearIonDrift>(p, std::move(w));
    };
    m.state = {"x", "", 0.0, 1.0};
    return m;
}

}  // namespace ms
