// What an "ann_training" experiment runs on besides the network: the data set
// (digits and Iris from resources/data, Fashion-MNIST from the Debian package
// dataset-fashion-mnist), its split and subsets, and a memory estimate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ann/AnnConfig.h"
#include "core/data/Dataset.h"

namespace ms {

struct AnnExperimentSetup {
    AnnRunSpec run;
    std::string dataSet = "digits";  // "digits", "iris", "fashion-mnist"
    std::string dataFolder;          // fashion-mnist: "" = /usr/share/datasets/fashion-mnist
    double testFraction = 0.3;       // digits, iris
    std::uint64_t splitSeed = 0;
    int trainSamples = 0, testSamples = 0;  // 0 = all; else a seeded subset
    // Image transforms, in this order, after scaling to [0, 1] (core/data ImageTransforms.cpp).
    int cropWidth = 0, cropHeight = 0;  // centre crop (0 = the full side)
    int downsample = 1;                 // block-mean shrink factor (1 = none)
    double binarize = 0.0;              // > 0: features >= binarize become 1, others 0
};

// Features per sample of the set after the transforms (iris 4; images w x h).
int annFeatureCount(const AnnExperimentSetup& s);

inline constexpr const char* kFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

// Features scaled to [0, 1] (digits / 16, Iris / 8 cm, images / 255). InputError
// ("data.set") naming the missing file and where it was looked for.
Split loadAnnData(const AnnExperimentSetup& s);

// Bytes a run needs: the data set as doubles, every device state, the snapshots.
double annMemoryEstimate(const AnnExperimentSetup& s);

}  // namespace ms
