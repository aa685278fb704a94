// Everything an ANN-on-crossbar run is configured by (issue 6): network shape,
// training mode, device model, mapping onto tiles, periphery, non-idealities
// and mitigations. Plain data, SI units; the "ann_training" experiment kind
// fills it from JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/synapses/Retention.h"

namespace ms {

// Threshold: the 1-bit neuron of MLP_NeuroSim V3.0 (Train.cpp: da1 = round_th(sigmoid(z), 0.5)),
// outputs 0 or 1 forward; its gradient is the sigmoid's (straight through).
enum class Activation { Sigmoid, Tanh, ReLU, Threshold };
// HeXavier: uniform, He (ReLU) or Xavier (sigmoid/tanh) bound times initScale.
// NeuroSimThirds: MLP_NeuroSim V3.0 Mapping.cpp WeightInitialize, w = (rand() % 7 - 3) / 3 of
// the weight range: uniform over the seven levels -1, -2/3, ..., 1 times wMax (biases 0).
enum class WeightInit { HeXavier, NeuroSimThirds };
enum class OutputLoss { SoftmaxCrossEntropy, SigmoidSquaredError };  // the latter: dw = -r d(y - y*)^2/dw

// A small CNN (one convolution, ReLU, 2x2 max pooling) before the dense layers.
struct ConvSpec {
    bool enabled = false;
    int filters = 8;
    int kernel = 3;  // square, stride 1, no padding
};

struct NetworkSpec {
    std::vector<int> layerSizes = {64, 32, 10};  // inputs, hidden..., outputs (after the conv stage when enabled)
    Activation hidden = Activation::ReLU;
    OutputLoss loss = OutputLoss::SoftmaxCrossEntropy;
    ConvSpec conv;                                // image input: channels 1, size from the data set
    bool bias = true;                             // false: dense layers without a bias input (MLP_NeuroSim)
    WeightInit init = WeightInit::HeXavier;
};

enum class TrainingMode {
    Float,          // software baseline
    ExSitu,         // float training, then programming the devices
    InSitu,         // every update applied as device pulses
    HardwareAware,  // float training with weight noise injected, then programming
};

enum class UpdateRule {
    Manhattan,     // one pulse of sign(dW) (Prezioso 2015), above a threshold
    Proportional,  // round(dW / dw_pulse) pulses (NeuroSim), capped
    Stochastic,    // pulse count rounded stochastically: E[n dw] = dW (aihwkit-like, unbiased)
};

enum class WeightMapping {
    Differential,     // w = k (G+ - G-)
    ReferenceColumn,  // w = 2k (G - Gref), Gref = (Gmax + Gmin)/2 in a shared column
};

// IR drop through the exact crossbar solver (slower; see IrDropMvm.h).
struct IrDropSpec {
    bool enabled = false;
    double rWireRow = 1.0, rWireCol = 1.0;  // ohm per wire segment between cells
    double rDriver = 0.0, rSense = 0.0;     // ohm; 0 = ideal driver / virtual ground
    double readVoltage = 0.2;               // V on a row at full-scale input
    int refreshCalls = 256;                 // in situ: exact re-solve at least every this many tile reads
    bool compensation = false;              // mitigation: per-column sense gain trim
};

struct AnalogSpec {
    std::string synapseModel = "neurosim_nl";
    std::string synapsePreset;   // "" = model defaults
    ParamValues synapseParams;   // overrides
    WeightMapping mapping = WeightMapping::Differential;
    int tileRows = 128, tileCols = 128;  // crossbar tile size (rows = inputs incl. bias)
    double wMax = 2.0;           // weight at full conductance swing (in situ); ex situ uses max|W| per layer
    int dacBits = 0, adcBits = 0;  // 0 = ideal
    double adcBound = 12.0;      // ADC full scale, in units of wMax at unit input (aihwkit out_bound)
    std::vector<double> adcBounds;  // per weight layer (overrides adcBound); empty = adcBound for all
    // Gain of the read path, after the ADC (forward passes only; the update uses the
    // weights). MLP_NeuroSim's analog read (Train.cpp: CurrentToDigits over the whole
    // column span IsumMax - IsumMin minus the mid-range reference column's digits,
    // scaled by pSumMaxAlgorithm = rows) yields half of sum(w x): readGain 0.5 mirrors it.
    double readGain = 1.0;
    // Non-idealities beyond the device model.
    double stuckOffProbability = 0.0, stuckOnProbability = 0.0;
    DriftSpec drift;
    double inferenceTime = 0.0;  // s after programming at which accuracy is read
    ReadNoiseSpec readNoise;
    IrDropSpec irDrop;
    // Update (in situ).
    UpdateRule rule = UpdateRule::Stochastic;
    double manhattanThreshold = 0.0;  // |dW| below threshold * dw_pulse gets no pulse
    int maxPulsesPerUpdate = 32;
    // false: one nominal step for both directions, from the fewer of the model's level
    // counts; true: potentiation counts in LTP levels, depression in LTD levels (NeuroSim
    // RealDevice::Write: numPulse = dW / range * maxNumLevelLTP or maxNumLevelLTD).
    bool levelsPerDirection = false;
    // Mitigations.
    bool bipolarPulses = false;  // potentiate one device of the pair and depress the other
    int fuSegments = 0;          // > 0: Fu 2019 non-identical pulses with that many segments
    int devicesPerWeight = 1;    // redundancy: the weight is the mean of N device pairs, each in its own tile row
    bool writeVerify = false;    // ex situ: read back and correct
    double verifyTolerance = 0.5;  // in units of one nominal step
    int verifyMaxIterations = 20;
    bool driftCompensation = false;  // global output gain recalibrated at the read time (aihwkit)
    // Write energy per pulse V^2 G t (NeuroSim).
    double writeVoltage = 3.2;   // V
    double pulseWidth = 300e-6;  // s
};

struct TrainingSpec {
    TrainingMode mode = TrainingMode::Float;
    int epochs = 20;
    double learningRate = 0.05;
    std::vector<double> learningRates;  // per weight layer (MLP_NeuroSim alpha1, alpha2); empty = learningRate for all
    int imagesPerEpoch = 0;             // > 0: that many distinct samples drawn at random per epoch (NeuroSim numTrainImagesPerEpoch)
    int batchSize = 1;              // float and HWA; in situ always updates per sample
    double hwaNoise = 0.0;          // HWA: relative Gaussian weight noise (of max|W|) per forward pass
    std::uint64_t seed = 1;         // every random draw (init, shuffles, devices, noise)
    double initScale = 1.0;         // He/Xavier-style init multiplier
    bool trainAccuracyEachEpoch = true;  // false: skip the extra pass over the training set (large sets)
    int snapshotsPerEpoch = 0;      // conductance maps streamed per epoch (series g_layer<k>, g_histogram)
};

struct AnnRunSpec {
    NetworkSpec network;
    TrainingSpec training;
    AnalogSpec analog;
};

}  // namespace ms
