// A labelled data set of feature vectors (digits 8x8, Iris, MNIST-format IDX).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace ms {

struct Dataset {
    std::string name;                     // "digits", "iris", "fashion-mnist"
    Eigen::MatrixXd features;             // samples x features, values as stored (digits: 0..16)
    std::vector<int> labels;              // 0 .. classCount-1
    int classCount = 0;
    std::vector<std::string> classNames;  // may be empty
    int imageWidth = 0, imageHeight = 0;  // for image sets (0 for tabular)
};

// Loaders throw ms::InputError naming the file, line and column (or byte
// offset) of what is wrong. Paths may end in .gz (gzip) or be plain.
Dataset loadDigitsCsv(const std::string& path);  // 64 features + label per line
Dataset loadIrisCsv(const std::string& path);    // header "150,4,names..." then rows
Dataset loadIdx(const std::string& imagesPath, const std::string& labelsPath, const std::string& name);

struct Split {
    Dataset train, test;
};
// Stratification-free shuffled split with a recorded seed; testFraction in (0, 1).
Split splitDataset(const Dataset& all, double testFraction, std::uint64_t seed);

// Scales features in place to [0, 1] by dividing by `maxValue` (digits: 16, images: 255).
void scaleFeatures(Dataset& d, double maxValue);

}  // namespace ms
