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

// ---- Additions (issue 6) ------------------------------------------------

// The rows `indices` of `all`, in that order (metadata copied).
Dataset subsetOf(const Dataset& all, const std::vector<int>& indices);

// Shuffles the samples in place with a seeded Fisher-Yates shuffle whose
// index draws are defined here (not by the standard library), so a seed gives
// the same order on every platform.
void shuffleSamples(Dataset& d, std::uint64_t seed);

// A permutation of 0..n-1 from `seed` (the same one shuffleSamples uses).
std::vector<int> seededPermutation(int n, std::uint64_t seed);

// Writes an IDX file (MNIST format, unsigned bytes). `dims` are the IDX
// dimensions (e.g. {n, 28, 28} for images, {n} for labels); values are
// rounded and must lie in 0..255. A path ending in ".gz" is gzip-compressed.
void writeIdxBytes(const std::string& path, const std::vector<int>& dims, const std::vector<std::uint8_t>& values);

// Image transforms (ImageTransforms.cpp); InputError named after the data
// section's setting ("cropWidth", "downsample") on a bad size or a tabular set.
// Centre crop to width x height pixels.
void centreCrop(Dataset& d, int width, int height);
// Shrinks each image by an integer factor (dividing both sides), each pixel the mean of its block.
void downsampleImages(Dataset& d, int factor);
// Every feature to 1 where it is >= threshold, else 0.
void binarise(Dataset& d, double threshold);

// Fashion-MNIST from the Debian package dataset-fashion-mnist, when installed.
// Returns the folder holding the four IDX files, or "" when absent.
std::string findFashionMnist(const std::string& folder = "/usr/share/datasets/fashion-mnist");
// Its official 60,000 / 10,000 split (labels named T-shirt/top .. Ankle boot).
Split loadFashionMnist(const std::string& folder);

}  // namespace ms
