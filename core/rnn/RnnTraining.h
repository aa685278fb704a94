// Trains a recurrent network (RecurrentNetwork.h) on a sequence task in one of
// the ANN kinds' modes (AnnConfig.h TrainingMode) and streams what the studio
// plots. The "rnn_sequence" experiment kind calls this.
//
//   float           BPTT, SGD or Adam, gradient clipping by global norm
//   ex_situ         float training, then AnalogWeights::program (open loop or
//                   write-verify) and evaluation through the tiles
//   in_situ         the weights live on the devices from the start; every
//                   optimiser step dW is applied as pulses (applyUpdate), as
//                   Li et al. 2019 trained their LSTM on a crossbar
//   hardware_aware  float training with weight noise per pass, then programming
//
// Streams (FrameSink):
//   series "epochs": epoch, train_loss, test_loss, test_acc (classes; NaN for
//          series), test_nrmse (series; NaN for classes), pulses, energy (J),
//          wall_time (s); ex situ / HWA add a row (epoch = epochs + 1) for the devices
//   series "prediction" (regression): step, target, prediction (test set, time order)
//   series "hidden_state": step, unit, h (the first test sequence)
//   series "gates" (LSTM, GRU): step, gate (LSTM 0 i, 1 f, 2 g, 3 o; GRU 0 z, 1 r, 2 n),
//          unit, value (same sequence)
//   series "g_layers", "g_layer0" (the cell matrix, gate row blocks as in "gates"),
//          "g_layer1" (the readout), "g_histogram" (core/ann/ConductanceSnapshots.h):
//          in situ at t = 0 and after every epoch, ex situ / HWA once as programmed
//   scalars: final_accuracy or final_nrmse, seconds_per_epoch; float_accuracy /
//            float_nrmse, programming_rms_error, programming_max_error (ex situ, HWA);
//            pulses, energy, tiles (every run on devices, not float ones)
#pragma once

#include <cmath>
#include <vector>

#include "core/ann/AnnConfig.h"
#include "core/rnn/RecurrentNetwork.h"
#include "core/rnn/SequenceTasks.h"
#include "core/sim/Frames.h"

namespace ms {

enum class RnnOptimizer { Sgd, Adam };

struct RnnRunSpec {
    CellType cell = CellType::Lstm;
    int hidden = 32;
    RnnOptimizer optimizer = RnnOptimizer::Adam;
    int epochs = 15;
    double learningRate = 0.01;
    int batchSize = 16;
    double gradientClip = 5.0;  // global norm of one step's gradient (0: off)
    double initScale = 1.0;
    double hwaNoise = 0.0;
    std::uint64_t seed = 1;
    TrainingMode mode = TrainingMode::Float;
    AnalogSpec analog;
};

struct RnnEpochRecord {
    int epoch = 0;
    double trainLoss = 0.0, testLoss = 0.0, testAccuracy = 0.0, testNrmse = 0.0;
    long long pulses = 0;
    double energy = 0.0, wallTime = 0.0;
};

struct RnnRunResult {
    std::vector<RnnEpochRecord> epochs;
    double accuracy = std::nan("");  // final, classes (0..1)
    double nrmse = std::nan("");     // final, regression
    double floatAccuracy = std::nan(""), floatNrmse = std::nan("");  // ex situ / HWA before programming
    ProgrammingReport programming;
    long long pulses = 0;
    double writeEnergy = 0.0;
    int tiles = 0;
    double secondsPerEpoch = 0.0;    // mean wall time of the training passes
};

struct RnnEvaluation {
    double loss = 0.0, accuracy = std::nan(""), nrmse = std::nan("");
    std::vector<double> predictions;  // regression: first output per sequence
};

// Loss and accuracy (classes) or NRMSE (series: RMS error / standard deviation of the targets).
RnnEvaluation evaluateRnn(const RecurrentNetwork& net, const SequenceSet& data, SynapseRng& rng);

// Throws InputError for a bad spec or data, Cancelled when `stop` is requested.
RnnRunResult runRnnTraining(const RnnRunSpec& spec, const SequenceSplit& data, FrameSink& sink, const StopToken& stop);

}  // namespace ms
