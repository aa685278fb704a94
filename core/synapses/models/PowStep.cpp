// aihwkit PowStepDevice: up +dw((b_max - w)/(b_max - b_min))^gamma,
// down -dw((w - b_min)/(b_max - b_min))^gamma (docs/device-models.md §6b).
#include "core/synapses/StepDevice.h"

namespace ms {
namespace {
struct PowShape {
    static constexpr int kParams = 1;
    double gamma, dtod;
    explicit PowShape(const ParamValues& p) : gamma(p.at("powGamma")), dtod(p.at("powGammaDtod")) {}
    void draw(double* d, SynapseRng& rng) const { d[0] = std::max(0.0, gamma * (1 + dtod * rng.gauss())); }
    void nominal(double* d) const { d[0] = gamma; }
    double up(double x, const double* d) const {
        return std::pow(std::max(0.0, (d[3] - x) / (d[3] - d[2])), d[kStepCommonParams]);
    }
    double down(double x, const double* d) const {
        return std::pow(std::max(0.0, (x - d[2]) / (d[3] - d[2])), d[kStepCommonParams]);
    }
};
}  // namespace

SynapseModelInfo powStepSynapse() {
    const std::string src = "IBM aihwkit PowStepDevice";
    SynapseModelInfo m;
    m.id = "pow_step";
    m.name = "Power step (aihwkit)";
    m.summary = "Step is a power of the distance to the bound (gamma = 1 equals soft bounds)";
    m.source = "Rasch et al., AICAS 2021 (IBM aihwkit), PowStepDevice";
    m.params = pulsedDeviceSpecs();
    m.params.push_back({"powGamma", "gamma", "", 1.0, 0, 10, Scale::Linear, "Exponent of the distance to the bound", src});
    m.params.push_back({"powGammaDtod", "gamma_dtod", "", 0.1, 0, 1, Scale::Linear, "Device-to-device sigma of gamma, relative", src});
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<StepDevice<PowShape>>(p); };
    return m;
}

}  // namespace ms
