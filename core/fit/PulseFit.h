// Fitting conductance-vs-pulse curves: the NeuroSim NL form per branch, a
// registered pulse-synapse model, and a lookup table when no model fits.
#pragma once

#include <string>
#include <vector>

#include "core/fit/FitReport.h"
#include "core/fit/Measurements.h"

namespace ms::fit {

// The NeuroSim form on one branch of N pulses (MLP+NeuroSim V3.0; the
// convention of the neurosim_nl synapse, core/synapses/NeuroSimCurve.h):
//   potentiation  G_k = Gmin + (Gmax - Gmin) y(k / N)
//   depression    G_k = Gmin + (Gmax - Gmin) y(1 - k / N)
//   y(u) = (1 - e^(-u/a)) / (1 - e^(-1/a)),  a = neuroSimAHat(NL)
// so a saturating potentiation has NL > 0 and a depression that drops fast
// from Gmax has NL < 0, as in NeuroSim's device table.
double neuroSimBranchModel(double k, double n, double nl, double gMin, double gMax, int direction);

// Fits NL, Gmin and Gmax of each branch present (keys NL_LTP, Gmin_LTP,
// Gmax_LTP, NL_LTD, Gmin_LTD, Gmax_LTD). Progress is split over the branches.
FitReport fitNeuroSimCurve(const PulseCurve& curve, const LmOptions& lm, FrameSink& sink, const StopToken& stop);

// The curve a pulse-synapse model gives on the curve's pulse sequence: the
// nominal device (no variation) starting from the first read, one nominal
// step per row in the row's phase direction.
std::vector<double> simulateSynapseCurve(const std::string& modelId, const ParamValues& values, const PulseCurve& curve);

struct SynapseFitOptions {
    std::string modelId = "neurosim_nl";
    ParamValues fixed;               // overrides of the model defaults that stay fixed
    std::vector<FreeParameter> free;
    LmOptions lm;
};

// Fits a registered pulse-synapse model (InputError for unknown keys or
// whole-number parameters among the free ones).
FitReport fitSynapseModel(const PulseCurve& curve, const SynapseFitOptions& options, FrameSink& sink,
                          const StopToken& stop);

// Start values a synapse fit uses when the user gives none: Gmax and onOff
// from the data, the rest from the model defaults.
ParamValues synapseStartValues(const std::string& modelId, const PulseCurve& curve);

// Parameters of the "lookup_table" synapse built from a measured curve: each
// branch made monotone (pool-adjacent-violators isotonic regression) and
// sampled at the table's knots; Gmax, onOff and the pulse counts from the data.
ParamValues lookupTableFromCurve(const PulseCurve& curve);

}  // namespace ms::fit
