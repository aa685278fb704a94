#include "core/synapses/StepDevice.h"

namespace ms {

std::vector<ParamSpec> pulsedDeviceSpecs() {
    const std::string src = "IBM aihwkit PulsedDevice defaults (configs/devices.py)";
    std::vector<ParamSpec> s = {
        {"dwMin", "dw_min", "", 0.001 / 1.2, 1e-6, 0.5, Scale::Log,
         "Mean step per pulse, fraction of the range (aihwkit 0.001 on [-0.6, 0.6])", src},
        {"dwMinStd", "dw_min_std", "", 0.3, 0, 5, Scale::Linear, "Cycle-to-cycle sigma of a step, relative", src},
        {"dwMinDtod", "dw_min_dtod", "", 0.3, 0, 2, Scale::Linear, "Device-to-device sigma of the step size, relative", src},
        {"upDown", "up_down", "", 0.0, -0.99, 0.99, Scale::Linear, "Up/down step imbalance (asymmetry)", src},
        {"upDownDtod", "up_down_dtod", "", 0.01, 0, 1, Scale::Linear, "Device-to-device sigma of up_down", src},
        {"boundsDtod", "w_max_dtod", "", 0.3, 0, 1, Scale::Linear, "Device-to-device sigma of the bounds, relative", src},
    };
    for (auto& c : conductanceSpecs(25e-6, 100, "aihwkit g_max 25 uS (PCM noise model)")) s.push_back(c);
    return s;
}

}  // namespace ms
