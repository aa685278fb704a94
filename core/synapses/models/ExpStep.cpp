// aihwkit ExpStepDevice: +/- dw max(y, 0) with z = 2a w/(b_max - b_min) + b,
// y_up = 1 - A_up e^{gamma_up z}, y_down = 1 - A_down e^{-gamma_down z}
// (docs/device-models.md §6b; fit of a measured ReRAM).
#include "core/synapses/StepDevice.h"

namespace ms {
namespace {
struct ExpShape {
    static constexpr int kParams = 0;
    double aUp, aDown, gUp, gDown, a, b;
    explicit ExpShape(const ParamValues& p)
        : aUp(p.at("Aup")), aDown(p.at("Adown")), gUp(p.at("gammaUp")), gDown(p.at("gammaDown")), a(p.at("a")), b(p.at("b")) {}
    void draw(double*, SynapseRng&) const {}
    void nominal(double*) const {}
    double z(double x, const double* d) const { return 2 * a * (x - 0.5) / (d[3] - d[2]) + b; }
    double up(double x, const double* d) const { return std::max(0.0, 1 - aUp * std::exp(gUp * z(x, d))); }
    double down(double x, const double* d) const { return std::max(0.0, 1 - aDown * std::exp(-gDown * z(x, d))); }
};
}  // namespace

SynapseModelInfo expStepSynapse() {
    const std::string src = "IBM aihwkit ExpStepDevice defaults";
    SynapseModelInfo m;
    m.id = "exp_step";
    m.name = "Exponential step (aihwkit)";
    m.summary = "Steps fall exponentially toward each bound (fitted to a measured ReRAM)";
    m.source = "Rasch et al., AICAS 2021 (IBM aihwkit), ExpStepDevice";
    m.params = pulsedDeviceSpecs();
    m.params.push_back({"Aup", "A_up", "", 0.00081, -10, 10, Scale::Linear, "Amplitude of the up-step fall-off", src});
    m.params.push_back({"Adown", "A_down", "", 0.36833, -10, 10, Scale::Linear, "Amplitude of the down-step fall-off", src});
    m.params.push_back({"gammaUp", "gamma_up", "", 12.44625, 0, 100, Scale::Linear, "Rate of the up-step fall-off", src});
    m.params.push_back({"gammaDown", "gamma_down", "", 12.78785, 0, 100, Scale::Linear, "Rate of the down-step fall-off", src});
    m.params.push_back({"a", "a", "", 0.244, -10, 10, Scale::Linear, "Scale of w in z", src});
    m.params.push_back({"b", "b", "", 0.2425, -10, 10, Scale::Linear, "Offset in z", src});
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<StepDevice<ExpShape>>(p); };
    return m;
}

}  // namespace ms
