// Experiments on synapse cells (issue 4, "Experiments"): core functions that
// stream through a FrameSink, for the experiment kinds to call.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/circuit/Analysis.h"
#include "core/circuit/SynapseCell.h"
#include "core/sim/Frames.h"

namespace ms::circuit {

// --- LTP/LTD weight curve ---------------------------------------------------
// `ltpPulses` pulses of `ltpAmplitude` then `ltdPulses` of `ltdAmplitude` on
// the cell's programming source, each `width` long; the weight is read from
// the device states after each pulse. Series "weight": pulse, phase (+1 LTP,
// -1 LTD), V, w, then R of each device (ohm). Scalars: w_initial, w_max,
// w_min, w_final.
struct PulseCurveOptions {
    double ltpAmplitude = 1.0, ltdAmplitude = -1.0;  // V
    double width = 1e-3;                             // s
    std::size_t ltpPulses = 20, ltdPulses = 20;
    Tolerances tol;
    // Non-identical trains (a designed train, core/sim/PulseDesigner.h): one
    // entry per pulse of each branch; an empty list keeps the branch's
    // amplitude or `width` for every pulse.
    std::vector<double> ltpAmplitudes, ltdAmplitudes;  // V
    std::vector<double> ltpWidths, ltdWidths;          // s
};
std::vector<double> runCellPulseCurve(const CellCircuit& cell, const PulseCurveOptions& options, FrameSink& sink, const StopToken& stop);

// --- STDP window ------------------------------------------------------------
// A pre-synaptic spike on the device's top terminal, a post-synaptic spike on
// its bottom terminal, Delta t = t_post - t_pre apart. Each spike is the
// bipolar shape of the memristive-STDP literature (Linares-Barranco &
// Serrano-Gotarredona 2009; Zamarreno-Ramos et al., Front. Neurosci. 5, 26,
// 2011): a short positive pulse A+ of width tPlus, then a negative tail
// -A- exp(-s / tau) decaying over tTail. Neither spike alone exceeds the
// device's threshold; their overlap (V_pre - V_post across the device) does,
// by an amount that decays with |Delta t|. Delta w = (G_after - G_before) /
// G_before at the read voltage. Series "stdp": dt (s), dw. Potentiation for
// Delta t > 0 needs a device whose conductance rises under negative voltage
// (VTEAM's convention); `polarity` = -1 swaps the terminals for the opposite.
struct SpikeShape {
    // Defaults suit the analog VTEAM preset (thresholds +-0.8 V): each spike
    // alone stays below threshold, the overlap reaches 1.2 V.
    double aPlus = 0.6, tPlus = 1e-4;                   // V, s
    double aMinus = 0.6, tau = 5e-4, tTail = 2e-3;      // V, s, s
};
struct StdpOptions {
    SpikeShape spike;
    std::vector<double> deltaT;   // s
    double readVoltage = 0.1;     // V
    double polarity = 1.0;        // +1: memristor p on the pre line; -1: on the post line
    Tolerances tol;
};
struct StdpPoint {
    double dt, dw;
};
std::vector<StdpPoint> runStdpWindow(const DeviceSpec& device, const StdpOptions& options, FrameSink& sink,
                                     const StopToken& stop);
// The circuit of one spike pair, Delta t apart: sources Vpre (node "pre") and
// Vpost (node "post") with PWL spikes, memristor M1 between them (a fresh
// device), and how long the pair lasts. runStdpWindow simulates exactly this
// for every Delta t; the SPICE export writes it.
struct StdpPairCircuit {
    Netlist netlist;
    double duration = 0.0;  // s
};
StdpPairCircuit stdpPairCircuit(const DeviceSpec& device, const StdpOptions& options, double deltaT);
// The spike voltage `s` seconds after its onset (0 outside the spike).
double spikeVoltage(const SpikeShape& shape, double s);

// --- Write-verify programming (Alibart, Gao & Strukov, Nanotechnology 23,
// 075201, 2012) -------------------------------------------------------------
// Read the cell's conductance (|I| / V_read of its read element with the
// program source at V_read); while it is outside target (1 +- tolerance),
// apply a pulse toward the target: the first pulse in a direction has the
// start amplitude, each further one in the same direction `step` more (up
// to vMax); a change of direction restarts from the start amplitude.
// Series "write_verify": pulse, V, G (S), error (relative). Scalars:
// pulses_used, final_error, final_conductance, converged (0/1).
struct WriteVerifyOptions {
    double targetConductance = 0.0;  // S
    double tolerance = 0.02;         // relative
    double setStart = 1.0, resetStart = -1.0;  // V: first pulse that raises / lowers G
    double step = 0.05;              // V added per pulse in one direction
    double vMax = 3.0;               // V, magnitude limit
    double width = 1e-6;             // s
    std::size_t maxPulses = 500;
    Tolerances tol;
};
struct WriteVerifyResult {
    std::size_t pulses = 0;
    double finalConductance = 0.0, finalError = 0.0;
    bool converged = false;
};
// `circuit` is compiled from cell.netlist and keeps the programmed state.
WriteVerifyResult runWriteVerify(const CellCircuit& cell, Circuit& circuit, const WriteVerifyOptions& options,
                                 FrameSink& sink, const StopToken& stop);
// The conductance a read sees: |I(readCurrentElement)| / V_read, DC.
double readConductance(const CellCircuit& cell, Circuit& circuit);

}  // namespace ms::circuit
