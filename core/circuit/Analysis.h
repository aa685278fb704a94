// Analyses on a compiled circuit: DC operating point (Newton-Raphson with
// damping, source stepping as fallback) and transient (TR-BDF2 with local
// error control, landing on source breakpoints). Memristor states are
// unknowns of the same equations, integrated with the same steps and error
// control as the node voltages.
#pragma once

#include <string>
#include <vector>

#include "core/circuit/Circuit.h"
#include "core/sim/Frames.h"

namespace ms::circuit {

struct Tolerances {
    double relTol = 1e-5;       // relative, every unknown
    double vAbsTol = 1e-7;      // V
    double iAbsTol = 1e-13;     // A
    double stateAbsTol = 1e-7;  // fraction of the state range
};

// The DC operating point at time t (sources at their value at t), with the
// memristor states held at their present values (a memristor has no DC
// state: dx/dt = 0 only in a dead zone). Capacitors are open. Updates
// circuit.present(). Throws SimulationError if Newton fails even with source
// stepping, naming the equation and the element dominating its residual.
Solution dcOperatingPoint(Circuit& circuit, double t = 0.0, const Tolerances& tol = {});

struct CircuitTransientOptions {
    double duration = 0.0;       // s; 0: the longest natural duration of the sources
    Tolerances tol;
    std::size_t samples = 1000;  // output rows evenly spaced in time (plus t = 0), landed on exactly; 0: every step
    double maxStep = 0.0;        // s; 0: duration / 50 and 1/50 of the fastest source's feature time
    // Columns to stream: "V(node)", "I(element)", "x(memristor)", or a bare
    // node name. Empty: every node voltage, element current and state.
    std::vector<std::string> probes;
    bool startFromDc = true;     // false: start from circuit.present() as it is
};

struct CircuitTransientSummary {
    std::size_t acceptedSteps = 0, rejectedSteps = 0, newtonIterations = 0;
    Solution final;
};

// Streams series `seriesId` with columns t then the probes. The circuit's
// present solution (and so its memristor states) is the final point.
// Throws InputError for unknown probes or bad options, SimulationError when
// Newton fails or the step size underflows (naming the time), Cancelled on
// stop.
CircuitTransientSummary runTransient(Circuit& circuit, const CircuitTransientOptions& options, FrameSink& sink,
                                     const StopToken& stop, const std::string& seriesId = "circuit");

}  // namespace ms::circuit
