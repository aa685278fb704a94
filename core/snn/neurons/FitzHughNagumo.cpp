// FitzHugh-Nagumo neuron (FitzHugh, Biophys. J. 1:445, 1961; Nagumo et al.,
// Proc. IRE 50:2061, 1962), dimensionless:  dv/dt = v - v^3/3 - w + I,
// dw/dt = eps (v + a - b w). A relaxation oscillator for I between about 0.33
// and 1.42 at the defaults; excitable below. Equations in ReducedNeurons.h.
#include "core/snn/neurons/ReducedNeurons.h"

namespace ms::snn {

NeuronInfo fitzhughNagumoNeuron() {
    const std::string src = "FitzHugh, Biophys. J. 1:445 (1961); Nagumo, Arimoto & Yoshizawa, Proc. IRE 50:2061 (1962)";
    NeuronInfo m;
    m.id = "fitzhugh_nagumo";
    m.name = "FitzHugh-Nagumo";
    m.summary = "Dimensionless 2-variable excitable neuron (v membrane, w recovery); relaxation oscillations";
    m.source = src;
    m.inputUnit = "";     // dimensionless current I
    m.membraneUnit = "";  // v is dimensionless
    m.params = {
        {"a", "a", "", 0.7, -5, 5, Scale::Linear, "Offset of the w nullcline (dimensionless)", src},
        {"b", "b", "", 0.8, 0, 5, Scale::Linear, "Self-damping of w (dimensionless)", src},
        {"eps", "epsilon", "", 0.08, 1e-4, 1, Scale::Log, "Time-scale ratio of w to v (dimensionless)", src},
        {"I_bias", "I_0", "", 0, -5, 5, Scale::Linear, "Constant input current added to the drive (dimensionless)", src},
        {"threshold", "v_th", "", 1.0, -3, 3, Scale::Linear, "An upward crossing of v counts as a spike", ""},
        {"v_init", "v_0", "", -1.2, -3, 3, Scale::Linear, "Initial v (the resting point at I = 0 is near -1.2)", ""},
        {"w_init", "w_0", "", -0.625, -3, 3, Scale::Linear, "Initial w", ""},
        {"time_unit", "T_u", "s", 1e-3, 1e-9, 1e3, Scale::Log,
         "Clock seconds per dimensionless time unit (the model has no physical time; 1 ms is a convention)", ""},
    };
    m.presets = {
        {"excitable", "Excitable", "At rest; a pulse above threshold gives one spike (I = 0)", {{"I_bias", 0.0}}},
        {"oscillating", "Oscillating", "Relaxation oscillations (I = 0.5)", {{"I_bias", 0.5}}},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        return std::make_unique<ReducedNeuronGroup<FitzHughNagumoField>>(
            FitzHughNagumoField::from(p), std::array<double, 2>{p.at("v_init"), p.at("w_init")}, p,
            std::vector<std::string>{"v", "w"}, n);
    };
    return m;
}

}  // namespace ms::snn
