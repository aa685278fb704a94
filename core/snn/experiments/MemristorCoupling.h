// Two identical dimensionless neurons coupled through a flux-controlled
// memristor (Volos, Kyprianidis, Stouboulos, Tlelo-Cuautle & Vaidyanathan,
// "Memristor: a new concept in synchronization of coupled neuromorphic
// circuits", J. Eng. Sci. Technol. Rev. 8(2):157, 2015).
//
// With neuron k's state (x_k, y_k[, z_k]) obeying its own model (Hindmarsh-
// Rose or FitzHugh-Nagumo, core/snn/neurons/ReducedNeurons.h) plus a coupling
// current, the memristor across the two membranes (v = x1 - x2) gives
//   i       = W(phi) (x1 - x2)                (W = a + 3 b phi^2 for flux_cubic)
//   input_1 = I + k W(phi) (x2 - x1) = I - k i
//   input_2 = I + k W(phi) (x1 - x2) = I + k i
//   dphi/dt = x1 - x2
// Everything is dimensionless (Volos's normalised circuit equations): the
// device's a and b enter by their numbers. The system is integrated with
// classic RK4 at a fixed step; the flux is held within the device's bounds.
#pragma once

#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/devices/MemristorModel.h"
#include "core/sim/Frames.h"

namespace ms::snn {

// Neuron models the coupling engine integrates, and their state variables
// (dimension 3 for Hindmarsh-Rose, 2 for FitzHugh-Nagumo).
bool isCouplableNeuron(const std::string& modelId);
std::size_t couplableNeuronDimension(const std::string& modelId);
// Neuron 1's and neuron 2's default starting states (apart, so the run shows
// the approach to synchrony or its absence).
std::vector<double> defaultCoupledStart(const std::string& modelId, const ParamValues& params, int neuron);

struct CouplingOptions {
    std::string neuronModel;        // "hindmarsh_rose" | "fitzhugh_nagumo"
    ParamValues neuronParams;       // complete (registry defaults + preset + overrides)
    double coupling = 0.5;          // k
    double duration = 2000;         // model time units
    double dt = 0.01;               // model time units
    std::size_t samples = 4000;     // trace rows at most
    double syncTolerance = 1e-3;    // mean |x1 - x2| over the last half below which the pair counts as synchronised
    std::vector<double> start1, start2;  // initial states, model dimension each
};

struct CouplingResult {
    double meanAbsError = 0;  // mean |x1 - x2| over the last half of the run
    double maxAbsError = 0;   // max |x1 - x2| over the last half
    std::size_t spikes1 = 0, spikes2 = 0;
    bool synchronised = false;
    double finalFlux = 0, finalMemductance = 0;
    std::size_t clippedSteps = 0;  // steps whose flux the device's bounds held
};

// Streams series "trace" (t, x1, y1[, z1], x2, y2[, z2], phi, W, e) and
// "spikes" (neuron, t), scalars, and returns the summary. `memristor` is a
// flux-controlled device (its state is the flux); throws SimulationError if
// the states diverge, Cancelled on stop.
CouplingResult runMemristorCoupling(const CouplingOptions& o, const MemristorModel& memristor, FrameSink& sink,
                                    const StopToken& stop);

}  // namespace ms::snn
