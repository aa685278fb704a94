// Song, Miller & Abbott (Nat. Neurosci. 3:919, 2000), as in Brian2's
// examples/synapses/STDP: N Poisson inputs at a fixed rate drive one
// conductance LIF neuron through pair-STDP synapses with hard bounds
// [0, gmax]. Competition between the inputs for the control of the output
// spike times drives the weights to the bounds: the histogram becomes bimodal.
// The synapses can instead be memristors (SynapseChoice, docs/snn-synapses.md):
// each weight is k_w G, learning is what the device does under overlapping
// spike waveforms (device_stdp) or random ON/OFF switching (stochastic_binary),
// and the bounds are the device's conductance range.
#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/Frames.h"
#include "core/snn/SynapseChoice.h"

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
    // Abstract (default): pair STDP on [0, gmax] with the A's above. A device:
    // weights k_w G on the device's range, gmax and the A's play no part, and
    // the devices start uniformly over their range (a binary device ON with
    // probability u), as the abstract weights start at u gmax.
    SynapseChoice synapse;
};

struct SongStdpResult {
    // Positions in the weight range: w / gmax, or (G - G_min) / (G_max - G_min) for a device.
    std::vector<double> weights;        // final, 0..1
    std::vector<double> conductances;   // final G (S), device synapses only
    std::vector<double> histogram;      // fraction of synapses per bin over the range (binary: OFF, ON)
    double gMin = 0, gMax = 0;          // the device's conductance range (S), device synapses only
    double fractionLow = 0;             // below 0.2 of the range
    double fractionHigh = 0;            // above 0.8 of the range
    double fractionMiddle = 0;          // the rest
    double outputRate = 0;              // Hz over the last snapshot interval
    double simulatedSeconds = 0;
};

// Streams "histogram" (t, bin centre w in gmax, fraction), "rate" (t, output
// Hz), scalars fraction_low / fraction_middle / fraction_high, output_rate and
// progress. With a device the histogram's w column is the bin centre's
// conductance in siemens over [G_min, G_max] (binary: two bars, G_off and
// G_on), "conductance_histogram" (G S, count) follows at the end, and scalars
// G_min / G_max give the range. The stdp_window series is the kind's (it is
// emitted before the run).
SongStdpResult runSongStdp(const SongStdpOptions& o, FrameSink& sink, const StopToken& stop);

}  // namespace ms::snn
