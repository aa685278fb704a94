#include "core/synapses/Retention.h"

#include <algorithm>
#include <cmath>

namespace ms {

std::vector<ParamSpec> driftParamSpecs() {
    const std::string src = "IBM aihwkit DriftParameter / PCMLikeNoiseModel (Nandakumar 2019)";
    return {
        {"nu", "nu", "", 0.0, 0, 1, Scale::Linear, "Drift exponent of G(t) = G0 ((t+t0)/t0)^-nu", src},
        {"nuDtod", "nu_dtod", "", 0.0, 0, 2, Scale::Linear, "Device-to-device sigma of nu, relative", src},
        {"t0", "t_0", "s", 1.0, 1e-9, 1e9, Scale::Log, "Reference time of the drift law", src},
    };
}

DriftSpec driftFromValues(const ParamValues& v) {
    const ParamValues p = withDefaults(driftParamSpecs(), v);
    return {p.at("nu"), p.at("nuDtod"), p.at("t0")};
}

std::vector<double> drawDriftExponents(std::size_t count, const DriftSpec& spec, SynapseRng& rng) {
    std::vector<double> nu(count, spec.nu);
    if (spec.nuDtod > 0.0)
        for (auto& v : nu) v = std::max(0.0, spec.nu * (1.0 + spec.nuDtod * rng.gauss()));
    return nu;
}

double driftFactor(double t, double nu, double t0) {
    if (nu == 0.0 || t <= 0.0) return 1.0;
    return std::pow((t + t0) / t0, -nu);
}

std::vector<ParamSpec> readNoiseParamSpecs() {
    return {
        {"sigmaRead", "sigma_read", "", 0.0, 0, 1, Scale::Linear, "Relative read noise of each device per read",
         "NeuroSim V3.0 (I = V G (1 + N(0, sigma)))"},
        {"sigmaOut", "out_noise", "", 0.0, 0, 1, Scale::Linear, "Additive output noise, fraction of full scale",
         "IBM aihwkit IOParameters out_noise (default 0.06)"},
    };
}

}  // namespace ms
