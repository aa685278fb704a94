// The NeuroSim nonlinear update curve (MLP+NeuroSim V3.0; docs/device-models.md §6a):
//   G(P) = B (1 - exp(-P/A)) + Gmin,  B = (Gmax - Gmin) / (1 - exp(-Pmax/A)),
// here on the normalised conductance x = (G - Gmin)/(Gmax - Gmin).
#pragma once

namespace ms {

// Normalised A/Pmax for a NeuroSim NL label, signed like NL. NeuroSim looks it
// up in a 900-entry table; that table is the solution of
//   max_u [ x(u) - u ] = 0.099 |NL|,  x(u) = (1 - e^{-u/Â}) / (1 - e^{-1/Â}),
// (largest gap between the normalised curve and a straight line; recomputed
// here, matching the table's points 2.4 -> 0.4992, 4.88 -> 0.2003 to 1e-4).
// Returns 0 for |NL| < 1e-3 (linear). |NL| must be at most 9.
double neuroSimAHat(double nl);

// Normalised curve x(P) for A (pulses; 0 = linear) and Pmax, P clamped to [0, Pmax].
double neuroSimCurve(double p, double a, double pMax);
// Its inverse: the pulse position P of state x (clamped to [0, 1]).
double neuroSimPulsePosition(double x, double a, double pMax);

}  // namespace ms
