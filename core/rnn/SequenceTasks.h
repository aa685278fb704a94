// The sequence tasks of issue 17: 8x8 digits read row by row (8 steps of 8
// pixels, classify after the last row) and one-step prediction of a series
// (docs/rnn.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/data/Dataset.h"

namespace ms {

struct SequenceSet {
    std::vector<Eigen::MatrixXd> sequences;  // each steps x features
    std::vector<int> labels;                 // classification (else empty)
    std::vector<Eigen::VectorXd> targets;    // regression (else empty)
    int classes = 0;                         // 0 for regression
    std::size_t size() const { return sequences.size(); }
};

struct SequenceSplit {
    SequenceSet train, test;
};

// Each image of `d` (imageWidth x imageHeight, row-major features) as
// imageHeight steps of imageWidth pixels, top row first. InputError on a
// tabular set.
SequenceSet imagesAsRowSequences(const Dataset& d);

// One-step prediction of a series (the Mackey-Glass series of core/data/MackeyGlass.h,
// or any other): windows of `window` consecutive values (one feature per step) whose
// target is the value after; the series is first scaled to [-1, 1] by the range of
// the training part. The first trainFraction of the windows (in time order) train,
// the rest test.
// A series from a CSV file: one value per line, or the 0-based `column` of
// comma-separated lines; a first line that is not a number (a header) is
// skipped, blank lines too. InputError(file:line, why) for anything else, and
// for fewer than 2 values.
std::vector<double> loadSeriesCsv(const std::string& file, int column = 0);

SequenceSplit oneStepWindows(const std::vector<double>& series, int window, double trainFraction);

}  // namespace ms
