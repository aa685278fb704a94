// ANN vs SNN on one memristor crossbar, measured (issue 16; the review of Xu,
// Wang & Yan 2021, Table 6, says SNN energy efficiency is "better").
//
// One trained bias-free ReLU MLP (AnnToSnn.h) is mapped once onto
// differential conductance pairs of one device: for layer l with largest
// weight magnitude s_l,
//     G+ = G_min + (G_max - G_min) max(w, 0) / s_l,
//     G- = G_min + (G_max - G_min) max(-w, 0) / s_l,
// so w = s_l (G+ - G-) / (G_max - G_min) exactly. The same cells then serve
//   (a) the ANN: one inference reads every cell of every layer once, each read
//       costing V_read^2 G t_read (Joule heating of the cell during the read);
//       plus one ADC conversion and activation per neuron (a stated cost);
//   (b) the converted SNN (Diehl et al. 2015; Diehl's normalisation only
//       rescales each layer, which the threshold absorbs, so the conductances
//       are the ANN's): a spike of presynaptic neuron i reads its row of cells
//       (i's weights to every neuron of the next layer, both cells of each pair)
//       for one step, E_i = V_read^2 t_read sum_j (G+_ji + G-_ji); plus one
//       integrate-and-compare per neuron per time step (a stated cost).
// Operations: MACs (one per weight) for the ANN, synaptic events (one
// accumulate per delivered spike and target) for the SNN.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/data/Dataset.h"
#include "core/sim/Frames.h"
#include "core/snn/experiments/AnnToSnn.h"
#include "core/snn/experiments/DiehlCook.h"

namespace ms::snn {

// The device as the crossbar sees it: its conductance range at the read
// voltage and the read itself.
struct CrossbarReadModel {
    double gMin = 1e-6;         // S
    double gMax = 1e-4;         // S
    double readVoltage = 0.1;   // V
    double readTime = 10e-9;    // s
    // V_read^2 G t_read: energy dissipated in a cell of conductance G during one read.
    double cellReadEnergy(double g) const { return readVoltage * readVoltage * g * readTime; }
};

// Costs of the neurons, stated (not from the device).
struct NeuronCosts {
    double annPerNeuron = 2e-12;      // J per ANN neuron per inference (ADC conversion + ReLU)
    double snnPerNeuronStep = 0.1e-12; // J per IF neuron per time step (integrate, compare, reset)
};

struct ConductancePairLayer {
    Eigen::MatrixXd gPlus, gMinus;  // outputs x inputs, S
    double weightScale = 1;         // s_l: w = s_l (G+ - G-) / (G_max - G_min)
    Eigen::VectorXd rowEnergy;      // per presynaptic neuron: energy of one event (reads its row), J
};

// Maps each weight matrix onto a differential pair per weight.
std::vector<ConductancePairLayer> mapToConductancePairs(const ReluMlp& mlp, const CrossbarReadModel& device);

// The weights the crossbar realises (for accuracy through the conductances).
ReluMlp weightsFromConductances(const std::vector<ConductancePairLayer>& layers, const CrossbarReadModel& device);

struct AnnMeasurement {
    double accuracy = 0;
    int layers = 0;              // weight layers: the passes of one inference
    double macs = 0;             // per inference
    double readEnergy = 0;       // J per inference: every cell read once
    double neuronEnergy = 0;     // J per inference
    double energy() const { return readEnergy + neuronEnergy; }
};

AnnMeasurement measureAnn(const ReluMlp& mlp, const std::vector<ConductancePairLayer>& layers,
                          const CrossbarReadModel& device, const NeuronCosts& costs, const Dataset& test);

struct SnnWindow {
    int steps = 100;              // time steps per digit (the window)
    double dt = 1e-3;             // s per step
    double maxRate = 1000;        // Hz of the Poisson input at full intensity
    double threshold = 1.0;       // IF threshold after normalisation
    int decisionMargin = 3;       // spikes the winner must lead by, from the decision to the window's end
    std::uint64_t seed = 1;
};

struct SnnMeasurement {
    double accuracy = 0;          // the unique top output at the window's end is the label
    double decidedFraction = 0;   // digits whose winner leads by the margin at the end
    double decisionSteps = 0;     // mean over decided digits: steps until the winner leads by the margin for good
    double synapticEvents = 0;    // per digit (accumulates)
    double inputSpikes = 0;       // per digit
    double readEnergy = 0;        // J per digit
    double neuronEnergy = 0;      // J per digit
    double energy() const { return readEnergy + neuronEnergy; }
};

// The converted network (normalised weights) run for the window on each
// digit of `test` (features in [0, 1]); the row energies come from `layers`.
SnnMeasurement measureConvertedSnn(const ReluMlp& normalised, const std::vector<ConductancePairLayer>& layers,
                                   const NeuronCosts& costs, const Dataset& test, const SnnWindow& w,
                                   const StopToken& stop);

// (c) Diehl & Cook's STDP network (DiehlCook.h) trained on `train`, labelled
// on `label`, tested on `test`. Its input weights (all positive) go onto
// single cells, G = G_min + (G_max - G_min) w / w_max; an input spike reads
// its row, priced here at the mean cell's read energy per synaptic event
// (the engine counts events, not which row they came from). The fixed
// exc -> inh -> exc connections are not priced. Every neuron (excitatory and
// inhibitory) updates every step of presentation and rest.
struct StdpMeasurement {
    double accuracy = 0;
    double synapticEvents = 0;   // input -> excitatory, per test digit
    double steps = 0;            // presentation + rest, per digit
    double presentation = 0;     // s: its fixed decision window
    double readEnergy = 0, neuronEnergy = 0;  // J per digit
    double energy() const { return readEnergy + neuronEnergy; }
};
StdpMeasurement measureStdpSnn(const Dataset& train, const Dataset& label, const Dataset& test,
                               const DiehlCookOptions& o, const CrossbarReadModel& device, const NeuronCosts& costs,
                               const StopToken& stop);

// Pixels below `threshold` set to 0 (the rest kept): a sparser input.
Dataset thresholdInputs(const Dataset& d, double threshold);
double zeroFraction(const Dataset& d);

// The rows of the review's Table 6 the studio measures, in the order of the
// series "table6" (column "row"); the other rows are the review's text only.
enum class Table6Row { Accuracy = 0, LatencySteps = 1, LatencySeconds = 2, Operations = 3, EnergyPj = 4, Ratio = 5 };

// The first axis value (linear interpolation) where ratio - 1 changes sign,
// or NaN when it does not.
double ratioCrossesOneAt(const std::vector<double>& axis, const std::vector<double>& ratio);

}  // namespace ms::snn
