// Runs one ANN experiment (issue 6): builds the network, trains it in the
// chosen mode with the configured devices, and streams per-epoch accuracy and
// loss. This is the call an "ann_training" experiment kind makes.
//
// Streams (FrameSink):
//   series "epochs": epoch, train_loss, train_acc, test_acc (fractions 0..1), pulses, energy (J);
//          ex situ / HWA add one row (epoch = epochs + 1) for the programmed devices
//   series "g_layers": layer, rows (inputs incl. bias), cols (outputs), once before the maps
//   series "g_layer<k>" (training.snapshotsPerEpoch > 0, analog layers): t (epochs), row
//          (input), col (output), G_pos, G_neg (S); snapshots during in situ training, or
//          once after programming; "g_histogram": t, G (S), count (all devices, 40 bins)
//   series "confusion": true, predicted, count   (final test set)
//   scalars: final_accuracy, float_accuracy (ex situ / HWA), programming_rms_error,
//            programming_max_error, pulses, energy (J), stuck_devices, tiles
#pragma once

#include <vector>

#include "core/ann/AnnConfig.h"
#include "core/ann/Network.h"
#include "core/data/Dataset.h"
#include "core/sim/Frames.h"

namespace ms {

struct EpochRecord {
    int epoch = 0;
    double trainAccuracy = 0.0, testAccuracy = 0.0, loss = 0.0;
    long long pulses = 0;
    double energy = 0.0;
    double wallTime = 0.0;  // s: the epoch's training and evaluation passes
};

struct AnnRunResult {
    std::vector<EpochRecord> epochs;
    double testAccuracy = 0.0;          // final, on the devices at the read time (fraction 0..1)
    double floatAccuracy = -1.0;        // ex situ / HWA: the float network before programming
    ProgrammingReport programming;      // ex situ / HWA (summed over layers; errors: worst layer RMS / max)
    long long pulses = 0;               // all programming and update pulses
    double writeEnergy = 0.0;           // J
    std::size_t stuckDevices = 0;
    int tiles = 0;
    Eigen::MatrixXi confusion;          // rows true class, columns predicted
    std::string networkDescription;
};

// `data` must already be scaled (features in [0, 1]). Throws InputError for a bad
// spec, Cancelled when `stop` is requested (checked every 64 samples).
AnnRunResult runAnnTraining(const AnnRunSpec& spec, const Split& data, FrameSink& sink, const StopToken& stop);

// The training samples of epoch `epoch` (0-based) in the order trained: a seeded
// permutation of all trainSize samples, or with imagesPerEpoch > 0 its first
// imagesPerEpoch (distinct samples drawn at random from the whole set; MLP_NeuroSim's
// numTrainImagesPerEpoch, which draws them with replacement).
std::vector<int> epochSamples(int trainSize, int imagesPerEpoch, std::uint64_t seed, int epoch);

// Accuracy (0..1) of `net` on `d`, forward passes through whatever the slots hold.
double evaluateAccuracy(Network& net, const Dataset& d, SynapseRng& rng, Eigen::MatrixXi* confusion = nullptr);

}  // namespace ms
