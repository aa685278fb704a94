// The NeuroSim nonlinear update curve (MLP+NeuroSim V3.0; docs/device-models.md §6a):
//   G(P) = B (1 - exp(-P/A)) + Gmin,  B = (Gmax - Gmin) / (1 - exp(-Pmax/A)),
// here on the normalised conductance x = (G - Gmin)/(Gmax - Gmin).
// This is the studio's one NL <-> A conversion: the synapse models use it to
// build curves from NL, and the pulse-curve fits use it to label measured or
// simulated curves with NL (A-hat 0 means linear in both directions).
#pragma once

#include <vector>

namespace ms {

// Normalised A/Pmax for a NeuroSim NL label, signed like NL. NeuroSim looks it
// up in a 900-entry table; that table is the solution of
//   max_u [ x(u) - u ] = 0.099 |NL|,  x(u) = (1 - e^{-u/Â}) / (1 - e^{-1/Â}),
// (largest gap between the normalised curve and a straight line; recomputed
// here, matching the table's points 2.4 -> 0.4992, 4.88 -> 0.2003 to 1e-4).
// Returns 0 for |NL| < 1e-3 (linear). |NL| must be at most 9.
double neuroSimAHat(double nl);

// NL label of a normalised A-hat (the inverse of neuroSimAHat; 0 is linear).
double neuroSimNonlinearity(double aHat);

// Least-squares fit of the normalised curve to one branch: conductances after
// 0..N pulses (index 0 is the level before the first pulse), normalised to
// the branch's own end points so only the shape counts. Returns A-hat,
// 0 for a straight (or flat, or too short) branch.
double fitNeuroSimAHat(const std::vector<double>& g);

// NL of both branches of a potentiate-then-depress curve: g holds the read
// before the first pulse, then one read after each pulse, ltpPulses of them
// potentiating. NeuroSim moves backwards along its curve when depressing, so
// the depression branch is fitted in reverse pulse order (from its last read
// up to the level it started from): a depression that retraces potentiation
// gets NL_LTD = NL_LTP, and the usual saturating depression (big steps near
// G_max) gets NL_LTD < 0. Asymmetry is |NL_LTP - NL_LTD|.
struct NeuroSimBranchLabels {
    double ltp = 0.0, ltd = 0.0, asymmetry = 0.0;
};
NeuroSimBranchLabels labelNeuroSimBranches(const std::vector<double>& g, std::size_t ltpPulses);

// Normalised curve x(P) for A (pulses; 0 = linear) and Pmax, P clamped to [0, Pmax].
double neuroSimCurve(double p, double a, double pMax);
// Its inverse: the pulse position P of state x (clamped to [0, 1]).
double neuroSimPulsePosition(double x, double a, double pMax);

}  // namespace ms
