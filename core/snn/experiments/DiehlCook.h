// Unsupervised digit learning after Diehl & Cook (Front. Comput. Neurosci.
// 9:99, 2015): Poisson inputs -> N excitatory conductance LIF cells with
// adaptive thresholds (all-to-all, plastic, delays U[0,10) ms) -> N inhibitory
// cells one-to-one (10.4) -> every other excitatory cell (17.0). Labels are
// assigned after training from responses with learning frozen; a test digit
// is the class whose assigned neurons fire most on average.
//
// Choices (see reference note, "traps"): neurons are integrated with the
// exact exponential-Euler step instead of the original forward Euler; the
// `timer` gate of the Brian2 port is not modelled (as in the original Brian1
// run, where it had no effect); labels come from a separate labelling pass
// (as in the Brian2 port).
//
// Synapses (docs/snn-synapses.md): abstract weights learn by the trace rule;
// a device synapse (device_stdp, stochastic_binary) replaces that rule on the
// input projection, its weights are k_w G, and the weight images, the
// returned weights and a conductance histogram are in siemens. device_stdp
// keeps the normalisation before each example (each device written to its
// rescaled conductance, as for Iris); binary devices are not normalised.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include <Eigen/Core>

#include "core/common/ParamSpec.h"
#include "core/data/Dataset.h"
#include "core/sim/Frames.h"
#include "core/snn/Network.h"
#include "core/snn/SpikeSources.h"
#include "core/snn/SynapseChoice.h"

namespace ms::snn {

struct DiehlCookOptions {
    std::size_t excitatory = 100;
    double dt = 0.5e-3;            // s (the paper's)
    double presentation = 0.35;    // s per example
    double rest = 0.15;            // s of silence after each example
    // Rate of a pixel at full intensity (Hz). Diehl & Cook: 255/4 = 63.75 Hz
    // for 784 inputs. 0 = scale it by 784 / inputs so the total input drive of
    // a smaller image matches theirs.
    double maxRate = 0.0;
    double retryRateStep = 0.5;    // fraction of maxRate added per retry (intensity 2 -> 3)
    int minSpikes = 5;             // retry an example that drew fewer excitatory spikes
    int maxRetries = 4;
    double weightSum = 78.0;       // per neuron, for 784 inputs (scaled by inputs / 784)
    double wExcToInh = 10.4, wInhToExc = 17.0;
    double maxDelay = 10e-3;       // input delays U[0, maxDelay)
    int epochs = 1;
    std::uint64_t seed = 1;
    ParamValues stdp;              // overrides of the "diehl_cook" rule
    ParamValues excitatoryParams;  // overrides of the "lif_cond" dc_excitatory preset (e.g. theta_plus)
    std::string plasticityRule = "diehl_cook";
    std::size_t weightSnapshotEvery = 0;  // stream "weights" every N training examples (0: only at the end)
    bool streamRaster = false;     // stream excitatory spikes as "raster" (t, neuron)
    // Running accuracy during training (Diehl & Cook's update_interval): every
    // N examples, labels assigned from the previous N responses predict the
    // current N (0: off). Streamed as "accuracy" rows with set = 0.
    std::size_t accuracyEvery = 0;
    SynapseChoice synapse;         // abstract: plasticityRule with `stdp`
};

// The network itself, for experiments and the benchmark.
class DiehlCookNetwork {
public:
    DiehlCookNetwork(std::size_t inputs, const DiehlCookOptions& o);
    // Presents one example (features in [0, 1]); returns excitatory spike
    // counts. Retries with higher rates if too few spikes, rests afterwards.
    std::vector<std::uint64_t> present(const Eigen::VectorXd& x, bool learn, const StopToken* stop);
    Network& network() { return net_; }
    Projection& inputWeights() { return *input_; }
    NeuronGroup& excitatory() { return *exc_; }
    SpikeMonitor& excitatorySpikes() { return *excSpikes_; }
    std::size_t inputs() const { return inputs_; }
    double maxRate() const { return rate_; }
    // Siemens per unit of input weight (1 for abstract weights).
    double siemensPerWeight() const { return o_.synapse.siemensPerWeight(); }

private:
    void startDevices(std::mt19937_64& rng);
    DiehlCookOptions o_;
    std::size_t inputs_;
    double rate_;
    Network net_;
    PoissonGroup* in_ = nullptr;
    NeuronGroup* exc_ = nullptr;
    NeuronGroup* inh_ = nullptr;
    Projection* input_ = nullptr;
    SpikeMonitor* excSpikes_ = nullptr;
};

struct DiehlCookResult {
    double accuracy = 0;                 // on `test`
    std::vector<int> assignments;        // class per excitatory neuron (-1: never fired)
    Eigen::MatrixXd weights;             // inputs x neurons, after training (S for a device synapse)
    std::size_t trainingPresentations = 0;
    double simulatedSeconds = 0;
    // Test phase: synaptic events (input -> excitatory accumulates delivered)
    // and excitatory spikes per test example; an ANN layer of the same shape
    // needs inputs x neurons multiply-accumulates per example.
    double eventsPerTestExample = 0;
    double spikesPerTestExample = 0;
    std::size_t annMacsPerExample = 0;
};

// Trains on `train` (features scaled to [0, 1]), assigns labels on `label`,
// evaluates on `test`. Streams "accuracy" (examples, accuracy, set: 0 running
// on training examples, 1 held-out test), "weights" (one row per neuron:
// example, neuron, w0 .. w<inputs-1>; in S for a device synapse) with
// "histogram" (t, w / w_max, fraction) of the same snapshot, "rate" (t,
// excitatory population rate of each training example, Hz), optional
// "raster" (t, neuron) once per example, "assignment" (neuron, class) after
// labelling, for a device synapse "conductance_histogram" (G S, count) at the
// end, scalar "accuracy" and progress.
// Diehl & Cook's readout: each neuron takes the class whose examples made it
// fire most on average (-1: never fired); a prediction is the class whose
// assigned neurons fire most on average.
std::vector<int> assignLabels(const std::vector<std::vector<std::uint64_t>>& counts, const std::vector<int>& labels,
                              int classes);
int predictClass(const std::vector<std::uint64_t>& counts, const std::vector<int>& assignment, int classes);

DiehlCookResult runDiehlCook(const Dataset& train, const Dataset& label, const Dataset& test,
                             const DiehlCookOptions& o, FrameSink& sink, const StopToken& stop);

}  // namespace ms::snn
