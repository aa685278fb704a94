// Supervised Hebbian learning on Iris: each feature, min-max scaled to [0, 1]
// on the training set, is encoded by Gaussian receptive fields (Bohte, Kok &
// La Poutre, Neurocomputing 48:17, 2002: centres evenly over the range) whose
// responses set Poisson rates. The inputs project all-to-all onto one
// conductance LIF neuron per class. During training a teacher current drives
// the correct output and a negative current silences the others, so only
// the correct output's synapses see postsynaptic spikes; the Diehl & Cook
// trace rule potentiates the inputs active around those spikes, and
// normalising each neuron's incoming weights to a fixed sum makes them
// compete (Diehl & Cook 2015). Testing: no teacher, learning off; the class
// is the output with the most spikes.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/data/Dataset.h"
#include "core/sim/Frames.h"
#include "core/snn/SynapseChoice.h"

namespace ms::snn {

struct IrisHebbianOptions {
    int fieldsPerFeature = 4;
    double fieldWidth = 0.0;      // Gaussian sigma in scaled units; 0: 1/(fieldsPerFeature-1) / 1.5 (Bohte's beta = 1.5)
    double maxRate = 100.0;       // Hz at a field's centre
    double presentation = 0.2;    // s per example
    double rest = 0.05;           // s of silence between examples
    double dt = 0.5e-3;           // s
    double teacher = 30e-3;       // V (R*I) on the correct output during training
    double silence = -60e-3;      // V (R*I) on the other outputs during training
    double weightSum = 4.0;       // incoming weights per output after normalisation
    int epochs = 8;
    std::uint64_t seed = 1;
    // Abstract: the Diehl & Cook trace rule on unitless weights. A device:
    // weights are k_w G; device_stdp keeps the normalisation (each device
    // written to its rescaled conductance), stochastic binary devices do not
    // (a binary device cannot hold a rescaled value).
    SynapseChoice synapse;
};

struct IrisHebbianResult {
    double trainAccuracy = 0, testAccuracy = 0;
    Eigen::MatrixXd weights;      // inputs x classes (S for a device synapse)
    Eigen::MatrixXi confusion;    // true class x predicted (test)
};

// Gaussian receptive-field rates (Hz) of one example already scaled to [0, 1].
std::vector<double> receptiveFieldRates(const Eigen::VectorXd& x, int fieldsPerFeature, double sigma, double maxRate);

// Streams "accuracy" (epoch, train accuracy), "weights" (input, class, w) at
// the end (w in S for a device synapse), scalars train_accuracy /
// test_accuracy, and progress; for a device synapse also "stdp_window" at the
// start (device_stdp) and "conductance_histogram" at the end.
IrisHebbianResult runIrisHebbian(const Dataset& train, const Dataset& test, const IrisHebbianOptions& o,
                                 FrameSink& sink, const StopToken& stop);

}  // namespace ms::snn
