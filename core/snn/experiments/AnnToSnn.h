// ANN-to-SNN conversion after Diehl, Neil, Binas, Cook, Liu & Pfeiffer,
// "Fast-classifying, high-accuracy spiking deep networks through weight and
// threshold balancing" (IJCNN 2015): a bias-free ReLU MLP becomes layers of
// integrate-and-fire neurons (threshold 1, reset to zero, no leak) fed by
// Poisson rate-coded inputs; data-based normalisation scales layer l's
// weights by lambda_{l-1} / lambda_l, lambda_l being the largest ReLU
// activation of layer l on the training data, so no neuron needs to fire
// faster than once per step. The class is the output neuron with most spikes.
// Energy is compared through operation counts: each delivered spike is one
// accumulate (AC) in the SNN, each weight one multiply-accumulate (MAC) in
// the ANN.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/data/Dataset.h"
#include "core/sim/Frames.h"

namespace ms::snn {

// Weight matrices (outputs x inputs), no biases; ReLU between layers.
struct ReluMlp {
    std::vector<Eigen::MatrixXd> weights;
    Eigen::VectorXd forward(const Eigen::VectorXd& x) const;  // output pre-activations
    std::size_t macs() const;                                 // multiply-accumulates per example
};

// Plain SGD with softmax cross-entropy (He initialisation, seeded). Features in [0, 1].
ReluMlp trainReluMlp(const Dataset& train, const std::vector<int>& hidden, int epochs, double learningRate,
                     std::uint64_t seed);
double mlpAccuracy(const ReluMlp& mlp, const Dataset& data);

// Diehl et al.'s data-based normalisation (max activation per layer).
ReluMlp normaliseForSnn(const ReluMlp& mlp, const Dataset& train);

struct ConversionOptions {
    double dt = 1e-3;          // s
    double maxRate = 1000.0;   // Hz at intensity 1 (Diehl et al.: rates proportional to intensity)
    double duration = 0.1;     // s per example
    double checkpoint = 5e-3;  // s between accuracy readings
    double threshold = 1.0;    // IF threshold (after normalisation)
    // Energy per operation, 45 nm, 32-bit float (Horowitz, ISSCC 2014):
    // add 0.9 pJ (one AC per synaptic event), multiply 3.7 pJ + add 0.9 pJ (one MAC).
    double energyPerAc = 0.9e-12;   // J
    double energyPerMac = 4.6e-12;  // J
    std::uint64_t seed = 1;
};

struct ConversionPoint {
    double time = 0;                     // s of simulated presentation
    double accuracy = 0;                 // SNN, on the test set
    double eventsPerExample = 0;         // synaptic events (accumulates) delivered
    std::vector<double> spikesPerLayer;  // mean spikes per example, input first
    double snnEnergy = 0, annEnergy = 0; // J per example
};

struct ConversionResult {
    double annAccuracy = 0;
    std::size_t macsPerExample = 0;
    std::vector<ConversionPoint> points;
};

// Streams "accuracy" (t, snn accuracy, ann accuracy), "operations" (t,
// events per example, MACs per example), scalars and progress.
ConversionResult runAnnToSnn(const ReluMlp& normalised, const ReluMlp& original, const Dataset& test,
                             const ConversionOptions& o, FrameSink& sink, const StopToken& stop);

}  // namespace ms::snn
