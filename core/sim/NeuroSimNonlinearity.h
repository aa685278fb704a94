// The NeuroSim nonlinearity label NL of an LTP or LTD curve (docs/device-models.md
// §6a; MLP_NeuroSim V3.0 formula.cpp, nonlinear_fit.m).
//
// NeuroSim's curve, normalised to pulse fraction p in [0, 1] and conductance
// fraction y in [0, 1], is y(p) = (1 - e^(-p/a)) / (1 - e^(-1/a)) with
// a = A / P_max, and NL labels a through a 900-entry table. We do not copy
// the table: every listed entry satisfies max_p (y(p) - p) = 0.099 |NL| to
// within 1e-5 (checked for NL = 0.5 ... 9), so that property defines the
// relation here, and the table is reproduced by inverting it.
#pragma once

#include <vector>

namespace ms::neurosim {

// The largest gap between the normalised curve and the straight line (> 0
// for a > 0, the curve bowing above the line; < 0 for a < 0).
double curveLineGap(double a);

// NL label of the normalised parameter a (sign of a kept); a = inf is NL 0.
double nonlinearityFromA(double a);

// Inverse: normalised a (A / P_max) for a label NL (|NL| <= ~10).
double aFromNonlinearity(double nl);

// Least-squares fit of y(p) to a branch: conductances after 0..N pulses
// (index 0 is the level before the first pulse). Returns the normalised a.
// The branch is normalised to its own end points, so only the shape counts.
double fitNormalisedA(const std::vector<double>& g);

}  // namespace ms::neurosim
