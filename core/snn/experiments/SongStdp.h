// Song, Miller & Abbott (Nat. Neurosci. 3:919, 2000), as in Brian2's
// examples/synapses/STDP: N Poisson inputs at a fixed rate drive one
// conductance LIF neuron through pair-STDP synapses with hard bounds
// [0, gmax]. Competition between the inputs for the control of the output
// spike times drives the weights to the bounds: the histogram becomes bimodal.
#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/Frames.h"

namespace ms::snn {

struct SongStdpOptions {
    std::size_t inputs = 1000;
    double inputRate = 15.0;     // Hz
    double duration = 100.0;     // s simulated (Brian2's example)
    double dt = 0.1e-3;          // s (Brian2's default clock)
    double gmax = 0.01;          // dimensionless conductance bound
    double tauM = 10e-3, tauE = 5e-3;                  // s
    double eL = -74e-3, vTh = -54e-3, vReset = -60e-3, eE = 0.0;  // V
    double tauPre = 20e-3, tauPost = 20e-3;            // s
    double aPreOverGmax = 0.01;  // dApre = 0.01 gmax; dApost = -1.05 dApre tauPre/tauPost
    double depressionRatio = 1.05;
    std::size_t bins = 20;       // histogram bins over [0, gmax]
    double snapshotEvery = 5.0;  // s between streamed histograms
    std::uint64_t seed = 1;
};

struct SongStdpResult {
    std::vector<double> weights;        // final, in units of gmax (0..1)
    std::vector<double> histogram;      // fraction of synapses per bin, over [0, 1] of gmax
    double fractionLow = 0;             // w < 0.2 gmax
    double fractionHigh = 0;            // w > 0.8 gmax
    double fractionMiddle = 0;          // the rest
    double outputRate = 0;              // Hz over the last snapshot interval
    double simulatedSeconds = 0;
};

// Streams "histogram" (t, bin centre / gmax, fraction), "rate" (t, output Hz),
// scalars fraction_low / fraction_middle / fraction_high, and progress.
SongStdpResult runSongStdp(const SongStdpOptions& o, FrameSink& sink, const StopToken& stop);

}  // namespace ms::snn
