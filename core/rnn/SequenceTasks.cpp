#include "core/rnn/SequenceTasks.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/common/Errors.h"

namespace ms {

SequenceSet imagesAsRowSequences(const Dataset& d) {
    if (d.imageWidth <= 0 || d.imageHeight <= 0 || d.imageWidth * d.imageHeight != d.features.cols())
        throw InputError("data.set", "'" + d.name + "' is not an image set: its rows cannot be read as a sequence");
    SequenceSet s;
    s.classes = d.classCount;
    s.labels = d.labels;
    s.sequences.reserve(d.labels.size());
    for (Eigen::Index k = 0; k < d.features.rows(); ++k) {
        Eigen::MatrixXd seq(d.imageHeight, d.imageWidth);
        for (int r = 0; r < d.imageHeight; ++r)
            for (int c = 0; c < d.imageWidth; ++c) seq(r, c) = d.features(k, r * d.imageWidth + c);
        s.sequences.push_back(std::move(seq));
    }
    return s;
}

std::vector<double> loadSeriesCsv(const std::string& file, int column) {
    std::ifstream in(file);
    if (!in) throw InputError(file, "cannot open the series file");
    std::vector<double> out;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        std::stringstream fields(line);
        std::string field;
        int k = 0;
        bool found = false;
        while (std::getline(fields, field, ',')) {
            if (k++ == column) {
                found = true;
                break;
            }
        }
        const std::string where = file + ":" + std::to_string(number);
        if (!found) {
            if (out.empty() && number == 1) continue;  // a header with fewer fields
            throw InputError(where, "has " + std::to_string(k) + " fields, no column " + std::to_string(column) + " (0-based)");
        }
        char* end = nullptr;
        const double v = std::strtod(field.c_str(), &end);
        const bool number_ok = end != field.c_str() && std::string(end).find_first_not_of(" \t") == std::string::npos;
        if (!number_ok || !std::isfinite(v)) {
            if (out.empty() && number == 1) continue;  // the header
            throw InputError(where, "column " + std::to_string(column) + " is '" + field + "', not a finite number");
        }
        out.push_back(v);
    }
    if (out.size() < 2) throw InputError(file, "holds " + std::to_string(out.size()) + " values; a series needs at least 2");
    return out;
}

SequenceSplit oneStepWindows(const std::vector<double>& series, int window, double trainFraction) {
    const int n = static_cast<int>(series.size()) - window;
    if (window < 1 || n < 2)
        throw InputError("window", "needs at least " + std::to_string(window + 2) + " samples (series has " +
                                       std::to_string(series.size()) + ")");
    const int nTrain = std::clamp(static_cast<int>(std::lround(n * trainFraction)), 1, n - 1);
    // Scale by the range the training windows see (no peeking at the test part).
    const auto [lo, hi] = std::minmax_element(series.begin(), series.begin() + nTrain + window);
    const double mid = 0.5 * (*hi + *lo), half = std::max(1e-12, 0.5 * (*hi - *lo));
    SequenceSplit out;
    for (int k = 0; k < n; ++k) {
        SequenceSet& s = k < nTrain ? out.train : out.test;
        Eigen::MatrixXd seq(window, 1);
        for (int t = 0; t < window; ++t) seq(t, 0) = (series[static_cast<std::size_t>(k + t)] - mid) / half;
        s.sequences.push_back(std::move(seq));
        s.targets.push_back(Eigen::VectorXd::Constant(1, (series[static_cast<std::size_t>(k + window)] - mid) / half));
    }
    return out;
}

}  // namespace ms
