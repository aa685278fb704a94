// aihwkit LinearStepDevice: up +dw(1 - g+ w/w_max), down -dw(1 - g- w/w_min),
// with the mean bounds as reference (docs/device-models.md §6b). On x in [0, 1]:
// w/w_max = 2x - 1 and w/w_min = 1 - 2x.
#include "core/synapses/StepDevice.h"

namespace ms {
namespace {
struct LinearShape {
    static constexpr int kParams = 2;
    double gUp, gDown, dtod;
    explicit LinearShape(const ParamValues& p) : gUp(p.at("gammaUp")), gDown(p.at("gammaDown")), dtod(p.at("gammaDtod")) {}
    void draw(double* d, SynapseRng& rng) const {
        d[0] = gUp * (1 + dtod * rng.gauss());
        d[1] = gDown * (1 + dtod * rng.gauss());
    }
    void nominal(double* d) const { d[0] = gUp; d[1] = gDown; }
    double up(double x, const double* d) const { return 1.0 - d[kStepCommonParams] * (2 * x - 1); }
    double down(double x, const double* d) const { return 1.0 - d[kStepCommonParams + 1] * (1 - 2 * x); }
};
}  // namespace

SynapseModelInfo linearStepSynapse() {
    const std::string src = "IBM aihwkit LinearStepDevice";
    SynapseModelInfo m;
    m.id = "linear_step";
    m.name = "Linear step (aihwkit)";
    m.summary = "Step size falls linearly with the weight (state-dependent, gamma sets the slope)";
    m.source = "Rasch et al., AICAS 2021 (IBM aihwkit), LinearStepDevice";
    m.params = pulsedDeviceSpecs();
    m.params.push_back({"gammaUp", "gamma_up", "", 0.0, 0, 1, Scale::Linear, "Slope of the up step vs w/w_max", src});
    m.params.push_back({"gammaDown", "gamma_down", "", 0.0, 0, 1, Scale::Linear, "Slope of the down step vs w/w_min", src});
    m.params.push_back({"gammaDtod", "gamma_dtod", "", 0.05, 0, 1, Scale::Linear, "Device-to-device sigma of gamma, relative", src});
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<StepDevice<LinearShape>>(p); };
    return m;
}

}  // namespace ms
