// Hindmarsh-Rose neuron (Hindmarsh & Rose, Proc. R. Soc. Lond. B 221:87, 1984),
// dimensionless:  dx/dt = y - a x^3 + b x^2 - z + I,  dy/dt = c - d x^2 - y,
// dz/dt = r (s (x - x_R) - z). The slow z makes it burst; near I = 3.25 the
// bursts are chaotic. Equations in ReducedNeurons.h.
#include "core/snn/neurons/ReducedNeurons.h"

namespace ms::snn {

NeuronInfo hindmarshRoseNeuron() {
    const std::string src = "Hindmarsh & Rose, Proc. R. Soc. Lond. B 221:87 (1984)";
    NeuronInfo m;
    m.id = "hindmarsh_rose";
    m.name = "Hindmarsh-Rose (1984)";
    m.summary = "Dimensionless 3-variable bursting neuron (x membrane, y fast recovery, z slow adaptation); chaotic bursts";
    m.source = src;
    m.inputUnit = "";     // dimensionless current I
    m.membraneUnit = "";  // x is dimensionless
    m.params = {
        {"a", "a", "", 1, 0, 10, Scale::Linear, "Cubic coefficient of x (dimensionless)", src},
        {"b", "b", "", 3, 0, 10, Scale::Linear, "Quadratic coefficient of x (dimensionless)", src},
        {"c", "c", "", 1, -10, 10, Scale::Linear, "Constant of the y equation (dimensionless)", src},
        {"d", "d", "", 5, 0, 20, Scale::Linear, "Quadratic coefficient in the y equation (dimensionless)", src},
        {"r", "r", "", 0.006, 1e-5, 0.1, Scale::Log,
         "Slow time scale of z (0.006; some papers use 0.005) (dimensionless)", src},
        {"s", "s", "", 4, 0, 10, Scale::Linear, "Adaptation gain of z (dimensionless)", src},
        {"x_R", "x_R", "", -1.6, -5, 5, Scale::Linear, "Resting x of the z equation (dimensionless)", src},
        {"I_bias", "I_0", "", 0, -20, 20, Scale::Linear,
         "Constant input current added to the drive (dimensionless; presets set the firing regime)", src},
        {"threshold", "x_th", "", 1.0, -5, 5, Scale::Linear, "An upward crossing of x counts as a spike", ""},
        {"x_init", "x_0", "", -1.6, -5, 5, Scale::Linear,
         "Initial x (y starts at c - d x_0^2, z at s (x_0 - x_R))", ""},
        {"time_unit", "T_u", "s", 1e-3, 1e-9, 1e3, Scale::Log,
         "Clock seconds per dimensionless time unit (the model has no physical time; 1 ms is a convention)", ""},
    };
    // Bias currents of the classic regimes at r = 0.006 (Hindmarsh & Rose 1984;
    // the chaotic window near I = 3.25 is the one most papers use).
    m.presets = {
        {"regular_spiking", "Regular spiking", "Tonic spiking under a large bias (I = 5)", {{"I_bias", 5.0}}},
        {"bursting", "Bursting", "Regular bursts of two spikes (I = 2)", {{"I_bias", 2.0}}},
        {"chaotic_bursting", "Chaotic bursting", "Irregular bursts, spike counts vary burst to burst (I = 3.25)",
         {{"I_bias", 3.25}}},
    };
    m.create = [](const ParamValues& p, std::size_t n) -> std::unique_ptr<NeuronGroup> {
        const auto f = HindmarshRoseField::from(p);
        return std::make_unique<ReducedNeuronGroup<HindmarshRoseField>>(f, f.startingAt(p.at("x_init")), p,
                                                                        std::vector<std::string>{"v", "y", "z"}, n);
    };
    return m;
}

}  // namespace ms::snn
