// aihwkit ConstantStepDevice: every pulse moves w by +/- dw (1 + sigma xi),
// hard bounds (docs/device-models.md §6b).
#include "core/synapses/StepDevice.h"

namespace ms {
namespace {
struct ConstantShape {
    static constexpr int kParams = 0;
    explicit ConstantShape(const ParamValues&) {}
    void draw(double*, SynapseRng&) const {}
    void nominal(double*) const {}
    double up(double, const double*) const { return 1.0; }
    double down(double, const double*) const { return 1.0; }
};
}  // namespace

SynapseModelInfo constantStepSynapse() {
    SynapseModelInfo m;
    m.id = "constant_step";
    m.name = "Constant step (aihwkit)";
    m.summary = "Identical steps up and down until a hard bound";
    m.source = "Rasch et al., AICAS 2021 (IBM aihwkit), ConstantStepDevice";
    m.params = pulsedDeviceSpecs();
    m.presets = {{"ideal", "Ideal linear (1000 levels, no variation)", "reference",
                  {{"dwMin", 0.001}, {"dwMinStd", 0}, {"dwMinDtod", 0}, {"upDownDtod", 0}, {"boundsDtod", 0}}}};
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<StepDevice<ConstantShape>>(p); };
    return m;
}

}  // namespace ms
