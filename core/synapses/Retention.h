// What happens to programmed conductances after programming: power-law drift
// and read noise (docs/device-models.md §6c; aihwkit DriftParameter, NeuroSim read
// noise). Applied to conductances in siemens.
#pragma once

#include <vector>

#include "core/common/ParamSpec.h"
#include "core/synapses/SynapseRng.h"

namespace ms {

// G(t) = G0 ((t + t0)/t0)^(-nu_i), nu_i = nu (1 + nuDtod xi) drawn once per
// device (aihwkit DriftParameter with nu_k = 0). t counts from programming.
struct DriftSpec {
    double nu = 0.0;      // drift exponent (0 = off); PCM ~0.05, ReRAM ~0.005
    double nuDtod = 0.0;  // device-to-device sigma of nu, relative
    double t0 = 1.0;      // s, reference time
};
std::vector<ParamSpec> driftParamSpecs();
DriftSpec driftFromValues(const ParamValues& v);  // keys nu, nuDtod, t0

// Per-device drift exponents (never negative).
std::vector<double> drawDriftExponents(std::size_t count, const DriftSpec& spec, SynapseRng& rng);
// The multiplicative drift factor at time t (s) for exponent nu.
double driftFactor(double t, double nu, double t0);

// Read noise: each read sees G (1 + sigmaRead xi) (NeuroSim), and each column
// output gets additive Gaussian noise of sigmaOut times the full-scale output
// (aihwkit out_noise).
struct ReadNoiseSpec {
    double sigmaRead = 0.0;
    double sigmaOut = 0.0;
};
std::vector<ParamSpec> readNoiseParamSpecs();  // keys sigmaRead, sigmaOut

}  // namespace ms
