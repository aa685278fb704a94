// VTEAM: TEAM with voltage thresholds (Kvatinsky et al., TCAS-II 62, 2015;
// docs/device-models.md §4). The physics is in TeamFamily.h.
#include "core/devices/models/TeamFamily.h"

namespace ms {

ModelInfo vteamModel() {
    const std::string src = "MemTorch VTEAM.py defaults (citing Technion ASIC2); Kvatinsky et al., TCAS-II 62 (2015)";
    ModelInfo m;
    m.id = "vteam";
    m.name = "VTEAM (voltage thresholds)";
    m.summary = "No motion between two voltage thresholds, a power law beyond; linear or exponential R(x)";
    m.source = "Kvatinsky, Ramadan, Friedman & Kolodny, IEEE TCAS-II 62, 786 (2015)";
    m.control = ControlMechanism::Voltage;
    m.hasThreshold = true;
    m.ivRelation = "linear or exponential";
    m.accuracy = "medium";
    m.acceptsWindow = false;  // the Kvatinsky window is built in (param "window")
    m.params = team::commonParams(src, -10, 5e-4, 3, 1, 0);
    m.params.push_back({"v_on", "v_on", "V", -0.2, -100, 0, Scale::Linear,
                        "ON threshold voltage (negative): no ON motion above it", src});
    m.params.push_back({"v_off", "v_off", "V", 0.02, 0, 100, Scale::Linear,
                        "OFF threshold voltage (positive): no OFF motion below it", src});
    const std::string own = "Memristor Studio preset (class example, not a fit to a device)";
    m.presets = {
        {"memtorch", "MemTorch VTEAM defaults", "Linear I-V, no window, starts ON; 1 V at 50 MHz rises to ~99 ohm", src,
         {}, WindowChoice{"none", {}}},
        // Digital (abrupt, bistable) class: a dead zone of +-1 V keeps both
        // states under reads and half-select, and alpha = 1 with a large k moves
        // the whole 3 nm film within a few ns just beyond threshold (1.1 V:
        // 1 m/s), so the device switches all-or-nothing. R_off/R_on = 100.
        {"digital_vteam", "Digital (abrupt, bistable) VTEAM", "Sharp +-1 V thresholds, ns switching, 1k/100k ohm",
         own,
         {{"Ron", 1e3}, {"Roff", 100e3}, {"v_on", -1.0}, {"v_off", 1.0}, {"k_on", -10}, {"k_off", 10},
          {"alpha_on", 1}, {"alpha_off", 1}, {"x0", 3e-9}, {"ivMode", team::kLinearIV}, {"window", 0}},
         WindowChoice{"none", {}}},
        // Analog (gradual, multi-state) class: a slow rate (3e-5 m/s at twice
        // the threshold) moves ~1 % of the film per 1 us pulse, alpha = 3 makes
        // the step grow smoothly with amplitude, the exponential I-V spaces the
        // states evenly in log R, and the Kvatinsky window (w_c = 0.3 nm) shrinks
        // the steps near both ends, as measured LTP/LTD curves saturate.
        {"analog_vteam", "Analog (gradual, multi-state) VTEAM", "+-0.8 V thresholds, ~100 levels per 1 us pulses",
         own,
         {{"Ron", 10e3}, {"Roff", 100e3}, {"v_on", -0.8}, {"v_off", 0.8}, {"k_on", -3e-5}, {"k_off", 3e-5},
          {"alpha_on", 3}, {"alpha_off", 3}, {"x0", 1.5e-9}, {"ivMode", team::kExponentialIV}, {"window", 1},
          {"a_on", 0.3e-9}, {"a_off", 2.7e-9}, {"w_c", 0.3e-9}},
         WindowChoice{"none", {}}},
    };
    m.checkParams = [](const ParamValues& p) { return team::checkCommon(p, "v_on", "v_off", "V"); };
    m.create = [](const ParamValues& p, std::unique_ptr<WindowFunction>) -> std::unique_ptr<MemristorModel> {
        return std::make_unique<team::ThresholdDriftModel>(p, true, "v_on", "v_off");
    };
    m.state = {"x", "m", 0.0, 3e-9};
    return m;
}

}  // namespace ms
