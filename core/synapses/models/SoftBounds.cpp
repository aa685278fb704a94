// aihwkit SoftBoundsDevice: +dw(1 - w/b_max), -dw(1 - w/b_min) with per-device
// bounds; steps vanish at the bounds (docs/device-models.md §6b). With w = 0 at
// x = 0.5: w/b_max = (x - 0.5)/(b_max - 0.5).
#include "core/synapses/StepDevice.h"

namespace ms {
namespace {
struct SoftShape {
    static constexpr int kParams = 0;
    explicit SoftShape(const ParamValues&) {}
    void draw(double*, SynapseRng&) const {}
    void nominal(double*) const {}
    double up(double x, const double* d) const { return 1.0 - (x - 0.5) / (d[3] - 0.5); }
    double down(double x, const double* d) const { return 1.0 - (x - 0.5) / (d[2] - 0.5); }
};
}  // namespace

SynapseModelInfo softBoundsSynapse() {
    SynapseModelInfo m;
    m.id = "soft_bounds";
    m.name = "Soft bounds (aihwkit)";
    m.summary = "Steps shrink linearly to zero at each bound (saturating, like most ReRAM)";
    m.source = "Rasch et al., AICAS 2021 (IBM aihwkit), SoftBoundsDevice; Fusi & Abbott 2005";
    m.params = pulsedDeviceSpecs();
    m.presets = {{"reram_sb", "ReRAM soft bounds (aihwkit ReRamSBPresetDevice, step only)",
                  "aihwkit presets/devices.py", {{"dwMin", 0.002 / 2.0}, {"dwMinStd", 3.75 * 0.1}}}};
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<StepDevice<SoftShape>>(p); };
    return m;
}

}  // namespace ms
