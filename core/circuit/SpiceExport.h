// SPICE export: any circuit as an ngspice-compatible netlist (issue 4).
// Memristors become behavioural sub-circuits with their state on a 1 F
// capacitor (node x_<name>, holding the normalised state s in [0, 1]) charged
// by a B-source equal to ds/dt, so ngspice integrates the state with the
// circuit like we do. The same bounds are applied: I-V at the clipped state,
// dx/dt at the state held 1e-6 inside the bounds, and the flow switched off
// where it would push a parked state outward (our projection). Models:
// linear_ion_drift and nonlinear_ion_drift with every window, team and vteam
// (linear or exponential I-V, Kvatinsky window), yakopcic (its own f(x)),
// stanford_pku (field-gated, heated gap growth). simmons_tunnel, whose current
// is implicit in its series resistance, raises an InputError naming the
// element and model. Sources keep their waveforms: SIN for sines, PWL for the
// rest (ideal edges become ramps of 1e-6 of the waveform's feature time,
// centred on the edge so pulse areas are kept).
#pragma once

#include <string>
#include <vector>

#include "core/circuit/Circuit.h"

namespace ms::circuit {

struct SpiceExportOptions {
    enum class Analysis { OperatingPoint, Transient };
    Analysis analysis = Analysis::OperatingPoint;
    double tStop = 0.0, tStep = 0.0, tMax = 0.0;  // transient, s
    double relTol = 1e-6;                          // ngspice .options reltol
    std::vector<std::string> probes;  // our probe names ("V(a)", "I(M1)", "x(M1)"); empty: none printed
    std::string dataFile;             // transient: wrdata target (columns time, value per probe)
};

// Throws InputError naming an element ngspice cannot represent (a memristor
// model without a SPICE form).
std::string exportSpice(const Circuit& circuit, const SpiceExportOptions& options);

// The ngspice vector for one of our probes: "V(a)" -> "v(a)", "I(V1)" ->
// "i(vv1)", "I(M1)" -> "i(vm1_i)", "x(M1)" -> "v(x_m1)" (normalised state).
std::string spiceVector(const Circuit& circuit, const std::string& probe);

// Model ids exportSpice can write.
std::vector<std::string> spiceMemristorModels();

}  // namespace ms::circuit
